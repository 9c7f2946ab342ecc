import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { canExportProvince, canViewDistrict, canViewWardReport, readsEveryUnit, type SessionUser, type UnitRef } from "../permissions.ts";
import { ExportRequestError, ForbiddenError, NotFoundError } from "../errors.ts";
import { compareIsoDays, type IsoDay } from "../domain/days.ts";
import { formatDay } from "../domain/format.ts";
import { ratioToPercentHundredths, type Ratio } from "../domain/ratio.ts";
import { FILTER_LABELS } from "../schemas/exports.ts";
import type { ExportFilter, ExportRow } from "../documents/table.ts";
import { getDefaultDistrictCode } from "../figures/districts.ts";

// What the datasets share: the district and wards a download covers, checked against the user (a
// ward chair gets only the own ward's rows, whatever the dataset), and the day range, refused
// when it reaches outside the days with data (a file of days nobody has figures for would be
// empty). Everything here runs before the first byte is sent.

export type Named = { code: string; name: string };
export type WardScope = {
  /** the province asked for (every ward of its districts), else null */
  province: Named | null;
  /** null: every district (admins, datasets that allow it), or the province's */
  district: Named | null;
  /** the wards whose rows the user gets, by code */
  wards: (Named & { districtCode: string })[];
  /** the single ward asked for (or a ward chair's own) */
  ward: Named | null;
};

export const RATE_NOTE = "tỷ lệ làm tròn nửa lên trên giá trị chính xác, kèm tử số và mẫu số";

export async function resolveScope(
  prisma: PrismaClient,
  user: SessionUser,
  filters: { province?: string; district?: string; ward?: string },
  options: { allowEveryDistrict: boolean },
): Promise<WardScope> {
  if (!readsEveryUnit(user) && user.districtCode === null) throw new ForbiddenError("Tài khoản của bạn chưa gắn với quận nào.");
  if (filters.province !== undefined) return resolveProvinceScope(prisma, user, filters.province, filters);
  if (filters.district !== undefined && !canViewDistrict(user, filters.district)) throw new ForbiddenError("Bạn chỉ tải được dữ liệu của quận mình.");
  let wardCode = filters.ward ?? null;
  if (user.role === "WARD_CHAIR") {
    if (wardCode !== null && wardCode !== user.unitCode) throw new ForbiddenError("Bạn chỉ tải được dữ liệu của phường mình.");
    wardCode = user.unitCode;
  }
  // Without a district: an admin's or a national official's is every district (or the default
  // one); a city official's the
  // named ward's, else the one pages open on (one district at a time, never the whole province);
  // anyone else's the own.
  let districtCode =
    filters.district ?? (readsEveryUnit(user) || (user.role === "CITY_OFFICIAL" && wardCode !== null) ? null : user.districtCode);
  let ward: (Named & { districtCode: string }) | null = null;
  if (wardCode !== null) {
    const unit = await prisma.unit.findUnique({ where: { code: wardCode }, select: { code: true, name: true, level: true, parentCode: true } });
    if (!unit || unit.level !== "WARD" || unit.parentCode === null) throw new NotFoundError(`Không có phường mã ${wardCode}.`);
    if (districtCode !== null && unit.parentCode !== districtCode) {
      throw new ExportRequestError(`Phường mã ${wardCode} không thuộc quận mã ${districtCode}.`);
    }
    districtCode = unit.parentCode;
    ward = { code: unit.code, name: unit.name, districtCode: unit.parentCode };
  }
  if (districtCode === null && !options.allowEveryDistrict) {
    const first = await getDefaultDistrictCode(prisma);
    if (!first) throw new NotFoundError("Chưa có quận nào trong hệ thống.");
    districtCode = first;
  }
  let district: Named | null = null;
  if (districtCode !== null) {
    if (!canViewDistrict(user, districtCode)) throw new ForbiddenError("Bạn chỉ tải được dữ liệu của quận mình.");
    const unit = await prisma.unit.findUnique({ where: { code: districtCode }, select: { code: true, name: true, level: true } });
    if (!unit || unit.level !== "DISTRICT") throw new NotFoundError(`Không có quận mã ${districtCode}.`);
    district = { code: unit.code, name: unit.name };
  } else if (!readsEveryUnit(user)) {
    throw new ForbiddenError();
  }
  const candidates = ward
    ? [ward]
    : (
        await prisma.unit.findMany({
          where: { level: "WARD", ...(district ? { parentCode: district.code } : {}) },
          orderBy: { code: "asc" },
          select: { code: true, name: true, parentCode: true },
        })
      ).map((w) => ({ code: w.code, name: w.name, districtCode: w.parentCode ?? "" }));
  // The data-layer check, row by row: what a user may download is what they may read.
  const wards = candidates.filter((w) => canViewWardReport(user, { code: w.code, level: "WARD", parentCode: w.districtCode } satisfies UnitRef));
  if (wards.length === 0) throw new ForbiddenError("Bạn không có quyền tải dữ liệu của các phường này.");
  return { province: null, district, wards, ward };
}

