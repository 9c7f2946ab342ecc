import { Prisma } from "../../generated/prisma/client.ts";
import { formatCount, formatDay } from "../../domain/format.ts";
import { PUBLISHED_TEXT, REFUSAL_TEXT } from "../summary-text.ts";
import { FatalImportError } from "../fatal.ts";
import type { HeaderMap } from "../header.ts";
import { loadUnitCodes } from "../lookups.ts";
import { publishRegister, PublishConflict, registerConflicts } from "../publish.ts";
import { registeredVenuesCte } from "../registered-sql.ts";
import { textOf, intOf } from "../rows.ts";
import { loadUnitTree, stagedCellsSummary, type UnitTree } from "../scope-units.ts";
import { openStageWriter, prepareStage, STAGE, type StageWriter } from "../staging.ts";
import { UNDO_VENUE_DAY_TABLE } from "../undo.ts";
import { isoDayOfEpochDay } from "../values.ts";
import { VenueRegisterReader, type UnitCodes } from "../venue-register.ts";
import type { ImportKindModule, KindOpenContext, KindRun } from "./types.ts";

// Venue registers (danh sách địa điểm có mã QR): one line per venue. Rows are staged (COPY) as the
// file streams in; the publish upserts the venues and writes qr_venues of the wards they touch.

class VenueRegisterRun implements KindRun {
  private reader: VenueRegisterReader | null = null;

  constructor(
    private readonly ctx: KindOpenContext,
    private readonly tree: UnitTree,
    private readonly units: UnitCodes,
    private readonly stage: StageWriter,
  ) {}

  start(header: HeaderMap): void {
    this.reader = new VenueRegisterReader(header, this.units, this.ctx.errors, this.stage, this.ctx.today);
  }

  row(record: Parameters<VenueRegisterReader["row"]>[0]): void {
    this.reader?.row(record);
  }

  afterChunk(): Promise<void> {
    return this.stage.flushIfFull();
  }

  async endOfFile(): Promise<void> {}

  async beforeFail(): Promise<void> {}

  dayRange(): ReturnType<KindRun["dayRange"]> {
    const reader = this.reader;
    if (!reader || reader.accepted === 0) throw new FatalImportError("Tệp không có địa điểm hợp lệ nào.", null, false, REFUSAL_TEXT.noValidVenues);
    const registerDays = this.ctx.config.registerDays;
    const from = Math.max(reader.firstDay, reader.lastDay - registerDays + 1);
    const details =
      from > reader.firstDay
        ? [
            `Số địa điểm đăng ký theo phường được ghi cho ${formatCount(registerDays)} ngày gần nhất ` +
              `(từ ${formatDay(isoDayOfEpochDay(from))}); các ngày trước đó giữ nguyên.`,
          ]
        : [];
    return { from: isoDayOfEpochDay(from), to: isoDayOfEpochDay(reader.lastDay), details };
  }

  async beforePublish(): Promise<void> {
    await this.stage.finish();
  }

  async publish(tx: Parameters<KindRun["publish"]>[0], ctx: Parameters<KindRun["publish"]>[1]): ReturnType<KindRun["publish"]> {
    const conflicts = await registerConflicts(tx);
    if (conflicts.length > 0) {
      throw new PublishConflict(conflicts, `${formatCount(conflicts.length)} dòng mâu thuẫn với lượt quét đã có: không có số liệu nào được ghi.`);
    }
    const r = await publishRegister(tx, ctx);
    return {
      summary:
        `Đã nạp ${formatCount(r.created + r.changed + r.unchanged)} địa điểm: ${formatCount(r.created)} mới, ${formatCount(r.changed)} cập nhật, ` +
        `${formatCount(r.unchanged)} không đổi; ghi số địa điểm đăng ký cho ${formatCount(r.wardDays)} phường-ngày.`,
      summaryText: PUBLISHED_TEXT.venues(r.created, r.changed, r.unchanged, r.wardDays),
      details: [],
      scope: await stagedCellsSummary(tx, this.tree, "venues"),
    };
  }
}

