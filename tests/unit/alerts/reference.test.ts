import { describe, expect, it } from "vitest";
import { createRandom, type Random } from "../../../prisma/seed/random.ts";
import { evaluateAlertsByDistrict, type SharedAlertInput } from "../../../lib/domain/alerts/by-district.ts";
import { parsePackedFigures } from "../../../lib/domain/alerts/packed.ts";
import { alertDataWindow, evaluateAlerts, sortAlerts } from "../../../lib/domain/alerts/registry.ts";
import { buildAlertTables, type SourceColumns } from "../../../lib/domain/alerts/sources.ts";
import { DEFAULT_ALERT_THRESHOLDS, type AlertInput, type VenueCategoryCount, type WardRef } from "../../../lib/domain/alerts/types.ts";
import { venueJudgement } from "../../../lib/domain/alerts/venues.ts";
import { addDays, dayRange, type IsoDay } from "../../../lib/domain/days.ts";
import type { FigureSource } from "../../../lib/domain/figures.ts";
import { groupThousands } from "../../../lib/domain/format.ts";
import { compareRatios } from "../../../lib/domain/ratio.ts";
import { checkOutlier } from "../../../lib/domain/robust.ts";
import { NO_TARGETS, type UnitTargets } from "../../../lib/domain/targets.ts";
import { DEFAULT_REPORT_DEADLINE } from "../../../lib/domain/timeliness.ts";
import {
  referenceBuildAlertTables,
  referenceCheckOutlier,
  referenceCompareAlerts,
  referenceCompareRatios,
  referenceEvaluateAlerts,
  referenceGroupThousands,
} from "./reference.ts";

// ADR 028 made the country's alerts faster in Node without changing a result. These tests compare
// the fast code with the straightforward code it replaced (./reference.ts) on generated data with
// the cases where a shortcut would go wrong: equal names in a district and across provinces (the
// sort), equal coverage (tied ranks), streaks of exactly 30 days, 29 days and one day, a gap on
// the first history day, report times on the deadline and 1 ms after, missing wards and days,
// partial figures, the dormancy window's first and last day without scan data, a retention
// boundary inside the window, two source priorities, and numbers past 2^53 for the exact
// arithmetic.

const DAY: IsoDay = "2021-08-14";
const NOW = new Date("2021-08-21T03:00:00Z");
const WINDOW = alertDataWindow(DAY);
const DAYS = dayRange(WINDOW.from, WINDOW.to);
const HISTORY_FROM_OFFSET = DAYS.indexOf(WINDOW.historyFrom);
const DUE_MS = Date.parse(`${DAY}T10:00:00+07:00`);

type Dataset = { wards: WardRef[]; columns: SourceColumns[]; shared: SharedAlertInput };

/** How a ward's figures run over the window: kinds chosen to hit the edges of streaks and ranks. */
type Pattern = "steady-low" | "gap-at-history-start" | "low-from-history-start" | "only-today" | "tied" | "random";

function wardFigures(rng: Random, pattern: Pattern, offset: number): { smartphones: number | null; installs: number | null; qrVenues: number | null; activeVenues: number | null; scans: number | null } | null {
  const low = { smartphones: 10_000, installs: 3_000 + offset, qrVenues: 200, activeVenues: 20, scans: offset % 5 === 0 ? 0 : 400 };
  const high = { smartphones: 10_000, installs: 8_000 + offset, qrVenues: 200, activeVenues: 180, scans: 900 };
  switch (pattern) {
    case "steady-low":
      return low;
    case "gap-at-history-start":
      return offset === HISTORY_FROM_OFFSET ? high : low;
    case "low-from-history-start":
      return offset >= HISTORY_FROM_OFFSET ? low : high;
    case "only-today":
      return offset === DAYS.length - 1 ? low : high;
    case "tied":
      return { smartphones: 8_000, installs: 4_000, qrVenues: 100, activeVenues: 50, scans: 300 };
    default: {
      if (rng.chance(0.1)) return null;
      const value = (centre: number) => (rng.chance(0.08) ? null : rng.chance(0.04) ? 0 : centre + rng.int(-Math.floor(centre / 4), Math.floor(centre / 4)));
      const smartphones = value(6_000);
      return { smartphones, installs: smartphones === null ? value(3_000) : rng.int(0, smartphones), qrVenues: value(150), activeVenues: value(60), scans: value(2_000) };
    }
  }
}

