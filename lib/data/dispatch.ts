import "server-only";
import { ForbiddenError, NotFoundError } from "../auth/errors.ts";
import { getPrisma } from "../db.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { isoDayToUtcDate } from "../domain/days.ts";
import type { DispatchTemplate } from "../domain/dispatch-template.ts";
import type { DispatchFigures } from "../domain/dispatch-text.ts";
import { formatDispatchDay } from "../domain/dispatch-text.ts";
import { formatDay } from "../domain/format.ts";
import { canExportDistrictDocuments, type SessionUser } from "../permissions.ts";
import { getAlertSummary, type AlertSummary } from "./alerts.ts";
import { ExportRequestError } from "./export-errors.ts";
import { getDispatchTemplate } from "./dispatch-template.ts";
import { loadDistrictDashboard, type DistrictDashboardResult } from "./district-dashboard.ts";

// What the district's printable documents read: the figures of the draft dispatch and the
// overview of a day for the PDF report. Both go through the district overview's loader, so the
// documents print exactly the figures the dashboard shows (same source priority, same ranks).
// Every refusal is an error with a Vietnamese message, never a document with holes in it.

/** The ministry's published rank of a province by smartphones with Bluezone (prisma/seed). */
export const NATIONAL_INSTALL_RANK_METRIC = "BLUEZONE_INSTALLS_NATIONAL";

type Ok = Extract<DistrictDashboardResult, { kind: "ok" }>;

function resolveDistrict(user: SessionUser, districtCode: string | undefined): string {
  const code = districtCode ?? user.districtCode ?? undefined;
  if (code === undefined) throw new ExportRequestError("Hãy chọn quận/huyện (tham số district, ví dụ 002).");
  if (!canExportDistrictDocuments(user, code)) throw new ForbiddenError("Bạn không có quyền xuất văn bản của quận/huyện này.");
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

function required(value: number | null | undefined, message: string): number {
  if (value === null || value === undefined) throw new ExportRequestError(message, 404);
  return value;
}

/**
 * The figures of the draft dispatch for a district: Bluezone figures of `installDay` and QR
 * figures of `qrDay` (each the latest day with data when not given). Admins and the district's
 * officials only (ForbiddenError).
 */
export async function getDispatchData(
  user: SessionUser,
  params: { districtCode?: string; installDay?: string; qrDay?: string },
): Promise<{ template: DispatchTemplate; figures: DispatchFigures }> {
  const districtCode = resolveDistrict(user, params.districtCode);
  const prisma = await getPrisma();
  const install = await overviewOn(prisma, districtCode, params.installDay, " cài đặt Bluezone");
  const qr = params.qrDay === undefined || params.qrDay === install.dashboard.day ? install : await overviewOn(prisma, districtCode, params.qrDay, " quét mã QR");
  const installDay = install.dashboard.day;
  const qrDay = qr.dashboard.day;
  const { district, city } = install.dashboard.overview;
  const qrCity = qr.dashboard.overview.city;
  const lacking = (what: string, unit: string, day: string) =>
    `Chưa đủ số liệu để lập công văn: ${unit} chưa có ${what} ngày ${formatDispatchDay(day)}.`;

  const [template, national] = await Promise.all([
    getDispatchTemplate(prisma),
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
    notReportedWards: qr.dashboard.overview.wardsNotReported,
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
  const districtCode = resolveDistrict(user, params.districtCode);
  const prisma = await getPrisma();
  const overview = await overviewOn(prisma, districtCode, params.day, "");
  const alerts = await getAlertSummary(prisma, user, { districtCode, day: overview.dashboard.day, limit: 10 }, now);
  return { overview, alerts };
}
