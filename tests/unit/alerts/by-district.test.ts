import { describe, expect, it } from "vitest";
import { createRandom } from "../../../prisma/seed/random.ts";
import { evaluateAlertsByDistrict, type SharedAlertInput } from "../../../lib/domain/alerts/by-district.ts";
import { parsePackedFigures } from "../../../lib/domain/alerts/packed.ts";
import { alertDataWindow, evaluateAlerts } from "../../../lib/domain/alerts/registry.ts";
import { buildAlertTables, type SourceColumns } from "../../../lib/domain/alerts/sources.ts";
import { DEFAULT_ALERT_THRESHOLDS, type AlertInput, type VenueCategoryCount, type WardRef } from "../../../lib/domain/alerts/types.ts";
import { addDays, dayRange, type IsoDay } from "../../../lib/domain/days.ts";
import type { FigureSource } from "../../../lib/domain/figures.ts";
import { NO_TARGETS, type UnitTargets } from "../../../lib/domain/targets.ts";
import { DEFAULT_REPORT_DEADLINE } from "../../../lib/domain/timeliness.ts";

// The country's alerts are evaluated district by district (lib/domain/alerts/by-district.ts): on a
// generated dataset of several provinces, that path gives exactly what evaluating every ward in
// one input gives, and what each district evaluated alone gives.

const DAY: IsoDay = "2021-08-14";
const NOW = new Date("2021-08-21T03:00:00Z");
const WINDOW = alertDataWindow(DAY);
const DAYS = dayRange(WINDOW.from, WINDOW.to);
const PRIORITY: FigureSource[] = ["WARD_REPORT", "IMPORT", "COMPUTED"];

type Dataset = { wards: WardRef[]; columns: SourceColumns[]; shared: SharedAlertInput };

function generate(seed: string): Dataset {
  const rng = createRandom(seed);
  const wards: WardRef[] = [];
  for (let p = 1; p <= 3; p++) {
    for (let d = 1; d <= 3; d++) {
      const districtCode = `${p}${d}0`;
      for (let w = 1; w <= rng.int(2, 6); w++) {
        wards.push({ code: `${districtCode}0${w}`, name: `Phường ${p}.${d}.${w}`, districtCode, districtName: `Quận ${p}.${d}` });
      }
    }
  }
  const columns: SourceColumns[] = [];
  const firstFigureDay = new Map<string, IsoDay>();
  const venues = new Map<string, VenueCategoryCount[]>();
  const venueScanDays = new Map<string, Set<IsoDay>>();
  const targets = new Map<string, UnitTargets>();
  for (const ward of wards) {
    const base = rng.int(0, 4000);
    for (const source of ["WARD_REPORT", "IMPORT"] as const) {
      if (rng.chance(0.1)) continue;
      const offsets = DAYS.map((_, i) => i).filter(() => rng.chance(0.85));
      const value = (centre: number) => (rng.chance(0.08) ? null : rng.chance(0.05) ? 0 : Math.max(0, centre + rng.int(-Math.floor(centre / 5), Math.floor(centre / 5))));
      const smartphones = offsets.map(() => value(base));
      columns.push({
        unitCode: ward.code,
        source,
        offsets,
        smartphones,
        installs: smartphones.map((s) => (s === null || rng.chance(0.05) ? null : rng.int(0, s))),
        qrVenues: offsets.map(() => value(200)),
        activeVenues: offsets.map(() => value(50)),
        scans: offsets.map(() => value(3000)),
        firstSubmittedAtMs: offsets.map((o) =>
          source === "WARD_REPORT" && !rng.chance(0.1) ? Date.parse(`${DAYS[o]}T20:00:00+07:00`) + rng.int(0, 30) * 3_600_000 : null,
        ),
      });
    }
    if (rng.chance(0.9)) firstFigureDay.set(ward.code, addDays(WINDOW.from, rng.int(0, 20)));
    const registered = rng.int(0, 40);
    const dormant = rng.int(0, registered);
    venues.set(ward.code, [{ category: "BUSINESS", registered, judged: registered, dormant, active: registered - dormant }]);
    venueScanDays.set(ward.code, new Set(dayRange(addDays(DAY, -6), DAY).filter(() => rng.chance(0.9))));
    targets.set(ward.code, rng.chance(0.5) ? { ...NO_TARGETS, coverage: { basisPoints: rng.int(3000, 9000), setBy: ward.districtCode } } : NO_TARGETS);
  }
  const shared: SharedAlertInput = {
    day: DAY,
    now: NOW,
    thresholds: { ...DEFAULT_ALERT_THRESHOLDS, rankDropPlaces: 1, escalationDays: 2 },
    deadline: DEFAULT_REPORT_DEADLINE,
    firstFigureDay,
    targets,
    venues,
    venueScanDays,
  };
  return { wards, columns, shared };
}

