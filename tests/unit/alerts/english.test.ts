import { describe, expect, it } from "vitest";
import { ALERT_CONDITIONS, conditionLine, conditionLineText } from "../../../lib/domain/alerts/grouping.ts";
import { ALERT_RULES, alertRuleText } from "../../../lib/domain/alerts/registry.ts";
import { VENUE_CATEGORY_LABELS } from "../../../lib/domain/venue-activity.ts";
import { LATE_REPORT_RULE, NOT_REPORTED_RULE } from "../../../lib/domain/alerts/reporting.ts";
import { SOURCE_DISAGREEMENT_RULE } from "../../../lib/domain/alerts/quality.ts";
import { ZERO_SCANS_RULE } from "../../../lib/domain/alerts/scans.ts";
import { BELOW_COVERAGE_TARGET_RULE } from "../../../lib/domain/alerts/targets.ts";
import { ALL_VENUES_DORMANT_RULE, DORMANT_VENUES_RULE, scanDataGapReason, scanDataGapText } from "../../../lib/domain/alerts/venues.ts";
import { addDays } from "../../../lib/domain/days.ts";
import { msg, renderMessage } from "../../../lib/domain/message.ts";
import type { UnitTargets } from "../../../lib/domain/targets.ts";
import { DAY, HANG_BO, PHUC_TAN, figure, reportsFrom, run, series, shown, steadyFigure, translator, venues } from "./fixtures.ts";

// The alerts in the interface's second language: the same facts, English words, English figures
// (77,113; 51.14%; 14 Aug 2021). `run` (fixtures.ts) checks every alert's Vietnamese rendering
// against the sentence a dispatch gets; here the English one is checked.

const TARGETS: UnitTargets = { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: null };

describe("alerts in English", () => {
  it("writes a below-target sentence with English figures and the numbers' labels", () => {
    const [alert] = run(BELOW_COVERAGE_TARGET_RULE, {
      targets: { [PHUC_TAN.code]: TARGETS },
      figures: { [PHUC_TAN.code]: series((d, i) => steadyFigure(d, i, d === DAY ? { installs: 77_113, smartphones: 150_788 } : { installs: 6_500 })) },
    });
    expect(alert).toBeDefined();
    if (!alert) return;
    const en = shown(alert, "en");
    expect(en.text).toBe(
      "The Bluezone install rate of Phường Phúc Tân on 14 Aug 2021 is 51.14% (77,113/150,788 smartphones), below the target of 60.00%; 13,360 installs still needed.",
    );
    expect(en.numbers).toContainEqual({ label: "Install rate", display: "51.14%" });
    expect(en.numbers).toContainEqual({ label: "Smartphones", display: "150,788" });
    expect(shown(alert, "vi").text).toContain("là 51,14% (77.113/150.788 điện thoại thông minh)");
  });

  it("tells a streak in English, with an ordinal", () => {
    const zeroOn = [addDays(DAY, -3), addDays(DAY, -2), addDays(DAY, -1), DAY];
    const figures = series((d, i) => (zeroOn.includes(d) ? steadyFigure(d, i, { scans: 0, activeVenues: 0 }) : steadyFigure(d, i)));
    const [alert] = run(ZERO_SCANS_RULE, { figures: { [PHUC_TAN.code]: figures } });
    expect(alert).toBeDefined();
    if (!alert) return;
    expect(shown(alert, "en").text).toBe(
      "Phường Phúc Tân had no QR scans on 14 Aug 2021 (none of its 200 venues with a QR code was scanned). This is the 4th day in a row that the ward had no QR scans.",
    );
  });

  it("says a missing report, its deadline and a late report's delay in English", () => {
    const figures = series((d, i) => (d === DAY ? null : steadyFigure(d, i)));
    const [missing] = run(NOT_REPORTED_RULE, {
      wards: [HANG_BO],
      figures: { [HANG_BO.code]: figures },
      firstFigureDay: { [HANG_BO.code]: addDays(DAY, -40) },
    });
    expect(missing && shown(missing, "en").text).toBe("Phường Hàng Bồ has not sent its report for 14 Aug 2021 (due 10:00 on 15 Aug 2021).");

    const reported = series((d, i) => steadyFigure(d, i));
    const late = reportsFrom(reported, (d) => (d === DAY ? new Date("2021-08-15T04:20:00Z") : new Date(`${d}T13:00:00Z`)));
    const [lateAlert] = run(LATE_REPORT_RULE, {
      wards: [HANG_BO],
      figures: { [HANG_BO.code]: reported },
      reports: { [HANG_BO.code]: late },
      firstFigureDay: { [HANG_BO.code]: addDays(DAY, -40) },
    });
    expect(lateAlert && shown(lateAlert, "en").text).toBe(
      "Phường Hàng Bồ sent its report for 14 Aug 2021 at 11:20 on 15 Aug 2021, 1 hour 20 minutes after the deadline of 10:00 on 15 Aug 2021.",
    );
    expect(lateAlert && shown(lateAlert, "en").numbers).toContainEqual({ label: "Late by", display: "1 hour 20 minutes" });
  });

  it("lists disagreeing fields with English percentages", () => {
    const reported = series((d, i) => steadyFigure(d, i, d === DAY ? { scans: 1_101, activeVenues: 40 } : {}));
    const [alert] = run(SOURCE_DISAGREEMENT_RULE, {
      figures: { [PHUC_TAN.code]: reported },
      reports: { [PHUC_TAN.code]: reportsFrom(reported) },
      imports: { [PHUC_TAN.code]: new Map([[DAY, { ...figure({ smartphones: null, installs: null }), scans: 1_000, activeVenues: 40 }]]) },
    });
    expect(alert && shown(alert, "en").text).toBe(
      "The figures of Phường Phúc Tân for 14 Aug 2021 differ from the data imported from the system by more than the tolerated 10%: " +
        "the number of QR scans: 1,101 reported by the ward, 1,000 imported from the system (a difference of 10.10%).",
    );
  });

  it("names venue types and dormancy in English", () => {
    const covered = { figures: { [PHUC_TAN.code]: series((d, i) => steadyFigure(d, i, { scans: 0, activeVenues: 0 })) } };
    const [some] = run(DORMANT_VENUES_RULE, { ...covered, venues: { [PHUC_TAN.code]: [venues("BUSINESS", 300, 180), venues("AGENCY", 20, 4, { active: 1 })] } });
    const all = run(ALL_VENUES_DORMANT_RULE, { ...covered, venues: { [PHUC_TAN.code]: [venues("BUSINESS", 1_200, 1_200)] } })[0];
    // Zero scans every day make every venue dormant, so the first is "all dormant" unless one was scanned.
    expect(some && shown(some, "en").text).toBe(
      "In Phường Phúc Tân, 184/320 venues with a QR code had no scan in the 7 days up to and including 14 Aug 2021 (businesses 180/300; government offices 4/20).",
    );
    expect(all && shown(all, "en").text).toBe(
      "None of the 1,200 venues with a QR code in Phường Phúc Tân had a scan in the 7 days up to and including 14 Aug 2021.",
    );
    expect(some && shown(some, "en").numbers).toContainEqual({ label: "Businesses (dormant/with a QR code)", display: "180/300" });
  });

  it("says why venues were not judged, in both languages", () => {
    const missing = [addDays(DAY, -6), addDays(DAY, -5), addDays(DAY, -4), DAY];
    const text = scanDataGapText(PHUC_TAN, DAY, 7, missing);
    expect(renderMessage(text, translator("vi"), "vi")).toBe(scanDataGapReason(PHUC_TAN, DAY, 7, missing));
    expect(renderMessage(text, translator("en"), "en")).toBe(
      "Not enough scan data to judge dormant venues in Phường Phúc Tân (7 days up to and including 14 Aug 2021): data missing for 8 Aug 2021–10 Aug 2021, 14 Aug 2021.",
    );
  });
});

