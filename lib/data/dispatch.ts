import "server-only";
import { ExportRequestError, ForbiddenError, NotFoundError } from "../errors.ts";
import { getDatabase } from "../db.ts";
import { readInSnapshot } from "../exports/snapshot.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { FigurePart } from "../domain/completeness.ts";
import { isPartComplete } from "../domain/completeness.ts";
import { isoDayToUtcDate } from "../domain/days.ts";
import { figureOn } from "../domain/figure-table.ts";
import type { DispatchTemplate } from "../domain/dispatch-template.ts";
import type { DispatchFigures } from "../domain/dispatch-text.ts";
import { formatDispatchDay } from "../domain/dispatch-text.ts";
import { formatDay } from "../domain/format.ts";
import type { RankedUnitDay, UnitDay } from "../domain/overview.ts";
import { canExportDistrictDocuments, canExportDistrictReport, type SessionUser } from "../permissions.ts";
import { partCounts } from "../domain/figure-status.ts";
import { getAlertSummary, type AlertSummary } from "./alerts.ts";
import { loadFigureTable, loadUnitFamily } from "../figures/dashboard-reads.ts";
import { unitCodeExpr } from "../figures/dashboard-sql.ts";
import { getDistrictDispatchTemplate } from "./dispatch-template.ts";
import type { DistrictDashboardResult } from "./district-dashboard.ts";
import { loadDistrictDashboard } from "../figures/district-dashboard.ts";
import { getSourcePriority } from "../figures/settings.ts";

// What the district's printable documents read: the figures of the draft dispatch and the
// overview of a day for the PDF report. Both go through the district overview's loader, so the
// documents print exactly the figures the dashboard shows (same source priority, same ranks).
// Every refusal is an error with a Vietnamese message, never a document with holes in it.
//
// A partial day (issue 11): the PDF report is made and says "Số liệu chưa đầy đủ (k/n phường)"
// (lib/documents/pdf/district-report.ts); the draft dispatch is refused (HTTP 409), because a letter
// an official signs quotes totals and a rank, and a sum of some wards is neither. The refusal names
// what is missing: the part, k/n, the wards (or the city's districts) without it, and the latest
// day whose district figure is whole. Each document reads all its figures from one read snapshot
// (lib/exports/snapshot.ts), so its numbers agree with each other even while figures are saved.

/** The ministry's published rank of a province by smartphones with Bluezone (prisma/seed). */
export const NATIONAL_INSTALL_RANK_METRIC = "BLUEZONE_INSTALLS_NATIONAL";

type Ok = Extract<DistrictDashboardResult, { kind: "ok" }>;

/**
 * The district a document is about, checked with `may`: the draft dispatch is the district's own
 * letter (canExportDistrictDocuments); the report PDF may also be read by the province's city
 * officials (canExportDistrictReport).
 */
function resolveDistrict(
  user: SessionUser,
  districtCode: string | undefined,
  may: (user: SessionUser, districtCode: string) => boolean,
): string {
  const code = districtCode ?? user.districtCode ?? undefined;
  if (code === undefined) throw new ExportRequestError("Hãy chọn quận/huyện (tham số district, ví dụ 002).");
  if (!may(user, code)) throw new ForbiddenError("Bạn không có quyền xuất văn bản của quận/huyện này.");
  return code;
}

/** The overview of `day` (latest with data when undefined), or an ExportRequestError / NotFoundError. */
async function overviewOn(prisma: PrismaClient, districtCode: string, day: string | undefined, what: string): Promise<Ok> {
  const result = await loadDistrictDashboard(prisma, { districtCode, day, metric: "coverage", compare: [] });
  switch (result.kind) {
    case "unknown-district":
      throw new NotFoundError(`Không có quận/huyện mã ${districtCode}.`);
    case "no-data":
      throw new ExportRequestError(`${result.district.name} chưa có số liệu nào.`, 404);
    case "day-out-of-range":
      throw new ExportRequestError(
        `Không có số liệu${what} ngày ${formatDay(result.day)}: số liệu của ${result.district.name} có từ ${formatDay(result.range.from)} đến ${formatDay(result.range.to)}.`,
        404,
      );
    case "ok":
      return result;
  }
}

