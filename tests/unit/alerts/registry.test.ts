import { describe, expect, it } from "vitest";
import { filterAlerts } from "../../../lib/domain/alerts/filters.ts";
import { ALERT_RULES, alertDataWindow, compareAlerts, countAlerts, evaluateAlerts, ruleById } from "../../../lib/domain/alerts/registry.ts";
import { ALERT_RULE_IDS, alertId, type Alert } from "../../../lib/domain/alerts/types.ts";
import { addDays } from "../../../lib/domain/days.ts";
import { DAY, HANG_BO, HANG_MA, PHUC_TAN, makeInput, reportsFrom, series, steadyFigure, WINDOW_DAYS } from "./fixtures.ts";

/** Phúc Tân: no scans 11–14/8; Hàng Bồ: no report on 14/8; Hàng Mã: all fine. */
function demoLike() {
  const phucTan = series((d, i) => steadyFigure(d, i, d >= addDays(DAY, -3) ? { scans: 0, activeVenues: 0 } : {}));
  const hangBo = series((d, i) => (d === DAY ? null : steadyFigure(d, i)));
  const hangMa = series((d, i) => steadyFigure(d, i));
  const first = WINDOW_DAYS[0] ?? DAY;
  return makeInput({
    wards: [PHUC_TAN, HANG_BO, HANG_MA],
    figures: { [PHUC_TAN.code]: phucTan, [HANG_BO.code]: hangBo, [HANG_MA.code]: hangMa },
    reports: { [PHUC_TAN.code]: reportsFrom(phucTan), [HANG_BO.code]: reportsFrom(hangBo), [HANG_MA.code]: reportsFrom(hangMa) },
    firstFigureDay: { [PHUC_TAN.code]: first, [HANG_BO.code]: first, [HANG_MA.code]: first },
  });
}

describe("alert registry", () => {
  it("has exactly one rule per rule id, each with a label and a description", () => {
    expect(ALERT_RULES.map((r) => r.id).sort()).toEqual([...ALERT_RULE_IDS].sort());
    for (const r of ALERT_RULES) {
      expect(r.label.length).toBeGreaterThan(3);
      expect(r.description.length).toBeGreaterThan(20);
      expect(ruleById(r.id)).toBe(r);
    }
  });

  it("needs the 30 history days and the report checks' 14 days before them", () => {
    expect(alertDataWindow(DAY)).toEqual({ from: "2021-07-02", to: DAY, historyFrom: "2021-07-16" });
  });

  it("finds each ward's alerts, most severe first, with stable ids", () => {
    const alerts = evaluateAlerts(demoLike());
    expect(alerts.map((a) => [a.ruleId, a.ward.code, a.severity])).toEqual([
      ["ZERO_SCANS", PHUC_TAN.code, "critical"],
      ["NOT_REPORTED", HANG_BO.code, "warning"],
    ]);
    expect(alerts[0]?.id).toBe(alertId("ZERO_SCANS", PHUC_TAN.code, DAY));
    expect(alerts[0]?.id).toBe("ZERO_SCANS:00037:2021-08-14");
  });

  it("is deterministic: the same stored data gives the same alerts", () => {
    expect(JSON.stringify(evaluateAlerts(demoLike()))).toBe(JSON.stringify(evaluateAlerts(demoLike())));
  });

  it("orders by severity, then the registry's order, then ward name", () => {
    const alert = (ruleId: Alert["ruleId"], severity: Alert["severity"], name: string): Alert => ({
      id: `${ruleId}:${name}`,
      ruleId,
      family: "scans",
      ward: { code: name, name, districtCode: "002", districtName: "Quận Hoàn Kiếm" },
      day: DAY,
      severity,
      baseSeverity: severity,
      escalated: false,
      streak: null,
      daysInLast30: null,
      numbers: [],
      message: "",
      text: { sentence: { key: `domain.alerts.rules.${ruleId}.label` }, streak: null },
    });
    const sorted = [
      alert("DORMANT_VENUES", "info", "Phường Ă"),
      alert("ZERO_SCANS", "warning", "Phường Đ"),
      alert("ZERO_SCANS", "warning", "Phường B"),
      alert("NOT_REPORTED", "critical", "Phường A"),
    ].sort(compareAlerts);
    expect(sorted.map((a) => a.ward.name)).toEqual(["Phường A", "Phường B", "Phường Đ", "Phường Ă"]);
  });

  it("counts by severity and rule, and filters by ward, rule, severity and status", () => {
    const alerts = evaluateAlerts(demoLike());
    const counts = countAlerts(alerts);
    expect(counts.total).toBe(2);
    expect(counts.bySeverity).toEqual({ info: 0, warning: 1, critical: 1 });
    expect(counts.byRule.get("ZERO_SCANS")).toBe(1);
    const acked = new Set([alertId("NOT_REPORTED", HANG_BO.code, DAY)]);
    expect(filterAlerts(alerts, { ward: PHUC_TAN.code }, acked).map((a) => a.ruleId)).toEqual(["ZERO_SCANS"]);
    expect(filterAlerts(alerts, { rule: "NOT_REPORTED" }, acked).map((a) => a.ward.code)).toEqual([HANG_BO.code]);
    expect(filterAlerts(alerts, { severity: "critical" }, acked)).toHaveLength(1);
    expect(filterAlerts(alerts, { status: "acknowledged" }, acked).map((a) => a.ruleId)).toEqual(["NOT_REPORTED"]);
    expect(filterAlerts(alerts, { status: "open" }, acked).map((a) => a.ruleId)).toEqual(["ZERO_SCANS"]);
    expect(filterAlerts(alerts, { ward: HANG_MA.code }, acked)).toEqual([]);
  });
});