function generate(seed: string): Dataset {
  const rng = createRandom(seed);
  const wards: WardRef[] = [];
  for (let p = 1; p <= 3; p++) {
    for (let d = 1; d <= 3; d++) {
      const districtCode = `${p}${d}0`;
      // The same district names in every province; the same ward names (and names equal but for case or tone marks) in a district.
      const districtName = d === 3 ? "Quận Đống Đa" : `Quận ${d}`;
      const names = ["Phường 1", "Phường 1", "Phường Đông", "Phường Dong", "phường đông", "Xã 10", "Xã 9", "Thị trấn A"];
      for (let w = 1; w <= rng.int(3, 8); w++) {
        wards.push({ code: `${districtCode}${String(9 - w).padStart(2, "0")}`, name: names[w - 1] ?? `Phường ${w}`, districtCode, districtName });
      }
    }
  }
  const patterns: Pattern[] = ["steady-low", "gap-at-history-start", "low-from-history-start", "only-today", "tied", "tied", "random", "random", "random"];
  const columns: SourceColumns[] = [];
  const firstFigureDay = new Map<string, IsoDay>();
  const venues = new Map<string, VenueCategoryCount[]>();
  const venueScanDays = new Map<string, Set<IsoDay>>();
  const targets = new Map<string, UnitTargets>();
  for (const ward of wards) {
    if (rng.chance(0.08)) continue; // a ward without any stored row
    const pattern = rng.pick(patterns);
    for (const source of ["WARD_REPORT", "IMPORT"] as const) {
      if (rng.chance(0.15)) continue;
      const offsets = rng.shuffle(DAYS.map((_, i) => i).filter(() => pattern !== "random" || rng.chance(0.85)));
      const rows = offsets.map((o) => wardFigures(rng, pattern, o) ?? { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null });
      // Imports sometimes disagree with the report, sometimes carry only QR figures (a scan-log import).
      const shift = (v: number | null) => (v === null || source === "WARD_REPORT" || rng.chance(0.7) ? v : v + rng.int(0, Math.floor(v / 3) + 1));
      columns.push({
        unitCode: ward.code,
        source,
        offsets,
        smartphones: rows.map((r) => (source === "IMPORT" && rng.chance(0.2) ? null : shift(r.smartphones))),
        installs: rows.map((r) => (source === "IMPORT" && rng.chance(0.2) ? null : shift(r.installs))),
        qrVenues: rows.map((r) => shift(r.qrVenues)),
        activeVenues: rows.map((r) => shift(r.activeVenues)),
        scans: rows.map((r) => shift(r.scans)),
        firstSubmittedAtMs: offsets.map((o) => {
          if (source !== "WARD_REPORT" || rng.chance(0.1)) return null;
          const due = DUE_MS + (o - (DAYS.length - 1)) * 86_400_000;
          return rng.pick([due, due + 1, due - 3_600_000, due + rng.int(0, 20) * 3_600_000]);
        }),
      });
    }
    if (rng.chance(0.9)) firstFigureDay.set(ward.code, addDays(WINDOW.from, rng.int(0, 43)));
    const registered = rng.int(0, 30);
    const judged = rng.int(0, registered);
    const dormant = rng.chance(0.2) ? judged : rng.int(0, judged);
    venues.set(ward.code, [
      { category: "BUSINESS", registered, judged, dormant, active: rng.chance(0.2) && dormant === judged ? 0 : registered - dormant },
      ...(rng.chance(0.5) ? [{ category: "SCHOOL", registered: 4, judged: 4, dormant: rng.int(0, 4), active: 2 }] : []),
    ]);
    // The dormancy window's days with venue-level scans: sometimes all, sometimes all but its first or its last day.
    const window = dayRange(addDays(DAY, -6), DAY);
    const drop = rng.pick([null, window[0], window[6], null]);
    venueScanDays.set(ward.code, new Set(window.filter((d) => d !== drop && !rng.chance(0.05))));
    const coverage = rng.chance(0.7) ? { basisPoints: rng.pick([5000, 6000, 7999, 8000]), setBy: ward.districtCode } : null;
    const qrActive = rng.chance(0.6) ? { basisPoints: rng.pick([3000, 5000, 9000]), setBy: "01" } : null;
    targets.set(ward.code, coverage || qrActive ? { ...NO_TARGETS, coverage, qrActive } : NO_TARGETS);
  }
  const shared: SharedAlertInput = {
    day: DAY,
    now: NOW,
    thresholds: { ...DEFAULT_ALERT_THRESHOLDS, rankDropPlaces: rng.pick([1, 2]), escalationDays: rng.pick([2, 3, 30]) },
    deadline: DEFAULT_REPORT_DEADLINE,
    firstFigureDay,
    targets,
    venues,
    venueScanDays,
    rawScansKeptFrom: rng.pick([null, addDays(DAY, -3)]),
  };
  return { wards, columns, shared };
}

