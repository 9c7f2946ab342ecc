import { describe, expect, it } from "vitest";
import { BELOW_COVERAGE_TARGET_RULE, BELOW_QR_TARGET_RULE, RANK_DROP_RULE } from "../../../lib/domain/alerts/targets.ts";
import type { WardRef } from "../../../lib/domain/alerts/types.ts";
import { addDays } from "../../../lib/domain/days.ts";
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
  function ranks(installsOnDay: number | null, rankDropPlaces = 3) {
    const figures = Object.fromEntries(
      wards.map((w, k) => [
        w.code,
        series((d, i) => {
          if (k === 0) return d === DAY ? (installsOnDay === null ? null : steadyFigure(d, i, { installs: installsOnDay })) : steadyFigure(d, i, { installs: 9_000 });
          return steadyFigure(d, i, { installs: 5_000 + 100 * k });
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

  it("ranks within the ward's own district only", () => {
    const other: WardRef = { code: "00001", name: "Phường Phúc Xá", districtCode: "001", districtName: "Quận Ba Đình" };
    const figures = { [other.code]: series((d, i) => steadyFigure(d, i, { installs: d === addDays(DAY, 0) ? 100 : 9_500 })) };
    expect(run(RANK_DROP_RULE, { wards: [other], figures })).toEqual([]);
  });
});
