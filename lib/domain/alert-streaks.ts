// Streaks and repeat offenders: how many days in a row a ward has been in an alert, how many days
// of the last 30 it was, and the escalation of severity once an alert has held for a set number
// of days in a row (setting `alerts.escalationDays`, default 3: the 3rd day in a row is escalated).
//
// A streak counts only days on which the alert held. A day the rule could not judge (no figure,
// no rate, an incomplete ranking) does not hold, so it ends the streak: "the 4th day in a row"
// always means four judged days. The alerts whose meaning is the absence of data (NOT_REPORTED)
// are the exception by nature: for them, the missing report is the judged fact.

import { addDays, compareIsoDays, type IsoDay } from "./days.ts";
import { msg, type Message } from "./message.ts";
import { ALERT_HISTORY_DAYS, raiseSeverity, type AlertSeverity, type AlertStreak } from "./alerts/types.ts";

export type StreakSummary = {
  readonly streak: AlertStreak;
  /** days the alert held within the `windowDays` days ending on the day, the day included */
  readonly daysInWindow: number;
};

/**
 * The streak ending on `day` and the repeat count over the `windowDays` days ending on `day`, from
 * the days the alert held (days outside the window are ignored). Null when it did not hold on `day`.
 * A streak that reaches the window's first day is marked `atLeast`: it may be longer.
 */
export function streakOf(hitDays: ReadonlySet<IsoDay>, day: IsoDay, windowDays: number = ALERT_HISTORY_DAYS): StreakSummary | null {
  if (!Number.isSafeInteger(windowDays) || windowDays < 1) throw new RangeError(`windowDays must be ≥ 1, got ${windowDays}`);
  if (!hitDays.has(day)) return null;
  let days = 0;
  while (days < windowDays && hitDays.has(addDays(day, -days))) days++;
  const first = addDays(day, -(windowDays - 1));
  let daysInWindow = 0;
  for (const d of hitDays) {
    if (compareIsoDays(d, first) >= 0 && compareIsoDays(d, day) <= 0) daysInWindow++;
  }
  return { streak: { days, atLeast: days === windowDays }, daysInWindow };
}

/**
 * The severity after escalation: one level up once the streak has reached `escalationDays` days
 * (exactly `escalationDays` days in a row is escalated; one fewer is not). Rules that do not
 * escalate, and a null streak (not tracked), keep their severity.
 */
export function escalateSeverity(
  base: AlertSeverity,
  streakDays: number | null,
  escalationDays: number,
  escalates: boolean,
): { severity: AlertSeverity; escalated: boolean } {
  if (!Number.isSafeInteger(escalationDays) || escalationDays < 1) throw new RangeError(`escalationDays must be ≥ 1, got ${escalationDays}`);
  if (!escalates || streakDays === null || streakDays < escalationDays) return { severity: base, escalated: false };
  const severity = raiseSeverity(base);
  return { severity, escalated: severity !== base };
}

/**
 * The sentence that follows an alert's own: "Đây là ngày thứ 4 liên tiếp phường không phát sinh
 * lượt quét mã QR; tổng cộng 6 ngày trong 30 ngày qua." Empty for a first day with no repeat.
 */
export function streakSentence(summary: StreakSummary, phrase: string, windowDays: number = ALERT_HISTORY_DAYS): string {
  const { streak, daysInWindow } = summary;
  const repeat = daysInWindow > streak.days ? `; tổng cộng ${daysInWindow} ngày trong ${windowDays} ngày qua` : "";
  if (streak.days >= 2) {
    const run = streak.atLeast ? `Đã ít nhất ${streak.days} ngày liên tiếp ${phrase}` : `Đây là ngày thứ ${streak.days} liên tiếp ${phrase}`;
    return `${run}${repeat}.`;
  }
  return daysInWindow > 1 ? `Trong ${windowDays} ngày qua đã có ${daysInWindow} ngày như vậy.` : "";
}

/** streakSentence for the interface (domain.alerts.streak.*): the same cases; null where it is empty. */
export function streakText(summary: StreakSummary, phrase: Message, windowDays: number = ALERT_HISTORY_DAYS): Message | null {
  const { streak, daysInWindow } = summary;
  const repeat = daysInWindow > streak.days ? { message: msg("domain.alerts.streak.repeat", { inWindow: daysInWindow, window: windowDays }) } : "";
  if (streak.days >= 2) {
    return msg(streak.atLeast ? "domain.alerts.streak.runAtLeast" : "domain.alerts.streak.run", { days: streak.days, phrase: { message: phrase }, repeat });
  }
  return daysInWindow > 1 ? msg("domain.alerts.streak.recent", { inWindow: daysInWindow, window: windowDays }) : null;
}
