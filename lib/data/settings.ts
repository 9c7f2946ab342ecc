import "server-only";
import { getPrisma } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { ALERT_THRESHOLD_NAMES, type AlertThresholds } from "../domain/alerts/types.ts";
import { WORDING_FIELDS, type DispatchWording } from "../domain/dispatch-template.ts";
import { priorityPreferring, type FigureSource } from "../domain/figures.ts";
import { utcDateToIsoDay } from "../domain/days.ts";
import type { ReportDeadline } from "../domain/timeliness.ts";
import { ForbiddenError } from "../errors.ts";
import { changedFields, writeAudit } from "../figures/audit-log.ts";
import { refreshRollupsInTransaction } from "../figures/rollups.ts";
import {
  ALERT_SETTING_KEYS,
  DISPATCH_TEMPLATE_KEY,
  getAlertSettings,
  getCityDispatchTemplate,
  getPreferredSource,
  getReportDeadline,
  getRawScanRetention,
  getSourcePriority,
  RAW_SCAN_RETENTION_KEY,
  RawScanRetentionSchema,
  REPORT_DEADLINE_KEY,
  SOURCE_PRIORITY_KEY,
} from "../figures/settings.ts";
import { canChangeSettings, type SessionUser } from "../permissions.ts";

// The settings page (/admin/settings) and every setting's setter: admins only (canChangeSettings),
// each change stored with its audit entry in one transaction. The keys and readers are the figure
// store's (lib/figures/settings.ts).

function requireSettingsRight(viewer: SessionUser, message: string): void {
  if (!canChangeSettings(viewer)) throw new ForbiddenError(message);
}

export type SettingsView = {
  thresholds: AlertThresholds;
  deadline: ReportDeadline;
  preferredSource: "IMPORT" | "WARD_REPORT";
  /** months of raw scan data kept, this month included (null: all) */
  rawScanMonths: number | null;
};

/** What the settings page shows (admins only). */
export async function getSettings(viewer: SessionUser): Promise<SettingsView> {
  requireSettingsRight(viewer, "Chỉ quản trị viên được xem và đổi cài đặt.");
  const prisma = await getPrisma();
  const [{ thresholds, deadline }, preferredSource, rawScanMonths] = await Promise.all([
    getAlertSettings(prisma),
    getPreferredSource(prisma),
    getRawScanRetention(prisma),
  ]);
  return { thresholds, deadline, preferredSource, rawScanMonths };
}

export async function setReportDeadline(viewer: SessionUser, deadline: ReportDeadline): Promise<void> {
  requireSettingsRight(viewer, "Chỉ quản trị viên được đổi hạn báo cáo.");
  const prisma = await getPrisma();
  const before = await getReportDeadline(prisma);
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: REPORT_DEADLINE_KEY },
      create: { key: REPORT_DEADLINE_KEY, value: deadline },
      update: { value: deadline },
      select: { key: true },
    });
    await writeAudit(tx, {
      userId: viewer.id,
      action: "setting.update",
      entity: "setting",
      entityKey: REPORT_DEADLINE_KEY,
      before: { value: before },
      after: { value: deadline },
    });
  });
}

/**
 * Stores the thresholds that changed and records the change in the audit log, in one transaction.
 * Returns the names of the thresholds that changed.
 */
export async function setAlertThresholds(viewer: SessionUser, thresholds: AlertThresholds): Promise<{ changed: (keyof AlertThresholds)[] }> {
  requireSettingsRight(viewer, "Chỉ quản trị viên được đổi ngưỡng cảnh báo.");
  const prisma = await getPrisma();
  const before = (await getAlertSettings(prisma)).thresholds;
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
      userId: viewer.id,
      action: "setting.update",
      entity: "setting",
      entityKey: "alerts",
      before: Object.fromEntries(changed.map((name) => [name, before[name]])),
      after: Object.fromEntries(changed.map((name) => [name, thresholds[name]])),
    });
  });
  return { changed };
}

/**
 * Stores which of a ward's sources wins and, in the same transaction, rewrites the district, city
 * and country rollups of every day under it (they are sums of the wards' effective figures), with
 * an audit entry: a crash leaves the old choice with the old sums or the new choice with the new ones.
 */
