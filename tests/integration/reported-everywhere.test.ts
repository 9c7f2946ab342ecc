import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/permissions";
import { refreshRollups } from "@/lib/figures/rollups";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { BA_DINH, HOAN_KIEM, seedUnits } from "../factories/units";
import { createRoleUsers } from "../factories/users";
import { closeServedDatabase, openServedDatabase, testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Issue 11, point 2: "chưa báo cáo" has one meaning everywhere, the wards without install figures
// (smartphones and installs) from any source. One day of Hoàn Kiếm with a ward that has only QR
// figures (from a scan-log import), a ward that reported 0 smartphones, a ward whose install
// figures came from an import, a silent ward and normal wards; every reader must name the same
// two wards: the district overview's data, the JSON API's rankings, the CSV and XLSX downloads
// (rankings, daily figures, completeness), the completeness page's data and the overview's
// "missing today" list, the district report PDF, and the refusal of the draft dispatch.

vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));

const { GET: fileRoute } = await import("@/app/api/exports/[dataset]/route");
const { GET: apiRoute } = await import("@/app/api/v1/[dataset]/route");
const { GET: reportRoute } = await import("@/app/api/exports/district-report/route");
const { GET: dispatchRoute } = await import("@/app/api/exports/dispatch/route");
const { loadDistrictDashboard } = await import("@/lib/figures/district-dashboard");
const { getCompleteness, getWardsNotReportedToday } = await import("@/lib/data/completeness");

const DAY = "2021-08-20";
/** 15:00 in Hà Nội on DAY: "today" for the overview's list, before the deadline (PENDING). */
const NOW = new Date(`${DAY}T08:00:00Z`);
/** the next morning after the deadline: the day's missing reports are MISSING */
const LATER = new Date("2021-08-21T05:00:00Z");

type Values = { smartphones?: number; installs?: number; qrVenues?: number; activeVenues?: number; scans?: number };

function routeRequest(path: string): [Request, { params: Promise<{ dataset: string }> }] {
  const url = new URL(path, "http://localhost");
  return [new Request(url), { params: Promise.resolve({ dataset: url.pathname.split("/").at(-1) ?? "" }) }];
}

async function csvObjects(res: Response): Promise<Record<string, string>[]> {
  expect(res.status).toBe(200);
  // Response.text() would drop the BOM: decode keeping it, to check it is there.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows]: string[][] = parse(text.slice(1));
  return rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])));
}

