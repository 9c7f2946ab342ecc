import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { ALERT_THRESHOLD_NAMES, DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from "../domain/alerts/types.ts";
import { DEFAULT_DISPATCH_TEMPLATE, type DispatchWording } from "../domain/dispatch-template.ts";
import { DEFAULT_SOURCE_PRIORITY, FIGURE_SOURCES, type FigureSource } from "../domain/figures.ts";
import { DEFAULT_REPORT_DEADLINE, type ReportDeadline } from "../domain/timeliness.ts";
import { isIsoDay, type IsoDay } from "../domain/days.ts";
import { storedThresholdSchema } from "../schemas/alerts.ts";
import { DispatchWordingSchema } from "../schemas/dispatch.ts";
import { ReportDeadlineSchema } from "../schemas/ward-report.ts";

// Every setting an admin can change, in one place: its key in the `setting` table and its reader.
// Values are JSON, checked with zod on every read: a missing or malformed value falls back to its
// documented default rather than breaking every page. Unchecked reads (no setting is secret);
// the setters, with their permission checks and audit entries, are lib/data/settings.ts.

type Settings = Pick<PrismaClient, "setting">;

/** Which source wins, field by field, when a ward has several (the pages' effective figures). */
export const SOURCE_PRIORITY_KEY = "figures.sourcePriority";
/** When a ward's daily report is due (completeness, the "not reported" alert, the entry form). */
export const REPORT_DEADLINE_KEY = "reports.deadline";
/** The city's default wording of the draft dispatch (a district's own fields are a table of their own). */
export const DISPATCH_TEMPLATE_KEY = "dispatch.template";
/** The alerts' thresholds, one key each (docs/alerts.md). */
export const ALERT_SETTING_KEYS: { readonly [K in keyof AlertThresholds]: string } = {
  dormantDays: "alerts.dormantDays",
  disagreementTolerancePercent: "alerts.disagreementTolerancePercent",
  escalationDays: "alerts.escalationDays",
  rankDropPlaces: "alerts.rankDropPlaces",
};

/**
 * How many calendar months of raw scan data (venue_day_scan, scan_log) to keep, this month
 * included; older months' partitions are dropped (lib/storage/partitions.ts). Daily figures are
 * kept whatever it says. Absent or null: keep everything.
 */
export const RAW_SCAN_RETENTION_KEY = "storage.rawScanMonths";
/**
 * The first day whose raw scan data is still kept, once the retention has dropped older months
 * (written by lib/storage/partitions.ts, never by hand; absent: nothing was ever dropped). Before
 * it, an import's ward-day scan count no longer says the venue-level rows are there: the venue
 * rules give no verdict on those days (lib/figures/alerts.ts).
 */
export const RAW_SCANS_KEPT_FROM_KEY = "storage.rawScansKeptFrom";
export const RawScanRetentionSchema = z.number().int().min(1).max(1200).nullable();

export const SourcePrioritySchema = z
  .array(z.enum(FIGURE_SOURCES))
  .length(FIGURE_SOURCES.length)
  .refine((list) => new Set(list).size === list.length, "mỗi nguồn chỉ xuất hiện một lần");

async function stored(prisma: Settings, key: string): Promise<unknown> {
  return (await prisma.setting.findUnique({ where: { key }, select: { value: true } }))?.value;
}

export async function getSourcePriority(prisma: Settings): Promise<readonly FigureSource[]> {
  const parsed = SourcePrioritySchema.safeParse(await stored(prisma, SOURCE_PRIORITY_KEY));
  return parsed.success ? parsed.data : DEFAULT_SOURCE_PRIORITY;
}

/** Which of a ward's two sources wins: "IMPORT" (the default) or "WARD_REPORT". */
export async function getPreferredSource(prisma: Settings): Promise<"IMPORT" | "WARD_REPORT"> {
  const priority = await getSourcePriority(prisma);
  return priority.indexOf("WARD_REPORT") < priority.indexOf("IMPORT") ? "WARD_REPORT" : "IMPORT";
}

export async function getReportDeadline(prisma: Settings): Promise<ReportDeadline> {
  const parsed = ReportDeadlineSchema.safeParse(await stored(prisma, REPORT_DEADLINE_KEY));
  return parsed.success ? parsed.data : DEFAULT_REPORT_DEADLINE;
}

export type AlertSettings = { thresholds: AlertThresholds; deadline: ReportDeadline };

/** The alerts' thresholds and the report deadline (the same deadline as completeness), in one query. */
export async function getAlertSettings(prisma: Settings): Promise<AlertSettings> {
  const keys = [...Object.values(ALERT_SETTING_KEYS), REPORT_DEADLINE_KEY];
  const rows = await prisma.setting.findMany({ where: { key: { in: keys } }, select: { key: true, value: true } });
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const thresholds: { -readonly [K in keyof AlertThresholds]: number } = { ...DEFAULT_ALERT_THRESHOLDS };
  for (const name of ALERT_THRESHOLD_NAMES) {
    const parsed = storedThresholdSchema(name).safeParse(byKey.get(ALERT_SETTING_KEYS[name]));
    if (parsed.success) thresholds[name] = parsed.data;
  }
  const deadline = ReportDeadlineSchema.safeParse(byKey.get(REPORT_DEADLINE_KEY));
  return { thresholds, deadline: deadline.success ? deadline.data : DEFAULT_REPORT_DEADLINE };
}

/** The city's default wording of the draft dispatch (it names no district and holds no figure). */
export async function getCityDispatchTemplate(prisma: Settings): Promise<DispatchWording> {
  const value = await stored(prisma, DISPATCH_TEMPLATE_KEY);
  if (value === undefined) return DEFAULT_DISPATCH_TEMPLATE;
  // Extra keys (a template saved before templates were per district held the authority, place and
  // number of one district) are dropped: those are a district's own fields now.
  const parsed = DispatchWordingSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_DISPATCH_TEMPLATE;
}

/** Months of raw scan data to keep (null: all). A malformed value keeps all: nothing is dropped by mistake. */
export async function getRawScanRetention(prisma: Settings): Promise<number | null> {
  const parsed = RawScanRetentionSchema.safeParse(await stored(prisma, RAW_SCAN_RETENTION_KEY) ?? null);
  return parsed.success ? parsed.data : null;
}

/** The first day whose raw scan data is still kept (null: the retention never dropped any). */
export async function getRawScansKeptFrom(prisma: Settings): Promise<IsoDay | null> {
  const value = await stored(prisma, RAW_SCANS_KEPT_FROM_KEY);
  return isIsoDay(value) ? value : null;
}