export async function setPreferredSource(viewer: SessionUser, preferred: "IMPORT" | "WARD_REPORT"): Promise<{ changed: boolean }> {
  requireSettingsRight(viewer, "Chỉ quản trị viên được đổi nguồn số liệu ưu tiên.");
  const prisma = await getPrisma();
  const before = await getSourcePriority(prisma);
  const after: readonly FigureSource[] = priorityPreferring(preferred);
  if (before.join() === after.join()) return { changed: false };
  await prisma.$transaction(
    async (tx) => {
      await tx.setting.upsert({
        where: { key: SOURCE_PRIORITY_KEY },
        create: { key: SOURCE_PRIORITY_KEY, value: [...after] },
        update: { value: [...after] },
        select: { key: true },
      });
      const days = await tx.dailyFigure.aggregate({ _min: { day: true }, _max: { day: true } });
      if (days._min.day && days._max.day) {
        const range = { from: utcDateToIsoDay(days._min.day), to: utcDateToIsoDay(days._max.day) };
        await refreshRollupsInTransaction(tx, after, range);
      }
      await writeAudit(tx, {
        userId: viewer.id,
        action: "setting.update",
        entity: "setting",
        entityKey: SOURCE_PRIORITY_KEY,
        before: { sourcePriority: before.join(" > ") },
        after: { sourcePriority: after.join(" > ") },
      });
    },
    { timeout: 120_000 },
  );
  return { changed: true };
}

/**
 * Stores the city's default wording of the draft dispatch and records the changed fields, before
 * and after, in the audit log, in one transaction. (A district's own template:
 * lib/data/dispatch-template.ts.)
 */
export async function setCityDispatchTemplate(viewer: SessionUser, wording: DispatchWording): Promise<{ changed: (keyof DispatchWording)[] }> {
  requireSettingsRight(viewer, "Chỉ quản trị viên được sửa mẫu công văn chung.");
  const prisma = await getPrisma();
  const value = Object.fromEntries(WORDING_FIELDS.map((k) => [k, wording[k]])) as Prisma.InputJsonObject;
  return prisma.$transaction(async (tx) => {
    const before = await getCityDispatchTemplate(tx);
    const diff = changedFields<keyof DispatchWording>(before, wording, WORDING_FIELDS);
    if (diff.fields.length === 0) return { changed: [] };
    await tx.setting.upsert({
      where: { key: DISPATCH_TEMPLATE_KEY },
      create: { key: DISPATCH_TEMPLATE_KEY, value },
      update: { value },
      select: { key: true },
    });
    await writeAudit(tx, {
      userId: viewer.id,
      action: "setting.update",
      entity: "setting",
      entityKey: DISPATCH_TEMPLATE_KEY,
      before: diff.before,
      after: diff.after,
    });
    return { changed: diff.fields };
  });
}

/**
 * How many months of raw scan data to keep (null: all), with its audit entry, in one transaction.
 * The months older than that are dropped by the next partition maintenance
 * (lib/storage/maintenance.ts), not here: a setting change never blocks on a table lock.
 */
export async function setRawScanRetention(viewer: SessionUser, months: number | null): Promise<{ changed: boolean }> {
  requireSettingsRight(viewer, "Chỉ quản trị viên được đổi thời gian giữ dữ liệu quét chi tiết.");
  const value = RawScanRetentionSchema.parse(months);
  const prisma = await getPrisma();
  const before = await getRawScanRetention(prisma);
  if (before === value) return { changed: false };
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: RAW_SCAN_RETENTION_KEY },
      create: { key: RAW_SCAN_RETENTION_KEY, value: value ?? Prisma.JsonNull },
      update: { value: value ?? Prisma.JsonNull },
      select: { key: true },
    });
    await writeAudit(tx, {
      userId: viewer.id,
      action: "setting.update",
      entity: "setting",
      entityKey: RAW_SCAN_RETENTION_KEY,
      before: { rawScanMonths: before },
      after: { rawScanMonths: value },
    });
  });
  return { changed: true };
}
