import { describe, expect, it } from "vitest";
import { LATE_REPORT_RULE, NOT_REPORTED_RULE, classifyWithDue } from "../../../lib/domain/alerts/reporting.ts";
import { evaluateAlerts } from "../../../lib/domain/alerts/registry.ts";
import { ZERO_SCANS_RULE } from "../../../lib/domain/alerts/scans.ts";
import { addDays } from "../../../lib/domain/days.ts";
import { classifyReport, DEFAULT_REPORT_DEADLINE, reportDueAt } from "../../../lib/domain/timeliness.ts";
import { DAY, HANG_BO, HANG_MA, displayOf, makeInput, reportsFrom, run, series, steadyFigure, WINDOW_DAYS } from "./fixtures.ts";

const at = (local: string) => new Date(`${local}+07:00`);
const FIRST = WINDOW_DAYS[0] ?? DAY;

/** Hàng Bồ reports every day of the window except `missing`, each at 20:00 the same day. */
function hangBo(missing: readonly string[] = [DAY], submitted: (day: string) => Date | null = (d) => at(`${d}T20:00:00`)) {
  const figures = series((d, i) => (missing.includes(d) ? null : steadyFigure(d, i)));
  return {
    wards: [HANG_BO],
    figures: { [HANG_BO.code]: figures },
    reports: { [HANG_BO.code]: reportsFrom(figures, submitted) },
    firstFigureDay: { [HANG_BO.code]: FIRST },
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

  it("does not flag wards before their district has any ward figure, nor a district known only above ward level", () => {
    expect(run(NOT_REPORTED_RULE, { ...hangBo(), firstFigureDay: {} })).toEqual([]);
    expect(run(NOT_REPORTED_RULE, { ...hangBo(), firstFigureDay: { [HANG_BO.code]: addDays(DAY, 1) } })).toEqual([]);
    expect(run(NOT_REPORTED_RULE, { ...hangBo(), firstFigureDay: { [HANG_BO.code]: DAY } })).toHaveLength(1);
    // A ward of another district with figures (but none on the day) is due; it does not make Hàng Bồ due.
    const other = { code: "00001", name: "Phường Phúc Xá", districtCode: "001", districtName: "Quận Ba Đình" };
    const alerts = run(NOT_REPORTED_RULE, { ...hangBo(), wards: [HANG_BO, other], firstFigureDay: { [other.code]: FIRST } });
    expect(alerts.map((a) => a.ward.code)).toEqual([other.code]);
  });

  it("flags a ward that never reported once another ward of its district has figures", () => {
    // Hàng Bồ has no figure at all in the window; Hàng Mã (same district) has figures from FIRST.
    const hangMa = series((d, i) => steadyFigure(d, i));
    const alerts = run(NOT_REPORTED_RULE, {
      wards: [HANG_BO, HANG_MA],
      figures: { [HANG_MA.code]: hangMa },
      reports: { [HANG_MA.code]: reportsFrom(hangMa) },
      firstFigureDay: { [HANG_MA.code]: FIRST },
    });
    expect(alerts.map((a) => [a.ruleId, a.ward.code])).toEqual([["NOT_REPORTED", HANG_BO.code]]);
    expect(alerts[0]?.streak).toEqual({ days: 30, atLeast: true });
  });

  // Changed with issue 11: "đã báo cáo" is hasReported (coverage figures from any source). Before,
  // only the ward's own report counted and an import with every figure was "chưa báo cáo".
  it("counts coverage figures from an import as a report", () => {
    const imported = series((d, i) => steadyFigure(d, i));
    const alerts = run(NOT_REPORTED_RULE, { ...hangBo(), figures: { [HANG_BO.code]: imported }, imports: { [HANG_BO.code]: imported } });
    expect(alerts).toEqual([]);
  });

  it("does not count QR figures alone (a scan-log import) as a report, and says which figures are missing", () => {
    const qrOnly = { smartphones: null, installs: null, qrVenues: 200, activeVenues: 0, scans: 0 };
    const input = hangBo();
    const figures = new Map(input.figures[HANG_BO.code]);
    figures.set(DAY, qrOnly);
    // The QR figures come from a scan-log import and from a ward report that holds nothing else.
    const reports = new Map(input.reports[HANG_BO.code]);
    reports.set(DAY, { ...qrOnly, firstSubmittedAt: at("2021-08-14T20:00:00") });
    const [alert, ...rest] = run(NOT_REPORTED_RULE, {
      ...input,
      figures: { [HANG_BO.code]: figures },
      reports: { [HANG_BO.code]: reports },
      imports: { [HANG_BO.code]: new Map([[DAY, qrOnly]]) },
    });
    expect(rest).toEqual([]);
    expect(alert?.ruleId).toBe("NOT_REPORTED");
    expect(alert?.message).toBe(
      "Phường Hàng Bồ chưa gửi đủ báo cáo số liệu ngày 14/08/2021 (hạn nộp 10:00 ngày 15/08/2021): " +
        "còn thiếu số điện thoại thông minh và số lượt cài Bluezone.",
    );
    // Installs without smartphones are not a report either.
    figures.set(DAY, { ...qrOnly, installs: 5_000 });
    const [partial] = run(NOT_REPORTED_RULE, { ...input, figures: { [HANG_BO.code]: figures } });
    expect(partial?.message).toContain("còn thiếu số điện thoại thông minh.");
    expect(partial?.numbers.find((n) => n.key === "installs")?.value).toBe(5_000);
  });

  it("counts a ward that reported 0 smartphones as reported (a zero denominator is not a missing report)", () => {
    const input = hangBo();
    const figures = new Map(input.figures[HANG_BO.code]);
    figures.set(DAY, { smartphones: 0, installs: 0, qrVenues: null, activeVenues: null, scans: null });
    expect(run(NOT_REPORTED_RULE, { ...input, figures: { [HANG_BO.code]: figures } })).toEqual([]);
    figures.set(DAY, { smartphones: null, installs: 0, qrVenues: null, activeVenues: null, scans: null });
    expect(run(NOT_REPORTED_RULE, { ...input, figures: { [HANG_BO.code]: figures } })).toHaveLength(1);
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

  it("judges the ward's report only when the imports do not give the coverage figures in full", () => {
    const late = hangBo([], (d) => (d === DAY ? at("2021-08-15T11:20:00") : at(`${d}T20:00:00`)));
    const reported = late.figures[HANG_BO.code];
    // The install statistics give smartphones and installs: on time, whenever the ward's own report came.
    const full = new Map([[DAY, { smartphones: 10_000, installs: 6_000, qrVenues: null, activeVenues: null, scans: null }]]);
    expect(run(LATE_REPORT_RULE, { ...late, imports: { [HANG_BO.code]: full } })).toEqual([]);
    // An import with the smartphones only: the installs came with the late report.
    const part = new Map([[DAY, { smartphones: 10_000, installs: null, qrVenues: null, activeVenues: null, scans: null }]]);
    expect(run(LATE_REPORT_RULE, { ...late, imports: { [HANG_BO.code]: part } })).toHaveLength(1);
    // A late report without coverage figures is not a (late) report: the ward has not reported.
    const qrOnly = new Map(reported);
    qrOnly.set(DAY, { smartphones: null, installs: null, qrVenues: 200, activeVenues: 40, scans: 500 });
    const input = { ...late, figures: { [HANG_BO.code]: qrOnly }, reports: { [HANG_BO.code]: reportsFrom(qrOnly, () => at("2021-08-15T11:20:00")) } };
    expect(run(LATE_REPORT_RULE, input)).toEqual([]);
    expect(run(NOT_REPORTED_RULE, input).map((a) => a.ruleId)).toEqual(["NOT_REPORTED"]);
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