/** What each part is called in a refusal ("số liệu cài đặt Bluezone của 17/18 phường"). */
const PART_WHAT: { readonly [P in FigurePart]: string } = {
  coverage: "số liệu cài đặt Bluezone",
  qr: "số liệu địa điểm tạo mã QR",
  scans: "số liệu lượt quét mã QR",
};

/** "Quận Hoàn Kiếm mới có … của 17/18 phường (chưa có: Phường Hàng Bồ)"; null when the part is whole. */
function districtGap(district: UnitDay, wards: readonly RankedUnitDay[], part: FigurePart): string | null {
  if (isPartComplete(district.figure, part)) return null;
  const missing = wards.filter((w) => !isPartComplete(w.figure, part)).map((w) => w.name);
  const counts = partCounts(district.figure, part) ?? { counted: wards.length - missing.length, total: wards.length };
  return `${district.name} mới có ${PART_WHAT[part]} của ${counts.counted}/${counts.total} phường${missing.length > 0 ? ` (chưa có: ${missing.join(", ")})` : ""}`;
}

/** The same for the city, naming the districts whose part is not whole that day. */
async function cityGap(prisma: PrismaClient, city: UnitDay, day: string, part: FigurePart): Promise<string | null> {
  if (isPartComplete(city.figure, part)) return null;
  const family = await loadUnitFamily(prisma, unitCodeExpr(city.code));
  const districts = (family?.children ?? []).filter((u) => u.level === "DISTRICT");
  const table = await loadFigureTable(prisma, await getSourcePriority(prisma), [{ codes: districts.map((d) => d.code), from: day, to: day }]);
  const missing = districts.filter((d) => !isPartComplete(figureOn(table, d.code, day), part)).map((d) => d.name);
  const counts = partCounts(city.figure, part) ?? { counted: districts.length - missing.length, total: districts.length };
  return `${city.name} mới có ${PART_WHAT[part]} của ${counts.counted}/${counts.total} quận, huyện${missing.length > 0 ? ` (chưa đủ: ${missing.join(", ")})` : ""}`;
}

/**
 * Refuses (409) a dispatch whose figures would be partial sums: the district's and the city's
 * install figures on the install day, the city's QR venues and the district's scans (the zero-scan
 * wards) on the QR day.
 */
async function assertWholeFigures(prisma: PrismaClient, install: Ok, qr: Ok): Promise<void> {
  const installDay = install.dashboard.day;
  const qrDay = qr.dashboard.day;
  const { district, city, wards } = install.dashboard.overview;
  const q = qr.dashboard.overview;
  const onInstallDay = [districtGap(district, wards, "coverage"), await cityGap(prisma, city, installDay, "coverage")].filter((x) => x !== null);
  const onQrDay = [districtGap(q.district, q.wards, "scans"), await cityGap(prisma, q.city, qrDay, "qr")].filter((x) => x !== null);
  if (onInstallDay.length === 0 && onQrDay.length === 0) return;
  const byDay = installDay === qrDay ? [[installDay, [...onInstallDay, ...onQrDay]] as const] : ([[installDay, onInstallDay], [qrDay, onQrDay]] as const);
  const parts = byDay.filter(([, gaps]) => gaps.length > 0).map(([day, gaps]) => `ngày ${formatDispatchDay(day)}: ${gaps.join("; ")}`);
  const lastComplete = install.range.lastComplete;
  const hint =
    lastComplete !== null && lastComplete !== installDay
      ? ` Ngày mới nhất có đủ số liệu cài đặt của ${district.name}: ${formatDispatchDay(lastComplete)}.`
      : "";
  throw new ExportRequestError(
    `Chưa đủ số liệu để lập công văn (số liệu chưa đầy đủ không được dùng làm tổng): ${parts.join(". ")}.${hint}`,
    409,
  );
}

function required(value: number | null | undefined, message: string): number {
  if (value === null || value === undefined) throw new ExportRequestError(message, 404);
  return value;
}

/**
 * The figures of the draft dispatch for a district: Bluezone figures of `installDay` and QR
 * figures of `qrDay` (each the latest day with data when not given), with the district's template
 * (its own fields over the city's default; authority, place and wards from the unit table).
 * Admins and the district's officials only (ForbiddenError).
 */
