import { describe, expect, it } from "vitest";
import { BELOW_COVERAGE_TARGET_RULE, BELOW_QR_TARGET_RULE, RANK_DROP_RULE } from "../../../lib/domain/alerts/targets.ts";
import type { WardRef } from "../../../lib/domain/alerts/types.ts";
import { addDays } from "../../../lib/domain/days.ts";
import type { FigureValues } from "../../../lib/domain/figures.ts";
import type { UnitTargets } from "../../../lib/domain/targets.ts";
import { DAY, PHUC_TAN, displayOf, numberOf, run, series, steadyFigure } from "./fixtures.ts";

const TARGETS: UnitTargets = { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: { basisPoints: 3000, setBy: "01" } };
const targets = { [PHUC_TAN.code]: TARGETS };

function coverageOf(installs: number, smartphones = 10_000) {
  return run(BELOW_COVERAGE_TARGET_RULE, {
    targets,
    figures: { [PHUC_TAN.code]: series((d, i) => steadyFigure(d, i, d === DAY ? { installs, smartphones } : { installs: 6_500 })) },
  });
}

function qrOf(activeVenues: number, qrVenues = 200) {
  return run(BELOW_QR_TARGET_RULE, {
    targets,
    figures: { [PHUC_TAN.code]: series((d, i) => steadyFigure(d, i, d === DAY ? { activeVenues, qrVenues, scans: 900 } : { activeVenues: 100 })) },
  });
}

describe("below-target rules", () => {
  it("say nothing exactly at the target (compared exactly)", () => {
    expect(coverageOf(6_000)).toEqual([]);
    expect(qrOf(60)).toEqual([]);
  });

  it("give information just below the target (at least 90 % of it) and a warning further below", () => {
    expect(coverageOf(5_999)[0]?.severity).toBe("info");
    expect(coverageOf(5_400)[0]?.severity).toBe("info"); // exactly 90 % of 60 %
    expect(coverageOf(5_399)[0]?.severity).toBe("warning");
    expect(qrOf(59)[0]?.severity).toBe("info");
    expect(qrOf(53)[0]?.severity).toBe("warning");
  });

  it("shows the rate, the target and the gap, in Vietnamese notation", () => {
    const [alert] = coverageOf(4_512);
    expect(displayOf(alert, "coverage")).toBe("45,12%");
    expect(displayOf(alert, "target")).toBe("60,00%");
    expect(numberOf(alert, "installsToTarget")).toBe(1_488);
    expect(alert?.message).toBe(
      "Tỷ lệ cài đặt Bluezone của phường Phúc Tân ngày 14/08/2021 là 45,12% (4.512/10.000 điện thoại thông minh), thấp hơn mục tiêu 60,00%; còn thiếu 1.488 lượt cài.",
    );
    expect(qrOf(20)[0]?.message).toContain("cần thêm 40 địa điểm có lượt quét");
  });

  it("says nothing without a target, without a figure, or with an undefined rate", () => {
    expect(run(BELOW_COVERAGE_TARGET_RULE, { figures: { [PHUC_TAN.code]: series((d, i) => steadyFigure(d, i)) } })).toEqual([]);
    expect(run(BELOW_COVERAGE_TARGET_RULE, { targets, figures: { [PHUC_TAN.code]: series(() => null) } })).toEqual([]);
    expect(coverageOf(0, 0)).toEqual([]);
  });

  it("give no verdict on a zero denominator: 0 smartphones, 0 registered QR venues", () => {
    expect(coverageOf(0, 0)).toEqual([]);
    expect(qrOf(0, 0)).toEqual([]);
    // The same ward with a denominator is below target: the empty answers above are not for lack of a target.
    expect(coverageOf(0, 10)).toHaveLength(1);
    expect(qrOf(0, 10)).toHaveLength(1);
  });

  it("end the streak on a day without data (an unknown day is not a day below target)", () => {
    const figures = series((d, i) => (d === addDays(DAY, -3) ? null : steadyFigure(d, i, { installs: 3_000 })));
    const [alert] = run(BELOW_COVERAGE_TARGET_RULE, { targets, figures: { [PHUC_TAN.code]: figures } });
    expect(alert?.streak).toEqual({ days: 3, atLeast: false });
    expect(alert?.daysInLast30).toBe(29);
  });

  it("keep a streak but are not escalated (being below target for weeks is common)", () => {
    const [alert] = run(BELOW_COVERAGE_TARGET_RULE, { targets, figures: { [PHUC_TAN.code]: series((d, i) => steadyFigure(d, i, { installs: 3_000 })) } });
    expect(alert?.streak).toEqual({ days: 30, atLeast: true });
    expect(alert?.severity).toBe("warning");
    expect(alert?.escalated).toBe(false);
  });
});