export const venueRegister = {
  kind: "VENUE_REGISTER",
  columns: [
    { name: "venue_code", required: true, label: "mã địa điểm", type: "chuỗi 1–40 ký tự, không trùng trong tệp", example: "HK-00049-0007" },
    { name: "name", required: true, label: "tên địa điểm", type: "chuỗi 1–300 ký tự", example: "Chợ Hàng Da" },
    { name: "address", required: false, label: "địa chỉ", type: "chuỗi tối đa 500 ký tự, có thể trống", example: "2 Hàng Da, Hoàn Kiếm" },
    {
      name: "category",
      required: true,
      label: "loại địa điểm",
      type: "AGENCY, BUSINESS, MARKET, SCHOOL, HEALTH_FACILITY, WARD_OFFICE, OTHER (hoặc tên tiếng Việt)",
      example: "MARKET",
    },
    { name: "ward_code", required: true, label: "mã phường", type: "mã phường, xã (Tổng cục Thống kê) đã có trong hệ thống", example: "00049" },
    { name: "registered_on", required: true, label: "ngày đăng ký", type: "ngày YYYY-MM-DD", example: "2021-07-20" },
    { name: "status", required: false, label: "trạng thái", type: "ACTIVE, SUSPENDED, CLOSED (hoặc tên tiếng Việt); trống = ACTIVE", example: "ACTIVE" },
  ],
  sampleFile: "venue-register.csv",
  help:
    "Mỗi dòng là một địa điểm có mã QR. Tệp thêm hoặc cập nhật các địa điểm của nó và ghi lại số địa điểm đăng ký " +
    "của các phường, xã có địa điểm trong tệp; địa điểm đã có lượt quét không đổi được phường.",
  fixedScope: "danh sách địa điểm luôn chỉ thay số địa điểm đăng ký của các phường, xã có địa điểm trong tệp.",
  groups: ["QR"],
  async open(ctx) {
    const tree = await loadUnitTree(ctx.session.exec);
    const units = await loadUnitCodes(ctx.session);
    await prepareStage(ctx.session, STAGE.venues);
    return new VenueRegisterRun(ctx, tree, units, openStageWriter(ctx.session, STAGE.venues));
  },
  rollback: {
    cells: "phường-ngày",
    async beforeUndo(tx, importId) {
      const rows = await tx.rows(Prisma.sql`
        DELETE FROM venue v
        WHERE v.import_id = ${importId}::int
          AND NOT EXISTS (SELECT 1 FROM venue_day_scan s WHERE s.venue_id = v.id)
          AND NOT EXISTS (SELECT 1 FROM scan_log l WHERE l.venue_id = v.id)
          AND NOT EXISTS (SELECT 1 FROM ${Prisma.raw(UNDO_VENUE_DAY_TABLE)} b WHERE b.venue_id = v.id)
        RETURNING v.ward_code, v.registered_on::text AS day`);
      const deleted = rows.map((r) => ({ ward: textOf(r, "ward_code"), day: textOf(r, "day") }));
      const kept = await tx.rows(Prisma.sql`SELECT count(*)::int AS n FROM venue WHERE import_id = ${importId}::int`);
      const details = [`Đã xoá ${formatCount(deleted.length)} địa điểm do lần nhập này tạo và chưa có lượt quét.`];
      const keptCount = intOf(kept[0], "n");
      if (keptCount > 0) details.push(`Giữ lại ${formatCount(keptCount)} địa điểm do lần nhập này tạo vì đã có lượt quét.`);
      details.push("Thông tin của các địa điểm đã có từ trước mà lần nhập này cập nhật không được khôi phục.");
      return { details, deleted };
    },
    restoredText: (restored) => `Đã khôi phục số địa điểm đăng ký của ${formatCount(restored)} phường-ngày về như trước lần nhập này.`,
    async legacy(tx, importId, from, to) {
      const deleted = await tx.execute(Prisma.sql`
        DELETE FROM venue v
        WHERE v.import_id = ${importId}::int
          AND NOT EXISTS (SELECT 1 FROM venue_day_scan s WHERE s.venue_id = v.id)
          AND NOT EXISTS (SELECT 1 FROM scan_log l WHERE l.venue_id = v.id)`);
      await tx.execute(Prisma.sql`
        WITH ${registeredVenuesCte(from, to)}
        UPDATE daily_figure f SET qr_venues = r.qr, updated_at = now()
        FROM registered r
        WHERE f.unit_code = r.ward_code AND f.day = r.day AND f.source = 'IMPORT' AND f.qr_venues IS NOT NULL`);
      return [`Đã xoá ${formatCount(deleted)} địa điểm do lần nhập này tạo và chưa có lượt quét.`];
    },
  },
} as const satisfies ImportKindModule<"VENUE_REGISTER">;
