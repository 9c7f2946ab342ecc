import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAlertCentre, getAlertSummary } from "@/lib/data/alerts";
import { computeAlerts, readAlertData, type ComputedAlerts } from "@/lib/figures/alerts";
import { addDays, dayRange, isoDayToUtcDate, type IsoDay } from "@/lib/domain/days";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/permissions";
import { AlertParamsSchema } from "@/lib/schemas/alerts";
import { HOAN_KIEM, seedUnits } from "../factories/units";
import { QUAN_1, seedOtherProvince } from "../factories/provinces";
import { createTestUser } from "../factories/users";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Issue 11 ("Figures an official can sign") for the alerts, on both databases, with wards of two
// test districts written row by row:
// - district 990, day 14/8/2021:
//   Một  venues all registered 3 days before a day without scans (nothing to judge); below target;
//        its own reports until the day before, the day's figures from imports only: reported
//   Hai  figures from imports only, and on the day only QR figures (a scan-log import): not
//        reported; 0 scans for weeks: all venues dormant
//   Ba   scans known on the day, none in the 6 days before: no dormancy verdict, a reason instead
//   Bốn  0 smartphones on the day: no target verdict, not missing; one venue of three scanned daily
// - district 991: a fall in rank between two complete days (an alert), and the same fall after a
//   day on which one ward did not report (no alert).

const DAY: IsoDay = "2021-08-14";
const FIRST: IsoDay = addDays(DAY, -10);
const NOW = new Date("2021-09-01T03:00:00Z");
const LONG_AGO: IsoDay = "2021-07-25";

const D990 = "990";
const MOT = "99001";
const HAI = "99002";
const BA = "99003";
const BON = "99004";
const D991 = "991";
const RANK_WARDS = ["99101", "99102", "99103", "99104"] as const;

type Values = { smartphones?: number | null; installs?: number | null; qrVenues?: number | null; activeVenues?: number | null; scans?: number | null };

function row(unitCode: string, day: IsoDay, source: "WARD_REPORT" | "IMPORT", v: Values): Prisma.DailyFigureCreateManyInput {
  return {
    unitCode,
    day: isoDayToUtcDate(day),
    source,
    smartphones: v.smartphones ?? null,
    installs: v.installs ?? null,
    qrVenues: v.qrVenues ?? null,
    activeVenues: v.activeVenues ?? null,
    scans: v.scans ?? null,
    ...(source === "WARD_REPORT" ? { status: "SUBMITTED" as const, firstSubmittedAt: new Date(`${day}T20:00:00+07:00`), submittedAt: new Date(`${day}T20:00:00+07:00`) } : {}),
  };
}

