// Rule family "reporting": a ward that did not report by the deadline, or reported late.
//
// "Đã báo cáo" has one meaning (lib/domain/completeness.ts, hasReported): the ward's effective
// figure of the day has its coverage figures, smartphones and installs, from any source (its own
// report or an import). QR figures alone (e.g. written by a scan-log import) are not a report, and
// 0 smartphones is a report (the ward said so). The deadline is the report deadline setting
// (`reports.deadline`, default 10:00 the next day).
//
// - NOT_REPORTED: no coverage figures once the deadline has passed. A ward is due to report from
//   the first day any ward of its district has a figure (any field, any source): a district that
//   WardWatch knows nothing about at ward level (e.g. only its official aggregate is loaded) is not
//   flagged every day, but a ward that never reported in a district whose other wards do is.
// - LATE_REPORT: the coverage figures came (at least in part) from the ward's own report, first
//   submitted after the deadline. An import has no deadline: coverage figures an import gives in
//   full are on time whenever the ward's own report arrived.

import { hasReported } from "../completeness.ts";
import { compareIsoDays, type IsoDay } from "../days.ts";
import { formatDay } from "../format.ts";
import { reportDueAt, type Timeliness } from "../timeliness.ts";
import { figureBefore, type AlertInput, type AlertRule, type RuleHit, type WardDayContext } from "./types.ts";
import { msg } from "../message.ts";
import { countNumber, formatInstantInSentence, formatMinutes, minutesText, textNumber } from "./wording.ts";

/** The first day with a ward figure, by district: computed once per evaluation. */
const dueFromCache = new WeakMap<AlertInput, Map<string, IsoDay>>();

/** The first day the wards of the ward's district must report (null: not yet, nothing known at ward level). */
export function reportingFrom(input: AlertInput, districtCode: string): IsoDay | null {
  let byDistrict = dueFromCache.get(input);
  if (!byDistrict) {
    byDistrict = new Map();
    for (const w of input.wards) {
      const first = input.firstFigureDay.get(w.code);
      if (first === undefined) continue;
      const known = byDistrict.get(w.districtCode);
      if (known === undefined || compareIsoDays(first, known) < 0) byDistrict.set(w.districtCode, first);
    }
    dueFromCache.set(input, byDistrict);
  }
  return byDistrict.get(districtCode) ?? null;
}

