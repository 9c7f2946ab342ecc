import { describe, expect, it } from "vitest";
import { matchesSeverity } from "../../../lib/domain/alerts/filters.ts";
import { conditionLine, groupAlertsByWard, isLongRunning, LONG_RUNNING_DAYS, streakWords } from "../../../lib/domain/alerts/grouping.ts";
import { alertId, type Alert, type AlertRuleId, type AlertSeverity, type WardRef } from "../../../lib/domain/alerts/types.ts";
import { DAY, HANG_BO, HANG_MA, PHUC_TAN } from "./fixtures.ts";

function alert(ward: WardRef, ruleId: AlertRuleId, severity: AlertSeverity, streakDays: number | null, atLeast = false): Alert {
  return {
    id: alertId(ruleId, ward.code, DAY),
    ruleId,
    family: "targets",
    ward,
    day: DAY,
    severity,
    baseSeverity: severity,
    escalated: false,
    streak: streakDays === null ? null : { days: streakDays, atLeast },
    daysInLast30: streakDays,
    numbers: [],
    message: `${ruleId} ${ward.name}`,
    text: { sentence: { key: `domain.alerts.rules.${ruleId}.label` }, streak: null },
  };
}

describe("the alert centre's rows", () => {
  const below = alert(HANG_MA, "BELOW_COVERAGE_TARGET", "warning", 30, true);
  const zero = alert(PHUC_TAN, "ZERO_SCANS", "critical", 4);
  const phucTanBelow = alert(PHUC_TAN, "BELOW_COVERAGE_TARGET", "warning", 12);
  const dormant = alert(PHUC_TAN, "DORMANT_VENUES", "info", null);
  const late = alert(HANG_BO, "LATE_REPORT", "warning", 1);

  it("makes one row per ward, most severe first, its severity the most severe of its alerts", () => {
    const groups = groupAlertsByWard([zero, below, late, phucTanBelow, dormant], new Set());
    expect(groups.map((g) => g.ward.code)).toEqual([PHUC_TAN.code, HANG_MA.code, HANG_BO.code]);
    expect(groups.map((g) => g.severity)).toEqual(["critical", "warning", "warning"]);
    expect(groups[0]?.alerts.map((a) => a.ruleId)).toEqual(["ZERO_SCANS", "BELOW_COVERAGE_TARGET", "DORMANT_VENUES"]);
  });

  it("sorts a ward's alerts by severity even when the input did not", () => {
    const [group] = groupAlertsByWard([dormant, phucTanBelow, zero], new Set());
    expect(group?.alerts.map((a) => a.severity)).toEqual(["critical", "warning", "info"]);
    expect(group?.severity).toBe("critical");
  });

  it("counts open and acknowledged alerts per ward", () => {
    const [group] = groupAlertsByWard([zero, phucTanBelow, dormant], new Set([zero.id]));
    expect(group).toMatchObject({ acknowledged: 1, open: 2 });
  });

  it("puts conditions held a week or more in a row apart, one line each with the streak", () => {
    const [phucTan, hangMa] = groupAlertsByWard([zero, phucTanBelow, below, dormant], new Set());
    expect(phucTan?.recent.map((a) => a.ruleId)).toEqual(["ZERO_SCANS", "DORMANT_VENUES"]);
    expect(phucTan?.longRunning.map((a) => a.ruleId)).toEqual(["BELOW_COVERAGE_TARGET"]);
    expect(hangMa?.recent).toEqual([]);
    expect(conditionLine(phucTanBelow)).toBe("dưới mục tiêu cài đặt 12 ngày liên tiếp");
    expect(conditionLine(below)).toBe("dưới mục tiêu cài đặt ít nhất 30 ngày liên tiếp");
  });

  it("calls long-running from exactly LONG_RUNNING_DAYS days in a row; never a rule judged on the day only", () => {
    expect(isLongRunning(alert(PHUC_TAN, "ZERO_SCANS", "critical", LONG_RUNNING_DAYS))).toBe(true);
    expect(isLongRunning(alert(PHUC_TAN, "ZERO_SCANS", "critical", LONG_RUNNING_DAYS - 1))).toBe(false);
    expect(isLongRunning(dormant)).toBe(false);
    expect(isLongRunning(zero, 3)).toBe(true);
  });

  it("says the streak in words", () => {
    expect(streakWords(zero)).toBe("4 ngày liên tiếp");
    expect(streakWords(late)).toBe("ngày đầu tiên");
    expect(streakWords(dormant)).toBeNull();
    expect(conditionLine(late)).toBe("báo cáo muộn");
    expect(conditionLine(dormant)).toBe("có địa điểm không hoạt động");
  });

  it("is empty without alerts", () => {
    expect(groupAlertsByWard([], new Set())).toEqual([]);
  });
});

describe("the severity filter", () => {
  it("defaults to serious and needs-attention alerts; 'all' and absent keep every one", () => {
    expect((["critical", "warning", "info"] as const).map((s) => matchesSeverity(s, "attention"))).toEqual([true, true, false]);
    expect((["critical", "warning", "info"] as const).map((s) => matchesSeverity(s, "all"))).toEqual([true, true, true]);
    expect((["critical", "warning", "info"] as const).map((s) => matchesSeverity(s, undefined))).toEqual([true, true, true]);
    expect((["critical", "warning", "info"] as const).map((s) => matchesSeverity(s, "warning"))).toEqual([false, true, false]);
  });
});
