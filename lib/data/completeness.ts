import "server-only";
import { getPrisma } from "../db.ts";
import { resolveViewableDistrict } from "./districts.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { dayRange, isoDayToUtcDate, todayInVietnam, utcDateToIsoDay, type IsoDay } from "../domain/days.ts";
import { hasReported } from "../domain/completeness.ts";
import type { FigureSource, FigureValues } from "../domain/figures.ts";
import type { ReportWarning } from "../domain/report-checks.ts";
import {
  classifyReport,
  reportableDays,
  summarizeTimeliness,
  type CompletenessSummary,
  type ReportDeadline,
  type Timeliness,
} from "../domain/timeliness.ts";
import { ForbiddenError } from "../errors.ts";
import { canApproveReport, canViewDistrict, canViewWardContacts, canViewWardReport, type SessionUser, type UnitRef } from "../permissions.ts";
import { dueDaysOfMonth } from "../domain/chase-list.ts";
import { parseStoredWarnings } from "../schemas/ward-report.ts";
import { loadFigureProvenance, provenanceKey, type FigureProvenance } from "../figures/effective-figures.ts";
import { cachedFigures } from "../figures/figure-cache.ts";
import { getReportDeadline, getSourcePriority } from "../figures/settings.ts";

// Which wards reported for a day or a range, which were late (after the configurable deadline,
// default 10:00 the next day in Asia/Ho_Chi_Minh) and which did not; a completeness percentage per
// ward.
//
// "Đã báo cáo" has one meaning everywhere (issue 11, lib/domain/completeness.ts hasReported): the
// ward has its install figures for the day (smartphones and installs) from any source: its chair's
// report or an import. QR figures alone (a scan-log import) are not a report. Timeliness is the
// ward chair's: a report is on time or late by its first submission; install figures that came
// only from an import have no submission time and count as on time (nothing says they were late),
// and the cell says where they came from ("Dữ liệu nhập").

export type CompletenessCell = {
  day: IsoDay;
  /** PENDING and MISSING are "chưa báo cáo": no install figures from any source */
  timeliness: Timeliness;
  /** the ward has its install figures (smartphones and installs) from any source */
  reported: boolean;
  /** where the install figures came from (the installs count's source); null when not reported */
  figuresSource: FigureSource | null;
  /** reported 0 smartphones: no rate, not ranked, no verdict ("không có điện thoại thông minh") */
  noSmartphones: boolean;
  status: "SUBMITTED" | "APPROVED" | null;
  version: number | null;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  /** the figures, note and warnings: only for users who may see this ward's report */
  details: { values: FigureValues; note: string | null; warnings: ReportWarning[] } | null;
  canApprove: boolean;
};

export type CompletenessRow = {
  ward: { code: string; name: string };
  cells: CompletenessCell[];
  summary: CompletenessSummary;
  /** the ward's chairs (active accounts) with their phones: empty unless the view has `contacts` */
  chairs: { name: string; phone: string | null }[];
  /** the last day, on or before `to`, the ward reported (install figures from any source); null: never */
  lastReported: IsoDay | null;
  /**
   * The month of `to`, up to `to`: the days the ward was due to report (from the district's first
   * day with figures) and, of them, the days past their deadline without a report; null when none
   * was due.
   */
  month: { due: number; missing: number } | null;
};

export type CompletenessView = {
  district: { code: string; name: string };
  deadline: ReportDeadline;
  from: IsoDay;
  to: IsoDay;
  today: IsoDay;
  days: IsoDay[];
  rows: CompletenessRow[];
  /** per day, over all wards */
  byDay: { day: IsoDay; summary: CompletenessSummary }[];
  total: CompletenessSummary;
  /** the viewer may see the chairs' names and phones (canViewWardContacts) */
  contacts: boolean;
};

/**
 * Completeness of a district's ward reports for [from, to] (default: today). Days after today are
 * left out. Ward chairs see every ward's status but only their own ward's figures.
 */