function referenceInput(data: Dataset, priority: readonly FigureSource[]): AlertInput {
  const tables = referenceBuildAlertTables(data.columns, DAYS, priority);
  return { ...data.shared, wards: data.wards, figures: tables.figures, reports: tables.reports, imports: tables.imports };
}

const PRIORITIES: FigureSource[][] = [
  ["WARD_REPORT", "IMPORT", "COMPUTED"],
  ["IMPORT", "WARD_REPORT"],
];

describe("the fast alert evaluation gives exactly what the straightforward one gives", () => {
  it.each(["a", "b", "c", "d", "e", "f"])("every alert and scan data gap, district by district and at once (seed %s)", (seed) => {
    const data = generate(seed);
    for (const priority of PRIORITIES) {
      const expected = referenceEvaluateAlerts(referenceInput(data, priority));
      // The data reaches the cases the shortcuts must get right.
      expect(expected.length).toBeGreaterThan(40);
      expect(expected.some((a) => a.streak?.days === 30 && a.streak.atLeast)).toBe(true);
      expect(expected.some((a) => a.streak?.days === 29)).toBe(true);
      expect(expected.some((a) => a.streak?.days === 1 && (a.daysInLast30 ?? 0) > 1)).toBe(true);

      const columnsOf = (code: string) => data.columns.filter((c) => c.unitCode === code);
      const byDistrict = evaluateAlertsByDistrict(data.shared, data.wards, columnsOf, DAYS, priority);
      expect(byDistrict.alerts).toEqual(expected);
      expect(byDistrict.alerts.map((a) => a.id)).toEqual(expected.map((a) => a.id));

      const tables = buildAlertTables(data.columns, DAYS, priority);
      const fastInput: AlertInput = { ...data.shared, wards: data.wards, figures: tables.figures, reports: tables.reports, imports: tables.imports };
      expect(evaluateAlerts(fastInput)).toEqual(expected);

      const input = referenceInput(data, priority);
      const gaps = data.wards.flatMap((w) => {
        const j = venueJudgement(input, w.code);
        return j.kind === "missing-scan-data" ? [{ ward: w, missingDays: [...j.missingDays] }] : [];
      });
      expect(byDistrict.scanDataGaps).toEqual(gaps);
    }
  });

  it("builds the same tables: figures, reports and imports, the days in the order stored", () => {
    for (const seed of ["t1", "t2", "t3"]) {
      const data = generate(seed);
      for (const priority of [...PRIORITIES, ["COMPUTED"] as FigureSource[]]) {
        const fast = buildAlertTables(data.columns, DAYS, priority);
        const slow = referenceBuildAlertTables(data.columns, DAYS, priority);
        expect(fast.figures).toEqual(slow.figures);
        for (const [kind, maps] of [["reports", fast.reports], ["imports", fast.imports]] as const) {
          const reference = slow[kind];
          expect([...maps.keys()]).toEqual([...reference.keys()]);
          for (const [unit, byDay] of maps) {
            const expected = reference.get(unit);
            expect(byDay.size).toBe(expected?.size);
            expect([...byDay.entries()]).toEqual([...(expected?.entries() ?? [])]);
            for (const day of DAYS) expect(byDay.get(day)).toEqual(expected?.get(day));
            expect(byDay.get("2021-01-01")).toBeUndefined();
          }
        }
      }
    }
  });

  it("refuses two rows of one unit, day and source, and an offset outside the days, as before", () => {
    const row = (offsets: number[]): SourceColumns => ({
      unitCode: "1",
      source: "IMPORT",
      offsets,
      smartphones: offsets.map(() => 1),
      installs: offsets.map(() => 1),
      qrVenues: offsets.map(() => 1),
      activeVenues: offsets.map(() => 1),
      scans: offsets.map(() => 1),
      firstSubmittedAtMs: offsets.map(() => null),
    });
    for (const columns of [[row([0, 0])], [row([1]), row([1])], [row([DAYS.length])], [row([-1])]]) {
      expect(() => buildAlertTables(columns, DAYS, ["IMPORT"])).toThrow(RangeError);
      expect(() => referenceBuildAlertTables(columns, DAYS, ["IMPORT"])).toThrow(RangeError);
    }
  });

  it("sorts like the comparator that collates at every comparison", () => {
    const data = generate("sort");
    const alerts = referenceEvaluateAlerts(referenceInput(data, PRIORITIES[0] ?? []));
    const rng = createRandom("shuffle");
    for (let round = 0; round < 5; round++) {
      const shuffled = rng.shuffle([...alerts]);
      expect(sortAlerts([...shuffled])).toEqual([...shuffled].sort(referenceCompareAlerts));
    }
  });
});

