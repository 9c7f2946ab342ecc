import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/permissions";
import { refreshRollups } from "@/lib/figures/rollups";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { DEFAULT_SOURCE_PRIORITY } from "@/lib/domain/figures";
import { csvText } from "@/lib/documents/csv";
import { jsonStream } from "@/lib/documents/json";
import type { ExportTable } from "@/lib/documents/table";
import { xlsxStream } from "@/lib/documents/xlsx";
import type { ExportDataset, ExportFilters } from "@/lib/schemas/exports";
import { HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createRoleUsers } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Issue 11 in the exports, the JSON API and the documents, on both databases. Hoàn Kiếm over four
// days, every other district of Hà Nội with its own imported figures:
//   16/8  all 18 wards: two with the same exact ratio (10.229/20.000 and 20.458/40.000), one with
//         0 smartphones, one whose smartphone count is imported while its installs are reported
//   17/8  the same, but one ward has only QR figures (a scan log): 17/18
//   18/8  Phúc Tân alone: 1/18, with a new smartphone count
//   19/8  one ward alone, with the count it had before its gap
// Exports show k/n and never rank a partial district; the district report PDF is made and says
// "Số liệu chưa đầy đủ (k/n phường)"; the draft dispatch is refused (409) naming what is missing.

const state = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));

const { serveDatabaseForTests } = await import("@/lib/db");
const { openExport } = await import("@/lib/data/exports");
const { figureProvenanceSql, loadFigureProvenance } = await import("@/lib/figures/effective-figures");
const { GET: apiRoute } = await import("@/app/api/v1/[dataset]/route");
const { GET: reportRoute } = await import("@/app/api/exports/district-report/route");
const { GET: dispatchRoute } = await import("@/app/api/exports/dispatch/route");

const WHOLE = "2021-08-16";
const QR_DAY = "2021-08-17";
const PARTIAL = "2021-08-18";
const AFTER_GAP = "2021-08-19";
const HANOI = "01";
const STAMP = { at: new Date("2021-08-20T03:00:00Z"), by: "Người thử" };

type Values = { smartphones?: number; installs?: number; qrVenues?: number; activeVenues?: number; scans?: number };
type Row = Record<string, string>;

async function csvRows(table: ExportTable): Promise<Row[]> {
  const text = await csvText(table);
  const [, ...rows]: string[][] = parse(text.slice(1));
  return rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.key, r[i] ?? ""])));
}

async function jsonRows(table: ExportTable): Promise<Record<string, string | number | null>[]> {
  const doc = JSON.parse(Buffer.from(await new Response(jsonStream(table, STAMP)).arrayBuffer()).toString("utf8")) as {
    rows: Record<string, string | number | null>[];
  };
  return doc.rows;
}

async function xlsxRows(table: ExportTable): Promise<Record<string, unknown>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await new Response(xlsxStream(table, STAMP)).arrayBuffer());
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(table.columns.map((c, i) => [c.key, row.getCell(i + 1).value])));
  });
  return rows;
}