async function seed(prisma: TestDatabase["prisma"]): Promise<void> {
  await seedUnits(prisma);
  await prisma.unit.createMany({
    data: [
      { code: D990, level: "DISTRICT", name: "Quận Thử Một", parentCode: "01" },
      { code: D991, level: "DISTRICT", name: "Quận Thử Hai", parentCode: "01" },
    ],
  });
  await prisma.unit.createMany({
    data: [
      { code: MOT, level: "WARD", name: "Phường Một", parentCode: D990 },
      { code: HAI, level: "WARD", name: "Phường Hai", parentCode: D990 },
      { code: BA, level: "WARD", name: "Phường Ba", parentCode: D990 },
      { code: BON, level: "WARD", name: "Phường Bốn", parentCode: D990 },
      ...RANK_WARDS.map((code, k) => ({ code, level: "WARD" as const, name: `Phường Hạng ${k + 1}`, parentCode: D991 })),
    ],
  });
  await prisma.target.create({ data: { unitCode: D990, metric: "COVERAGE_RATE", basisPoints: 6000 } });

  const venue = (code: string, wardCode: string, registeredOn: IsoDay) => ({ code, name: `Địa điểm ${code}`, category: "BUSINESS" as const, wardCode, registeredOn: isoDayToUtcDate(registeredOn) });
  await prisma.venue.createMany({
    data: [
      ...[1, 2, 3, 4, 5].map((n) => venue(`MOT-${n}`, MOT, addDays(DAY, -3))),
      ...[1, 2, 3, 4].map((n) => venue(`HAI-${n}`, HAI, LONG_AGO)),
      ...[1, 2, 3, 4, 5, 6].map((n) => venue(`BA-${n}`, BA, LONG_AGO)),
      ...[1, 2, 3].map((n) => venue(`BON-${n}`, BON, LONG_AGO)),
    ],
  });
  const ids = new Map((await prisma.venue.findMany({ select: { id: true, code: true } })).map((v) => [v.code, v.id]));
  const id = (code: string) => {
    const found = ids.get(code);
    if (found === undefined) throw new Error(`no venue ${code}`);
    return found;
  };
  await prisma.venueDayScan.createMany({
    data: [
      // Ba's venues had scans long before the window (venue-level data "starts early enough").
      ...[1, 2, 3, 4, 5, 6].map((n) => ({ venueId: id(`BA-${n}`), day: isoDayToUtcDate("2021-07-28"), scans: 3 })),
      // Bốn's first venue is scanned every day through DAY (venue-level data "loaded through the day").
      ...dayRange(LONG_AGO, DAY).map((d) => ({ venueId: id("BON-1"), day: isoDayToUtcDate(d), scans: 5 })),
    ],
  });

  const figures: Prisma.DailyFigureCreateManyInput[] = [];
  for (const d of dayRange(FIRST, DAY)) {
    const onDay = d === DAY;
    // Một: below the 60 % target, no scans at all; its venues exist only from DAY − 3. On the day its
    // figures come from the imports (install statistics and a scan log), not from its own report.
    const mot = { smartphones: 10_000, installs: 5_000, qrVenues: d >= addDays(DAY, -3) ? 5 : 0, activeVenues: 0, scans: 0 };
    figures.push(row(MOT, d, onDay ? "IMPORT" : "WARD_REPORT", mot));
    // Hai: never a report of its own; imports with 0 scans until the day before, on the day only a scan log's QR figures.
    figures.push(row(HAI, d, "IMPORT", onDay ? { qrVenues: 4, activeVenues: 0, scans: 0 } : { smartphones: 10_000, installs: 7_000, qrVenues: 4, activeVenues: 0, scans: 0 }));
    // Ba: coverage figures every day, scans only on the day (0).
    figures.push(row(BA, d, "WARD_REPORT", onDay ? { smartphones: 10_000, installs: 7_000, qrVenues: 6, activeVenues: 0, scans: 0 } : { smartphones: 10_000, installs: 7_000 }));
    // Bốn: 0 smartphones on the day.
    figures.push(row(BON, d, "WARD_REPORT", { smartphones: onDay ? 0 : 10_000, installs: onDay ? 0 : 7_000, qrVenues: 3, activeVenues: 1, scans: 5 }));
  }
  // District 991: Hạng 1 leads (9.000 installs) except on DAY − 2 and DAY (5.050: 4th of 4).
  // Hạng 4 has no report on DAY − 1.
  for (const d of dayRange(addDays(DAY, -3), DAY)) {
    RANK_WARDS.forEach((code, k) => {
      if (k === 3 && d === addDays(DAY, -1)) return;
      const installs = k === 0 ? (d === addDays(DAY, -2) || d === DAY ? 5_050 : 9_000) : 5_000 + 100 * k;
      figures.push(row(code, d, "WARD_REPORT", { smartphones: 10_000, installs, qrVenues: 0, activeVenues: 0, scans: 0 }));
    });
  }
  await prisma.dailyFigure.createMany({ data: figures });
}

const of = (computed: ComputedAlerts, ward: string) => computed.alerts.filter((a) => a.ward.code === ward).map((a) => a.ruleId);