export async function getCompleteness(
  user: SessionUser,
  params: { districtCode?: string; from?: IsoDay; to?: IsoDay },
  now: Date = new Date(),
): Promise<CompletenessView> {
  const prisma = await getPrisma();
  const district = await resolveViewableDistrict(prisma, user, params.districtCode);
  const today = todayInVietnam(now);
  const from = params.from ?? today;
  const to = params.to ?? from;
  const range = reportableDays(from, to, today);
  const days = range ? dayRange(range.from, range.to) : [];
  const [deadline, wards] = await Promise.all([
    getReportDeadline(prisma),
    prisma.unit.findMany({ where: { parentCode: district.code, level: "WARD" }, orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  const codes = wards.map((w) => w.code);
  const contacts = canViewWardContacts(user, district.code);
  const [reports, effective, chase] = await Promise.all([
    range
      ? prisma.dailyFigure.findMany({
          where: {
            source: "WARD_REPORT",
            unitCode: { in: wards.map((w) => w.code) },
            day: { gte: isoDayToUtcDate(range.from), lte: isoDayToUtcDate(range.to) },
          },
          select: {
            unitCode: true,
            day: true,
            status: true,
            version: true,
            firstSubmittedAt: true,
            submittedAt: true,
            smartphones: true,
            installs: true,
            qrVenues: true,
            activeVenues: true,
            scans: true,
            note: true,
            warnings: true,
          },
        })
      : [],
    range ? installFigures(prisma, codes, range) : new Map<string, FigureProvenance>(),
    chaseFacts(prisma, codes, range?.to ?? null, contacts),
  ]);
  const byKey = new Map(reports.map((r) => [`${r.unitCode}/${utcDateToIsoDay(r.day)}`, r]));

  const rows: CompletenessRow[] = wards.map((ward) => {
    const ref: UnitRef = { code: ward.code, level: "WARD", parentCode: district.code };
    const mayView = canViewWardReport(user, ref);
    const mayApprove = canApproveReport(user, ref);
    const cells = days.map((day): CompletenessCell => {
      const r = byKey.get(`${ward.code}/${day}`);
      const figure = effective.get(provenanceKey(ward.code, day)) ?? null;
      const reported = hasReported(figure?.values ?? null);
      // The chair's report carries the submission time; install figures from an import have none.
      const ownReport = r !== undefined && r.smartphones !== null && r.installs !== null;
      const timeliness = classifyReport({
        day,
        reported,
        firstSubmittedAt: ownReport ? (r.firstSubmittedAt ?? r.submittedAt) : null,
        deadline,
        now,
      });
      return {
        day,
        timeliness,
        reported,
        figuresSource: reported ? (figure?.sources.installs ?? null) : null,
        noSmartphones: reported && figure?.values.smartphones === 0,
        status: r ? (r.status ?? "SUBMITTED") : null,
        version: r?.version ?? null,
        firstSubmittedAt: r ? (r.firstSubmittedAt ?? r.submittedAt) : null,
        submittedAt: r?.submittedAt ?? null,
        details:
          r && mayView
            ? {
                values: { smartphones: r.smartphones, installs: r.installs, qrVenues: r.qrVenues, activeVenues: r.activeVenues, scans: r.scans },
                note: r.note,
                warnings: parseStoredWarnings(r.warnings),
              }
            : null,
        canApprove: r !== undefined && mayApprove,
      };
    });
    const month = chase.month ? monthOf(chase.month, chase.figures, ward.code, deadline, now) : null;
    return {
      ward,
      cells,
      summary: summarizeTimeliness(cells.map((c) => c.timeliness)),
      chairs: chase.chairs.get(ward.code) ?? [],
      lastReported: chase.lastReported.get(ward.code) ?? null,
      month,
    };
  });

  return {
    district: { code: district.code, name: district.name },
    deadline,
    from,
    to,
    today,
    days,
    rows,
    byDay: days.map((day, i) => ({ day, summary: summarizeTimeliness(rows.map((r) => r.cells[i]?.timeliness ?? "PENDING")) })),
    total: summarizeTimeliness(rows.flatMap((r) => r.cells.map((c) => c.timeliness))),
    contacts,
  };
}

/**
 * What "who to chase" adds to the page, for the wards and the last day shown: the chairs (only
 * when the viewer may see them), each ward's last reported day, and the due days of that day's
 * month with the install figures over them.
 */
async function chaseFacts(prisma: PrismaClient, codes: string[], to: IsoDay | null, contacts: boolean) {
  const none = { chairs: new Map<string, { name: string; phone: string | null }[]>(), lastReported: new Map<string, IsoDay>(), month: null, figures: new Map<string, FigureProvenance>() };
  if (to === null || codes.length === 0) return none;
  const [chairs, last, first] = await Promise.all([
    contacts
      ? prisma.user.findMany({
          where: { role: "WARD_CHAIR", disabled: false, unitCode: { in: codes } },
          orderBy: { id: "asc" },
          select: { unitCode: true, displayName: true, phone: true },
        })
      : [],
    // A ward reported a day when it has both install fields (every source writes both together).
    prisma.dailyFigure.groupBy({
      by: ["unitCode"],
      where: { unitCode: { in: codes }, day: { lte: isoDayToUtcDate(to) }, smartphones: { not: null }, installs: { not: null } },
      _max: { day: true },
    }),
    prisma.dailyFigure.aggregate({ where: { unitCode: { in: codes }, day: { lte: isoDayToUtcDate(to) } }, _min: { day: true } }),
  ]);
  const month = dueDaysOfMonth(to, first._min.day ? utcDateToIsoDay(first._min.day) : null);
  const byWard = new Map<string, { name: string; phone: string | null }[]>();
  for (const c of chairs) {
    if (c.unitCode === null) continue;
    byWard.set(c.unitCode, [...(byWard.get(c.unitCode) ?? []), { name: c.displayName, phone: c.phone }]);
  }
  return {
    chairs: byWard,
    lastReported: new Map(last.flatMap((r) => (r._max.day ? [[r.unitCode, utcDateToIsoDay(r._max.day)] as const] : []))),
    month,
    figures: month ? await installFigures(prisma, codes, month) : new Map<string, FigureProvenance>(),
  };
}

/** The ward's due days of the month and those past their deadline without a report. */
function monthOf(
  month: { from: IsoDay; to: IsoDay },
  figures: Map<string, FigureProvenance>,
  wardCode: string,
  deadline: ReportDeadline,
  now: Date,
): { due: number; missing: number } {
  const statuses = dayRange(month.from, month.to).map((day) =>
    classifyReport({ day, reported: hasReported(figures.get(provenanceKey(wardCode, day))?.values ?? null), firstSubmittedAt: null, deadline, now }),
  );
  const summary = summarizeTimeliness(statuses);
  return { due: summary.expected, missing: summary.missing };
}

/** The wards' effective figures with their sources over `range` (no register: not needed here). */
async function installFigures(prisma: PrismaClient, wardCodes: readonly string[], range: { from: IsoDay; to: IsoDay }) {
  const priority = await getSourcePriority(prisma);
  return loadFigureProvenance(prisma, priority, wardCodes, range, { register: false });
}

/**
 * The district's wards that have not reported today (for the overview): no install figures
 * (smartphones and installs) for today from any source, the same set every page and file names.
 */
export async function getWardsNotReportedToday(
  user: SessionUser,
  districtCode: string,
  now: Date = new Date(),
): Promise<{ day: IsoDay; wards: { code: string; name: string }[] }> {
  if (!canViewDistrict(user, districtCode)) throw new ForbiddenError();
  const prisma = await getPrisma();
  const day = todayInVietnam(now);
  // Once per district, day and data version (lib/figures/figure-cache.ts): the units and figures
  // it reads are versioned, and the day is part of the key; the viewer was checked above.
  return cachedFigures(prisma, "wards-not-reported", { district: districtCode, day }, async () => {
    const all = await prisma.unit.findMany({ where: { parentCode: districtCode, level: "WARD" }, orderBy: { code: "asc" }, select: { code: true, name: true } });
    const figures = await installFigures(prisma, all.map((w) => w.code), { from: day, to: day });
    const wards = all.filter((w) => !hasReported(figures.get(provenanceKey(w.code, day))?.values ?? null));
    return { day, wards };
  });
}