export async function getDispatchData(
  user: SessionUser,
  params: { districtCode?: string; installDay?: string; qrDay?: string },
): Promise<{ template: DispatchTemplate; figures: DispatchFigures }> {
  const districtCode = resolveDistrict(user, params.districtCode, canExportDistrictDocuments);
  // Every figure of the letter from one snapshot: the totals, the rank and the lagging wards agree.
  return readInSnapshot(await getDatabase(), (prisma) => readDispatchData(prisma, user, districtCode, params));
}

async function readDispatchData(
  prisma: PrismaClient,
  user: SessionUser,
  districtCode: string,
  params: { installDay?: string; qrDay?: string },
): Promise<{ template: DispatchTemplate; figures: DispatchFigures }> {
  const install = await overviewOn(prisma, districtCode, params.installDay, " cài đặt Bluezone");
  const qr = params.qrDay === undefined || params.qrDay === install.dashboard.day ? install : await overviewOn(prisma, districtCode, params.qrDay, " quét mã QR");
  const installDay = install.dashboard.day;
  const qrDay = qr.dashboard.day;
  const { district, city } = install.dashboard.overview;
  const qrCity = qr.dashboard.overview.city;
  const lacking = (what: string, unit: string, day: string) =>
    `Chưa đủ số liệu để lập công văn: ${unit} chưa có ${what} ngày ${formatDispatchDay(day)}.`;
  await assertWholeFigures(prisma, install, qr);

  const [template, national] = await Promise.all([
    getDistrictDispatchTemplate(user, districtCode),
    prisma.officialRank.findUnique({
      where: { unitCode_day_metric: { unitCode: install.city.code, day: isoDayToUtcDate(installDay), metric: NATIONAL_INSTALL_RANK_METRIC } },
      select: { rank: true },
    }),
  ]);

  const laggingRows = install.dashboard.wards
    .filter((w) => w.coverage !== null && w.installsToTarget !== null && w.installsToTarget > 0 && w.targets.coverage !== null)
    .toReversed();
  const targets = new Set(laggingRows.map((w) => w.targets.coverage?.basisPoints));
  const [onlyTarget] = targets;
  const districtTarget = targets.size === 1 && onlyTarget !== undefined ? onlyTarget : (install.dashboard.targets.coverage?.basisPoints ?? null);

  const figures: DispatchFigures = {
    installDay,
    qrDay,
    city: {
      name: city.name,
      installs: required(city.figure?.installs, lacking("số lượt cài đặt Bluezone", city.name, installDay)),
      smartphones: required(city.figure?.smartphones, lacking("số điện thoại thông minh", city.name, installDay)),
      nationalRank: national?.rank ?? null,
      qrVenues: required(qrCity.figure?.qrVenues, lacking("số địa điểm tạo mã QR", city.name, qrDay)),
      activeVenues: required(qrCity.figure?.activeVenues, lacking("số địa điểm có lượt quét", city.name, qrDay)),
    },
    district: {
      code: district.code,
      name: district.name,
      smartphones: required(district.figure?.smartphones, lacking("số điện thoại thông minh", district.name, installDay)),
      installs: required(district.figure?.installs, lacking("số lượt cài đặt Bluezone", district.name, installDay)),
      rankInCity: district.rankInCity,
    },
    zeroScanWards: qr.dashboard.overview.wardsWithZeroScans,
    // Lagging wards are listed against one target; wards with a target of their own that differs
    // from the district's are left out of the sentence rather than described with the wrong one.
    coverageTargetBasisPoints: districtTarget,
    laggingWards: laggingRows
      .filter((w) => w.targets.coverage?.basisPoints === districtTarget)
      .flatMap((w) => (w.coverage !== null && w.installsToTarget !== null ? [{ name: w.name, coverage: w.coverage, installsToTarget: w.installsToTarget }] : [])),
  };
  return { template, figures };
}

export type DistrictReportData = { overview: Ok; alerts: AlertSummary | null };

/** The PDF district report's data: the overview of `day` and its alerts. Admins and the district's officials. */
export async function getDistrictReportData(
  user: SessionUser,
  params: { districtCode?: string; day?: string },
  now: Date = new Date(),
): Promise<DistrictReportData> {
  const districtCode = resolveDistrict(user, params.districtCode, canExportDistrictReport);
  return readInSnapshot(await getDatabase(), async (prisma) => {
    const overview = await overviewOn(prisma, districtCode, params.day, "");
    const alerts = await getAlertSummary(user, { districtCode, day: overview.dashboard.day, limit: 10 }, now);
    return { overview, alerts };
  });
}
