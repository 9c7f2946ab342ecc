import { describe, expect, it } from "vitest";
import { createRandom } from "../../../prisma/seed/random.ts";
import {
  ALERT_OUTLIER_OPTIONS,
  disagrees,
  INSTALLS_DECREASED_RULE,
  qualityFindings,
  SOURCE_DISAGREEMENT_RULE,
  UNUSUAL_VALUE_RULE,
} from "../../../lib/domain/alerts/quality.ts";
import { evaluateAlerts } from "../../../lib/domain/alerts/registry.ts";
import { ZERO_SCANS_RULE } from "../../../lib/domain/alerts/scans.ts";
import { addDays, dayRange } from "../../../lib/domain/days.ts";
import { FIGURE_FIELDS, type FigureValues } from "../../../lib/domain/figures.ts";
import { reportCheckFindings, type HistoryDay } from "../../../lib/domain/report-checks.ts";
import type { OutlierOptions } from "../../../lib/domain/robust.ts";
import { DAY, PHUC_TAN, displayOf, figure, makeInput, numberOf, reportsFrom, run, series, steadyFigure } from "./fixtures.ts";

describe("quality findings", () => {
  /** The same checks as reportWarnings, day by day over random series with gaps and nulls. */
  function compare(seed: string, options: OutlierOptions | undefined): number {
    let found = 0;
    const rng = createRandom(seed);
    const days = dayRange("2021-07-01", "2021-08-14");
    const figures: (FigureValues | null)[] = days.map((_, i) => {
      if (rng.chance(0.1)) return null;
      const value = (base: number, spread: number) => (rng.chance(0.08) ? null : Math.max(0, Math.round(base + rng.normal(0, spread) + (rng.chance(0.05) ? spread * 20 : 0))));
      return {
        smartphones: value(10_000, 5),
        installs: value(3_000 + 40 * i, rng.chance(0.1) ? 200 : 8),
        qrVenues: value(100 + 2 * i, 2),
        activeVenues: value(30, 6),
        scans: value(400, 60),
      };
    });
    for (let offset = 20; offset < days.length; offset++) {
      const day = days[offset] ?? "";
      const values = figures[offset] ?? null;
      const history: HistoryDay[] = days.flatMap((d, i) => {
        const v = figures[i] ?? null;
        return i < offset && v !== null ? [{ day: d, values: v }] : [];
      });
      const expected =
        values === null
          ? []
          : reportCheckFindings(day, values, history, options).map((w) =>
              w.code === "INSTALLS_DECREASED" ? { code: w.code, value: w.value, reference: w.reference } : { code: w.code, field: w.field, value: w.value, reference: w.reference },
            );
      const actual = qualityFindings(figures, offset, options).map((f) =>
        f.code === "INSTALLS_DECREASED" ? { code: f.code, value: f.value, reference: f.reference } : f,
      );
      expect(actual, `${seed} ${day}`).toEqual(expected);
      found += actual.length;
    }
    return found;
  }

  it("agree with the report checks (lib/domain/report-checks.ts) on random series", () => {
    let loose = 0;
    let strict = 0;
    for (const seed of ["a", "b", "c", "d", "e", "f"]) {
      loose += compare(seed, {});
      strict += compare(seed, ALERT_OUTLIER_OPTIONS);
    }
    // Both settings found something to compare, the stricter one less.
    expect(strict).toBeGreaterThan(5);
    expect(loose).toBeGreaterThan(strict);
  });
});

describe("installs-decreased rule", () => {
  const withInstalls = (installsOnDay: number) =>
    run(INSTALLS_DECREASED_RULE, {
      figures: { [PHUC_TAN.code]: series((d, i) => (d === DAY ? steadyFigure(d, i, { installs: installsOnDay }) : steadyFigure(d, i))) },
    });
  // steadyFigure: installs 4.000 + 50 × index; DAY is index 43, the day before 42 → 6.100.

  it("flags cumulative installs lower than the day before", () => {
    const [alert] = withInstalls(6_050);
    expect(alert?.severity).toBe("warning");
    expect(numberOf(alert, "previousInstalls")).toBe(6_100);
    expect(numberOf(alert, "decrease")).toBe(50);
    expect(alert?.message).toContain("(6.050) thấp hơn ngày 13/08/2021 (6.100)");
  });

  it("is exact at the boundary: equal installs are no alert", () => {
    expect(withInstalls(6_100)).toEqual([]);
  });

  it("compares with the latest known day when the day before is missing", () => {
    const figures = series((d, i) => (d === addDays(DAY, -1) ? null : d === DAY ? steadyFigure(d, i, { installs: 6_000 }) : steadyFigure(d, i)));
    const [alert] = run(INSTALLS_DECREASED_RULE, { figures: { [PHUC_TAN.code]: figures } });
    expect(numberOf(alert, "previousInstalls")).toBe(6_050);
    expect(alert?.message).toContain("ngày 12/08/2021");
  });
});

