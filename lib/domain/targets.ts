// Targets: a coverage rate and a QR-active rate per unit, in basis points (6000 = 60,00 %).
// A unit without its own target inherits the nearest ancestor's (an admin sets the city's once;
// a district may set a stricter one for its wards). Compared with rates exactly, never in floats.

import type { Ratio } from "./ratio.ts";
import { compareRatioToBasisPoints, compareRatios } from "./ratio.ts";
import { assertCount } from "./integer.ts";

/** Mirrors the Prisma enum TargetMetric. */
export const TARGET_METRICS = ["COVERAGE_RATE", "QR_ACTIVE_RATE"] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export type TargetSetting = { readonly unitCode: string; readonly metric: TargetMetric; readonly basisPoints: number };

/** A target in force for a unit, and the unit that set it (itself or an ancestor). */
export type ResolvedTarget = { readonly basisPoints: number; readonly setBy: string };

export type UnitTargets = { readonly coverage: ResolvedTarget | null; readonly qrActive: ResolvedTarget | null };

export const NO_TARGETS: UnitTargets = { coverage: null, qrActive: null };

/**
 * The target of `unitCode` for `metric`: its own, else its parent's, and so on up the tree.
 * Null when no unit on the way has one. `parentOf` maps a code to its parent's (null at the root);
 * a unit missing from it is treated as a root. Throws on a cycle (a corrupt unit tree).
 */
export function resolveTarget(
  unitCode: string,
  parentOf: ReadonlyMap<string, string | null>,
  targets: readonly TargetSetting[],
  metric: TargetMetric,
): ResolvedTarget | null {
  const own = new Map<string, number>();
  for (const t of targets) {
    if (t.metric !== metric) continue;
    assertCount(t.basisPoints, `target of ${t.unitCode}`);
    own.set(t.unitCode, t.basisPoints);
  }
  const seen = new Set<string>();
  let code: string | null = unitCode;
  while (code !== null) {
    if (seen.has(code)) throw new RangeError(`unit tree has a cycle at ${code}`);
    seen.add(code);
    const bp = own.get(code);
    if (bp !== undefined) return { basisPoints: bp, setBy: code };
    code = parentOf.get(code) ?? null;
  }
  return null;
}

export function resolveUnitTargets(
  unitCode: string,
  parentOf: ReadonlyMap<string, string | null>,
  targets: readonly TargetSetting[],
): UnitTargets {
  return {
    coverage: resolveTarget(unitCode, parentOf, targets, "COVERAGE_RATE"),
    qrActive: resolveTarget(unitCode, parentOf, targets, "QR_ACTIVE_RATE"),
  };
}

/** Traffic light of a rate against its target. */
export const TARGET_STATUSES = ["met", "near", "below"] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** Always shown next to the colour: colour alone must not carry the meaning. */
export const TARGET_STATUS_LABELS: Readonly<Record<TargetStatus, string>> = {
  met: "Đạt mục tiêu",
  near: "Gần đạt",
  below: "Chưa đạt",
};

/**
 * "Near" means at least this share of the target (90 %: 54 % against a 60 % target). A share of
 * the target rather than a fixed number of points, so one rule fits a 60 % coverage target and a
 * 30 % QR target alike.
 */
export const NEAR_TARGET_SHARE: Ratio = { num: 9, den: 10 };

/**
 * met: rate ≥ target; near: rate ≥ share × target; below otherwise. Null when the rate is unknown
 * or undefined, or there is no target. Exact: 5999/10000 against 6000 bp is near, not met.
 */
export function targetStatus(
  rate: Ratio | null,
  target: ResolvedTarget | null,
  nearShare: Ratio = NEAR_TARGET_SHARE,
): TargetStatus | null {
  if (rate === null || target === null) return null;
  const vsTarget = compareRatioToBasisPoints(rate, target.basisPoints);
  if (vsTarget === null) return null;
  if (vsTarget >= 0) return "met";
  // rate ≥ (share.num / share.den) × (bp / 10 000)  ⇔  compare rate with share.num·bp / (share.den·10 000)
  const nearBound: Ratio = { num: nearShare.num * target.basisPoints, den: nearShare.den * 10_000 };
  const vsNear = compareRatios(rate, nearBound);
  return vsNear !== null && vsNear >= 0 ? "near" : "below";
}