describe("the alert centre's one-line conditions in English", () => {
  it("say a long-running condition with its streak (Vietnamese as conditionLine writes it)", () => {
    const en = (days: number, atLeast: boolean) =>
      renderMessage(conditionLineText({ ruleId: "BELOW_COVERAGE_TARGET", streak: { days, atLeast } }), translator("en"), "en");
    expect(en(30, true)).toBe("below install target for at least 30 days in a row");
    expect(en(8, false)).toBe("below install target for 8 days in a row");
    for (const streak of [null, { days: 1, atLeast: false }, { days: 8, atLeast: false }, { days: 30, atLeast: true }]) {
      for (const ruleId of ["ZERO_SCANS", "DORMANT_VENUES"] as const) {
        expect(renderMessage(conditionLineText({ ruleId, streak }), translator("vi"), "vi")).toBe(conditionLine({ ruleId, streak }));
      }
    }
  });
});

describe("the alerts' catalog entries", () => {
  it("render in both languages: every rule's label, description and condition, every venue type", () => {
    for (const locale of ["vi", "en"] as const) {
      const t = translator(locale);
      for (const rule of ALERT_RULES) {
        for (const part of ["label", "description", "condition"] as const) {
          const text = renderMessage(alertRuleText(rule.id, part), t, locale);
          expect(text.length).toBeGreaterThan(2);
          if (locale === "vi") expect(text).toBe(part === "condition" ? ALERT_CONDITIONS[rule.id] : rule[part]);
        }
      }
      for (const [code, label] of Object.entries(VENUE_CATEGORY_LABELS)) {
        for (const lower of ["yes", "no"]) {
          const text = renderMessage(msg(`domain.venueCategories.${code}`, { lower }), t, locale);
          if (locale === "vi") expect(text).toBe(lower === "yes" ? label.toLowerCase() : label);
          else expect(text).not.toMatch(/[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
        }
      }
    }
  });
});
