import { describe, expect, it } from "vitest";
import { escalateSeverity, streakOf, streakSentence } from "../../../lib/domain/alert-streaks.ts";
import { raiseSeverity } from "../../../lib/domain/alerts/types.ts";
import { addDays } from "../../../lib/domain/days.ts";

const DAY = "2021-08-14";
const days = (...back: number[]) => new Set(back.map((n) => addDays(DAY, -n)));

describe("streaks", () => {
  it("counts the days in a row ending on the day, and the days within the last 30", () => {
    expect(streakOf(days(0, 1, 2, 3), DAY)).toEqual({ streak: { days: 4, atLeast: false }, daysInWindow: 4 });
    expect(streakOf(days(0, 2, 3, 29, 30, -1), DAY)).toEqual({ streak: { days: 1, atLeast: false }, daysInWindow: 4 });
  });

  it("is null when the alert does not hold on the day", () => {
    expect(streakOf(days(1, 2), DAY)).toBeNull();
  });

  it("marks a streak as 'at least' when it reaches the first day of the window", () => {
    const all = new Set(Array.from({ length: 40 }, (_, i) => addDays(DAY, -i)));
    expect(streakOf(all, DAY)).toEqual({ streak: { days: 30, atLeast: true }, daysInWindow: 30 });
    expect(streakOf(all, DAY, 7)).toEqual({ streak: { days: 7, atLeast: true }, daysInWindow: 7 });
    expect(() => streakOf(all, DAY, 0)).toThrow(RangeError);
  });
});

describe("escalation", () => {
  it("raises one level from exactly `escalationDays` days in a row", () => {
    expect(escalateSeverity("warning", 2, 3, true)).toEqual({ severity: "warning", escalated: false });
    expect(escalateSeverity("warning", 3, 3, true)).toEqual({ severity: "critical", escalated: true });
    expect(escalateSeverity("info", 10, 3, true)).toEqual({ severity: "warning", escalated: true });
  });

  it("leaves rules that do not escalate, untracked streaks and critical alerts as they are", () => {
    expect(escalateSeverity("warning", 10, 3, false)).toEqual({ severity: "warning", escalated: false });
    expect(escalateSeverity("warning", null, 3, true)).toEqual({ severity: "warning", escalated: false });
    expect(escalateSeverity("critical", 10, 3, true)).toEqual({ severity: "critical", escalated: false });
    expect(raiseSeverity("critical")).toBe("critical");
  });
});

describe("streak sentence", () => {
  const phrase = "phường không phát sinh lượt quét mã QR";
  it("says how long, and how often in 30 days when more than the streak", () => {
    expect(streakSentence({ streak: { days: 4, atLeast: false }, daysInWindow: 4 }, phrase)).toBe(`Đây là ngày thứ 4 liên tiếp ${phrase}.`);
    expect(streakSentence({ streak: { days: 2, atLeast: false }, daysInWindow: 5 }, phrase)).toBe(
      `Đây là ngày thứ 2 liên tiếp ${phrase}; tổng cộng 5 ngày trong 30 ngày qua.`,
    );
    expect(streakSentence({ streak: { days: 1, atLeast: false }, daysInWindow: 3 }, phrase)).toBe("Trong 30 ngày qua đã có 3 ngày như vậy.");
    expect(streakSentence({ streak: { days: 1, atLeast: false }, daysInWindow: 1 }, phrase)).toBe("");
    expect(streakSentence({ streak: { days: 30, atLeast: true }, daysInWindow: 30 }, phrase)).toBe(`Đã ít nhất 30 ngày liên tiếp ${phrase}.`);
  });
});
