import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { IsoDay } from "../domain/days.ts";
import { computeAlertsCached } from "../figures/alerts.ts";
import { loadDistrictDashboard } from "../figures/district-dashboard.ts";
import { composeDigest, type Digest } from "./compose.ts";
import { digestFacts } from "./facts.ts";

// Reads one district's day as the overview reads it (the same loader, the same completeness) and
// the alerts of that day, and writes the digest. Unchecked: the job (no viewer) and the gate
// (lib/data/digest.ts, which checks the viewer first) call it.

export type LoadedDigest = { kind: "ok"; digest: Digest; districtCode: string; day: IsoDay } | { kind: "no-data" | "unknown-district" | "day-out-of-range" };

export async function loadDigest(prisma: PrismaClient, params: { districtCode: string; day: IsoDay; now: Date }): Promise<LoadedDigest> {
  const [result, alerts] = await Promise.all([
    loadDistrictDashboard(prisma, { districtCode: params.districtCode, day: params.day, metric: "coverage", compare: [] }),
    computeAlertsCached(prisma, { districtCode: params.districtCode, day: params.day, now: params.now }),
  ]);
  if (result.kind !== "ok") return { kind: result.kind };
  const facts = digestFacts({ dashboard: result.dashboard, completeness: result.completeness, wardNoun: result.nouns.wards, alerts: alerts.alerts });
  return { kind: "ok", digest: composeDigest(facts), districtCode: params.districtCode, day: params.day };
}
