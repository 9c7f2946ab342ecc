// Completeness and timeliness of ward reports (as DHIS2 reports them): for each ward and day,
// whether the ward's report came in on time, late, not at all, or is not due yet. The deadline is
// configurable (setting `reports.deadline`, default 10:00 the next day, Asia/Ho_Chi_Minh).

import { addDays, compareIsoDays, vietnamDayBounds, type IsoDay } from "./days.ts";
import type { Ratio } from "./ratio.ts";

export type ReportDeadline = {
  /** the deadline falls this many days after the reported day (0 = the same day) */
  readonly daysAfter: number;
  /** local time (Asia/Ho_Chi_Minh) of the deadline on that day */
  readonly hour: number;
  readonly minute: number;
};

export const DEFAULT_REPORT_DEADLINE: ReportDeadline = { daysAfter: 1, hour: 10, minute: 0 };

/** The instant by which the report of `day` is due: 2021-08-17 → 2021-08-18T10:00+07:00 by default. */
export function reportDueAt(day: IsoDay, deadline: ReportDeadline = DEFAULT_REPORT_DEADLINE): Date {
  const { start } = vietnamDayBounds(addDays(day, deadline.daysAfter));
  return new Date(start.getTime() + (deadline.hour * 60 + deadline.minute) * 60_000);
}

/** "10:00 ngày hôm sau" */
/** The deadline's clock: "17:00". */
export function deadlineClock(deadline: Pick<ReportDeadline, "hour" | "minute">): string {
  return `${String(deadline.hour).padStart(2, "0")}:${String(deadline.minute).padStart(2, "0")}`;
}

export function describeDeadline(deadline: ReportDeadline): string {
  const time = deadlineClock(deadline);
  const when =
    deadline.daysAfter === 0 ? "cùng ngày" : deadline.daysAfter === 1 ? "ngày hôm sau" : `${deadline.daysAfter} ngày sau ngày báo cáo`;
  return `${time} ${when}`;
}

export type Timeliness = "ON_TIME" | "LATE" | "MISSING" | "PENDING";

export const TIMELINESS_LABELS: { readonly [T in Timeliness]: string } = {
  ON_TIME: "Đúng hạn",
  LATE: "Nộp muộn",
  MISSING: "Chưa báo cáo (quá hạn)",
  PENDING: "Chưa báo cáo (chưa đến hạn)",
};

/**
 * A report first submitted at `firstSubmittedAt` (null: none yet), seen at `now`. A report submitted
 * exactly at the deadline is on time. A report known to exist but without a submission time (loaded
 * from elsewhere) counts as on time: there is nothing to say it was late.
 */
export function classifyReport(input: {
  day: IsoDay;
  reported: boolean;
  firstSubmittedAt: Date | null;
  deadline: ReportDeadline;
  now: Date;
}): Timeliness {
  const due = reportDueAt(input.day, input.deadline);
  if (!input.reported) return input.now.getTime() > due.getTime() ? "MISSING" : "PENDING";
  if (input.firstSubmittedAt === null) return "ON_TIME";
  return input.firstSubmittedAt.getTime() > due.getTime() ? "LATE" : "ON_TIME";
}

export type CompletenessSummary = {
  /** days the report was due or has been received (PENDING days are not expected yet) */
  readonly expected: number;
  readonly reported: number;
  readonly onTime: number;
  readonly late: number;
  readonly missing: number;
  readonly pending: number;
  /** reported / expected; null when nothing was expected */
  readonly completeness: Ratio | null;
  /** on time / expected */
  readonly timeliness: Ratio | null;
};

export function summarizeTimeliness(statuses: readonly Timeliness[]): CompletenessSummary {
  const count = (t: Timeliness) => statuses.filter((s) => s === t).length;
  const onTime = count("ON_TIME");
  const late = count("LATE");
  const missing = count("MISSING");
  const pending = count("PENDING");
  const expected = onTime + late + missing;
  const reported = onTime + late;
  return {
    expected,
    reported,
    onTime,
    late,
    missing,
    pending,
    completeness: expected === 0 ? null : { num: reported, den: expected },
    timeliness: expected === 0 ? null : { num: onTime, den: expected },
  };
}

/** The days of [from, to] that can have a report at `today`: future days are left out. */
export function reportableDays(from: IsoDay, to: IsoDay, today: IsoDay): { from: IsoDay; to: IsoDay } | null {
  const end = compareIsoDays(to, today) > 0 ? today : to;
  return compareIsoDays(from, end) > 0 ? null : { from, to: end };
}
