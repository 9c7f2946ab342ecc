import type { PrismaClient } from "../generated/prisma/client.ts";
import { todayInVietnam } from "../domain/days.ts";
import { getRawScanRetention } from "../figures/settings.ts";
import { maintainPartitions, prismaRows, type MaintenanceResult } from "./partitions.ts";

// The partition maintenance job, ready for any scheduler (the job queue, a cron line, the start
// script): reads the retention setting (storage.rawScanMonths) and runs maintainPartitions for
// today's calendar day in Asia/Ho_Chi_Minh. Idempotent: running it twice does nothing more.
// Not 'server-only': scripts and tests call it with their own client.

export async function runPartitionMaintenance(prisma: PrismaClient, now: Date = new Date()): Promise<MaintenanceResult> {
  const keepMonths = await getRawScanRetention(prisma);
  return maintainPartitions(prismaRows(prisma), { today: todayInVietnam(now), keepMonths });
}
