import { Prisma } from "../../generated/prisma/client.ts";
import { formatCount, formatDay } from "../../domain/format.ts";
import { PUBLISHED_TEXT, REFUSAL_TEXT } from "../summary-text.ts";
import type { IsoDay } from "../../domain/days.ts";
import { DatabaseReadError, FatalImportError } from "../fatal.ts";
import type { HeaderMap } from "../header.ts";
import { loadVenueLookup } from "../lookups.ts";
import { deleteEmptyImportRows, publishScans } from "../publish.ts";
import { textOf } from "../rows.ts";
import { ScanLogReader, type ScanScope, type VenueLookup } from "../scan-log.ts";
import { loadUnitTree, outOfScopeReason, outOfScopeText, resolveScope, scanLogCells, type ResolvedScope, type UnitTree } from "../scope-units.ts";
import type { ScopeSummary } from "../../domain/imports/scope.ts";
import { openStageWriter, VENUE_DAY_SCAN } from "../staging.ts";
import { STAGE_CELLS_TABLE } from "../undo.ts";
import { isoDayOfEpochDay } from "../values.ts";
import { ensureMonthPartitions } from "../../storage/partitions.ts";
import type { CsvDelimiter } from "../csv.ts";
import type { PieceKind } from "../pieces.ts";
import type { ImportKindModule, KindOpenContext, KindRun } from "./types.ts";

// QR scan logs (nhật ký quét mã QR): one line per scan. Counted per venue and day while the file
// streams in (nothing staged: a city's day is millions of lines), checked against the venue list,
// which loads while the first rows arrive. Replaces the scans of the wards of its scope on its days.

type Loaded = { ok: true; lookup: VenueLookup } | { ok: false; error: unknown };

/**
 * Rows read ahead of the venue list at most: past this, reading waits for the list. Without a
 * bound a national day (20 million rows, a list of 1,5 million venues that takes seconds to load)
 * kept millions of rows pending and the import peaked past 1 GB (issue 18); 1 million pending
 * rows take about 45 MB.
 */
export const MAX_PENDING_ROWS = 1_000_000;

class ScanLogRun implements KindRun {
  private reader: ScanLogReader | null = null;
  private lookup: VenueLookup | null = null;
  private settled = false;
  private readonly loading: Promise<Loaded>;
  private cells: [string, IsoDay][] = [];
  private summary: ScopeSummary | null = null;
  private header: HeaderMap | null = null;
  private scope: ScanScope | null = null;

