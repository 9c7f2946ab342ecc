import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { ChartPayload } from "@/components/charts/chart-payload";
import { submitReport } from "@/lib/data/ward-reports";
import { reportInputSchema } from "@/lib/schemas/ward-report";
import { CATALOGS } from "@/messages/catalog";
import { BA_DINH, HANG_MA, HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createRoleUsers } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { closeServedDatabase, openServedDatabase, testRequest } from "../setup/serve-database";

// Issue 15: the pages' chart series come from their chart-data routes (app/api/charts/*), fetched
// by the charts when they come near the screen. The routes answer what the pages would have drawn,
// to the same people, and never a figure from before a write (the figure cache, ADR 013).

vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));

const overview = await import("@/app/api/charts/overview/route");
const wardRoute = await import("@/app/api/charts/ward/[code]/route");
const city = await import("@/app/api/charts/city/route");

const DAY = "2021-08-19";
const TODAY = "2021-08-20";
const NOW = new Date("2021-08-20T05:00:00Z");

const report = (wardCode: string, installs: number) =>
  reportInputSchema(TODAY).parse({
    wardCode,
    day: DAY,
    smartphones: "8000",
    installs: String(installs),
    qrVenues: "200",
    activeVenues: "40",
    scans: "900",
    note: "",
    expectedVersion: 0,
  });

const get = (path: string) => new Request(`http://localhost:3000${path}`);
const wardGet = (code: string, query: string) => wardRoute.GET(get(`/api/charts/ward/${code}?${query}`), { params: Promise.resolve({ code }) });

async function json(res: Response): Promise<ChartPayload> {
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("no-store");
  return (await res.json()) as ChartPayload;
}

describeOnBothDatabases("perf chart data routes", (open) => {
  let db: TestDatabase;
  let users: Awaited<ReturnType<typeof createRoleUsers>>;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    users = await createRoleUsers(db.prisma);
    expect((await submitReport(users.admin, report(PHUC_TAN, 4000), NOW)).kind).toBe("saved");
  });
  afterAll(async () => {
    await closeServedDatabase(db);
  });
  beforeEach(() => {
    testRequest.user = users.official;
  });

  it("answers the overview's charts (ranking, tiles, series) and shows a new report on the next request", async () => {
    const before = await json(await overview.GET(get(`/api/charts/overview?day=${DAY}&render=a`)));
    const phucTan = before.ranking?.bars.find((b) => b.code === PHUC_TAN);
    expect(phucTan?.valueLabel).toBe("50,00%");
    expect(before.tiles?.tiles.map((t) => t.code)).toContain(PHUC_TAN);
    expect(before.tiles?.day).toBe(DAY);
    expect(before.coverageTrend?.rows.at(-1)?.day).toBe(DAY);
    expect(before.newInstalls?.length).toBeGreaterThan(0);
    expect(before.qrActivity?.length).toBeGreaterThan(0);
    expect(before.ranking?.bars.find((b) => b.code === HANG_MA)?.value ?? null).toBeNull();

    expect((await submitReport(users.admin, report(HANG_MA, 6000), NOW)).kind).toBe("saved");
    const after = await json(await overview.GET(get(`/api/charts/overview?day=${DAY}&render=b`)));
    expect(after.ranking?.bars.find((b) => b.code === HANG_MA)?.valueLabel).toBe("75,00%");
    // The ranking rows' "Chi tiết" (loaded when a row is opened), in the reader's language; none for a ward with no figure.
    expect(after.rankingDetails?.[HANG_MA]).toMatch(/^Điện thoại thông minh: 8\.000 · Đã cài Bluezone: 6\.000 · /);
    expect(before.rankingDetails?.[HANG_MA]).toBeUndefined();
    const english = await json(await overview.GET(new Request(`http://localhost:3000/api/charts/overview?day=${DAY}&render=c`, { headers: { cookie: "ww_locale=en" } })));
    expect(english.rankingDetails?.[PHUC_TAN]).toMatch(/^Smartphones: 8,000 · /);
    // The charts' labels too: the same cached data, labelled per request in the reader's language.
    expect(english.ranking).toMatchObject({ unitHeader: "Wards", metricLabel: "Install rate" });
    expect(english.ranking?.bars.find((b) => b.code === HANG_MA)?.valueLabel).toBe("75.00%");
    expect(english.ranking?.bars.map((b) => b.value)).toEqual(after.ranking?.bars.map((b) => b.value));
    expect(english.coverageTrend?.rows.at(-1)).toMatchObject({ day: DAY, dayLabel: "19 Aug 2021", dayShort: "19 Aug" });
    expect(JSON.stringify({ ...english, rankingDetails: undefined })).not.toMatch(/chưa báo cáo|Đạt mục tiêu|Chưa đạt|Mục tiêu \d/);
    expect(after.ranking?.unitHeader).toBe("Phường");
    // The drawn charts' words travel with the data (not with every page), in the reader's language.
    expect(before.words.locale).toBe("vi");
    expect(before.words.messages).toEqual(CATALOGS.vi.charts.chart);
    expect(english.words).toEqual({ locale: "en", messages: CATALOGS.en.charts.chart });
  });

  it("answers a ward page's charts", async () => {
    const payload = await json(await wardGet(PHUC_TAN, `day=${DAY}`));
    expect(payload.rankHistory?.rows.at(-1)?.day).toBe(DAY);
    expect(payload.coverageTrend?.series.length).toBeGreaterThan(0);
    expect(payload.ranking).toBeUndefined();
    const english = await json(await wardRoute.GET(new Request(`http://localhost:3000/api/charts/ward/${PHUC_TAN}?day=${DAY}`, { headers: { cookie: "ww_locale=en" } }), { params: Promise.resolve({ code: PHUC_TAN }) }));
    expect(english.rankHistory?.rows.at(-1)?.dayLabel).toBe("19 Aug 2021");
    expect(english.coverageTrend?.rows.at(-1)?.labels[PHUC_TAN]).toBe("50.00%");
    expect(payload.words.messages).toEqual(CATALOGS.vi.charts.chart);
  });

  it("answers the city page's ranking chart to those who may see the city page", async () => {
    const payload = await json(await city.GET(get(`/api/charts/city?day=${DAY}`)));
    expect(payload.ranking?.bars.some((b) => b.code === HOAN_KIEM)).toBe(true);
    const english = await json(await city.GET(new Request(`http://localhost:3000/api/charts/city?day=${DAY}`, { headers: { cookie: "ww_locale=en" } })));
    expect(english.ranking?.metricLabel).toBe("Install rate");
    expect(english.ranking?.bars.map((b) => b.code)).toEqual(payload.ranking?.bars.map((b) => b.code));
    expect(payload.words.locale).toBe("vi");
    testRequest.user = users.chair;
    expect((await city.GET(get(`/api/charts/city?day=${DAY}`))).status).toBe(403);
  });

  it("refuses without a session, outside the reader's district, and for malformed filters", async () => {
    expect((await overview.GET(get(`/api/charts/overview?day=${DAY}&district=${BA_DINH}`))).status).toBe(403);
    const bad = await overview.GET(get("/api/charts/overview?day=19-08-2021"));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe("Dữ liệu không hợp lệ.");
    expect((await wardGet("37", `day=${DAY}`)).status).toBe(404);
    testRequest.user = users.otherOfficial;
    expect((await wardGet(PHUC_TAN, `day=${DAY}`)).status).toBe(403);
    testRequest.user = null;
    expect((await overview.GET(get(`/api/charts/overview?day=${DAY}`))).status).toBe(401);
  });
});