describe("unusual-value rule", () => {
  it("flags a value far from the ward's last 14 days", () => {
    const figures = series((d, i) => steadyFigure(d, i, d === DAY ? { scans: 5_000 } : {}));
    const [alert] = run(UNUSUAL_VALUE_RULE, { figures: { [PHUC_TAN.code]: figures } });
    expect(alert?.severity).toBe("info");
    expect(numberOf(alert, "scans")).toBe(5_000);
    expect(displayOf(alert, "scansMedian")).toBe("510");
    expect(alert?.message).toContain("số lượt quét mã QR là 5.000 (trung vị 14 ngày trước: 510)");
  });

  it("leaves ordinary variation alone (stricter than the entry form)", () => {
    const figures = series((d, i) => steadyFigure(d, i, d === DAY ? { scans: 700 } : {}));
    expect(run(UNUSUAL_VALUE_RULE, { figures: { [PHUC_TAN.code]: figures } })).toEqual([]);
  });

  it("does not repeat a zero-scan day or a fall in installs as an unusual value", () => {
    const zero = series((d, i) => steadyFigure(d, i, d === DAY ? { scans: 0, activeVenues: 0 } : {}));
    const alerts = evaluateAlerts(makeInput({ figures: { [PHUC_TAN.code]: zero } }), [ZERO_SCANS_RULE, UNUSUAL_VALUE_RULE]);
    expect(alerts.map((a) => a.ruleId)).toEqual(["ZERO_SCANS"]);
    const fall = series((d, i) => steadyFigure(d, i, d === DAY ? { installs: 100 } : {}));
    expect(run(UNUSUAL_VALUE_RULE, { figures: { [PHUC_TAN.code]: fall } })).toEqual([]);
  });
});

describe("source-disagreement rule", () => {
  it("compares exactly with the tolerance (more than 10 % of the imported value)", () => {
    expect(disagrees(1_100, 1_000, 10)).toBe(false);
    expect(disagrees(1_101, 1_000, 10)).toBe(true);
    expect(disagrees(900, 1_000, 10)).toBe(false);
    expect(disagrees(899, 1_000, 10)).toBe(true);
    expect(disagrees(0, 0, 10)).toBe(false);
    expect(disagrees(1, 0, 10)).toBe(true);
    expect(disagrees(1_000, 1_001, 0)).toBe(true);
  });

  function disagreement(entered: Partial<FigureValues>, imported: Partial<FigureValues>, tolerance?: number) {
    const reported = series((d, i) => steadyFigure(d, i, d === DAY ? entered : {}));
    const fromImport = new Map([[DAY, { ...figure({ smartphones: null, installs: null }), ...imported }]]);
    return run(SOURCE_DISAGREEMENT_RULE, {
      figures: { [PHUC_TAN.code]: reported },
      reports: { [PHUC_TAN.code]: reportsFrom(reported) },
      imports: { [PHUC_TAN.code]: fromImport },
      thresholds: tolerance === undefined ? {} : { disagreementTolerancePercent: tolerance },
    });
  }

  it("flags entered figures that differ from the imported scan logs by more than the tolerance", () => {
    const [alert] = disagreement({ scans: 1_101, activeVenues: 40 }, { scans: 1_000, activeVenues: 40 });
    expect(alert?.severity).toBe("warning");
    expect(numberOf(alert, "scansEntered")).toBe(1_101);
    expect(numberOf(alert, "scansImported")).toBe(1_000);
    expect(displayOf(alert, "scansDifference")).toBe("10,10%");
    expect(alert?.message).toBe(
      "Số liệu ngày 14/08/2021 của phường Phúc Tân chênh lệch với dữ liệu nhập từ hệ thống quá ngưỡng cho phép 10%: " +
        "số lượt quét mã QR phường báo cáo là 1.101, dữ liệu nhập từ hệ thống là 1.000 (chênh lệch 10,10%).",
    );
  });

  it("says nothing exactly at the tolerance, and follows the setting", () => {
    expect(disagreement({ scans: 1_100, activeVenues: 40 }, { scans: 1_000, activeVenues: 40 })).toEqual([]);
    expect(disagreement({ scans: 1_100, activeVenues: 40 }, { scans: 1_000, activeVenues: 40 }, 5)).toHaveLength(1);
  });

  it("compares only fields both sources know, and needs both a report and an import", () => {
    expect(disagreement({ scans: 1_000, activeVenues: 40 }, { scans: null, activeVenues: 40 })).toEqual([]);
    const reported = series((d, i) => steadyFigure(d, i));
    expect(run(SOURCE_DISAGREEMENT_RULE, { figures: { [PHUC_TAN.code]: reported }, reports: { [PHUC_TAN.code]: reportsFrom(reported) } })).toEqual([]);
  });

  it("treats an import of 0 as a value: any entered scans disagree", () => {
    const [alert] = disagreement({ scans: 5, activeVenues: 1 }, { scans: 0, activeVenues: 0 });
    expect(alert?.numbers.map((n) => n.key)).toEqual(expect.arrayContaining(["scansEntered", "activeVenuesEntered"]));
    expect(alert?.message).toContain("dữ liệu nhập từ hệ thống là 0");
  });

  it("lists the fields in a fixed order", () => {
    const [alert] = disagreement({ scans: 2_000, activeVenues: 80, qrVenues: 400 }, { scans: 1_000, activeVenues: 40, qrVenues: 200 });
    const entered = alert?.numbers.filter((n) => n.key.endsWith("Entered")).map((n) => n.key);
    expect(entered).toEqual(FIGURE_FIELDS.filter((f) => ["qrVenues", "activeVenues", "scans"].includes(f)).map((f) => `${f}Entered`));
  });
});