  constructor(
    private readonly ctx: KindOpenContext,
    private readonly tree: UnitTree,
    private readonly resolved: ResolvedScope,
  ) {
    // The venue list loads while the file starts streaming in; rows read meanwhile wait (ScanLogReader).
    this.loading = loadVenueLookup(ctx.session, tree).then(
      (lookup) => ({ ok: true as const, lookup }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    void this.loading.then(() => {
      this.settled = true;
    });
  }

  /** Waits for the venue list and hands it to the reader. */
  private async ensureLookup(): Promise<void> {
    if (this.lookup !== null) return;
    const loaded = await this.loading;
    if (!loaded.ok) throw new DatabaseReadError(loaded.error);
    if (loaded.lookup.ids.length === 0) {
      throw new FatalImportError(
        "Chưa có địa điểm nào trong hệ thống: hãy nạp danh sách địa điểm có mã QR trước nhật ký quét.",
        null,
        false,
        REFUSAL_TEXT.noVenuesYet,
      );
    }
    this.lookup = loaded.lookup;
    this.reader?.resolve(loaded.lookup);
  }

  start(header: HeaderMap): void {
    const { tree, resolved } = this;
    const scope =
      resolved.allowed && resolved.label !== null
        ? {
            allowed: resolved.allowed,
            reason: (ward: number) => outOfScopeReason(tree, ward, resolved.label ?? ""),
            text: (ward: number) => outOfScopeText(tree, ward, resolved.label ?? ""),
          }
        : null;
    this.header = header;
    this.scope = scope;
    this.reader = new ScanLogReader(this.lookup, header, this.ctx.errors, this.ctx.config.maxDays, scope);
  }

  pieces(delimiter: CsvDelimiter): PieceKind | null {
    const { reader, lookup, header } = this;
    // Once every row read so far is checked against the venue list (the index carries registration days).
    if (reader === null || lookup === null || header === null || reader.waiting || !lookup.index.hasPayloads) return null;
    const scope = this.scope;
    return {
      setup: {
        index: lookup.index.shared(),
        delimiter,
        codeCol: header.index.get("venue_code") ?? 0,
        timeCol: header.index.get("scanned_at") ?? 1,
        deviceCol: header.index.get("device_hash") ?? -1,
        width: header.width,
        allowed: scope?.allowed ?? null,
        ward: scope === null ? null : (lookup.ward ?? new Int32Array(lookup.ids.length).fill(-1)),
      },
      merge: (venues, days, rows) => reader.countPiece(venues, days, rows),
    };
  }

  row(record: Parameters<ScanLogReader["row"]>[0]): void {
    this.reader?.row(record);
  }

  async afterChunk(): Promise<void> {
    // Once the list is there, the rows read so far are checked against it and the rest directly;
    // past MAX_PENDING_ROWS, reading waits for it (memory stays bounded whatever the file's size).
    if (this.lookup === null && (this.settled || (this.reader?.pendingRows ?? 0) >= MAX_PENDING_ROWS)) await this.ensureLookup();
  }

  endOfFile(): Promise<void> {
    return this.ensureLookup();
  }

  async beforeFail(): Promise<void> {
    // Rows read before the venue list arrived still get their errors reported.
    if (this.reader?.waiting) await this.ensureLookup().catch(() => undefined);
  }

  dayRange(): { from: IsoDay; to: IsoDay; details: string[] } {
    const range = this.reader?.dayRange() ?? null;
    if (range === null) throw new FatalImportError("Tệp không có lượt quét hợp lệ nào.", null, false, REFUSAL_TEXT.noValidScans);
    const maxDays = this.ctx.config.maxDays;
    if (range.to - range.from + 1 > maxDays) {
      throw new FatalImportError(
        `Các lượt quét trải từ ${formatDay(isoDayOfEpochDay(range.from))} đến ${formatDay(isoDayOfEpochDay(range.to))}, ` +
          `quá ${maxDays} ngày của một lần nhập (WARDWATCH_IMPORT_MAX_DAYS). Kiểm tra các dòng có ngày bất thường hoặc chia tệp theo ngày.`,
        null,
        false,
        REFUSAL_TEXT.scanDaysOver(isoDayOfEpochDay(range.from), isoDayOfEpochDay(range.to), maxDays),
      );
    }
    return { from: isoDayOfEpochDay(range.from), to: isoDayOfEpochDay(range.to), details: [] };
  }

  async beforePublish(): Promise<void> {
    const reader = this.reader;
    if (!reader) return;
    const scope = scanLogCells(this.resolved, this.tree, reader.wardDays());
    this.summary = scope.summary;
    this.cells = scope.cells;
    // The months' partitions of venue_day_scan, before (not inside) the publish transaction:
    // creating one locks the default partition briefly (lib/storage/partitions.ts).
    const range = reader.dayRange();
    if (range) await ensureMonthPartitions(this.ctx.session.exec, "venue_day_scan", isoDayOfEpochDay(range.from), isoDayOfEpochDay(range.to));
  }

  async publish(tx: Parameters<KindRun["publish"]>[0], ctx: Parameters<KindRun["publish"]>[1]): ReturnType<KindRun["publish"]> {
    const reader = this.reader;
    if (!reader) throw new Error("scan log published before its header was read");
    const session = this.ctx.session;
    const cellWriter = openStageWriter(session, STAGE_CELLS_TABLE, tx);
    for (const cell of this.cells) {
      cellWriter.add(cell);
      await cellWriter.flushIfFull();
    }
    await cellWriter.finish();
    const r = await publishScans(tx, ctx, async () => {
      const writer = openStageWriter(session, VENUE_DAY_SCAN, tx);
      for (const [venueId, day, scans] of reader.aggregates()) {
        writer.add([venueId, isoDayOfEpochDay(day), scans]);
        await writer.flushIfFull();
      }
      return writer.finish();
    });
    const perDay = [...reader.scansPerDay().entries()].sort((a, b) => a[0] - b[0]);
    const total = perDay.reduce((sum, [, n]) => sum + n, 0);
    const days = perDay.map(([d, n]) => `${formatDay(isoDayOfEpochDay(d))}: ${formatCount(n)}`);
    return {
      summary:
        `Đã nạp ${formatCount(total)} lượt quét tại ${formatCount(r.venueDays)} địa điểm-ngày; ghi số liệu quét cho ${formatCount(r.wards)} phường-ngày ` +
        `(lượt quét theo ngày: ${days.join("; ")}).`,
      summaryText: PUBLISHED_TEXT.scans(
        total,
        r.venueDays,
        r.wards,
        perDay.map(([d, n]) => [isoDayOfEpochDay(d), n] as const),
      ),
      details:
        r.replacedVenueDays > 0
          ? [
              {
                text: `Đã thay ${formatCount(r.replacedVenueDays)} dòng địa điểm-ngày có sẵn trong phạm vi này.`,
                message: PUBLISHED_TEXT.scansReplaced(r.replacedVenueDays),
              },
            ]
          : [],
      scope: this.summary,
    };
  }
}

/** The days of a legacy scan log that no later successful import of its kind took over. */
async function ownedDays(tx: Parameters<KindRun["publish"]>[0], importId: number): Promise<IsoDay[]> {
  const rows = await tx.rows(Prisma.sql`
    SELECT g::date::text AS day
    FROM import x, generate_series(x.day_from, x.day_to, interval '1 day') AS g
    WHERE x.id = ${importId}::int
      AND NOT EXISTS (
        SELECT 1 FROM import l
        WHERE l.kind = x.kind AND l.status = 'SUCCEEDED' AND l.id > x.id AND g::date BETWEEN l.day_from AND l.day_to)
    ORDER BY 1`);
  return rows.map((r) => textOf(r, "day"));
}

export const qrScanLog = {
  kind: "QR_SCAN_LOG",
  columns: [
    { name: "venue_code", required: true, label: "mã địa điểm", type: "chuỗi, mã của một địa điểm đã có trong danh sách", example: "HK-00049-0007" },
    {
      name: "scanned_at",
      required: true,
      label: "thời điểm quét",
      type: "ISO 8601 có múi giờ: YYYY-MM-DDTHH:MM[:SS[.mmm]](Z hoặc +07:00)",
      example: "2021-08-14T08:30:00+07:00",
    },
    { name: "device_hash", required: false, label: "mã thiết bị ẩn danh", type: "tuỳ chọn; ký tự ASCII in được, tối đa 128", example: "9f2c4e1a" },
  ],
  sampleFile: "qr-scan-log.csv",
  help:
    "Mỗi dòng là một lượt quét mã QR tại một địa điểm đã đăng ký. Tệp thay số liệu quét của các phường, xã trong phạm vi " +
    "(mặc định: các quận, huyện có địa điểm trong tệp) cho các ngày của tệp; phường không có lượt quét nào trong tệp nhận 0.",
  fixedScope: null,
  groups: ["SCANS", "QR"],
  async open(ctx) {
    const tree = await loadUnitTree(ctx.session.exec);
    const resolved = resolveScope(ctx.scope, tree);
    if ("error" in resolved) throw new FatalImportError(resolved.error);
    return new ScanLogRun(ctx, tree, resolved);
  },
  rollback: {
    cells: "phường-ngày",
    async beforeUndo() {
      return { details: [], deleted: [] };
    },
    restoredText: (restored, venueDays) =>
      `Đã khôi phục số liệu quét của ${formatCount(restored)} phường-ngày về như trước lần nhập này (${formatCount(venueDays)} dòng lượt quét theo địa điểm-ngày).`,
    async legacy(tx, importId, from, to) {
      const days = await ownedDays(tx, importId);
      const venueDays = days.length === 0 ? 0 : await tx.execute(Prisma.sql`DELETE FROM venue_day_scan WHERE day = ANY(${days}::date[])`);
      const wards =
        days.length === 0
          ? 0
          : await tx.execute(Prisma.sql`
              UPDATE daily_figure f SET active_venues = NULL, scans = NULL, updated_at = now()
              FROM unit u
              WHERE u.code = f.unit_code AND u.level = 'WARD' AND f.source = 'IMPORT'
                AND f.day = ANY(${days}::date[]) AND (f.active_venues IS NOT NULL OR f.scans IS NOT NULL)`);
      await deleteEmptyImportRows(tx, from, to);
      const details = [`Đã xoá ${formatCount(venueDays)} dòng lượt quét theo địa điểm-ngày và số liệu quét của ${formatCount(wards)} phường-ngày.`];
      if (days.length === 0) details.push("Mọi ngày của lần nhập này đã được lần nhập sau thay thế: số liệu hiện tại không đổi.");
      return details;
    },
  },
} as const satisfies ImportKindModule<"QR_SCAN_LOG">;