/**
 * One whole province (issue 18): every ward of its districts, for admins and the province's city
 * officials (canExportProvince), then the same row-by-row check as a district's. Not with a
 * district or a ward (the schema refuses the pair; checked again here for any other caller).
 */
async function resolveProvinceScope(
  prisma: PrismaClient,
  user: SessionUser,
  provinceCode: string,
  filters: { district?: string; ward?: string },
): Promise<WardScope> {
  if (filters.district !== undefined || filters.ward !== undefined) {
    throw new ExportRequestError("Chọn một tỉnh/thành phố hoặc một quận, phường, không cả hai.");
  }
  if (!canExportProvince(user, provinceCode)) throw new ForbiddenError("Bạn chỉ tải được dữ liệu của tỉnh/thành phố mình.");
  const unit = await prisma.unit.findUnique({ where: { code: provinceCode }, select: { code: true, name: true, level: true } });
  if (!unit || unit.level !== "PROVINCE") throw new NotFoundError(`Không có tỉnh/thành phố mã ${provinceCode}.`);
  const candidates = await prisma.unit.findMany({
    where: { level: "WARD", parent: { level: "DISTRICT", parentCode: unit.code } },
    orderBy: { code: "asc" },
    select: { code: true, name: true, parentCode: true },
  });
  const wards = candidates
    .map((w) => ({ code: w.code, name: w.name, districtCode: w.parentCode ?? "" }))
    .filter((w) => canViewWardReport(user, { code: w.code, level: "WARD", parentCode: w.districtCode } satisfies UnitRef));
  if (wards.length === 0) throw new ForbiddenError("Bạn không có quyền tải dữ liệu của các phường này.");
  return { province: { code: unit.code, name: unit.name }, district: null, wards, ward: null };
}

export function scopeFilters(scope: WardScope): ExportFilter[] {
  return [
    ...(scope.province ? [{ label: FILTER_LABELS.province, value: `${scope.province.code} – ${scope.province.name}` }] : []),
    { label: FILTER_LABELS.district, value: scope.district ? `${scope.district.code} – ${scope.district.name}` : "Tất cả" },
    { label: FILTER_LABELS.ward, value: scope.ward ? `${scope.ward.code} – ${scope.ward.name}` : "Tất cả" },
  ];
}

export function scopeSlug(scope: WardScope): string {
  return scope.ward?.code ?? scope.district?.code ?? (scope.province ? `tinh-${scope.province.code}` : "tat-ca");
}

/** First and last day with figures of these wards. */
export async function dataRange(prisma: PrismaClient, wardCodes: readonly string[]): Promise<{ from: IsoDay; to: IsoDay } | null> {
  const [row] = await prisma.$queryRaw<{ first: string | null; last: string | null }[]>(Prisma.sql`
    SELECT to_char(min(f.day), 'YYYY-MM-DD') AS first, to_char(max(f.day), 'YYYY-MM-DD') AS last
    FROM daily_figure f WHERE f.unit_code = ANY(${[...wardCodes]}::text[])`);
  return row?.first && row.last ? { from: row.first, to: row.last } : null;
}

/**
 * The day range asked for (default: the latest day with data), refused when it reaches outside
 * the days with data: an export of days nobody has figures for would be an empty file.
 */
export async function chooseRange(prisma: PrismaClient, scope: WardScope, filters: { from?: string; to?: string }): Promise<{ from: IsoDay; to: IsoDay }> {
  const range = await dataRange(
    prisma,
    scope.wards.map((w) => w.code),
  );
  if (!range) throw new ExportRequestError("Chưa có số liệu nào của các phường này.");
  if ((filters.from === undefined) !== (filters.to === undefined)) throw new ExportRequestError("Cần cả ngày bắt đầu (from) và ngày kết thúc (to).");
  const from = filters.from ?? range.to;
  const to = filters.to ?? range.to;
  if (compareIsoDays(from, range.from) < 0 || compareIsoDays(to, range.to) > 0) {
    throw new ExportRequestError(
      `Khoảng ngày ${formatDay(from)}–${formatDay(to)} nằm ngoài những ngày có số liệu (từ ${formatDay(range.from)} đến ${formatDay(range.to)}).`,
    );
  }
  return { from, to };
}

export const percentOf = (ratio: Ratio | null): number | null => (ratio === null ? null : ratioToPercentHundredths(ratio));

export async function* fromArray(rows: readonly ExportRow[]): AsyncGenerator<ExportRow> {
  for (const row of rows) yield row;
}