async function pdfText(res: Response): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array((await res.arrayBuffer()).slice(0)));
  return (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, " ");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describeOnBothDatabases("exports completeness", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let chair: SessionUser;
  let wards: { code: string; name: string }[] = [];
  const w = (i: number) => {
    const ward = wards[i];
    if (!ward) throw new Error(`no ward ${i}`);
    return ward;
  };
  // wards[0] is Phúc Tân (00037, the first code); then the special cases
  const TIE_A = 1;
  const TIE_B = 2;
  const ZERO = 3;
  const GAP = 4;
  const QR_ONLY = 5;
  const SPLIT = 6;
  const NO_QR = 7;

  const exportFor = (user: SessionUser, dataset: ExportDataset, filters: Partial<ExportFilters>) =>
    openExport(user, { dataset, filters }, new Date("2021-08-20T05:00:00Z"));

  async function figure(unitCode: string, day: string, source: "WARD_REPORT" | "IMPORT", values: Values) {
    await db.prisma.dailyFigure.create({ data: { unitCode, day: isoDayToUtcDate(day), source, ...values } });
  }

  beforeAll(async () => {
    db = await open();
    serveDatabaseForTests(db);
    await seedUnits(db.prisma);
    ({ admin, official, chair } = await createRoleUsers(db.prisma));
    wards = await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM }, orderBy: { code: "asc" }, select: { code: true, name: true } });
    expect(w(0).code).toBe(PHUC_TAN);
    const districts = await db.prisma.unit.findMany({ where: { parentCode: HANOI, level: "DISTRICT" }, orderBy: { code: "asc" }, select: { code: true } });
    expect(districts).toHaveLength(30);
    await db.prisma.target.create({ data: { unitCode: HANOI, metric: "COVERAGE_RATE", basisPoints: 6000 } });

    const qr = { qrVenues: 10, activeVenues: 2, scans: 5 };
    for (const day of [WHOLE, QR_DAY]) {
      for (const [i, ward] of wards.entries()) {
        const values: Values =
          i === 0
            ? { smartphones: 7000, installs: 3000 }
            : i === TIE_A
              ? { smartphones: 20_000, installs: 10_229 }
              : i === TIE_B
                ? { smartphones: 40_000, installs: 20_458 }
                : i === ZERO
                  ? { smartphones: 0, installs: 0 }
                  : i === GAP
                    ? { smartphones: 5000, installs: 2500 }
                    : { smartphones: 10_000, installs: 2000 + 100 * i };
        if (day === QR_DAY && i === QR_ONLY) {
          await figure(ward.code, day, "IMPORT", qr); // a scan log: QR figures, no install figures
          continue;
        }
        await figure(ward.code, day, "WARD_REPORT", { ...values, ...(i === NO_QR ? { qrVenues: 0, activeVenues: 0, scans: 0 } : qr) });
        // the smartphone count of one ward comes from an import (first in the default priority)
        if (i === SPLIT) await figure(ward.code, day, "IMPORT", { smartphones: 12_000 });
      }
    }
    await figure(PHUC_TAN, PARTIAL, "WARD_REPORT", { smartphones: 7932, installs: 4100, ...qr });
    await figure(w(GAP).code, AFTER_GAP, "WARD_REPORT", { smartphones: 5000, installs: 2600, ...qr });
    for (const [i, d] of districts.entries()) {
      if (d.code === HOAN_KIEM) continue;
      for (const day of [WHOLE, QR_DAY, PARTIAL, AFTER_GAP]) {
        await figure(d.code, day, "IMPORT", { smartphones: 100_000 + 1000 * i, installs: 30_000 + 500 * i, qrVenues: 5000, activeVenues: 400, scans: 900 });
      }
    }
    await refreshRollups(db.prisma, { from: WHOLE, to: AFTER_GAP });
  });
  afterAll(async () => {
    serveDatabaseForTests(null);
    await db?.dispose();
  });
  beforeEach(() => {
    state.user = official;
  });

  describe("a partial day: 1 of 18 wards", () => {
    it("the rankings show the district as 1/18, unranked, with the sum's source, in CSV, XLSX and the JSON API", async () => {
      const table = await exportFor(official, "rankings", { day: PARTIAL });
      const rows = await csvRows(table);
      const district = rows.find((r) => r.unitCode === HOAN_KIEM);
      expect(district).toMatchObject({
        level: "Quận/huyện",
        rank: "",
        rankedCount: "",
        status: "chưa đủ số liệu (1/18)",
        smartphones: "7932",
        installs: "4100",
        coverageCounted: "1",
        qrCounted: "1",
        scansCounted: "1",
        childrenTotal: "18",
        smartphonesSource: "Tổng hợp",
        installsSource: "Tổng hợp",
      });
      // The city sums its whole districts only: 29 of 30, Hoàn Kiếm left out, and says so.
      expect(rows.find((r) => r.unitCode === HANOI)).toMatchObject({ status: "chưa đủ số liệu (29/30)", coverageCounted: "29", childrenTotal: "30" });
      // Wards keep their own figures: Phúc Tân ranked 1st of 1, the 17 others not reported.
      const wardRows = rows.filter((r) => r.level === "Phường/xã");
      expect(wardRows.filter((r) => r.rank !== "").map((r) => [r.unitCode, r.rank, r.rankedCount])).toEqual([[PHUC_TAN, "1", "1"]]);
      expect(wardRows.filter((r) => r.status === "chưa báo cáo")).toHaveLength(17);

      const xlsx = (await xlsxRows(await exportFor(official, "rankings", { day: PARTIAL }))).find((r) => r.unitCode === HOAN_KIEM);
      expect(xlsx).toMatchObject({ rank: null, status: "chưa đủ số liệu (1/18)", coverageCounted: 1, childrenTotal: 18 });

      const res = await apiRoute(new Request(`http://localhost/api/v1/rankings?day=${PARTIAL}`), { params: Promise.resolve({ dataset: "rankings" }) });
      const api = (await res.json()) as { rows: Record<string, unknown>[] };
      expect(api.rows.find((r) => r.unitCode === HOAN_KIEM)).toMatchObject({
        rank: null,
        status: "chưa đủ số liệu (1/18)",
        coverageCounted: 1,
        qrCounted: 1,
        scansCounted: 1,
        childrenTotal: 18,
        smartphonesSource: "Tổng hợp",
      });
    });

    it("the daily figures give each day's k/n for the district; a ward chair gets no aggregate row", async () => {
      const rows = await csvRows(await exportFor(official, "daily-figures", { from: WHOLE, to: AFTER_GAP }));
      expect(rows.filter((r) => r.unitCode === HOAN_KIEM).map((r) => [r.day, r.status, r.coverageCounted, r.qrCounted, r.childrenTotal])).toEqual([
        [WHOLE, "", "18", "18", "18"],
        // the QR-only ward counts for the QR part, not for coverage
        [QR_DAY, "chưa đủ số liệu (17/18)", "17", "18", "18"],
        [PARTIAL, "chưa đủ số liệu (1/18)", "1", "1", "18"],
        [AFTER_GAP, "chưa đủ số liệu (1/18)", "1", "1", "18"],
      ]);
      const own = await csvRows(await exportFor(chair, "daily-figures", { from: WHOLE, to: PARTIAL }));
      expect(new Set(own.map((r) => r.unitCode))).toEqual(new Set([PHUC_TAN]));
      const ranking = await csvRows(await exportFor(chair, "rankings", { day: PARTIAL }));
      expect(ranking.map((r) => r.unitCode)).toEqual([PHUC_TAN]);
    });

    it("the district report PDF is made and says 'Số liệu chưa đầy đủ (1/18 phường)', with no rank for the district", async () => {
      const res = await reportRoute(new Request(`http://localhost:3000/api/exports/district-report?day=${PARTIAL}`));
      expect(res.status).toBe(200);
      const text = await pdfText(res);
      expect(text).toContain("Số liệu chưa đầy đủ (1/18 phường): Quận Hoàn Kiếm không được xếp hạng trong Thành phố Hà Nội");
      expect(text).toContain("chưa xếp hạng: chưa đủ số liệu (1/18 phường)");
      expect(text).toContain("Số liệu của Thành phố Hà Nội chưa đầy đủ (29/30 quận, huyện, thị xã).");
      expect(text).toContain("Phường chưa báo cáo (17/18):");
      expect(text).not.toMatch(/hạng \d+\/\d+/);
    });

    it("the draft dispatch is refused (409), naming the part, k/n, the missing wards and districts, and a whole day", async () => {
      for (const format of ["docx", "pdf"]) {
        const res = await dispatchRoute(new Request(`http://localhost:3000/api/exports/dispatch?installDay=${PARTIAL}&qrDay=${PARTIAL}&format=${format}`));
        expect(res.status).toBe(409);
        expect(res.headers.get("content-type")).toContain("application/json");
        const { error } = (await res.json()) as { error: string };
        expect(error).toMatch(/^Chưa đủ số liệu để lập công văn/);
        expect(error).toContain("ngày 18/8/2021: Quận Hoàn Kiếm mới có số liệu cài đặt Bluezone của 1/18 phường (chưa có: Phường ");
        expect(error).toContain("Quận Hoàn Kiếm mới có số liệu lượt quét mã QR của 1/18 phường");
        expect(error).toContain("Thành phố Hà Nội mới có số liệu cài đặt Bluezone của 29/30 quận, huyện (chưa đủ: Quận Hoàn Kiếm)");
        expect(error).toContain("Ngày mới nhất có đủ số liệu cài đặt của Quận Hoàn Kiếm: 16/8/2021.");
        for (const ward of wards.slice(1)) expect(error).toContain(ward.name);
        expect(error).not.toContain(w(0).name); // Phúc Tân reported
      }
    });
  });

  describe("a whole day", () => {
    it("ranks exact ties together (1, 1, 3) with the half-up rate 51,15%, and ranks the district in the city", async () => {
      const rows = await csvRows(await exportFor(official, "rankings", { day: WHOLE }));
      const wardRows = rows.filter((r) => r.level === "Phường/xã");
      // 10.229/20.000 = 20.458/40.000 exactly: both 1st (listed by name), the next 3rd
      expect(new Set(wardRows.slice(0, 2).map((r) => r.unitCode))).toEqual(new Set([w(TIE_A).code, w(TIE_B).code]));
      expect(wardRows.slice(0, 2).every((r) => r.rank === "1" && r.coverageRate === "51.15")).toBe(true);
      expect(wardRows[2]).toMatchObject({ unitCode: w(GAP).code, rank: "3", coverageRate: "50.00", rankedCount: "17" });
      const district = rows.find((r) => r.unitCode === HOAN_KIEM);
      expect(district?.status).toBe("");
      expect(district?.rank).not.toBe("");
      expect(district?.rankedCount).toBe("30");
      expect(rows.find((r) => r.unitCode === HANOI)).toMatchObject({ status: "", coverageCounted: "30", childrenTotal: "30" });
    });

    it("a 0-smartphone ward: no rate, not ranked, 'không có điện thoại thông minh', no verdict in the PDF", async () => {
      // a table's rows are read once, as a download streams them: one table per format
      const table = () => exportFor(official, "rankings", { day: WHOLE });
      const zero = (await csvRows(await table())).find((r) => r.unitCode === w(ZERO).code);
      expect(zero).toMatchObject({ rank: "", smartphones: "0", installs: "0", coverageRate: "", status: "không có điện thoại thông minh" });
      const json = (await jsonRows(await table())).find((r) => r.unitCode === w(ZERO).code);
      expect(json).toMatchObject({ rank: null, coverageRate: null, smartphones: 0, status: "không có điện thoại thông minh" });
      const xlsx = (await xlsxRows(await table())).find((r) => r.unitCode === w(ZERO).code);
      expect(xlsx).toMatchObject({ rank: null, coverageRate: null, smartphones: 0 });

      const text = await pdfText(await reportRoute(new Request(`http://localhost:3000/api/exports/district-report?day=${WHOLE}`)));
      // its row: no rank, 0 and 0, no rate, no gap to the target, and the reason instead of a verdict
      expect(text).toMatch(new RegExp(`— ${escape(w(ZERO).name)} 0 0 — — 10 2 5 không có điện thoại thông minh`));
      expect(text).toContain(`Phường không có điện thoại thông minh, không có tỷ lệ và không xếp hạng (1): ${w(ZERO).name}.`);
      expect(text).toContain("Tất cả 18 phường đã báo cáo.");
      expect(text).not.toContain("Số liệu chưa đầy đủ");
    });

    it("a ward with 0 registered QR venues: no QR rate, not ranked by it, 'không có điểm QR đăng ký'", async () => {
      const byQr = await csvRows(await exportFor(official, "rankings", { day: WHOLE, sort: "qrActive" }));
      expect(byQr.find((r) => r.unitCode === w(NO_QR).code)).toMatchObject({
        rank: "",
        qrVenues: "0",
        qrActiveRate: "",
        coverageRate: "27.00", // 2.700 / 10.000
        status: "không có điểm QR đăng ký",
      });
      const json = (await jsonRows(await exportFor(official, "daily-figures", { from: WHOLE, to: WHOLE }))).find((r) => r.unitCode === w(NO_QR).code);
      expect(json).toMatchObject({ qrVenues: 0, qrActiveRate: null, status: "không có điểm QR đăng ký" });
      // by coverage it is ranked as usual (the note still says it has no venue)
      const byCoverage = await csvRows(await exportFor(official, "rankings", { day: WHOLE }));
      expect(byCoverage.find((r) => r.unitCode === w(NO_QR).code)?.rank).not.toBe("");
    });

    it("the draft dispatch of a whole day is made; its QR day only needs whole QR figures", async () => {
      // 17/8: a ward has no install figures (17/18 for coverage) but every ward's QR figures are known.
      const res = await dispatchRoute(new Request(`http://localhost:3000/api/exports/dispatch?installDay=${WHOLE}&qrDay=${QR_DAY}&format=docx`));
      expect(res.status).toBe(200);
      const zip = await JSZip.loadAsync(await res.arrayBuffer());
      const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
      const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
      expect(text).toMatch(/Quận Hoàn Kiếm có số lượng điện thoại thông minh là .* chiếm tỷ lệ [\d,]+% đứng thứ \d+ trên toàn Thành phố\./);
      expect(text).not.toContain("chưa báo cáo");
      const refused = await dispatchRoute(new Request(`http://localhost:3000/api/exports/dispatch?installDay=${QR_DAY}&qrDay=${QR_DAY}`));
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: string }).error).toContain(`17/18 phường (chưa có: ${w(QR_ONLY).name})`);
    });
  });

  describe("a ward with QR figures but without install figures", () => {
    it("is 'chưa báo cáo' and unranked by coverage, keeps its QR figures with their source, and the district is 17/18", async () => {
      const rows = await csvRows(await exportFor(official, "rankings", { day: QR_DAY }));
      expect(rows.find((r) => r.unitCode === w(QR_ONLY).code)).toMatchObject({
        rank: "",
        status: "chưa báo cáo",
        smartphones: "",
        installs: "",
        qrVenues: "10",
        activeVenues: "2",
        scans: "5",
        qrVenuesSource: "Dữ liệu nhập",
        smartphonesSource: "",
      });
      expect(rows.find((r) => r.unitCode === HOAN_KIEM)).toMatchObject({ rank: "", status: "chưa đủ số liệu (17/18)", coverageCounted: "17", qrCounted: "18" });
      // ranked by the QR rate, the district's QR part is whole: it is ranked, and says nothing partial
      const byQr = await csvRows(await exportFor(official, "rankings", { day: QR_DAY, sort: "qrActive" }));
      expect(byQr.find((r) => r.unitCode === HOAN_KIEM)?.rank).not.toBe("");
      expect(byQr.find((r) => r.unitCode === HOAN_KIEM)?.status).toBe("cài đặt chưa đủ số liệu (17/18)");
      // the completeness export says the same
      const completeness = await csvRows(await exportFor(official, "completeness", { from: QR_DAY, to: QR_DAY }));
      expect(completeness.filter((r) => r.status === "chưa báo cáo").map((r) => r.wardCode)).toEqual([w(QR_ONLY).code]);
    });
  });

  describe("provenance", () => {
    it("gives every field's source and the day the smartphone count last changed (days without a count skipped)", async () => {
      const rows = await csvRows(await exportFor(official, "daily-figures", { from: WHOLE, to: AFTER_GAP }));
      const register = (code: string) => rows.filter((r) => r.unitCode === code).map((r) => [r.day, r.smartphones, r.smartphonesChangedOn]);
      expect(register(PHUC_TAN)).toEqual([
        [WHOLE, "7000", WHOLE],
        [QR_DAY, "7000", WHOLE],
        [PARTIAL, "7932", PARTIAL],
        [AFTER_GAP, "", ""],
      ]);
      expect(register(w(GAP).code)).toEqual([
        [WHOLE, "5000", WHOLE],
        [QR_DAY, "5000", WHOLE],
        [PARTIAL, "", ""],
        [AFTER_GAP, "5000", WHOLE],
      ]);
      // the district's sum changes whenever the wards it counts change
      expect(register(HOAN_KIEM).map((r) => r[2])).toEqual([WHOLE, QR_DAY, PARTIAL, AFTER_GAP]);
      const split = rows.find((r) => r.unitCode === w(SPLIT).code && r.day === WHOLE);
      expect(split).toMatchObject({ smartphones: "12000", smartphonesSource: "Dữ liệu nhập", installsSource: "Phường báo cáo", scansSource: "Phường báo cáo" });
      const json = (await jsonRows(await exportFor(admin, "daily-figures", { district: HOAN_KIEM, from: WHOLE, to: WHOLE }))).find(
        (r) => r.unitCode === HOAN_KIEM,
      );
      expect(json).toMatchObject({ smartphonesSource: "Tổng hợp", smartphonesChangedOn: WHOLE, coverageCounted: 18, childrenTotal: 18 });
    });

    it("reads the register with bound parameters only: a hostile code is a value, never SQL", async () => {
      const hostile = "00037'); DROP TABLE unit; --";
      const sql = figureProvenanceSql(DEFAULT_SOURCE_PRIORITY, [hostile], { from: WHOLE, to: AFTER_GAP }, true);
      expect(sql.sql).not.toContain("DROP");
      expect(sql.values).toContainEqual([hostile]);
      expect(await loadFigureProvenance(db.prisma, DEFAULT_SOURCE_PRIORITY, [hostile], { from: WHOLE, to: AFTER_GAP })).toEqual(new Map());
      expect(await db.prisma.unit.count()).toBeGreaterThan(18);
    });
  });
});