describe("exact arithmetic without BigInt gives the BigInt results", () => {
  it("checkOutlier: flat and spread histories, negative changes, ties, and values past 2^53", () => {
    const rng = createRandom("outliers");
    const options = [{}, { k: 5, minScalePercentOfMedian: 10 }, { k: 3, minScale: 2 }];
    for (let i = 0; i < 3000; i++) {
      const size = rng.int(5, 16);
      const centre = rng.pick([0, 7, 1_000, 50_000, 2 ** 40, 2 ** 51]);
      const spread = rng.pick([0, 1, 3, Math.floor(centre / 10)]);
      const history = Array.from({ length: size }, () => centre + rng.int(-spread, spread) * (rng.chance(0.2) ? -1 : 1));
      const value = rng.pick([centre, centre + spread * 5, centre - spread * 6, centre + rng.int(-1000, 1000), -centre]);
      const option = rng.pick(options);
      expect(checkOutlier(value, history, option)).toEqual(referenceCheckOutlier(value, history, option));
    }
  });

  it("compareRatios: small and huge counts", () => {
    const rng = createRandom("ratios");
    for (let i = 0; i < 3000; i++) {
      const count = () => rng.pick([0, 1, rng.int(0, 10_000), rng.int(0, 2 ** 30), Number.MAX_SAFE_INTEGER - rng.int(0, 3), 2 ** 52 + rng.int(0, 9)]);
      const a = { num: count(), den: count() };
      const b = rng.chance(0.2) ? { num: a.num * 2 <= Number.MAX_SAFE_INTEGER ? a.num * 2 : a.num, den: a.num * 2 <= Number.MAX_SAFE_INTEGER ? a.den * 2 : a.den } : { num: count(), den: count() };
      if (b.den > Number.MAX_SAFE_INTEGER) continue;
      expect(compareRatios(a, b)).toBe(referenceCompareRatios(a, b));
    }
  });

  it("groupThousands: every length of digits, both languages", () => {
    for (let n = 1; n <= 16; n++) {
      const digits = "1234567890123456".slice(0, n);
      expect(groupThousands(digits)).toBe(referenceGroupThousands(digits, "."));
      expect(groupThousands(digits, "en")).toBe(referenceGroupThousands(digits, ","));
    }
    expect(groupThousands(String(Number.MAX_SAFE_INTEGER))).toBe("9.007.199.254.740.991");
  });

  it("parsePackedFigures reads what a simple split reads", () => {
    const rng = createRandom("packed");
    for (let i = 0; i < 200; i++) {
      const entries = Array.from({ length: rng.int(0, 8) }, () => [rng.int(0, 43), ...Array.from({ length: 6 }, () => (rng.chance(0.3) ? null : rng.int(0, 2 ** 45)))]);
      const text = entries.map((e) => `(${e.map((v) => (v === null ? "" : String(v))).join(",")})`).join("");
      const c = parsePackedFigures("1", "IMPORT", text);
      const column = (k: number) => entries.map((e) => e[k] ?? null);
      expect([c.offsets, c.smartphones, c.installs, c.qrVenues, c.activeVenues, c.scans, c.firstSubmittedAtMs]).toEqual([0, 1, 2, 3, 4, 5, 6].map(column));
    }
    for (const bad of ["(0,1,2)", "(0,1,2,3,4,5,6,7)", "(0,-1,2,3,4,5,6)", "(0,1,2,3,4,5,6", "(,1,2,3,4,5,6)", "x", "(0,1,2,3,4,5,6)(", "(0,1,2,3,4,5,6))", "(0,1,2,3,4,5,6(", "(0,1,2,3,4,5,)x"]) {
      expect(() => parsePackedFigures("1", "IMPORT", bad)).toThrow(RangeError);
    }
  });
});
