// Who gets a reminder to report day D, and which day a reminder run is about. Pure: the job
// (lib/jobs/handlers.ts) reads the rows, this decides, the delivery step sends.
//
// "Đã báo cáo" has the one meaning of lib/domain/completeness.ts (hasReported): the ward's figure of
// the day has its coverage figures, smartphones and installs, from any source (its own report or an
// import), field by field as the effective figure takes them. QR figures alone are not a report
// ("partial day"), and 0 smartphones is a report. A ward whose report of the day is approved
// (locked by the district) is never reminded, and neither is a ward without an active chair (it is
// listed, so the job log can say who could not be reminded).

import { hasReported } from "../domain/completeness.ts";
import { addDays, todayInVietnam, type IsoDay } from "../domain/days.ts";
import type { FigureValues } from "../domain/figures.ts";
import { reportDueAt, type ReportDeadline } from "../domain/timeliness.ts";

/** The two reminder runs: on D+1 at the configured hour, and once more near the deadline. */
export type ReminderRound = "first" | "deadline";

export type WardRef = { readonly code: string; readonly name: string; readonly districtCode: string };

/** One stored figure row of a ward on the day (any source): only whether each field is known matters. */
export type WardFigureRow = Pick<FigureValues, "smartphones" | "installs"> & {
  readonly source: "WARD_REPORT" | "IMPORT" | "COMPUTED";
  readonly status: "SUBMITTED" | "APPROVED" | null;
};

export type ChairRef = { readonly userId: number; readonly wardCode: string; readonly displayName: string };

export type ReminderTarget = { readonly ward: WardRef; readonly chairs: readonly ChairRef[] };

export type ReminderSelection = {
  readonly day: IsoDay;
  /** wards that have not reported and have at least one active chair: one message per chair */
  readonly toRemind: readonly ReminderTarget[];
  /** wards that have not reported but have no active chair to remind */
  readonly withoutChair: readonly WardRef[];
  readonly reported: number;
  readonly approved: number;
};

/** The ward's rows of the day merged field by field (first known value): the effective figure's coverage fields. */
export function wardReported(rows: readonly WardFigureRow[]): boolean {
  const smartphones = rows.find((r) => r.smartphones !== null)?.smartphones ?? null;
  const installs = rows.find((r) => r.installs !== null)?.installs ?? null;
  return hasReported({ smartphones, installs, qrVenues: null, activeVenues: null, scans: null });
}

export function wardApproved(rows: readonly WardFigureRow[]): boolean {
  return rows.some((r) => r.source === "WARD_REPORT" && r.status === "APPROVED");
}

export function selectReminders(input: {
  readonly day: IsoDay;
  readonly wards: readonly WardRef[];
  /** the ward's stored rows of `day`, by ward code (a ward without rows has not reported) */
  readonly rows: ReadonlyMap<string, readonly WardFigureRow[]>;
  readonly chairs: readonly ChairRef[];
}): ReminderSelection {
  const chairsByWard = new Map<string, ChairRef[]>();
  for (const chair of input.chairs) {
    const list = chairsByWard.get(chair.wardCode) ?? [];
    list.push(chair);
    chairsByWard.set(chair.wardCode, list);
  }
  const toRemind: ReminderTarget[] = [];
  const withoutChair: WardRef[] = [];
  let reported = 0;
  let approved = 0;
  for (const ward of input.wards) {
    const rows = input.rows.get(ward.code) ?? [];
    if (wardApproved(rows)) {
      approved += 1;
      continue;
    }
    if (wardReported(rows)) {
      reported += 1;
      continue;
    }
    const chairs = chairsByWard.get(ward.code) ?? [];
    if (chairs.length === 0) withoutChair.push(ward);
    else toRemind.push({ ward, chairs });
  }
  return { day: input.day, toRemind, withoutChair, reported, approved };
}

/**
 * The day a reminder run at `now` is about. The first round runs on D+1 (the calendar day in
 * Asia/Ho_Chi_Minh, whatever the UTC date): D is yesterday there. The deadline round is about the
 * day whose report is due next, at or after `now`: with the default deadline (10:00 the next day)
 * that is also yesterday; with a same-day deadline it is today.
 */
export function reminderDay(now: Date, round: ReminderRound, deadline: ReportDeadline): IsoDay {
  const today = todayInVietnam(now);
  if (round === "first") return addDays(today, -1);
  const candidate = addDays(today, -deadline.daysAfter);
  // Past today's deadline already: the next due report is the following day's.
  return reportDueAt(candidate, deadline).getTime() < now.getTime() ? addDays(candidate, 1) : candidate;
}

/** Whether a reminder about `day` still makes sense at `now`: not once the deadline has passed. */
export function beforeDeadline(day: IsoDay, now: Date, deadline: ReportDeadline): boolean {
  return now.getTime() <= reportDueAt(day, deadline).getTime();
}