function columnsOf(columns: readonly SourceColumns[]): (code: string) => SourceColumns[] {
  return (code) => columns.filter((c) => c.unitCode === code);
}

function wholeInput(data: Dataset, wards: readonly WardRef[]): AlertInput {
  const codes = new Set(wards.map((w) => w.code));
  const tables = buildAlertTables(
    data.columns.filter((c) => codes.has(c.unitCode)),
    DAYS,
    PRIORITY,
  );
  return { ...data.shared, wards, figures: tables.figures, reports: tables.reports, imports: tables.imports };
}

describe("alerts of many districts, district by district", () => {
  it.each(["one", "two", "three"])("equal the alerts of every ward evaluated at once (seed %s)", (seed) => {
    const data = generate(seed);
    const byDistrict = evaluateAlertsByDistrict(data.shared, data.wards, columnsOf(data.columns), DAYS, PRIORITY);
    const atOnce = evaluateAlerts(wholeInput(data, data.wards));
    expect(atOnce.length).toBeGreaterThan(20);
    expect(new Set(atOnce.map((a) => a.ruleId)).size).toBeGreaterThan(4);
    expect(byDistrict.alerts).toEqual(atOnce);
  });

  it("equal each district's own alerts (the per-district path), merged", () => {
    const data = generate("per-district");
    const byDistrict = evaluateAlertsByDistrict(data.shared, data.wards, columnsOf(data.columns), DAYS, PRIORITY);
    const districts = [...new Set(data.wards.map((w) => w.districtCode))];
    const merged = districts.flatMap((d) => evaluateAlerts(wholeInput(data, data.wards.filter((w) => w.districtCode === d))));
    expect(byDistrict.alerts.map((a) => a.id).sort()).toEqual(merged.map((a) => a.id).sort());
    expect(byDistrict.alerts).toEqual(expect.arrayContaining(merged));
  });

  it("lists the wards whose venues lack scan data, in the wards' order", () => {
    const data = generate("gaps");
    const byDistrict = evaluateAlertsByDistrict(data.shared, data.wards, columnsOf(data.columns), DAYS, PRIORITY);
    const order = data.wards.map((w) => w.code);
    const gaps = byDistrict.scanDataGaps.map((g) => g.ward.code);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps).toEqual(order.filter((c) => gaps.includes(c)));
    for (const g of byDistrict.scanDataGaps) expect(g.missingDays.length).toBeGreaterThan(0);
  });
});

describe("parsePackedFigures", () => {
  it("reads PostgreSQL's record output of each entry, empty fields as null", () => {
    const c = parsePackedFigures("00037", "WARD_REPORT", "(0,100,51,,3,0,1628946000000)(12,,,7,,,)");
    expect(c.offsets).toEqual([0, 12]);
    expect(c.smartphones).toEqual([100, null]);
    expect(c.installs).toEqual([51, null]);
    expect(c.qrVenues).toEqual([null, 7]);
    expect(c.activeVenues).toEqual([3, null]);
    expect(c.scans).toEqual([0, null]);
    expect(c.firstSubmittedAtMs).toEqual([1628946000000, null]);
    expect(parsePackedFigures("00037", "IMPORT", "").offsets).toEqual([]);
  });

  it("refuses what is not seven integer fields per entry", () => {
    expect(() => parsePackedFigures("1", "IMPORT", "(0,1,2)")).toThrow(RangeError);
    expect(() => parsePackedFigures("1", "IMPORT", "(0,1,2,3,4,5,6,7)")).toThrow(RangeError);
    expect(() => parsePackedFigures("1", "IMPORT", "(0,-1,2,3,4,5,6)")).toThrow(RangeError);
    expect(() => parsePackedFigures("1", "IMPORT", "(0,1,2,3,4,5,6")).toThrow(RangeError);
    expect(() => parsePackedFigures("1", "IMPORT", "(,1,2,3,4,5,6)")).toThrow(RangeError);
  });
});
