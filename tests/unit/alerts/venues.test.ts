import { describe, expect, it } from "vitest";
import { evaluateAlerts } from "../../../lib/domain/alerts/registry.ts";
import type { VenueCategoryCount } from "../../../lib/domain/alerts/types.ts";
import {
  ALL_VENUES_DORMANT_RULE,
  DORMANT_VENUES_RULE,
  dormancyWindow,
  formatDayList,
  scanDataGapReason,
  scanDataMissingDays,
  venueJudgement,
} from "../../../lib/domain/alerts/venues.ts";
import { addDays, dayRange, type IsoDay } from "../../../lib/domain/days.ts";
import type { FigureValues } from "../../../lib/domain/figures.ts";
import { DAY, HANG_MA, PHUC_TAN, displayOf, makeInput, numberOf, series, steadyFigure, venues, type InputOptions } from "./fixtures.ts";

const RULES = [ALL_VENUES_DORMANT_RULE, DORMANT_VENUES_RULE];
const WINDOW_7 = dayRange(addDays(DAY, -6), DAY);

/**
 * Both wards report scans every day, and the venue-level scans have a scan at one of their venues
 * on every day of a window of up to 30 days: scan data covers the dormancy window.
 */
function covered(over: InputOptions = {}): InputOptions {
  const days = dayRange(addDays(DAY, -29), DAY);
  return {
    wards: [PHUC_TAN, HANG_MA],
    figures: { [PHUC_TAN.code]: series((d, i) => steadyFigure(d, i)), [HANG_MA.code]: series((d, i) => steadyFigure(d, i)) },
    venueScanDays: { [PHUC_TAN.code]: days, [HANG_MA.code]: days },
    ...over,
  };
}

const run = (counts: Record<string, VenueCategoryCount[]>, dormantDays?: number, over: InputOptions = {}) =>
  evaluateAlerts(makeInput(covered({ venues: counts, thresholds: dormantDays ? { dormantDays } : {}, ...over })), RULES);

describe("dormant-venue rules", () => {
  it("list a ward's dormant venues by category, most first", () => {
    const [alert, ...rest] = run({
      [PHUC_TAN.code]: [venues("BUSINESS", 300, 180), venues("AGENCY", 20, 4), venues("MARKET", 3, 0), venues("WARD_OFFICE", 1, 0)],
    });
    expect(rest).toEqual([]);
    expect(alert?.ruleId).toBe("DORMANT_VENUES");
    expect(alert?.severity).toBe("info");
    expect(alert?.streak).toBeNull();
    expect(alert?.daysInLast30).toBeNull();
    expect(numberOf(alert, "dormant")).toBe(184);
    expect(numberOf(alert, "registered")).toBe(324);
    expect(displayOf(alert, "dormant.BUSINESS")).toBe("180/300");
    expect(alert?.numbers.some((n) => n.key === "dormant.MARKET")).toBe(false);
    expect(alert?.numbers.some((n) => n.key === "judged")).toBe(false);
    expect(alert?.message).toBe(
      "Phường Phúc Tân có 184/324 địa điểm đã tạo mã QR không phát sinh lượt quét trong 7 ngày liên tiếp tính đến hết ngày 14/08/2021 " +
        "(cơ sở kinh doanh 180/300; cơ quan 4/20).",
    );
  });

  it("flag a ward where every venue is dormant, as one critical alert", () => {
    const alerts = run({ [HANG_MA.code]: [venues("BUSINESS", 12, 12), venues("OTHER", 2, 2)] }, 10);
    expect(alerts.map((a) => [a.ruleId, a.severity, a.ward.code])).toEqual([["ALL_VENUES_DORMANT", "critical", HANG_MA.code]]);
    expect(alerts[0]?.message).toBe(
      "Toàn bộ 14 địa điểm đã tạo mã QR của phường Hàng Mã không phát sinh lượt quét trong 10 ngày liên tiếp tính đến hết ngày 14/08/2021.",
    );
    expect(alerts[0]?.escalated).toBe(false);
  });

  it("say nothing when no venue is dormant, or the ward has no venue", () => {
    expect(run({ [PHUC_TAN.code]: [venues("BUSINESS", 10, 0)] })).toEqual([]);
    expect(run({ [PHUC_TAN.code]: [] })).toEqual([]);
    expect(run({})).toEqual([]);
  });

  it("judge only venues registered on or before the window's first day: a venue registered 3 days ago is not dormant for 7", () => {
    // Every venue of Phúc Tân was registered 3 days before a day without scans: nothing to judge.
    const fresh = { [PHUC_TAN.code]: [venues("BUSINESS", 40, 0, { judged: 0, active: 0 })] };
    expect(run(fresh)).toEqual([]);
    expect(venueJudgement(makeInput(covered({ venues: fresh })), PHUC_TAN.code)).toEqual({ kind: "nothing-to-judge" });
  });

  it("count newer venues apart: all old venues silent and no new one scanned is 'all dormant', said with both numbers", () => {
    const [all] = run({ [PHUC_TAN.code]: [venues("BUSINESS", 12, 10, { judged: 10, active: 0 })] });
    expect(all?.ruleId).toBe("ALL_VENUES_DORMANT");
    expect(numberOf(all, "registered")).toBe(12);
    expect(numberOf(all, "judged")).toBe(10);
    expect(all?.message).toBe(
      "Toàn bộ 10 địa điểm đã tạo mã QR từ 7 ngày trở lên của phường Phúc Tân không phát sinh lượt quét trong 7 ngày liên tiếp " +
        "tính đến hết ngày 14/08/2021; 2 địa điểm mới tạo mã QR sau đó cũng chưa có lượt quét.",
    );
  });

  it("do not call a ward 'all dormant' when a new venue was scanned; list the old ones that were silent", () => {
    const [alert, ...rest] = run({ [PHUC_TAN.code]: [venues("BUSINESS", 12, 10, { judged: 10, active: 1 })] });
    expect(rest).toEqual([]);
    expect(alert?.ruleId).toBe("DORMANT_VENUES");
    expect(displayOf(alert, "dormant.BUSINESS")).toBe("10/10");
    expect(alert?.message).toBe(
      "Phường Phúc Tân có 10/10 địa điểm đã tạo mã QR từ 7 ngày trở lên không phát sinh lượt quét trong 7 ngày liên tiếp tính đến hết ngày " +
        "14/08/2021 (cơ sở kinh doanh 10/10). Không tính 2 địa điểm tạo mã QR chưa đủ 7 ngày.",
    );
  });
});

