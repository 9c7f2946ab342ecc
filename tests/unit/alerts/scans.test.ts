import { describe, expect, it } from "vitest";
import { hasZeroScans, ZERO_SCANS_RULE } from "../../../lib/domain/alerts/scans.ts";
import { addDays } from "../../../lib/domain/days.ts";
import { DAY, NONE, PHUC_TAN, figure, numberOf, run, series, steadyFigure } from "./fixtures.ts";

const zeroOn = (days: readonly string[]) =>
  series((d, i) => (days.includes(d) ? steadyFigure(d, i, { scans: 0, activeVenues: 0 }) : steadyFigure(d, i)));

const before = (n: number) => addDays(DAY, -n);

describe("zero-scan rule", () => {
  it("flags a ward that reported 0 scans, with the numbers and a sentence for a dispatch", () => {
    const [alert, ...rest] = run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: zeroOn([DAY]) } });
    expect(rest).toEqual([]);
    expect(alert?.ruleId).toBe("ZERO_SCANS");
    expect(alert?.severity).toBe("warning");
    expect(alert?.escalated).toBe(false);
    expect(numberOf(alert, "scans")).toBe(0);
    expect(numberOf(alert, "qrVenues")).toBe(200);
    expect(alert?.message).toBe(
      "Phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14/08/2021 (không địa điểm nào trong số 200 địa điểm đã tạo mã QR có lượt quét).",
    );
    expect(alert?.streak).toEqual({ days: 1, atLeast: false });
    expect(alert?.daysInLast30).toBe(1);
  });

  it("says nothing for a ward without a figure that day: missing is not zero", () => {
    const figures = series((d, i) => (d === DAY ? null : steadyFigure(d, i)));
    expect(run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: figures } })).toEqual([]);
    const unknown = series((d, i) => (d === DAY ? { ...NONE, smartphones: 10_000 } : steadyFigure(d, i)));
    expect(run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: unknown } })).toEqual([]);
  });

  it("is exact at the boundary: 1 scan is not zero", () => {
    const one = series((d, i) => steadyFigure(d, i, d === DAY ? { scans: 1, activeVenues: 1 } : {}));
    expect(run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: one } })).toEqual([]);
  });

  it("reads 0 venues with scans as no scan when the scans themselves are not known", () => {
    expect(hasZeroScans({ ...figure(), scans: null, activeVenues: 0 })).toBe(true);
    expect(hasZeroScans({ ...figure(), scans: null, activeVenues: null })).toBe(false);
    expect(hasZeroScans({ ...figure(), scans: 0 })).toBe(true);
    expect(hasZeroScans(null)).toBe(false);
  });

  it("escalates a 4-day streak (11–14/8) to critical and says how long it has lasted", () => {
    const [alert] = run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: zeroOn([before(3), before(2), before(1), DAY]) } });
    expect(alert?.streak).toEqual({ days: 4, atLeast: false });
    expect(alert?.severity).toBe("critical");
    expect(alert?.baseSeverity).toBe("warning");
    expect(alert?.escalated).toBe(true);
    expect(alert?.message).toContain("Đây là ngày thứ 4 liên tiếp phường không phát sinh lượt quét mã QR.");
  });

  it("escalates from exactly the 3rd day in a row (default), not on the 2nd", () => {
    const two = run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: zeroOn([before(1), DAY]) } })[0];
    expect(two?.streak?.days).toBe(2);
    expect(two?.severity).toBe("warning");
    const three = run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: zeroOn([before(2), before(1), DAY]) } })[0];
    expect(three?.streak?.days).toBe(3);
    expect(three?.severity).toBe("critical");
  });

  it("follows the escalation setting", () => {
    const figures = { [PHUC_TAN.code]: zeroOn([before(3), before(2), before(1), DAY]) };
    expect(run(ZERO_SCANS_RULE, { figures, thresholds: { escalationDays: 5 } })[0]?.severity).toBe("warning");
    expect(run(ZERO_SCANS_RULE, { figures, thresholds: { escalationDays: 4 } })[0]?.severity).toBe("critical");
  });

  it("breaks the streak on a day without a figure, and counts repeats over the last 30 days only", () => {
    // zero on DAY, DAY−2 (DAY−1 missing), DAY−10, DAY−29 (in the window) and DAY−30 (outside it)
    const zeros = [DAY, before(2), before(10), before(29), before(30)];
    const figures = series((d, i) => (d === before(1) ? null : zeros.includes(d) ? steadyFigure(d, i, { scans: 0, activeVenues: 0 }) : steadyFigure(d, i)));
    const [alert] = run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: figures } });
    expect(alert?.streak).toEqual({ days: 1, atLeast: false });
    expect(alert?.daysInLast30).toBe(4);
    expect(alert?.severity).toBe("warning");
    expect(alert?.message).toContain("Trong 30 ngày qua đã có 4 ngày như vậy.");
  });

  it("marks a streak that fills the whole 30-day window as at least that long", () => {
    const figures = series((d, i) => steadyFigure(d, i, { scans: 0, activeVenues: 0 }));
    const [alert] = run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: figures } });
    expect(alert?.streak).toEqual({ days: 30, atLeast: true });
    expect(alert?.message).toContain("Đã ít nhất 30 ngày liên tiếp");
  });

  it("ignores figures after the day asked for (a past day gives the same alert later)", () => {
    const base = zeroOn([DAY]);
    const withFuture = new Map(base);
    withFuture.set(addDays(DAY, 1), figure({ scans: 0 }));
    expect(run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: withFuture } })).toEqual(run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: base } }));
  });
});