function isExpected(ctx: WardDayContext): boolean {
  const from = reportingFrom(ctx.input, ctx.ward.districtCode);
  return from !== null && compareIsoDays(from, ctx.day) <= 0;
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

/**
 * The ward's timeliness on the context's day: MISSING or PENDING without coverage figures
 * (hasReported on the effective figure); with them, the time of the ward's own report when the
 * imports alone do not give them, else on time.
 */
function timelinessOf(ctx: WardDayContext) {
  const own = ctx.input.reports.get(ctx.ward.code)?.get(ctx.day) ?? null;
  const fromImports = hasReported(ctx.input.imports.get(ctx.ward.code)?.get(ctx.day) ?? null);
  const report = !hasReported(figureBefore(ctx)) ? null : fromImports || own === null ? { firstSubmittedAt: null } : own;
  const due = dueAt(ctx);
  return { report, status: classifyWithDue(report, due, ctx.input.now), due };
}

function evaluateNotReported(ctx: WardDayContext): RuleHit | null {
  if (!isExpected(ctx)) return null;
  const { status, due } = timelinessOf(ctx);
  if (status !== "MISSING") return null;
  const figure = figureBefore(ctx);
  return {
    severity: "warning",
    describe() {
      const deadline = `hạn nộp ${formatInstantInSentence(due)}`;
      if (figure === null) {
        return {
          numbers: [textNumber("deadline", "Hạn nộp", formatInstantInSentence(due), { instant: due })],
          sentence: `${ctx.ward.name} chưa gửi báo cáo số liệu ngày ${formatDay(ctx.day)} (${deadline}).`,
          text: msg("domain.alerts.rules.NOT_REPORTED.sentence", { ward: ctx.ward.name, day: { day: ctx.day }, due: { instant: due } }),
        };
      }
      // Some figures of the day are known (e.g. QR figures from a scan-log import), not the coverage ones.
      const missing = [figure.smartphones === null ? "số điện thoại thông minh" : null, figure.installs === null ? "số lượt cài Bluezone" : null];
      return {
        numbers: [
          textNumber("deadline", "Hạn nộp", formatInstantInSentence(due), { instant: due }),
          countNumber("smartphones", "Điện thoại thông minh", figure.smartphones),
          countNumber("installs", "Đã cài Bluezone", figure.installs),
        ],
        sentence:
          `${ctx.ward.name} chưa gửi đủ báo cáo số liệu ngày ${formatDay(ctx.day)} (${deadline}): ` +
          `còn thiếu ${missing.filter((m) => m !== null).join(" và ")}.`,
        text: msg("domain.alerts.rules.NOT_REPORTED.sentencePartial", {
          ward: ctx.ward.name,
          day: { day: ctx.day },
          due: { instant: due },
          missing: {
            list: [
              ...(figure.smartphones === null ? [msg("domain.alerts.rules.NOT_REPORTED.missingSmartphones")] : []),
              ...(figure.installs === null ? [msg("domain.alerts.rules.NOT_REPORTED.missingInstalls")] : []),
            ],
            join: "and",
          },
        }),
      };
    },
  };
}

function evaluateLateReport(ctx: WardDayContext): RuleHit | null {
  const { report, status, due } = timelinessOf(ctx);
  if (status !== "LATE" || report?.firstSubmittedAt == null) return null;
  const submitted = report.firstSubmittedAt;
  return {
    severity: "info",
    describe() {
      const late = formatMinutes((submitted.getTime() - due.getTime()) / 60_000);
      const lateText = minutesText((submitted.getTime() - due.getTime()) / 60_000);
      return {
        numbers: [
          textNumber("deadline", "Hạn nộp", formatInstantInSentence(due), { instant: due }),
          textNumber("submittedAt", "Gửi lúc", formatInstantInSentence(submitted), { instant: submitted }),
          textNumber("lateBy", "Muộn", late, { message: lateText }),
        ],
        sentence:
          `${ctx.ward.name} gửi báo cáo số liệu ngày ${formatDay(ctx.day)} lúc ${formatInstantInSentence(submitted)}, ` +
          `muộn ${late} so với hạn nộp ${formatInstantInSentence(due)}.`,
        text: msg("domain.alerts.rules.LATE_REPORT.sentence", {
          ward: ctx.ward.name,
          day: { day: ctx.day },
          submitted: { instant: submitted },
          late: { message: lateText },
          due: { instant: due },
        }),
      };
    },
  };
}

export const NOT_REPORTED_RULE: AlertRule = {
  id: "NOT_REPORTED",
  family: "reporting",
  label: "Chưa báo cáo",
  description:
    "Đã quá hạn nộp (cài đặt hạn nộp báo cáo) mà phường chưa có số điện thoại thông minh và số lượt cài Bluezone của ngày " +
    "(từ báo cáo của phường hoặc dữ liệu nhập); số liệu mã QR không thay cho báo cáo. Chỉ tính từ ngày đầu tiên quận có số liệu cấp phường.",
  history: true,
  escalates: true,
  streakPhrase: (kind) => `${kind} chưa gửi báo cáo`,
  streakText: (kind) => msg("domain.alerts.rules.NOT_REPORTED.streak", { kind: { message: kind } }),
  evaluate: evaluateNotReported,
};

export const LATE_REPORT_RULE: AlertRule = {
  id: "LATE_REPORT",
  family: "reporting",
  label: "Báo cáo muộn",
  description:
    "Số liệu cài đặt của phường đến từ báo cáo gửi sau hạn nộp (tính theo lần gửi đầu tiên; sửa lại sau đó không làm báo cáo thành muộn). " +
    "Số liệu cài đặt có đủ từ dữ liệu nhập thì không tính muộn.",
  history: true,
  escalates: true,
  streakPhrase: (kind) => `${kind} gửi báo cáo muộn`,
  streakText: (kind) => msg("domain.alerts.rules.LATE_REPORT.streak", { kind: { message: kind } }),
  evaluate: evaluateLateReport,
};