describe("scan data coverage of the dormancy window", () => {
  const ALL_DORMANT = { [PHUC_TAN.code]: [venues("BUSINESS", 30, 30)] };
  const zeroScans = (d: IsoDay, i: number): FigureValues => steadyFigure(d, i, { scans: 0, activeVenues: 0 });

  // Changed with issue 11: before, venues were judged whenever venue-level scans existed on the
  // day and before the window's first day anywhere; a day in between without data did not matter.
  it("says nothing when the 6 days before a zero-scan day have no scan data, and gives the days missing", () => {
    const figures = series((d, i) => (d === DAY ? zeroScans(d, i) : d >= addDays(DAY, -6) ? null : steadyFigure(d, i)));
    const options = covered({ venues: ALL_DORMANT, figures: { [PHUC_TAN.code]: figures }, venueScanDays: {} });
    expect(evaluateAlerts(makeInput(options), RULES)).toEqual([]);
    const input = makeInput(options);
    expect(scanDataMissingDays(input, PHUC_TAN.code)).toEqual(WINDOW_7.slice(0, 6));
    expect(venueJudgement(input, PHUC_TAN.code)).toEqual({ kind: "missing-scan-data", missingDays: WINDOW_7.slice(0, 6) });
    expect(scanDataGapReason(PHUC_TAN, DAY, 7, WINDOW_7.slice(0, 6))).toBe(
      "Chưa đủ dữ liệu quét để đánh giá địa điểm không hoạt động của phường Phúc Tân (7 ngày tính đến hết ngày 14/08/2021): " +
        "thiếu dữ liệu ngày 08/08/2021–13/08/2021.",
    );
  });

  it("judges a ward whose figures say 0 scans on every day of the window (a scan-log import writes 0)", () => {
    const figures = series((d, i) => zeroScans(d, i));
    const alerts = evaluateAlerts(makeInput(covered({ venues: ALL_DORMANT, figures: { [PHUC_TAN.code]: figures }, venueScanDays: {} })), RULES);
    expect(alerts.map((a) => [a.ruleId, a.ward.code])).toEqual([["ALL_VENUES_DORMANT", PHUC_TAN.code]]);
  });

  it("does not take reported scans without venue-level scans as covered (not loaded is not silent)", () => {
    // The ward reports 500 scans a day by hand, but no scan log was loaded for 10/8.
    const days = WINDOW_7.filter((d) => d !== addDays(DAY, -4));
    const input = makeInput(covered({ venues: ALL_DORMANT, venueScanDays: { [PHUC_TAN.code]: days } }));
    expect(evaluateAlerts(input, RULES)).toEqual([]);
    expect(scanDataMissingDays(input, PHUC_TAN.code)).toEqual(["2021-08-10"]);
  });

  it("takes a day a scan-log import covered (an imported scan count) as covered", () => {
    // Reported scans every day, no venue-level scans on 10/8, but the import's scan count for 10/8 is known.
    const days = WINDOW_7.filter((d) => d !== addDays(DAY, -4));
    const imports = { [PHUC_TAN.code]: new Map([[addDays(DAY, -4), { smartphones: null, installs: null, qrVenues: 30, activeVenues: 12, scans: 340 }]]) };
    const input = makeInput(covered({ venues: ALL_DORMANT, venueScanDays: { [PHUC_TAN.code]: days }, imports }));
    expect(scanDataMissingDays(input, PHUC_TAN.code)).toEqual([]);
    expect(venueJudgement(input, PHUC_TAN.code).kind).toBe("judged");
    // An import that does not know the scans (e.g. install statistics) does not cover the day.
    const installsOnly = { [PHUC_TAN.code]: new Map([[addDays(DAY, -4), { smartphones: 10_000, installs: 5_000, qrVenues: null, activeVenues: null, scans: null }]]) };
    expect(scanDataMissingDays(makeInput(covered({ venues: ALL_DORMANT, venueScanDays: { [PHUC_TAN.code]: days }, imports: installsOnly })), PHUC_TAN.code)).toEqual([
      "2021-08-10",
    ]);
  });

  it("does not take an imported scan count as covered before the first day whose raw scans are kept (retention)", () => {
    const days = WINDOW_7.filter((d) => d !== addDays(DAY, -4));
    const imports = { [PHUC_TAN.code]: new Map([[addDays(DAY, -4), { smartphones: null, installs: null, qrVenues: 30, activeVenues: 12, scans: 340 }]]) };
    const input = { ...makeInput(covered({ venues: ALL_DORMANT, venueScanDays: { [PHUC_TAN.code]: days }, imports })), rawScansKeptFrom: addDays(DAY, -3) };
    expect(scanDataMissingDays(input, PHUC_TAN.code)).toEqual(["2021-08-10"]);
    expect(evaluateAlerts(input, RULES)).toEqual([]);
    // Kept from that very day: the import covers it again.
    expect(scanDataMissingDays({ ...input, rawScansKeptFrom: addDays(DAY, -4) }, PHUC_TAN.code)).toEqual([]);
  });

  it("takes venue-level scans on a day as covered even when the ward's figure is missing", () => {
    const figures = series((d, i) => (d === addDays(DAY, -2) ? null : steadyFigure(d, i)));
    const input = makeInput(covered({ venues: { [PHUC_TAN.code]: [venues("BUSINESS", 30, 5)] }, figures: { [PHUC_TAN.code]: figures } }));
    expect(scanDataMissingDays(input, PHUC_TAN.code)).toEqual([]);
    expect(evaluateAlerts(input, RULES).map((a) => a.ruleId)).toEqual(["DORMANT_VENUES"]);
  });

  it("looks at the window of the dormancy setting only", () => {
    // No data 8 days before the day: outside a 7-day window, inside an 8-day one.
    const figures = series((d, i) => (d === addDays(DAY, -7) ? null : zeroScans(d, i)));
    const options = covered({ venues: ALL_DORMANT, figures: { [PHUC_TAN.code]: figures }, venueScanDays: {} });
    expect(evaluateAlerts(makeInput(options), RULES)).toHaveLength(1);
    expect(evaluateAlerts(makeInput({ ...options, thresholds: { dormantDays: 8 } }), RULES)).toEqual([]);
    expect(dormancyWindow(DAY, 8)).toEqual({ from: "2021-08-07", to: DAY });
    expect(() => dormancyWindow(DAY, 0)).toThrow(RangeError);
  });

  it("writes the missing days as ranges", () => {
    expect(formatDayList(["2021-08-15"])).toBe("15/08/2021");
    expect(formatDayList(["2021-08-13", "2021-08-09", "2021-08-10", "2021-08-11"])).toBe("09/08/2021–11/08/2021, 13/08/2021");
  });
});
