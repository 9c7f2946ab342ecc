import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { ALERT_THRESHOLD_NAMES, DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from "../domain/alerts/types.ts";
import { DEFAULT_REPORT_DEADLINE, type ReportDeadline } from "../domain/timeliness.ts";
import { ForbiddenError } from "../errors.ts";
import { canChangeSettings, type SessionUser } from "../permissions.ts";
import { storedThresholdSchema } from "../schemas/alerts.ts";
import { ReportDeadlineSchema } from "../schemas/report.ts";
import { writeAudit } from "../data/audit.ts";
import { REPORT_DEADLINE_KEY } from "../data/completeness.ts";

// The alerts' thresholds, stored one per key in the `setting` table ("alerts.dormantDays", …) and
// checked with zod on every read: a missing or malformed value falls back to its documented
// default (docs/alerts.md) rather than breaking the alert centre. The report deadline is not
// duplicated here: alerts use the completeness page's setting `reports.deadline`.

export const ALERT_SETTING_KEYS: { readonly [K in keyof AlertThresholds]: string } = {
  dormantDays: "alerts.dormantDays",
  disagreementTolerancePercent: "alerts.disagreementTolerancePercent",
  escalationDays: "alerts.escalationDays",
  rankDropPlaces: "alerts.rankDropPlaces",
};

export type AlertSettings = { thresholds: AlertThresholds; deadline: ReportDeadline };

/** The thresholds and the report deadline, in one query. */
export async function getAlertSettings(prisma: Pick<PrismaClient, "setting">): Promise<AlertSettings> {
  const keys = [...Object.values(ALERT_SETTING_KEYS), REPORT_DEADLINE_KEY];
  const rows = await prisma.setting.findMany({ where: { key: { in: keys } }, select: { key: true, value: true } });
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const thresholds: { -readonly [K in keyof AlertThresholds]: number } = { ...DEFAULT_ALERT_THRESHOLDS };
  for (const name of ALERT_THRESHOLD_NAMES) {
    const parsed = storedThresholdSchema(name).safeParse(stored.get(ALERT_SETTING_KEYS[name]));
    if (parsed.success) thresholds[name] = parsed.data;
  }
  const deadline = ReportDeadlineSchema.safeParse(stored.get(REPORT_DEADLINE_KEY));
  return { thresholds, deadline: deadline.success ? deadline.data : DEFAULT_REPORT_DEADLINE };
}

export async function getAlertThresholds(prisma: Pick<PrismaClient, "setting">): Promise<AlertThresholds> {
  return (await getAlertSettings(prisma)).thresholds;
}

/**
 * Stores the thresholds that changed (admins only) and records the change in the audit log, in one
 * transaction. Returns the names of the thresholds that changed.
 */
export async function setAlertThresholds(
  prisma: PrismaClient,
  user: SessionUser,
  thresholds: AlertThresholds,
): Promise<{ changed: (keyof AlertThresholds)[] }> {
  if (!canChangeSettings(user)) throw new ForbiddenError("Chỉ quản trị viên được đổi ngưỡng cảnh báo.");
  const before = await getAlertThresholds(prisma);
  const changed = ALERT_THRESHOLD_NAMES.filter((name) => before[name] !== thresholds[name]);
  if (changed.length === 0) return { changed };
  await prisma.$transaction(async (tx) => {
    for (const name of changed) {
      const key = ALERT_SETTING_KEYS[name];
      await tx.setting.upsert({
        where: { key },
        create: { key, value: thresholds[name] },
        update: { value: thresholds[name] },
        select: { key: true },
      });
    }
    await writeAudit(tx, {
      userId: user.id,
      action: "setting.update",
      entity: "setting",
      entityKey: "alerts",
      before: Object.fromEntries(changed.map((name) => [name, before[name]])),
      after: Object.fromEntries(changed.map((name) => [name, thresholds[name]])),
    });
  });
  return { changed };
}