describe("rank-drop rule", () => {
  const ward = (n: number): WardRef => ({ code: `0010${n}`, name: `Phường Thử ${n}`, districtCode: "002", districtName: "Quận Hoàn Kiếm" });
  const wards = [1, 2, 3, 4, 5].map(ward);
  /** Ward 1 leads until the day before; on DAY its installs fall to `installsOnDay` (others: 5000 + 100·n). */
  /** `others` overrides the figure of ward k + 1 (k ≥ 1) on a day: null for no figure. */
  function ranks(installsOnDay: number | null, rankDropPlaces = 3, others: (k: number, d: string) => Partial<FigureValues> | null | undefined = () => undefined) {
    const figures = Object.fromEntries(
      wards.map((w, k) => [
        w.code,
        series((d, i) => {
          if (k === 0) return d === DAY ? (installsOnDay === null ? null : steadyFigure(d, i, { installs: installsOnDay })) : steadyFigure(d, i, { installs: 9_000 });
          const over = others(k, d);
          return over === null ? null : steadyFigure(d, i, { installs: 5_000 + 100 * k, ...over });
        }),
      ]),
    );
    return run(RANK_DROP_RULE, { wards, figures, thresholds: { rankDropPlaces } });
  }

  it("flags a fall of at least the set number of places since the day before", () => {
    const [alert] = ranks(5_150); // 1st → 4th (above 5.100, below 5.200): 3 places
    expect(numberOf(alert, "rank")).toBe(4);
    expect(numberOf(alert, "previousRank")).toBe(1);
    expect(alert?.message).toBe(
      "Phường Thử 1 tụt từ hạng 1 xuống hạng 4 (giảm 3 bậc) về tỷ lệ cài đặt Bluezone trong quận Hoàn Kiếm ngày 14/08/2021 so với ngày 13/08/2021.",
    );
  });

  it("is exact at the threshold: one place fewer is no alert", () => {
    expect(ranks(5_250)).toEqual([]); // 1st → 3rd: 2 places
    expect(ranks(5_250, 2)).toHaveLength(1);
  });

  it("says nothing for a ward not ranked that day (no report is not a fall)", () => {
    expect(ranks(null)).toEqual([]);
  });

  it("compares only complete rankings: no alert when a ward of the district had no report the day before", () => {
    const yesterday = addDays(DAY, -1);
    // Ward 5 missing the day before: ranked 1st of 4 then 4th of 5 would look like a fall of 3.
    expect(ranks(5_150, 3, (k, d) => (k === 4 && d === yesterday ? null : undefined))).toEqual([]);
    // Ward 5 missing on the day itself, with a threshold the fall would reach among 4.
    expect(ranks(5_150, 2, (k, d) => (k === 4 && d === DAY ? null : undefined))).toEqual([]);
    // The same fall between complete rankings is an alert (the check above is not vacuous).
    expect(ranks(5_150, 2)).toHaveLength(1);
  });

  it("needs coverage figures from every ward, not just any figure (QR figures alone do not complete a ranking)", () => {
    const yesterday = addDays(DAY, -1);
    expect(ranks(5_150, 3, (k, d) => (k === 2 && d === yesterday ? { smartphones: null, installs: null } : undefined))).toEqual([]);
  });

  it("compares only rankings of the same wards: a ward with 0 smartphones is reported but not ranked", () => {
    const yesterday = addDays(DAY, -1);
    // Ward 3 reported 0 smartphones the day before (no rate, not ranked), then 10.000 on the day.
    expect(ranks(5_150, 3, (k, d) => (k === 2 && d === yesterday ? { smartphones: 0, installs: 0 } : undefined))).toEqual([]);
    // With 0 smartphones on both days, the other four are ranked on both: the fall is judged.
    const [alert] = ranks(5_050, 3, (k) => (k === 2 ? { smartphones: 0, installs: 0 } : undefined));
    expect(numberOf(alert, "previousRank")).toBe(1);
    expect(numberOf(alert, "rank")).toBe(4);
    expect(numberOf(alert, "ranked")).toBe(4);
  });

  it("ranks within the ward's own district only", () => {
    const other: WardRef = { code: "00001", name: "Phường Phúc Xá", districtCode: "001", districtName: "Quận Ba Đình" };
    const figures = { [other.code]: series((d, i) => steadyFigure(d, i, { installs: d === addDays(DAY, 0) ? 100 : 9_500 })) };
    expect(run(RANK_DROP_RULE, { wards: [other], figures })).toEqual([]);
  });
});
