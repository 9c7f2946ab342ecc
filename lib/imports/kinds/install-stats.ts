import { Prisma } from "../../generated/prisma/client.ts";
import { formatCount, formatDay } from "../../domain/format.ts";
import { PUBLISHED_TEXT, REFUSAL_TEXT, type SummaryPart } from "../summary-text.ts";
import { FatalImportError } from "../fatal.ts";
import type { HeaderMap } from "../header.ts";
import { InstallStatsReader } from "../install-stats.ts";
import { loadUnitCodes } from "../lookups.ts";
import { deleteEmptyImportRows, publishInstalls } from "../publish.ts";
import { openStageWriter, prepareStage, STAGE, type StageWriter } from "../staging.ts";
import { isoDayOfEpochDay } from "../values.ts";
import type { UnitCodes } from "../venue-register.ts";
import type { ImportKindModule, KindOpenContext, KindRun } from "./types.ts";

// Install statistics (thống kê cài đặt Bluezone): smartphones and installs per unit and day, at any
// level. Rows are staged (COPY) as the file streams in; the publish replaces exactly the (unit, day)
// rows of the file.

class InstallStatsRun implements KindRun {
  private reader: InstallStatsReader | null = null;

  constructor(
    private readonly ctx: KindOpenContext,
    private readonly units: UnitCodes,
    private readonly stage: StageWriter,
  ) {}

  start(header: HeaderMap): void {
    this.reader = new InstallStatsReader(header, this.units, this.ctx.errors, this.stage, this.ctx.today, this.ctx.config.maxDays);
  }

  row(record: Parameters<InstallStatsReader["row"]>[0]): void {
    this.reader?.row(record);
  }

  afterChunk(): Promise<void> {
    return this.stage.flushIfFull();
  }

  async endOfFile(): Promise<void> {}

  async beforeFail(): Promise<void> {}

  dayRange(): ReturnType<KindRun["dayRange"]> {
    const range = this.reader?.dayRange() ?? null;
    if (range === null) throw new FatalImportError("Tệp không có dòng số liệu hợp lệ nào.", null, false, REFUSAL_TEXT.noValidInstallRows);
    const maxDays = this.ctx.config.maxDays;
    if (range.to - range.from + 1 > maxDays) {
      throw new FatalImportError(
        `Số liệu trải từ ${formatDay(isoDayOfEpochDay(range.from))} đến ${formatDay(isoDayOfEpochDay(range.to))}, ` +
          `quá ${maxDays} ngày của một lần nhập (WARDWATCH_IMPORT_MAX_DAYS).`,
        null,
        false,
        REFUSAL_TEXT.installDaysOver(isoDayOfEpochDay(range.from), isoDayOfEpochDay(range.to), maxDays),
      );
    }
    return { from: isoDayOfEpochDay(range.from), to: isoDayOfEpochDay(range.to), details: [] };
  }

  async beforePublish(): Promise<void> {
    await this.stage.finish();
  }

  async publish(tx: Parameters<KindRun["publish"]>[0], ctx: Parameters<KindRun["publish"]>[1]): ReturnType<KindRun["publish"]> {
    const r = await publishInstalls(tx, ctx);
    const details: SummaryPart[] = [];
    if (r.replacedRows > 0) {
      details.push({ text: `Thay ${formatCount(r.replacedRows)} số liệu đơn vị-ngày đã nhập trước đó.`, message: PUBLISHED_TEXT.installsReplaced(r.replacedRows) });
    }
    if (r.keptRows > 0) {
      details.push({
        text: `Giữ nguyên ${formatCount(r.keptRows)} số liệu đơn vị-ngày đã nhập của các ngày này không có trong tệp.`,
        message: PUBLISHED_TEXT.installsKept(r.keptRows),
      });
    }
    return {
      summary: `Đã nạp số điện thoại và lượt cài Bluezone của ${formatCount(r.units)} đơn vị-ngày (chỉ thay các dòng đơn vị-ngày có trong tệp).`,
      summaryText: PUBLISHED_TEXT.installs(r.units),
      details,
      scope: null,
    };
  }
}

export const installStats = {
  kind: "INSTALL_STATS",
  columns: [
    { name: "unit_code", required: true, label: "mã đơn vị", type: "mã đơn vị hành chính ở bất kỳ cấp nào (VN, 01, 002, 00049)", example: "00049" },
    { name: "day", required: true, label: "ngày", type: "ngày YYYY-MM-DD", example: "2021-08-17" },
    { name: "smartphones", required: true, label: "số điện thoại thông minh", type: "số nguyên ≥ 0, viết liền", example: "8412" },
    { name: "installs", required: true, label: "số lượt cài Bluezone (luỹ kế)", type: "số nguyên ≥ 0, không lớn hơn số điện thoại", example: "4310" },
  ],
  sampleFile: "install-stats.csv",
  help:
    "Mỗi dòng là số điện thoại thông minh và số lượt cài Bluezone (luỹ kế) của một đơn vị trong một ngày. " +
    "Tệp chỉ thay các dòng đơn vị-ngày có trong tệp.",
  fixedScope: "thống kê cài đặt Bluezone luôn chỉ thay các dòng đơn vị-ngày có trong tệp.",
  groups: ["INSTALLS"],
  async open(ctx) {
    const units = await loadUnitCodes(ctx.session);
    await prepareStage(ctx.session, STAGE.installs);
    return new InstallStatsRun(ctx, units, openStageWriter(ctx.session, STAGE.installs));
  },
  rollback: {
    cells: "đơn vị-ngày",
    async beforeUndo() {
      return { details: [], deleted: [] };
    },
    restoredText: (restored) => `Đã khôi phục số điện thoại và lượt cài của ${formatCount(restored)} đơn vị-ngày về như trước lần nhập này.`,
    async legacy(tx, importId, from, to) {
      const rows = await tx.execute(Prisma.sql`
        UPDATE daily_figure SET smartphones = NULL, installs = NULL, import_id = NULL, updated_at = now()
        WHERE source = 'IMPORT' AND import_id = ${importId}::int`);
      await deleteEmptyImportRows(tx, from, to);
      return [`Đã xoá số điện thoại và lượt cài của ${formatCount(rows)} đơn vị-ngày.`];
    },
  },
} as const satisfies ImportKindModule<"INSTALL_STATS">;
