import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ExportRequestError, ForbiddenError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { getEffectiveFigures, type EffectiveFigure } from "@/lib/figures/effective-figures";
import { csvText } from "@/lib/documents/csv";
import { xlsxStream } from "@/lib/documents/xlsx";
import { jsonStream } from "@/lib/documents/json";
import type { ExportTable } from "@/lib/documents/table";
import { EXPORT_DATASETS, ExportFileParamsSchema, type ExportDataset, type ExportFilters } from "@/lib/schemas/exports";
import { dayRange } from "@/lib/domain/days";
import { createTestUser } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Every download on the demo district (Hoàn Kiếm 002, 18 wards, 19/7–17/8/2021) on both databases:
// each format is read back (CSV and XLSX parsed, JSON parsed) and its numbers compared with the
// database; a formula-injection test; the permissions of each download, through the data layer
// and through the real route handlers (only the session and the database handle are provided by
// the test; the database itself is real).

const state = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));

const { serveDatabaseForTests } = await import("@/lib/db");
const { openExport } = await import("@/lib/data/exports");
const { VENUE_BATCH } = await import("@/lib/exports/datasets/venue-activity");
const { GET: fileRoute } = await import("@/app/api/exports/[dataset]/route");
const { GET: apiRoute } = await import("@/app/api/v1/[dataset]/route");
const { GET: apiIndex } = await import("@/app/api/v1/route");

const DISTRICT = "002";
const PHUC_TAN = "00037";
const DONG_XUAN = "00040";
const LAST = "2021-08-17";
const STAMP = { at: new Date("2021-08-17T03:00:00Z"), by: "Người thử" };

/** Half-up hundredths of a percent of num/den, computed here independently, as "51.15". */
function expectedPercent(num: number | null, den: number | null): string {
  if (num === null || den === null || den === 0) return "";
  const h = (BigInt(num) * 20_000n + BigInt(den)) / (2n * BigInt(den));
  return `${h / 100n}.${String(h % 100n).padStart(2, "0")}`;
}
const str = (v: number | null) => (v === null ? "" : String(v));

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function csvRows(table: ExportTable): Promise<Record<string, string>[]> {
  const text = await csvText(table);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows]: string[][] = parse(text.slice(1));
  expect(header).toEqual(table.columns.map((c) => c.header));
  return rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.key, r[i] ?? ""])));
}

async function xlsxSheet(table: ExportTable): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await new Response(xlsxStream(table, STAMP)).arrayBuffer());
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  return sheet;
}

function request(path: string): [Request, { params: Promise<{ dataset: string }> }] {
  const url = new URL(path, "http://localhost");
  const dataset = url.pathname.split("/").at(-1) ?? "";
  return [new Request(url), { params: Promise.resolve({ dataset }) }];
}

