import { describe, expect, it } from "vitest";
import { LATE_REPORT_RULE, NOT_REPORTED_RULE, classifyWithDue } from "../../../lib/domain/alerts/reporting.ts";
import { evaluateAlerts } from "../../../lib/domain/alerts/registry.ts";
import { ZERO_SCANS_RULE } from "../../../lib/domain/alerts/scans.ts";
import { addDays } from "../../../lib/domain/days.ts";
import { classifyReport, DEFAULT_REPORT_DEADLINE, reportDueAt } from "../../../lib/domain/timeliness.ts";
import { DAY, HANG_BO, displayOf, makeInput, reportsFrom, run, series, steadyFigure, WINDOW_DAYS } from "./fixtures.ts";

const at = (local: string) => new Date(`${local}+07:00`);
const FIRST = WINDOW_DAYS[0] ?? DAY;

/** Hàng Bồ reports every day of the window except `missing`, each at 20:00 the same day. */
function hangBo(missing: readonly string[] = [DAY], submitted: (day: string) => Date | null = (d) => at(`${d}T20:00:00`)) {
  const figures = series((d, i) => (missing.includes(d) ? null : steadyFigure(d, i)));
  return {
    wards: [HANG_BO],
    figures: { [HANG_BO.code]: figures },
    reports: { [HANG_BO.code]: reportsFrom(figures, submitted) },
    firstReportDay: { [HANG_BO.code]: FIRST },
  };
}

describe("not-reported rule", () => {
  it("flags a ward without a report once the deadline (10:00 the next day) has passed", () => {
    const [alert] = run(NOT_REPORTED_RULE, { ...hangBo(), now: at("2021-08-15T10:00:00.001") });
    expect(alert?.ruleId).toBe("NOT_REPORTED");
    expect(alert?.severity).toBe("warning");
    expect(displayOf(alert, "deadline")).toBe("10:00 ngày 15/08/2021");
    expect(alert?.message).toBe("Phường Hàng Bồ chưa gửi báo cáo số liệu ngày 14/08/2021 (hạn nộp 10:00 ngày 15/08/2021).");
  });

  it("is not missing yet exactly at the deadline", () => {
    expect(run(NOT_REPORTED_RULE, { ...hangBo(), now: at("2021-08-15T10:00:00") })).toEqual([]);
  });

  it("follows the deadline setting", () => {
    const deadline = { daysAfter: 0, hour: 21, minute: 0 };
    expect(run(NOT_REPORTED_RULE, { ...hangBo(), deadline, now: at("2021-08-14T21:00:01") })).toHaveLength(1);
    expect(run(NOT_REPORTED_RULE, { ...hangBo(), deadline, now: at("2021-08-14T20:59:59") })).toEqual([]);
  });

  it("does not flag a ward that has never reported, nor before its first report", () => {
    expect(run(NOT_REPORTED_RULE, { ...hangBo(), firstReportDay: {} })).toEqual([]);
    expect(run(NOT_REPORTED_RULE, { ...hangBo(), firstReportDay: { [HANG_BO.code]: addDays(DAY, 1) } })).toEqual([]);
    expect(run(NOT_REPORTED_RULE, { ...hangBo(), firstReportDay: { [HANG_BO.code]: DAY } })).toHaveLength(1);
  });

  it("counts only the ward's own report: an import is not a report", () => {
    const input = hangBo();
    const imported = series((d, i) => steadyFigure(d, i));
    const alerts = run(NOT_REPORTED_RULE, { ...input, figures: { [HANG_BO.code]: imported }, imports: { [HANG_BO.code]: imported } });
    expect(alerts.map((a) => a.ruleId)).toEqual(["NOT_REPORTED"]);
  });

  it("keeps 'not reported' apart from 'zero scans' (missing is not zero)", () => {
    const alerts = evaluateAlerts(makeInput(hangBo()), [NOT_REPORTED_RULE, ZERO_SCANS_RULE]);
    expect(alerts.map((a) => a.ruleId)).toEqual(["NOT_REPORTED"]);
  });

  it("escalates three missing days in a row", () => {
    const [alert] = run(NOT_REPORTED_RULE, hangBo([addDays(DAY, -2), addDays(DAY, -1), DAY]));
    expect(alert?.streak?.days).toBe(3);
    expect(alert?.severity).toBe("critical");
    expect(alert?.message).toContain("Đây là ngày thứ 3 liên tiếp phường chưa gửi báo cáo.");
  });
});

describe("late-report rule", () => {
  it("flags a report first submitted after the deadline, by how much", () => {
    const late = hangBo([], (d) => (d === DAY ? at("2021-08-15T11:20:00") : at(`${d}T20:00:00`)));
    const [alert] = run(LATE_REPORT_RULE, late);
    expect(alert?.severity).toBe("info");
    expect(displayOf(alert, "lateBy")).toBe("1 giờ 20 phút");
    expect(alert?.message).toBe(
      "Phường Hàng Bồ gửi báo cáo số liệu ngày 14/08/2021 lúc 11:20 ngày 15/08/2021, muộn 1 giờ 20 phút so với hạn nộp 10:00 ngày 15/08/2021.",
    );
  });

  it("counts a report submitted exactly at the deadline, or without a known time, as on time", () => {
    expect(run(LATE_REPORT_RULE, hangBo([], (d) => (d === DAY ? at("2021-08-15T10:00:00") : null)))).toEqual([]);
    expect(run(LATE_REPORT_RULE, hangBo([], () => null))).toEqual([]);
    expect(run(LATE_REPORT_RULE, hangBo([], (d) => (d === DAY ? at("2021-08-15T10:01:00") : null)))).toHaveLength(1);
  });
});

describe("classifyWithDue", () => {
  it("agrees with classifyReport", () => {
    const due = reportDueAt(DAY, DEFAULT_REPORT_DEADLINE);
    const instants = [-60_000, -1, 0, 1, 60_000].map((ms) => new Date(due.getTime() + ms));
    for (const now of instants) {
      for (const submitted of [null, ...instants]) {
        for (const reported of [true, false]) {
          const expected = classifyReport({ day: DAY, reported, firstSubmittedAt: reported ? submitted : null, deadline: DEFAULT_REPORT_DEADLINE, now });
          expect(classifyWithDue(reported ? { firstSubmittedAt: submitted } : null, due, now)).toBe(expected);
        }
      }
    }
  });
});
