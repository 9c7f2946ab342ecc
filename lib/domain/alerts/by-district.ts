// Every alert of many districts (a city, the country's 705) from their wards' stored figures, one
// district at a time. Every rule reads a ward's own figures, its district's wards (ranks, the day
// reporting starts) and nothing beyond its district, so the alerts of a set of districts are the
// alerts of each district, merged and sorted (tests/unit/alerts/by-district.test.ts checks it).
//
// Why one district at a time: the tables of the country's 10.603 wards over the 44 days of the
// window are ~1,4 million small objects that live through the whole evaluation, and collecting
// them cost more than evaluating the rules. A district's tables are built, judged and dropped
// while young (cheap to collect), and memory stays that of one district.

import type { IsoDay } from "../days.ts";
import type { FigureSource } from "../figures.ts";
import { evaluateAlertsUnsorted, sortAlerts } from "./registry.ts";
import { buildAlertTables, type SourceColumns } from "./sources.ts";
import type { Alert, AlertInput, WardRef } from "./types.ts";
import { venueJudgement } from "./venues.ts";

/** What every district's evaluation shares: everything of AlertInput but its wards and their tables. */
export type SharedAlertInput = Omit<AlertInput, "wards" | "figures" | "reports" | "imports">;

export type DistrictAlerts = {
  /** every alert, sorted (compareAlerts) */
  alerts: Alert[];
  /** the wards whose venues could not be judged for lack of scan data, with the days missing, in the order of `wards` */
  scanDataGaps: { ward: WardRef; missingDays: IsoDay[] }[];
};

/**
 * The alerts of `wards` (each district's wards all present), district by district: `columnsOf`
 * gives a ward's stored rows (one per source) over `days`, the alert window.
 */
export function evaluateAlertsByDistrict(
  shared: SharedAlertInput,
  wards: readonly WardRef[],
  columnsOf: (wardCode: string) => readonly SourceColumns[],
  days: readonly IsoDay[],
  priority: readonly FigureSource[],
): DistrictAlerts {
  const byDistrict = new Map<string, WardRef[]>();
  for (const w of wards) {
    const list = byDistrict.get(w.districtCode);
    if (list) list.push(w);
    else byDistrict.set(w.districtCode, [w]);
  }
  const alerts: Alert[] = [];
  const missing = new Map<string, IsoDay[]>();
  for (const districtWards of byDistrict.values()) {
    const tables = buildAlertTables(
      districtWards.flatMap((w) => columnsOf(w.code)),
      days,
      priority,
    );
    const input: AlertInput = { ...shared, wards: districtWards, figures: tables.figures, reports: tables.reports, imports: tables.imports };
    for (const alert of evaluateAlertsUnsorted(input)) alerts.push(alert);
    for (const w of districtWards) {
      const judgement = venueJudgement(input, w.code);
      if (judgement.kind === "missing-scan-data") missing.set(w.code, [...judgement.missingDays]);
    }
  }
  const scanDataGaps = wards.flatMap((ward) => {
    const missingDays = missing.get(ward.code);
    return missingDays ? [{ ward, missingDays }] : [];
  });
  return { alerts: sortAlerts(alerts), scanDataGaps };
}
