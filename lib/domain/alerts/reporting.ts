// Rule family "reporting": a ward that did not report by the deadline, or reported late.
//
// Only the ward's own report counts (source WARD_REPORT), as in the completeness page: an import
// is not a report. The deadline is the report deadline setting (`reports.deadline`, default 10:00
// the next day). A ward is expected to report from the first day it ever reported: a ward that has
// never reported (e.g. a district that only loads imports) is not flagged every day.

import { compareIsoDays, type IsoDay } from "../days.ts";
import { formatDay } from "../format.ts";
import { reportDueAt, type Timeliness } from "../timeliness.ts";
import type { AlertRule, RuleHit, WardDayContext } from "./types.ts";
import { formatInstantInSentence, formatMinutes, textNumber } from "./wording.ts";

function isExpected(ctx: WardDayContext): boolean {
  const first = ctx.input.firstReportDay.get(ctx.ward.code);
  return first !== undefined && compareIsoDays(first, ctx.day) <= 0;
}

/** Due instants by day, computed once per evaluation (every ward shares them). */
const dueCache = new WeakMap<object, Map<IsoDay, Date>>();

function dueAt(ctx: WardDayContext): Date {
  let byDay = dueCache.get(ctx.input);
  if (!byDay) dueCache.set(ctx.input, (byDay = new Map()));
  let due = byDay.get(ctx.day);
  if (!due) byDay.set(ctx.day, (due = reportDueAt(ctx.day, ctx.input.deadline)));
  return due;
}

/**
 * classifyReport (lib/domain/timeliness.ts) with the due instant computed once per day: on time
 * up to and including the deadline, a report without a submission time counts as on time, and a
 * missing report is only MISSING once the deadline has passed. (A unit test checks both agree.)
 */
export function classifyWithDue(report: { firstSubmittedAt: Date | null } | null, due: Date, now: Date): Timeliness {
  if (report === null) return now.getTime() > due.getTime() ? "MISSING" : "PENDING";
  if (report.firstSubmittedAt === null) return "ON_TIME";
  return report.firstSubmittedAt.getTime() > due.getTime() ? "LATE" : "ON_TIME";
}

function timelinessOf(ctx: WardDayContext) {
  const report = ctx.input.reports.get(ctx.ward.code)?.get(ctx.day) ?? null;
  const due = dueAt(ctx);
  return { report, status: classifyWithDue(report, due, ctx.input.now), due };
}

function evaluateNotReported(ctx: WardDayContext): RuleHit | null {
  if (!isExpected(ctx)) return null;
  const { status, due } = timelinessOf(ctx);
  if (status !== "MISSING") return null;
  return {
    severity: "warning",
    describe: () => ({
      numbers: [textNumber("deadline", "Hạn nộp", formatInstantInSentence(due))],
      sentence: `${ctx.ward.name} chưa gửi báo cáo số liệu ngày ${formatDay(ctx.day)} (hạn nộp ${formatInstantInSentence(due)}).`,
    }),
  };
}

function evaluateLateReport(ctx: WardDayContext): RuleHit | null {
  const { report, status, due } = timelinessOf(ctx);
  if (status !== "LATE" || report?.firstSubmittedAt == null) return null;
  const submitted = report.firstSubmittedAt;
  return {
    severity: "info",
    describe: () => {
      const late = formatMinutes((submitted.getTime() - due.getTime()) / 60_000);
      return {
        numbers: [
          textNumber("deadline", "Hạn nộp", formatInstantInSentence(due)),
          textNumber("submittedAt", "Gửi lúc", formatInstantInSentence(submitted)),
          textNumber("lateBy", "Muộn", late),
        ],
        sentence:
          `${ctx.ward.name} gửi báo cáo số liệu ngày ${formatDay(ctx.day)} lúc ${formatInstantInSentence(submitted)}, ` +
          `muộn ${late} so với hạn nộp ${formatInstantInSentence(due)}.`,
      };
    },
  };
}

export const NOT_REPORTED_RULE: AlertRule = {
  id: "NOT_REPORTED",
  family: "reporting",
  label: "Chưa báo cáo",
  description:
    "Phường chưa gửi báo cáo của ngày khi đã quá hạn nộp (cài đặt hạn nộp báo cáo). Phường chưa từng gửi báo cáo nào thì chưa bị tính.",
  history: true,
  escalates: true,
  streakPhrase: (kind) => `${kind} chưa gửi báo cáo`,
  evaluate: evaluateNotReported,
};

export const LATE_REPORT_RULE: AlertRule = {
  id: "LATE_REPORT",
  family: "reporting",
  label: "Báo cáo muộn",
  description: "Phường gửi báo cáo sau hạn nộp (tính theo lần gửi đầu tiên; sửa lại sau đó không làm báo cáo thành muộn).",
  history: true,
  escalates: true,
  streakPhrase: (kind) => `${kind} gửi báo cáo muộn`,
  evaluate: evaluateLateReport,
};