describeOnBothDatabases("alerts figures", (open) => {
  let db: TestDatabase;
  let official: SessionUser;
  let hoanKiemOfficial: SessionUser;
  let computed: ComputedAlerts;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seed(db.prisma);
    official = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: D990 });
    hoanKiemOfficial = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM });
    computed = await computeAlerts(db.prisma, { districtCode: D990, day: DAY, now: NOW });
  });
  afterAll(async () => closeServedDatabase(db));

  describe("dormant venues", () => {
    it("does not call venues registered 3 days before a zero-scan day dormant for 7 days", () => {
      expect(of(computed, MOT)).not.toContain("ALL_VENUES_DORMANT");
      expect(of(computed, MOT)).not.toContain("DORMANT_VENUES");
      // Nothing to judge is not a lack of data: no reason is given for Một.
      expect(computed.scanDataGaps.map((g) => g.ward.code)).not.toContain(MOT);
    });

    it("still flags a ward whose old venues had no scan while 0 scans were known every day", () => {
      const hai = computed.alerts.find((a) => a.ward.code === HAI && a.ruleId === "ALL_VENUES_DORMANT");
      expect(hai?.message).toBe(
        "Toàn bộ 4 địa điểm đã tạo mã QR của phường Hai không phát sinh lượt quét trong 7 ngày liên tiếp tính đến hết ngày 14/08/2021.",
      );
      expect(of(computed, BON)).toContain("DORMANT_VENUES");
      expect(computed.alerts.find((a) => a.ward.code === BON && a.ruleId === "DORMANT_VENUES")?.numbers.find((n) => n.key === "dormant")?.value).toBe(2);
    });

    it("gives no verdict on a day whose previous 6 days have no scan data, and says which days are missing", async () => {
      expect(of(computed, BA)).not.toContain("ALL_VENUES_DORMANT");
      expect(of(computed, BA)).not.toContain("DORMANT_VENUES");
      // The day itself is known: 0 scans is still an alert of its own.
      expect(of(computed, BA)).toContain("ZERO_SCANS");
      expect(computed.scanDataGaps).toEqual([
        {
          ward: expect.objectContaining({ code: BA }),
          missingDays: dayRange(addDays(DAY, -6), addDays(DAY, -1)),
          reason:
            "Chưa đủ dữ liệu quét để đánh giá địa điểm không hoạt động của phường Ba (7 ngày tính đến hết ngày 14/08/2021): " +
            "thiếu dữ liệu ngày 08/08/2021–13/08/2021.",
          // the same reason for the interface, in the reader's language (lib/domain/message.ts)
          text: expect.objectContaining({ key: "domain.alerts.scanDataGap" }),
        },
      ]);
      expect(computed.venuesJudged).toBe(false);

      // The alert centre and the ward page's summary carry the same reason, for those who may see the ward.
      const centre = await getAlertCentre(official, AlertParamsSchema.parse({ day: DAY }), NOW);
      expect(centre.scanDataGaps.map((g) => g.reason)).toEqual([computed.scanDataGaps[0]?.reason]);
      const filtered = await getAlertCentre(official, AlertParamsSchema.parse({ day: DAY, ward: MOT }), NOW);
      expect(filtered.scanDataGaps).toEqual([]);
      const wardPage = await getAlertSummary(official, { wardCode: BA, day: DAY }, NOW);
      expect(wardPage?.scanDataGaps.map((g) => g.reason)).toEqual([computed.scanDataGaps[0]?.reason]);
      expect((await getAlertSummary(official, { wardCode: MOT, day: DAY }, NOW))?.scanDataGaps).toEqual([]);
      expect(await getAlertSummary(hoanKiemOfficial, { wardCode: BA, day: DAY }, NOW)).toBeNull();
    });

    it("judges the same ward once the window has scan data: 7 days later, all of Ba's venues are dormant", async () => {
      const later = addDays(DAY, 6);
      await db.prisma.dailyFigure.createMany({
        data: dayRange(addDays(DAY, 1), later).map((d) => row(BA, d, "IMPORT", { qrVenues: 6, activeVenues: 0, scans: 0 })),
      });
      try {
        const after = await computeAlerts(db.prisma, { districtCode: D990, day: later, now: NOW });
        expect(of(after, BA)).toContain("ALL_VENUES_DORMANT");
        expect(after.scanDataGaps.map((g) => g.ward.code)).not.toContain(BA);
      } finally {
        await db.prisma.dailyFigure.deleteMany({ where: { unitCode: BA, source: "IMPORT" } });
      }
    });
  });

  describe("reports", () => {
    it("counts a ward with QR figures but no install figures as not reported", () => {
      const hai = computed.alerts.find((a) => a.ward.code === HAI && a.ruleId === "NOT_REPORTED");
      expect(hai?.message).toBe(
        "Phường Hai chưa gửi đủ báo cáo số liệu ngày 14/08/2021 (hạn nộp 10:00 ngày 15/08/2021): " +
          "còn thiếu số điện thoại thông minh và số lượt cài Bluezone.",
      );
      expect(computed.alerts.filter((a) => a.ruleId === "NOT_REPORTED").map((a) => a.ward.code)).toEqual([HAI]);
    });

    it("counts coverage figures from an import as a report, with or without the ward's own report", async () => {
      expect(of(computed, MOT)).not.toContain("NOT_REPORTED");
      expect(of(computed, MOT)).not.toContain("LATE_REPORT");
      const before = await computeAlerts(db.prisma, { districtCode: D990, day: addDays(DAY, -1), now: NOW });
      expect(before.alerts.filter((a) => a.ruleId === "NOT_REPORTED")).toEqual([]);
    });

    it("gives a ward with 0 smartphones no target verdict and does not count it as missing", () => {
      expect(of(computed, BON)).not.toContain("BELOW_COVERAGE_TARGET");
      expect(of(computed, BON)).not.toContain("NOT_REPORTED");
      // The target is in force: Một, at 50 %, is below it.
      expect(computed.alerts.find((a) => a.ward.code === MOT && a.ruleId === "BELOW_COVERAGE_TARGET")?.numbers.find((n) => n.key === "coverage")?.display).toBe(
        "50,00%",
      );
    });
  });

  describe("rank drops", () => {
    it("flags a fall between two complete days, and not one after a day on which a ward did not report", async () => {
      const complete = await computeAlerts(db.prisma, { districtCode: D991, day: addDays(DAY, -2), now: NOW });
      const fall = complete.alerts.find((a) => a.ruleId === "RANK_DROP");
      expect(fall?.ward.code).toBe(RANK_WARDS[0]);
      expect(fall?.numbers.find((n) => n.key === "previousRank")?.value).toBe(1);
      expect(fall?.numbers.find((n) => n.key === "rank")?.value).toBe(4);

      // DAY − 1: Hạng 4 did not report (Hạng 1 was 1st of 3); on DAY Hạng 1 is 4th of 4 again.
      const afterPartial = await computeAlerts(db.prisma, { districtCode: D991, day: DAY, now: NOW });
      expect(afterPartial.alerts.some((a) => a.ruleId === "RANK_DROP")).toBe(false);
      const partial = await computeAlerts(db.prisma, { districtCode: D991, day: addDays(DAY, -1), now: NOW });
      expect(partial.alerts.filter((a) => a.ruleId === "NOT_REPORTED").map((a) => a.ward.code)).toEqual([RANK_WARDS[3]]);
      expect(partial.alerts.some((a) => a.ruleId === "RANK_DROP")).toBe(false);
    });
  });
  describe("every ward at once (the set-wise read of the country)", () => {
    it("gives exactly the alerts and scan data gaps of each district computed alone", async () => {
      await seedOtherProvince(db.prisma);
      // A ward merged away before both days, with old venues never scanned: out of scope on both
      // days. The country's venue counts apply the scope to the grouped rows (ADR 037): its venues
      // must not be read, and it must be in no result.
      const MERGED = "99009";
      await db.prisma.unit.create({ data: { code: MERGED, level: "WARD", name: "Phường Đã Nhập", parentCode: D990, validTo: isoDayToUtcDate(addDays(DAY, -5)) } });
      await db.prisma.venue.createMany({
        data: [1, 2, 3].map((n) => ({ code: `CU-${n}`, name: `Địa điểm CU-${n}`, category: "BUSINESS" as const, wardCode: MERGED, registeredOn: isoDayToUtcDate(LONG_AGO) })),
      });
      for (const day of [DAY, addDays(DAY, -2)]) {
        const reads = await readAlertData(db.prisma, { districtCode: null, day });
        const inScope = new Set(reads.wardRows.map((w) => w.code));
        expect(inScope.has(MERGED)).toBe(false);
        expect(reads.venueRows.map((v) => v.ward_code).filter((code) => !inScope.has(code))).toEqual([]);
        expect(reads.venueRows.map((v) => v.ward_code)).toEqual(expect.arrayContaining([HAI, BA, BON]));
        const all = await computeAlerts(db.prisma, { districtCode: null, day, now: NOW });
        expect(all.alerts.filter((a) => a.ward.code === MERGED)).toEqual([]);
        const districts = [...new Set(all.wards.map((w) => w.districtCode))];
        expect(districts).toEqual(expect.arrayContaining([D990, D991, QUAN_1]));
        const each = await Promise.all(districts.map((districtCode) => computeAlerts(db.prisma, { districtCode, day, now: NOW })));
        const byId = (list: ComputedAlerts["alerts"]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
        expect(byId(all.alerts)).toEqual(byId(each.flatMap((c) => c.alerts)));
        expect(all.alerts.length).toBeGreaterThan(5);
        const gaps = (list: ComputedAlerts["scanDataGaps"]) => [...list].sort((a, b) => a.ward.code.localeCompare(b.ward.code));
        expect(gaps(all.scanDataGaps)).toEqual(gaps(each.flatMap((c) => c.scanDataGaps)));
      }
    });
  });
});