describeOnBothDatabases("exports", (open) => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let admin: SessionUser;
  let official: SessionUser;
  let otherOfficial: SessionUser;
  let chair: SessionUser;
  let figures: Map<string, EffectiveFigure>;
  let wardCodes: string[];

  const exportFor = (user: SessionUser, dataset: ExportDataset, filters: Partial<ExportFilters> = {}) =>
    openExport(user, { dataset, filters }, new Date("2021-08-20T03:00:00Z"));

  beforeAll(async () => {
    db = await open({ demo: true });
    prisma = db.prisma;
    serveDatabaseForTests(db);
    admin = await createTestUser(prisma, { role: "ADMIN" });
    official = await createTestUser(prisma, { role: "DISTRICT_OFFICIAL", unitCode: DISTRICT });
    otherOfficial = await createTestUser(prisma, { role: "DISTRICT_OFFICIAL", unitCode: "001" });
    chair = await createTestUser(prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN });
    wardCodes = (await prisma.unit.findMany({ where: { parentCode: DISTRICT }, select: { code: true }, orderBy: { code: "asc" } })).map((u) => u.code);
    const all = await getEffectiveFigures(prisma, [...wardCodes, DISTRICT, "01"], { from: "2021-07-19", to: LAST });
    figures = new Map(all.map((f) => [`${f.unitCode}/${f.day}`, f]));
  });
  afterAll(async () => {
    serveDatabaseForTests(null);
    await db?.dispose();
  });

  it("rankings as CSV: every ward, then the district and the city, numbers and half-up rates equal to the database's effective figures", async () => {
    const table = await exportFor(admin, "rankings", { district: DISTRICT, day: LAST });
    expect(table.fileBase).toBe(`xep-hang-phuong-002-${LAST}`);
    const all = await csvRows(table);
    const rows = all.filter((r) => r.level === "Phường/xã");
    expect(rows.map((r) => r.unitCode).sort()).toEqual(wardCodes);
    // Issue 11: after the wards, the district (ranked among the city's districts: 7th of 30 on
    // the dispatch's day) and the city, each a sum of whole children only, saying how many.
    expect(all.slice(rows.length).map((r) => [r.level, r.unitCode, r.rank, r.rankedCount, r.status])).toEqual([
      ["Quận/huyện", DISTRICT, "7", "30", ""],
      ["Tỉnh/thành phố", "01", "", "", ""],
    ]);
    const [districtRow, cityRow] = all.slice(rows.length);
    expect([districtRow?.coverageCounted, districtRow?.childrenTotal, districtRow?.smartphonesSource]).toEqual(["18", "18", "Tổng hợp"]);
    expect([districtRow?.smartphones, districtRow?.installs, districtRow?.coverageRate]).toEqual(["150788", "77113", "51.14"]);
    expect([cityRow?.installs, cityRow?.coverageRate, cityRow?.coverageCounted, cityRow?.childrenTotal]).toEqual(["3220382", "47.05", "30", "30"]);
    for (const r of rows) {
      const f = figures.get(`${r.unitCode}/${LAST}`);
      // every field says where it came from: the demo's wards report their own figures
      expect(r.smartphonesSource).toBe(f?.smartphones == null ? "" : "Phường báo cáo");
      expect(r.coverageCounted).toBe(""); // a ward's figure is its own, not a sum
      if (!f || f.smartphones === null || f.installs === null) {
        expect(r.status).toBe("chưa báo cáo");
        expect(r.rank).toBe("");
        continue;
      }
      expect([r.smartphones, r.installs, r.qrVenues, r.activeVenues, r.scans]).toEqual(
        [f.smartphones, f.installs, f.qrVenues, f.activeVenues, f.scans].map(str),
      );
      expect(r.coverageRate).toBe(expectedPercent(f.installs, f.smartphones));
      expect(r.qrActiveRate).toBe(expectedPercent(f.activeVenues, f.qrVenues));
    }
    // Ranked by coverage, best first, competition ranks.
    const ranked = rows.filter((r) => r.rank !== "").map((r) => Number(r.rank));
    expect(ranked[0]).toBe(1);
    expect([...ranked].sort((a, b) => a - b)).toEqual(ranked);
  });

  it("daily figures as XLSX: real numbers with formats, every ward-day and the district's and city's, missing left empty", async () => {
    const from = "2021-08-11";
    const table = await exportFor(official, "daily-figures", { from, to: LAST });
    const sheet = await xlsxSheet(table);
    const days = dayRange(from, LAST);
    // the 18 wards, then the district and the city (issue 11: aggregates say k/n and their source)
    expect(sheet.rowCount).toBe(1 + days.length * (wardCodes.length + 2));
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const col = (key: string) => table.columns.findIndex((c) => c.key === key) + 1;
    let compared = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const day = (row.getCell(col("day")).value as Date).toISOString().slice(0, 10);
      const code = String(row.getCell(col("unitCode")).value);
      const f = figures.get(`${code}/${day}`);
      const num = (key: string) => row.getCell(col(key)).value as number | null;
      if (!f) {
        expect(num("installs")).toBeNull();
        return;
      }
      expect([num("smartphones"), num("installs"), num("qrVenues"), num("activeVenues"), num("scans")]).toEqual([
        f.smartphones,
        f.installs,
        f.qrVenues,
        f.activeVenues,
        f.scans,
      ]);
      const rate = row.getCell(col("coverageRate"));
      expect(rate.numFmt).toBe("0.00%");
      expect(row.getCell(col("installs")).numFmt).toBe("#,##0");
      const expected = expectedPercent(f.installs, f.smartphones);
      if (expected === "") expect(rate.value).toBeNull();
      else expect(((rate.value as number) * 100).toFixed(2)).toBe(expected);
      compared++;
    });
    expect(compared).toBeGreaterThan(0);
  });

  it("venues and their activity as CSV, streamed in keyset batches: every venue-day once, scans equal to the database", async () => {
    const from = "2021-08-15";
    const table = await exportFor(official, "venue-activity", { from, to: LAST });
    const rows = await csvRows(table);
    expect(rows).toHaveLength(table.rowCount);
    const keys = new Set(rows.map((r) => `${r.venueCode}/${r.day}`));
    expect(keys.size).toBe(rows.length);
    const venues = await prisma.venue.count({ where: { ward: { parentCode: DISTRICT } } });
    expect(venues).toBeGreaterThan(VENUE_BATCH); // more than one batch
    const sums = await prisma.$queryRawUnsafe<{ day: string; scans: bigint; n: bigint }[]>(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, COALESCE(sum(s.scans), 0)::bigint AS scans, count(*)::bigint AS n
       FROM venue v JOIN unit w ON w.code = v.ward_code
       CROSS JOIN generate_series('${from}'::date, '${LAST}'::date, interval '1 day') d(day)
       LEFT JOIN venue_day_scan s ON s.venue_id = v.id AND s.day = d.day::date
       WHERE w.parent_code = '${DISTRICT}' AND v.registered_on <= d.day::date GROUP BY 1 ORDER BY 1`,
    );
    for (const s of sums) {
      const ofDay = rows.filter((r) => r.day === s.day);
      expect(ofDay).toHaveLength(Number(s.n));
      expect(ofDay.reduce((acc, r) => acc + Number(r.scans), 0)).toBe(Number(s.scans));
    }
  });

  it("completeness as JSON: one row per ward and day, statuses as stored", async () => {
    const from = "2021-08-16";
    const table = await exportFor(admin, "completeness", { district: DISTRICT, from, to: LAST });
    const doc = JSON.parse((await readAll(jsonStream(table, STAMP))).toString("utf8"));
    expect(doc.rows).toHaveLength(wardCodes.length * 2);
    const reports = await prisma.dailyFigure.findMany({
      where: { source: "WARD_REPORT", unitCode: { in: wardCodes }, day: { gte: new Date(`${from}T00:00:00Z`) } },
      select: { unitCode: true, day: true },
    });
    const reported = new Set(reports.map((r) => `${r.unitCode}/${r.day.toISOString().slice(0, 10)}`));
    for (const row of doc.rows) {
      expect(row.version !== null).toBe(reported.has(`${row.wardCode}/${row.day}`));
    }
  });

  it("alerts and the audit log export every entry the user may see", async () => {
    const alerts = await exportFor(official, "alerts", { day: LAST });
    const rows = await csvRows(alerts);
    expect(rows).toHaveLength(alerts.rowCount);
    expect(rows.every((r) => r.districtCode === DISTRICT)).toBe(true);

    await prisma.auditLog.create({
      data: { userId: official.id, action: "figure.update", entity: "daily_figure", entityKey: "x", unitCode: PHUC_TAN, at: new Date("2021-08-17T03:00:00Z"), reason: "=cmd|' /C calc'!A0" },
    });
    const audit = await csvRows(await exportFor(admin, "audit", { from: LAST, to: LAST }));
    expect(audit.some((r) => r.reason === "'=cmd|' /C calc'!A0")).toBe(true);
  });

  it("neutralises formulas in CSV and keeps them plain text in XLSX", async () => {
    const ward = await prisma.unit.findUniqueOrThrow({ where: { code: PHUC_TAN }, select: { code: true } });
    const names = ['=HYPERLINK("http://evil.example","bấm")', "+84 912", "-5", "@SUM(1)", "\tTab"];
    for (const [i, name] of names.entries()) {
      await prisma.venue.create({ data: { code: `EVIL-${i}`, name, category: "OTHER", wardCode: ward.code, registeredOn: new Date(`${LAST}T00:00:00Z`) } });
    }
    const filters = { ward: PHUC_TAN, from: LAST, to: LAST };
    const rows = await csvRows(await exportFor(chair, "venue-activity", filters));
    for (const name of names) expect(rows.find((r) => r.venueName === `'${name}`)).toBeDefined();
    for (const r of rows) expect(r.venueName).not.toMatch(/^[=+\-@\t\r]/);

    const sheet = await xlsxSheet(await exportFor(chair, "venue-activity", filters));
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => cells.push(row.getCell(5)));
    for (const name of names) {
      const cell = cells.find((c) => c.value === name);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
    }
  });

  describe("permissions", () => {
    it("a ward chair gets only the own ward's rows in every dataset, and no audit log", async () => {
      for (const dataset of ["rankings", "daily-figures", "venue-activity", "completeness", "alerts"] as const) {
        const filters = dataset === "rankings" || dataset === "alerts" ? { day: LAST } : { from: LAST, to: LAST };
        const rows = await csvRows(await exportFor(chair, dataset, filters));
        // no district or city rows for a ward chair: only the own ward
        expect(new Set(rows.map((r) => r.wardCode ?? r.unitCode)), dataset).toEqual(rows.length === 0 ? new Set() : new Set([PHUC_TAN]));
        await expect(exportFor(chair, dataset, { ...filters, ward: DONG_XUAN }), dataset).rejects.toThrow(ForbiddenError);
      }
      await expect(exportFor(chair, "audit")).rejects.toThrow(ForbiddenError);
      await expect(exportFor(chair, "rankings", { district: "001" })).rejects.toThrow(ForbiddenError);
    });

    it("an official of another district gets nothing of this one", async () => {
      for (const dataset of EXPORT_DATASETS) {
        await expect(exportFor(otherOfficial, dataset, { district: DISTRICT }), dataset).rejects.toThrow(ForbiddenError);
      }
    });

    it("refuses unknown or out-of-range filters with a Vietnamese message, before any row", async () => {
      await expect(exportFor(admin, "daily-figures", { from: "2020-01-01", to: "2020-01-05" })).rejects.toThrow(/ngoài những ngày có số liệu/);
      await expect(exportFor(admin, "rankings", { district: DISTRICT, day: "2021-09-30" })).rejects.toThrow(ExportRequestError);
      await expect(exportFor(admin, "daily-figures", { sort: "scans" })).rejects.toThrow(/không dùng cho/);
      const tooLong = ExportFileParamsSchema.safeParse({ format: "csv", from: "2021-01-01", to: "2021-08-17" });
      expect(tooLong.success).toBe(false);
      expect(ExportFileParamsSchema.safeParse({ format: "csv", foo: "1" }).error?.issues[0]?.message).toMatch(/Bộ lọc không được hỗ trợ: foo/);
    });

    it("each download route checks the session, the role and the unit", async () => {
      for (const dataset of EXPORT_DATASETS) {
        const filters = dataset === "rankings" || dataset === "alerts" ? `day=${LAST}` : `from=${LAST}&to=${LAST}`;
        for (const route of [`/api/exports/${dataset}?format=csv&${filters}`, `/api/v1/${dataset}?${filters}`]) {
          const handler = route.startsWith("/api/v1") ? apiRoute : fileRoute;
          state.user = null;
          expect((await handler(...request(route))).status, route).toBe(401);
          state.user = otherOfficial;
          expect((await handler(...request(`${route}&district=${DISTRICT}`))).status, route).toBe(403);
          state.user = chair;
          const chairStatus = (await handler(...request(`${route}&ward=${DONG_XUAN}`))).status;
          expect(chairStatus, route).toBe(403);
          state.user = official;
          const ok = await handler(...request(route));
          expect(ok.status, route).toBe(200);
          expect(ok.headers.get("cache-control")).toBe("no-store");
          await ok.arrayBuffer();
        }
      }
      state.user = official;
      const xlsx = await fileRoute(...request(`/api/exports/rankings?format=xlsx&day=${LAST}`));
      expect(xlsx.headers.get("content-type")).toMatch(/spreadsheetml/);
      expect(xlsx.headers.get("content-disposition")).toMatch(/^attachment; filename="xep-hang-phuong-002-2021-08-17\.xlsx"; filename\*=UTF-8''/);
      await xlsx.arrayBuffer();
      const bad = await apiRoute(...request("/api/v1/daily-figures?from=2021-08-17"));
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/Cần cả ngày bắt đầu/);
      const unknown = await fileRoute(...request("/api/exports/nothing?format=csv"));
      expect(unknown.status).toBe(404);
      const badFormat = await fileRoute(...request("/api/exports/rankings?format=pdf"));
      expect((await badFormat.json()).error).toBe("Định dạng phải là csv hoặc xlsx");
      state.user = chair;
      const index = await (await apiIndex()).json();
      expect(index.datasets.map((d: { id: string }) => d.id)).not.toContain("audit");
      state.user = null;
      expect((await apiIndex()).status).toBe(401);
    });
  });
});