describeOnBothDatabases("reported everywhere", (open) => {
  let db: TestDatabase;
  let official: SessionUser;
  let wards: { code: string; name: string }[] = [];
  let expected: string[] = [];
  let nameOf: Map<string, string>;

  async function figure(unitCode: string, source: "WARD_REPORT" | "IMPORT", values: Values) {
    const report = source === "WARD_REPORT";
    await db.prisma.dailyFigure.create({
      data: {
        unitCode,
        day: isoDayToUtcDate(DAY),
        source,
        ...values,
        ...(report ? { status: "SUBMITTED" as const, submittedAt: new Date(`${DAY}T10:00:00Z`), firstSubmittedAt: new Date(`${DAY}T10:00:00Z`) } : {}),
      },
    });
  }

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    ({ official } = await createRoleUsers(db.prisma));
    wards = await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM }, orderBy: { code: "asc" }, select: { code: true, name: true } });
    nameOf = new Map(wards.map((w) => [w.name, w.code]));
    const [normal, qrOnly, zero, silent, imported, ...rest] = wards;
    if (!normal || !qrOnly || !zero || !silent || !imported) throw new Error("Hoàn Kiếm has 18 wards");
    await figure(normal.code, "WARD_REPORT", { smartphones: 8000, installs: 4000, qrVenues: 200, activeVenues: 40, scans: 900 });
    await figure(qrOnly.code, "IMPORT", { qrVenues: 120, activeVenues: 30, scans: 400 }); // a scan log: no install figures
    await figure(zero.code, "WARD_REPORT", { smartphones: 0, installs: 0, qrVenues: 3, activeVenues: 0, scans: 0 });
    await figure(imported.code, "IMPORT", { smartphones: 6000, installs: 2500, qrVenues: 80, activeVenues: 9, scans: 70 });
    for (const [i, w] of rest.entries()) {
      await figure(w.code, "WARD_REPORT", { smartphones: 5000 + 100 * i, installs: 2000 + 50 * i, qrVenues: 50, activeVenues: 5, scans: 30 });
    }
    await figure(BA_DINH, "IMPORT", { smartphones: 150_000, installs: 70_000, qrVenues: 9000, activeVenues: 900, scans: 8000 });
    await refreshRollups(db.prisma, { from: DAY, to: DAY });
    expected = [qrOnly.code, silent.code].sort();
    testRequest.user = official;
  });
  afterAll(async () => closeServedDatabase(db));

  it("the district overview's data names the wards without install figures", async () => {
    const result = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, day: DAY, metric: "coverage", compare: [] });
    if (result.kind !== "ok") throw new Error(result.kind);
    expect(result.dashboard.overview.wardsNotReported.map((w) => w.code).sort()).toEqual(expected);
  });

  it("the JSON API's rankings, and the rankings and daily figures as CSV and XLSX, say 'chưa báo cáo' for the same wards", async () => {
    const json = await apiRoute(...routeRequest(`/api/v1/rankings?day=${DAY}`));
    expect(json.status).toBe(200);
    const doc = (await json.json()) as { rows: { level: string; unitCode: string; status: string; rank: number | null }[] };
    const wardRows = doc.rows.filter((r) => r.level === "Phường/xã");
    expect(wardRows).toHaveLength(18);
    expect(wardRows.filter((r) => r.status === "chưa báo cáo").map((r) => r.unitCode).sort()).toEqual(expected);
    // the 0-smartphone ward reported: it says so, and is not ranked
    const zero = wardRows.find((r) => r.unitCode === wards[2]?.code);
    expect(zero).toMatchObject({ status: "không có điện thoại thông minh", rank: null });

    const csv = await fileRoute(...routeRequest(`/api/exports/rankings?format=csv&day=${DAY}`));
    const csvRows = (await csvObjects(csv)).filter((r) => r["Cấp"] === "Phường/xã");
    expect(csvRows.filter((r) => r["Tình trạng"] === "chưa báo cáo").map((r) => r["Mã đơn vị"]).sort()).toEqual(expected);

    const xlsx = await fileRoute(...routeRequest(`/api/exports/rankings?format=xlsx&day=${DAY}`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
    const col = (header: string) => headers.indexOf(header);
    const fromXlsx: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(col("Cấp")).value === "Phường/xã" && row.getCell(col("Tình trạng")).value === "chưa báo cáo") {
        fromXlsx.push(String(row.getCell(col("Mã đơn vị")).value));
      }
    });
    expect(fromXlsx.sort()).toEqual(expected);

    const daily = await fileRoute(...routeRequest(`/api/exports/daily-figures?format=csv&from=${DAY}&to=${DAY}`));
    const dailyRows = (await csvObjects(daily)).filter((r) => r["Cấp"] === "Phường/xã");
    expect(dailyRows.filter((r) => r["Tình trạng"] === "chưa báo cáo").map((r) => r["Mã đơn vị"]).sort()).toEqual(expected);
    // The ward with only QR figures: its QR figures are kept, with their source.
    const qrOnly = dailyRows.find((r) => r["Mã đơn vị"] === wards[1]?.code);
    expect(qrOnly).toMatchObject({ "Điểm QR đã đăng ký": "120", "Số điện thoại thông minh": "", "Nguồn: điểm QR đã đăng ký": "Dữ liệu nhập" });
  });

  it("the completeness data, its export and the overview's 'missing today' list name the same wards", async () => {
    for (const now of [NOW, LATER]) {
      const view = await getCompleteness(official, { districtCode: HOAN_KIEM, from: DAY, to: DAY }, now);
      const notReported = view.rows.filter((r) => r.cells[0]?.reported === false).map((r) => r.ward.code);
      expect(notReported.sort()).toEqual(expected);
      const byTimeliness = view.rows.filter((r) => r.cells[0]?.timeliness === "MISSING" || r.cells[0]?.timeliness === "PENDING");
      expect(byTimeliness.map((r) => r.ward.code).sort()).toEqual(expected);
      expect(view.total.reported).toBe(16);
    }
    // The ward whose install figures came from an import has reported: no submission, so on time.
    const view = await getCompleteness(official, { districtCode: HOAN_KIEM, from: DAY, to: DAY }, LATER);
    expect(view.rows.find((r) => r.ward.code === wards[4]?.code)?.cells[0]).toMatchObject({ reported: true, figuresSource: "IMPORT", status: null });
    expect(view.rows.find((r) => r.ward.code === wards[2]?.code)?.cells[0]).toMatchObject({ reported: true, noSmartphones: true });

    const today = await getWardsNotReportedToday(official, HOAN_KIEM, NOW);
    expect(today.day).toBe(DAY);
    expect(today.wards.map((w) => w.code).sort()).toEqual(expected);

    const csv = await fileRoute(...routeRequest(`/api/exports/completeness?format=csv&from=${DAY}&to=${DAY}`));
    const rows = await csvObjects(csv);
    expect(rows.filter((r) => r["Tình trạng"] === "chưa báo cáo").map((r) => r["Mã phường"]).sort()).toEqual(expected);
    expect(rows.filter((r) => (r["Tình hình báo cáo"] ?? "").startsWith("Chưa báo cáo")).map((r) => r["Mã phường"]).sort()).toEqual(expected);
  });

  it("the district report PDF names the same wards, and says the day is partial (16/18 phường)", async () => {
    const res = await reportRoute(new Request(`http://localhost:3000/api/exports/district-report?day=${DAY}`));
    expect(res.status).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array((await res.arrayBuffer()).slice(0)));
    const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, " ");
    const listed = /Phường chưa báo cáo \((\d+)\/18\): ([^.]+)\./.exec(text);
    expect(listed?.[1]).toBe("2");
    const codes = (listed?.[2] ?? "").split(", ").map((name) => nameOf.get(name));
    expect(codes.sort()).toEqual(expected);
    expect(text).toContain("Số liệu chưa đầy đủ (16/18 phường)");
    expect(text).toContain(`Phường không có điện thoại thông minh, không có tỷ lệ và không xếp hạng (1): ${wards[2]?.name}.`);
  });

  it("the draft dispatch is refused on that day, naming the same wards", async () => {
    const res = await dispatchRoute(new Request(`http://localhost:3000/api/exports/dispatch?installDay=${DAY}&qrDay=${DAY}`));
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as { error: string };
    const missing = /số liệu cài đặt Bluezone của 16\/18 phường \(chưa có: ([^)]+)\)/.exec(error);
    expect((missing?.[1] ?? "").split(", ").map((name) => nameOf.get(name)).sort()).toEqual(expected);
  });
});
