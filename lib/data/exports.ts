import "server-only";
import { getDefaultDistrictCode } from "./units.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import {
  canExportDistrictDocuments,
  canExportDistrictReport,
  canViewAuditLog,
  canViewCity,
  canViewDistrict,
  canViewWardReport,
  type SessionUser,
  type UnitRef,
  viewableDistrictCodes,
} from "../permissions.ts";
import { ExportRequestError, ForbiddenError, NotFoundError } from "../errors.ts";
import { addDays, compareIsoDays, dayRange, parseIsoDayOrThrow, type IsoDay } from "../domain/days.ts";
import { FIGURE_PARTS, type FigureWithParts } from "../domain/completeness.ts";
import { figureOn } from "../domain/figure-table.ts";
import { FIGURE_FIELDS, type FigureSource } from "../domain/figures.ts";
import { formatDay } from "../domain/format.ts";
import { coverageRate, qrActiveRate } from "../domain/metrics.ts";
import { DEFAULT_RANK_METRIC, RANK_METRIC_LABELS, type RankMetric } from "../domain/rank-metric.ts";
import { buildRankingRows } from "../domain/unit-ranking.ts";
import { ratioToPercentHundredths, type Ratio } from "../domain/ratio.ts";
import { TIMELINESS_LABELS } from "../domain/timeliness.ts";
import { VENUE_CATEGORY_LABELS } from "../domain/venue-activity.ts";
import { ALERT_RULES } from "../domain/alerts/registry.ts";
import { SEVERITY_LABELS } from "../domain/alerts/types.ts";
import { AUDIT_ACTION_LABELS, type AuditAction } from "../schemas/audit-params.ts";
import {
  DATASET_FILTERS,
  EXPORT_DATASET_LABELS,
  FILTER_LABELS,
  type ExportDataset,
  type ExportFilters,
} from "../schemas/exports.ts";
import { vietnamIsoInstant } from "../documents/cells.ts";
import {
  aggregateStatus,
  NO_SMARTPHONES_LABEL,
  NOT_REPORTED_LABEL,
  partCounts,
  SOURCE_CELL_LABELS,
  wardStatus,
} from "../domain/figure-status.ts";
import type { ExportCell, ExportColumn, ExportFilter, ExportRow, ExportTable } from "../documents/table.ts";
import { loadDayRange, loadFigureTable, loadUnitFamily } from "../figures/dashboard-reads.ts";
import { unitCodeExpr } from "../figures/dashboard-sql.ts";
import { loadFigureProvenance, provenanceKey, type FigureProvenance } from "../figures/effective-figures.ts";
import { loadDistrictDashboard } from "./district-dashboard.ts";
import { getCompleteness } from "./completeness.ts";
import { getAlertCentre } from "./alerts.ts";
import { listAuditEntries } from "./audit.ts";
import { getSourcePriority } from "../figures/settings.ts";


// Every download of a table (CSV, XLSX, the JSON API) starts here: the filters are checked against
// the data that exists, the user against lib/permissions.ts, and only then is an ExportTable
// returned, whose rows are read lazily. Everything that can be refused is refused before the first
// byte is sent, so a bad request never yields an empty or partial file. A ward chair gets only the
// own ward's rows, whatever the dataset.

/** Filters as parsed by ExportFiltersSchema; every one optional. */
type Filters = Partial<ExportFilters>;

export type ExportRequest = { dataset: ExportDataset; filters: Filters };

type Named = { code: string; name: string };
type WardScope = {
  /** null: every district (admins, datasets that allow it) */
  district: Named | null;
  /** the wards whose rows the user gets, by code */
  wards: (Named & { districtCode: string })[];
  /** the single ward asked for (or a ward chair's own) */
  ward: Named | null;
};

const RATE_NOTE = "tỷ lệ làm tròn nửa lên trên giá trị chính xác, kèm tử số và mẫu số";

/** Builds and checks a download for `user`; throws ExportRequestError / ForbiddenError / NotFoundError. */
export async function openExport(prisma: PrismaClient, user: SessionUser, request: ExportRequest, now: Date = new Date()): Promise<ExportTable> {
  const { dataset, filters } = request;
  const allowed = DATASET_FILTERS[dataset];
  for (const key of Object.keys(filters) as (keyof Filters)[]) {
    if (filters[key] !== undefined && !allowed.includes(key)) {
      throw new ExportRequestError(
        `Bộ lọc "${key}" không dùng cho "${EXPORT_DATASET_LABELS[dataset]}" (chỉ có: ${allowed.join(", ")}).`,
      );
    }
  }
  switch (dataset) {
    case "rankings":
      return rankingsExport(prisma, user, filters);
    case "daily-figures":
      return dailyFiguresExport(prisma, user, filters);
    case "venue-activity":
      return venueActivityExport(prisma, user, filters);
    case "completeness":
      return completenessExport(prisma, user, filters, now);
    case "alerts":
      return alertsExport(prisma, user, filters, now);
    case "audit":
      return auditExport(prisma, user, filters);
  }
}

// ---------------------------------------------------------------------------------------------
// Scope: which district and wards, checked against the user

async function resolveScope(
  prisma: PrismaClient,
  user: SessionUser,
  filters: { district?: string; ward?: string },
  options: { allowEveryDistrict: boolean },
): Promise<WardScope> {
  if (user.role !== "ADMIN" && user.districtCode === null) throw new ForbiddenError("Tài khoản của bạn chưa gắn với quận nào.");
  if (filters.district !== undefined && !canViewDistrict(user, filters.district)) throw new ForbiddenError("Bạn chỉ tải được dữ liệu của quận mình.");
  let wardCode = filters.ward ?? null;
  if (user.role === "WARD_CHAIR") {
    if (wardCode !== null && wardCode !== user.unitCode) throw new ForbiddenError("Bạn chỉ tải được dữ liệu của phường mình.");
    wardCode = user.unitCode;
  }
  // Without a district: an admin's is every district (or the default one); a city official's the
  // named ward's, else the one pages open on (one district at a time, never the whole province);
  // anyone else's the own.
  let districtCode =
    filters.district ?? (user.role === "ADMIN" || (user.role === "CITY_OFFICIAL" && wardCode !== null) ? null : user.districtCode);
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
  } else if (user.role !== "ADMIN") {
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
  return { district, wards, ward };
}

function scopeFilters(scope: WardScope): ExportFilter[] {
  return [
    { label: FILTER_LABELS.district, value: scope.district ? `${scope.district.code} – ${scope.district.name}` : "Tất cả" },
    { label: FILTER_LABELS.ward, value: scope.ward ? `${scope.ward.code} – ${scope.ward.name}` : "Tất cả" },
  ];
}

function scopeSlug(scope: WardScope): string {
  return scope.ward?.code ?? scope.district?.code ?? "tat-ca";
}

/** First and last day with figures of these wards. */
async function dataRange(prisma: PrismaClient, wardCodes: readonly string[]): Promise<{ from: IsoDay; to: IsoDay } | null> {
  const [row] = await prisma.$queryRaw<{ first: string | null; last: string | null }[]>(Prisma.sql`
    SELECT to_char(min(f.day), 'YYYY-MM-DD') AS first, to_char(max(f.day), 'YYYY-MM-DD') AS last
    FROM daily_figure f WHERE f.unit_code = ANY(${[...wardCodes]}::text[])`);
  return row?.first && row.last ? { from: row.first, to: row.last } : null;
}

/**
 * The day range asked for (default: the latest day with data), refused when it reaches outside
 * the days with data: an export of days nobody has figures for would be an empty file.
 */
async function chooseRange(prisma: PrismaClient, scope: WardScope, filters: { from?: string; to?: string }): Promise<{ from: IsoDay; to: IsoDay }> {
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

const percentOf = (ratio: Ratio | null): number | null => (ratio === null ? null : ratioToPercentHundredths(ratio));

async function* fromArray(rows: readonly ExportRow[]): AsyncGenerator<ExportRow> {
  for (const row of rows) yield row;
}

// ---------------------------------------------------------------------------------------------
// Figures columns shared by rankings and daily figures (issue 11: figures an official can sign)
//
// A row is a ward's figure or an aggregate's (a district's, the city's). Every row says what it
// is ("Cấp"), its status in the one vocabulary of lib/domain/figure-status.ts ("chưa báo cáo" =
// no install figures from any source; "chưa đủ số liệu (k/n)" = a sum of only k of n children;
// "không có điện thoại thông minh" = 0 smartphones, no rate), how many children each part of an
// aggregate counts, and where each field came from (Phường báo cáo / Dữ liệu nhập / Tổng hợp),
// with the day the smartphone count (the coverage denominator) last changed.

type Level = "WARD" | "DISTRICT" | "PROVINCE" | "COUNTRY";
type Unit = Named & { level: Level };

const LEVEL_LABELS: { readonly [L in Level]: string } = {
  WARD: "Phường/xã",
  DISTRICT: "Quận/huyện",
  PROVINCE: "Tỉnh/thành phố",
  COUNTRY: "Cả nước",
};

const UNIT_COLUMNS: readonly ExportColumn[] = [
  { key: "level", header: "Cấp", type: "text", width: 14 },
  { key: "unitCode", header: "Mã đơn vị", type: "text", width: 10 },
  { key: "unitName", header: "Tên đơn vị", type: "text", width: 24 },
];

const FIGURE_COLUMNS: readonly ExportColumn[] = [
  { key: "status", header: "Tình trạng", type: "text", width: 30 },
  { key: "smartphones", header: "Số điện thoại thông minh", type: "integer", width: 16 },
  { key: "installs", header: "Số máy đã cài Bluezone", type: "integer", width: 16 },
  { key: "coverageRate", header: "Tỷ lệ cài Bluezone (%)", type: "percent", width: 14 },
  { key: "qrVenues", header: "Điểm QR đã đăng ký", type: "integer", width: 14 },
  { key: "activeVenues", header: "Điểm QR có lượt quét", type: "integer", width: 14 },
  { key: "qrActiveRate", header: "Tỷ lệ điểm QR hoạt động (%)", type: "percent", width: 16 },
  { key: "scans", header: "Lượt quét QR", type: "integer", width: 12 },
];

/** k of n per part: how many children an aggregate's sum counts (empty for a ward or an own figure). */
const PART_COLUMNS: readonly ExportColumn[] = [
  { key: "coverageCounted", header: "Số đơn vị trực thuộc đủ số liệu cài đặt", type: "integer", width: 14 },
  { key: "qrCounted", header: "Số đơn vị trực thuộc đủ số liệu điểm QR", type: "integer", width: 14 },
  { key: "scansCounted", header: "Số đơn vị trực thuộc đủ số liệu lượt quét", type: "integer", width: 14 },
  { key: "childrenTotal", header: "Tổng số đơn vị trực thuộc", type: "integer", width: 12 },
];

const SOURCE_COLUMNS: readonly ExportColumn[] = [
  { key: "smartphonesSource", header: "Nguồn: số điện thoại thông minh", type: "text", width: 16 },
  { key: "installsSource", header: "Nguồn: số máy đã cài Bluezone", type: "text", width: 16 },
  { key: "qrVenuesSource", header: "Nguồn: điểm QR đã đăng ký", type: "text", width: 16 },
  { key: "activeVenuesSource", header: "Nguồn: điểm QR có lượt quét", type: "text", width: 16 },
  { key: "scansSource", header: "Nguồn: lượt quét QR", type: "text", width: 16 },
  { key: "smartphonesChangedOn", header: "Số điện thoại thông minh thay đổi lần cuối ngày", type: "day", width: 14 },
];

const STATUS_NOTE =
  "Tình trạng: “chưa báo cáo” = phường chưa có số điện thoại thông minh và số máy đã cài từ bất kỳ nguồn nào; " +
  "“chưa đủ số liệu (k/n)” = tổng chỉ gồm k trên n đơn vị trực thuộc, không xếp hạng; " +
  "“không có điện thoại thông minh” = báo cáo 0 điện thoại, không có tỷ lệ, không xếp hạng";

function figureCells(figure: FigureWithParts | null, status: string): ExportCell[] {
  return [
    status,
    figure?.smartphones ?? null,
    figure?.installs ?? null,
    percentOf(figure ? coverageRate(figure) : null),
    figure?.qrVenues ?? null,
    figure?.activeVenues ?? null,
    percentOf(figure ? qrActiveRate(figure) : null),
    figure?.scans ?? null,
  ];
}

function partCells(figure: FigureWithParts | null): ExportCell[] {
  const counts = FIGURE_PARTS.map((part) => partCounts(figure, part));
  return [...counts.map((c) => c?.counted ?? null), counts.find((c) => c !== null)?.total ?? null];
}

function provenanceCells(provenance: FigureProvenance | undefined): ExportCell[] {
  return [
    ...FIGURE_FIELDS.map((field) => {
      const source = provenance?.sources[field] ?? null;
      return source === null ? null : SOURCE_CELL_LABELS[source];
    }),
    provenance?.smartphonesChangedOn ?? null,
  ];
}

function statusOf(unit: Unit, figure: FigureWithParts | null, metric: RankMetric = DEFAULT_RANK_METRIC): string {
  return unit.level === "WARD" ? wardStatus(figure, metric) : aggregateStatus(figure, metric);
}

/**
 * The district(s) and city above the wards of `scope`, for the aggregate rows: none for a single
 * ward (a ward chair's download); the city only for users who may see it.
 */
async function aggregateUnits(prisma: PrismaClient, user: SessionUser, scope: WardScope): Promise<Unit[]> {
  if (scope.ward !== null) return [];
  const districtCodes = [...new Set(scope.wards.map((w) => w.districtCode))];
  const districts = await prisma.unit.findMany({
    where: { code: { in: districtCodes }, level: "DISTRICT" },
    orderBy: { code: "asc" },
    select: { code: true, name: true, parentCode: true },
  });
  const cityCodes = canViewCity(user) ? [...new Set(districts.flatMap((d) => (d.parentCode === null ? [] : [d.parentCode])))] : [];
  const cities = await prisma.unit.findMany({ where: { code: { in: cityCodes } }, orderBy: { code: "asc" }, select: { code: true, name: true, level: true } });
  return [
    ...districts.map((d): Unit => ({ code: d.code, name: d.name, level: "DISTRICT" })),
    ...cities.map((c): Unit => ({ code: c.code, name: c.name, level: c.level })),
  ];
}

/** The city's districts ranked on `day` by `metric` (whole figures only) and the city's own figure. */
async function cityRanking(prisma: PrismaClient, priority: readonly FigureSource[], cityCode: string, day: IsoDay, metric: RankMetric) {
  const family = await loadUnitFamily(prisma, unitCodeExpr(cityCode));
  const districts = (family?.children ?? []).filter((u) => u.level === "DISTRICT").map(({ code, name }) => ({ code, name }));
  const table = await loadFigureTable(prisma, priority, [{ codes: [cityCode, ...districts.map((d) => d.code)], from: addDays(day, -7), to: day }]);
  const rows = buildRankingRows({ units: districts, table, day, metric });
  return { rows, ranked: rows.filter((r) => r.rank !== null).length, city: figureOn(table, cityCode, day) };
}

// ---------------------------------------------------------------------------------------------
// Rankings of a district's wards on a day (the overview's table), then the district among the
// city's districts and the city's own row

async function rankingsExport(prisma: PrismaClient, user: SessionUser, filters: Filters): Promise<ExportTable> {
  const scope = await resolveScope(prisma, user, filters, { allowEveryDistrict: false });
  const district = scope.district;
  if (!district) throw new ExportRequestError("Cần chọn một quận.");
  const metric = filters.sort ?? DEFAULT_RANK_METRIC;
  const result = await loadDistrictDashboard(prisma, { districtCode: district.code, day: filters.day, metric, compare: [] });
  if (result.kind === "unknown-district") throw new NotFoundError(`Không có quận mã ${district.code}.`);
  if (result.kind === "no-data") throw new ExportRequestError(`${district.name} chưa có số liệu.`);
  if (result.kind === "day-out-of-range") {
    throw new ExportRequestError(
      `Ngày ${formatDay(result.day)} nằm ngoài những ngày có số liệu (từ ${formatDay(result.range.from)} đến ${formatDay(result.range.to)}).`,
    );
  }
  const day = result.dashboard.day;
  const priority = await getSourcePriority(prisma);
  const visible = new Set(scope.wards.map((w) => w.code));
  const wards = result.dashboard.wards.filter((w) => visible.has(w.code));
  const wardsRanked = result.dashboard.wards.filter((w) => w.rank !== null).length;
  const showAggregates = scope.ward === null && canViewCity(user);
  const inCity = showAggregates ? await cityRanking(prisma, priority, result.city.code, day, metric) : null;
  const districtRow = inCity?.rows.find((r) => r.code === district.code) ?? null;
  const city: Unit = { code: result.city.code, name: result.city.name, level: "PROVINCE" };
  const provenance = await loadFigureProvenance(
    prisma,
    priority,
    [...wards.map((w) => w.code), ...(showAggregates ? [district.code, city.code] : [])],
    { from: day, to: day },
  );
  const prov = (code: string) => provenance.get(provenanceKey(code, day));

  const rows: ExportRow[] = wards.map((w) => [
    w.rank,
    w.rank === null ? null : wardsRanked,
    LEVEL_LABELS.WARD,
    w.code,
    w.name,
    ...figureCells(w.figure, wardStatus(w.figure, metric)),
    w.rankPreviousDay,
    w.rankPreviousWeek,
    ...partCells(w.figure),
    ...provenanceCells(prov(w.code)),
  ]);
  if (inCity && districtRow) {
    const d: Unit = { ...district, level: "DISTRICT" };
    rows.push([
      districtRow.rank,
      districtRow.rank === null ? null : inCity.ranked,
      LEVEL_LABELS.DISTRICT,
      d.code,
      d.name,
      ...figureCells(districtRow.figure, statusOf(d, districtRow.figure, metric)),
      districtRow.rankPreviousDay,
      districtRow.rankPreviousWeek,
      ...partCells(districtRow.figure),
      ...provenanceCells(prov(d.code)),
    ]);
    rows.push([
      null,
      null,
      LEVEL_LABELS.PROVINCE,
      city.code,
      city.name,
      ...figureCells(inCity.city, statusOf(city, inCity.city, metric)),
      null,
      null,
      ...partCells(inCity.city),
      ...provenanceCells(prov(city.code)),
    ]);
  }
  return {
    dataset: "rankings",
    title: EXPORT_DATASET_LABELS.rankings,
    fileBase: `xep-hang-phuong-${scopeSlug(scope)}-${day}`,
    columns: [
      { key: "rank", header: "Hạng", type: "integer", width: 7 },
      { key: "rankedCount", header: "Số đơn vị được xếp hạng", type: "integer", width: 10 },
      ...UNIT_COLUMNS,
      ...FIGURE_COLUMNS,
      { key: "rankPreviousDay", header: "Hạng ngày trước", type: "integer", width: 10 },
      { key: "rankPreviousWeek", header: "Hạng 7 ngày trước", type: "integer", width: 10 },
      ...PART_COLUMNS,
      ...SOURCE_COLUMNS,
    ],
    filters: [
      ...scopeFilters(scope),
      { label: FILTER_LABELS.day, value: day },
      { label: FILTER_LABELS.sort, value: RANK_METRIC_LABELS[metric] },
      { label: "Thứ tự nguồn số liệu", value: priority.join(" → ") },
      {
        label: "Xếp hạng",
        value:
          "phường: trong quận; quận: trong thành phố, chỉ những quận đủ số liệu; hạng bằng nhau khi tỷ lệ chính xác bằng nhau (1, 2, 2, 4)",
      },
      { label: "Ghi chú", value: `${RATE_NOTE}. ${STATUS_NOTE}` },
    ],
    rowCount: rows.length,
    rows: fromArray(rows),
  };
}

// ---------------------------------------------------------------------------------------------
// Daily figures by ward and day (effective figures, source precedence applied), with the
// district's (and the city's) aggregate of each day

async function dailyFiguresExport(prisma: PrismaClient, user: SessionUser, filters: Filters): Promise<ExportTable> {
  const scope = await resolveScope(prisma, user, filters, { allowEveryDistrict: true });
  const { from, to } = await chooseRange(prisma, scope, filters);
  const priority = await getSourcePriority(prisma);
  const units: Unit[] = [...scope.wards.map((w): Unit => ({ code: w.code, name: w.name, level: "WARD" })), ...(await aggregateUnits(prisma, user, scope))];
  const codes = units.map((u) => u.code);
  const [table, provenance] = await Promise.all([
    loadFigureTable(prisma, priority, [{ codes, from, to }]),
    loadFigureProvenance(prisma, priority, codes, { from, to }),
  ]);
  const rows: ExportRow[] = [];
  for (const day of dayRange(from, to)) {
    for (const u of units) {
      const figure = figureOn(table, u.code, day);
      rows.push([
        day,
        LEVEL_LABELS[u.level],
        u.code,
        u.name,
        ...figureCells(figure, statusOf(u, figure)),
        ...partCells(figure),
        ...provenanceCells(provenance.get(provenanceKey(u.code, day))),
      ]);
    }
  }
  return {
    dataset: "daily-figures",
    title: EXPORT_DATASET_LABELS["daily-figures"],
    fileBase: `so-lieu-hang-ngay-${scopeSlug(scope)}-${from}-${to}`,
    columns: [{ key: "day", header: "Ngày", type: "day", width: 12 }, ...UNIT_COLUMNS, ...FIGURE_COLUMNS, ...PART_COLUMNS, ...SOURCE_COLUMNS],
    filters: [
      ...scopeFilters(scope),
      { label: FILTER_LABELS.from, value: from },
      { label: FILTER_LABELS.to, value: to },
      { label: "Thứ tự nguồn số liệu", value: priority.join(" → ") },
      { label: "Ghi chú", value: `${RATE_NOTE}. ${STATUS_NOTE}` },
    ],
    rowCount: rows.length,
    rows: fromArray(rows),
  };
}

// ---------------------------------------------------------------------------------------------
// Venues and their activity: one row per venue and day, streamed from the database

/** Venues per query: ×90 days ≈ 18.000 rows a round trip (two in memory with the read-ahead); larger batches were no faster on the city dataset and raised peak memory (500: +330 MB RSS, 200: +200 MB). */
export const VENUE_BATCH = 200;

const VENUE_STATUS_LABELS: Readonly<Record<string, string>> = { ACTIVE: "Hoạt động", SUSPENDED: "Tạm dừng", CLOSED: "Đã đóng" };

type VenueDayRow = {
  id: number;
  code: string;
  name: string;
  category: string;
  status: string;
  ward_code: string;
  ward_name: string;
  day: string;
  scans: number | null;
};

/** Wards as a condition on venue `v`: every ward (null) or a list of codes. */
function venueWardCondition(codes: readonly string[] | null): Prisma.Sql {
  return codes === null ? Prisma.sql`true` : Prisma.sql`v.ward_code = ANY(${[...codes]}::text[])`;
}

/**
 * One batch of rows: the next `limit` venues after `afterId` (keyset on the primary key, so every
 * batch costs the same however deep the export is; works on PGlite and PostgreSQL alike), each
 * with one row per day from its registration (or `from`) to `to`. Scans are 0 on a day with no
 * scan inside the days the venue-level data covers, and null (unknown) outside them.
 */
export function venueDayBatchSql(params: {
  wardCodes: readonly string[] | null;
  from: IsoDay;
  to: IsoDay;
  afterId: number;
  limit: number;
  known: { first: IsoDay; last: IsoDay } | null;
}): Prisma.Sql {
  const from = parseIsoDayOrThrow(params.from);
  const to = parseIsoDayOrThrow(params.to);
  const scans = params.known
    ? Prisma.sql`CASE WHEN d.day BETWEEN ${parseIsoDayOrThrow(params.known.first)}::date AND ${parseIsoDayOrThrow(params.known.last)}::date
        THEN COALESCE(s.scans, 0) END`
    : Prisma.sql`NULL::int`;
  // Both CTEs are materialised on purpose: the planner guesses 1.000 rows for generate_series and,
  // joined directly, hashes the whole venue_day_scan table on every batch (1,3 s instead of 0,2 s
  // per batch on the city dataset). Reading the batch's scans by primary key first avoids that.
  return Prisma.sql`
    WITH v AS MATERIALIZED (
      SELECT v.id, v.code, v.name, v.category, v.status, v.ward_code, v.registered_on FROM venue v
      WHERE ${venueWardCondition(params.wardCodes)} AND v.registered_on <= ${to}::date AND v.id > ${params.afterId}
      ORDER BY v.id LIMIT ${params.limit}
    ),
    s AS MATERIALIZED (
      SELECT s.venue_id, s.day, s.scans FROM venue_day_scan s
      WHERE s.venue_id = ANY(ARRAY(SELECT id FROM v)) AND s.day BETWEEN ${from}::date AND ${to}::date
    )
    SELECT v.id, v.code, v.name, v.category::text AS category, v.status::text AS status, v.ward_code, w.name AS ward_name,
      to_char(d.day, 'YYYY-MM-DD') AS day, ${scans} AS scans
    FROM v
    JOIN unit w ON w.code = v.ward_code
    CROSS JOIN LATERAL (
      SELECT g::date AS day FROM generate_series(GREATEST(v.registered_on, ${from}::date), ${to}::date, interval '1 day') g
    ) d
    LEFT JOIN s ON s.venue_id = v.id AND s.day = d.day
    ORDER BY v.id, d.day`;
}

export function venueDayCountSql(wardCodes: readonly string[] | null, from: IsoDay, to: IsoDay): Prisma.Sql {
  const f = parseIsoDayOrThrow(from);
  const t = parseIsoDayOrThrow(to);
  return Prisma.sql`
    SELECT COALESCE(sum(${t}::date - GREATEST(v.registered_on, ${f}::date) + 1), 0)::bigint AS n
    FROM venue v WHERE ${venueWardCondition(wardCodes)} AND v.registered_on <= ${t}::date`;
}

/** The days the venue-level scans cover (null when there are none). */
export function venueScanBoundsSql(): Prisma.Sql {
  return Prisma.sql`SELECT to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last FROM venue_day_scan`;
}

async function* venueDayRows(prisma: PrismaClient, params: Omit<Parameters<typeof venueDayBatchSql>[0], "afterId" | "limit">): AsyncGenerator<ExportRow> {
  const fetch = (afterId: number) => prisma.$queryRaw<VenueDayRow[]>(venueDayBatchSql({ ...params, afterId, limit: VENUE_BATCH }));
  let pending = fetch(0);
  for (;;) {
    const batch = await pending;
    const last = batch.at(-1);
    if (!last) return;
    // One batch ahead: the database works on the next batch while this one is written out; memory
    // holds at most two batches.
    pending = fetch(last.id);
    // A consumer that stops early leaves the read-ahead unobserved: keep its failure from being unhandled.
    pending.catch(() => undefined);
    for (const r of batch) {
      yield [
        r.day,
        r.ward_code,
        r.ward_name,
        r.code,
        r.name,
        VENUE_CATEGORY_LABELS[r.category] ?? r.category,
        VENUE_STATUS_LABELS[r.status] ?? r.status,
        r.scans,
      ];
    }
  }
}

async function venueActivityExport(prisma: PrismaClient, user: SessionUser, filters: Filters): Promise<ExportTable> {
  const scope = await resolveScope(prisma, user, filters, { allowEveryDistrict: true });
  const { from, to } = await chooseRange(prisma, scope, filters);
  // Every ward of the system (an admin's city-wide export): no list of 579 codes to bind.
  const wardCodes = scope.district === null && scope.ward === null ? null : scope.wards.map((w) => w.code);
  const [[count], [bounds]] = await Promise.all([
    prisma.$queryRaw<{ n: bigint }[]>(venueDayCountSql(wardCodes, from, to)),
    prisma.$queryRaw<{ first: string | null; last: string | null }[]>(venueScanBoundsSql()),
  ]);
  const known = bounds?.first && bounds.last ? { first: bounds.first, last: bounds.last } : null;
  return {
    dataset: "venue-activity",
    title: EXPORT_DATASET_LABELS["venue-activity"],
    fileBase: `diem-qr-theo-ngay-${scopeSlug(scope)}-${from}-${to}`,
    columns: [
      { key: "day", header: "Ngày", type: "day", width: 12 },
      { key: "wardCode", header: "Mã phường", type: "text", width: 10 },
      { key: "wardName", header: "Tên phường", type: "text", width: 24 },
      { key: "venueCode", header: "Mã điểm QR", type: "text", width: 16 },
      { key: "venueName", header: "Tên điểm QR", type: "text", width: 36 },
      { key: "category", header: "Loại điểm", type: "text", width: 18 },
      { key: "venueStatus", header: "Trạng thái điểm", type: "text", width: 12 },
      { key: "scans", header: "Lượt quét QR", type: "integer", width: 12 },
    ],
    filters: [
      ...scopeFilters(scope),
      { label: FILTER_LABELS.from, value: from },
      { label: FILTER_LABELS.to, value: to },
      {
        label: "Ghi chú",
        value: known
          ? `mỗi điểm QR một dòng mỗi ngày kể từ ngày đăng ký; lượt quét để trống ngoài những ngày có dữ liệu quét theo điểm (${known.first} đến ${known.last})`
          : "chưa có dữ liệu quét theo điểm: lượt quét để trống",
      },
    ],
    rowCount: Number(count?.n ?? 0n),
    rows: venueDayRows(prisma, { wardCodes, from, to, known }),
  };
}

// ---------------------------------------------------------------------------------------------
// Completeness of the ward reports

const REPORT_STATUS_LABELS = { SUBMITTED: "Chờ duyệt", APPROVED: "Đã duyệt" } as const;

async function completenessExport(prisma: PrismaClient, user: SessionUser, filters: Filters, now: Date): Promise<ExportTable> {
  const scope = await resolveScope(prisma, user, filters, { allowEveryDistrict: false });
  const district = scope.district;
  if (!district) throw new ExportRequestError("Cần chọn một quận.");
  const { from, to } = await chooseRange(prisma, scope, filters);
  const view = await getCompleteness(prisma, user, { districtCode: district.code, from, to }, now);
  const visible = new Set(scope.wards.map((w) => w.code));
  const rows: ExportRow[] = [];
  for (const [i, day] of view.days.entries()) {
    for (const row of view.rows) {
      const cell = row.cells[i];
      if (!cell || !visible.has(row.ward.code)) continue;
      rows.push([
        day,
        row.ward.code,
        row.ward.name,
        !cell.reported ? NOT_REPORTED_LABEL : cell.noSmartphones ? NO_SMARTPHONES_LABEL : "",
        cell.figuresSource === null ? null : SOURCE_CELL_LABELS[cell.figuresSource],
        TIMELINESS_LABELS[cell.timeliness],
        cell.status ? REPORT_STATUS_LABELS[cell.status] : null,
        cell.version,
        cell.firstSubmittedAt ? vietnamIsoInstant(cell.firstSubmittedAt) : null,
        cell.submittedAt ? vietnamIsoInstant(cell.submittedAt) : null,
      ]);
    }
  }
  return {
    dataset: "completeness",
    title: EXPORT_DATASET_LABELS.completeness,
    fileBase: `tinh-hinh-bao-cao-${scopeSlug(scope)}-${from}-${to}`,
    columns: [
      { key: "day", header: "Ngày", type: "day", width: 12 },
      { key: "wardCode", header: "Mã phường", type: "text", width: 10 },
      { key: "wardName", header: "Tên phường", type: "text", width: 24 },
      { key: "status", header: "Tình trạng", type: "text", width: 30 },
      { key: "figuresSource", header: "Nguồn số liệu cài đặt", type: "text", width: 16 },
      { key: "timeliness", header: "Tình hình báo cáo", type: "text", width: 26 },
      { key: "reportStatus", header: "Trạng thái duyệt", type: "text", width: 12 },
      { key: "version", header: "Lần sửa", type: "integer", width: 8 },
      { key: "firstSubmittedAt", header: "Gửi lần đầu lúc", type: "instant", width: 26 },
      { key: "submittedAt", header: "Lưu lần cuối lúc", type: "instant", width: 26 },
    ],
    filters: [
      ...scopeFilters(scope),
      { label: FILTER_LABELS.from, value: from },
      { label: FILTER_LABELS.to, value: to },
      { label: "Hạn báo cáo", value: JSON.stringify(view.deadline) },
      {
        label: "Ghi chú",
        value:
          "“chưa báo cáo” = phường chưa có số điện thoại thông minh và số máy đã cài từ bất kỳ nguồn nào (số liệu điểm QR từ nhật ký quét không tính); " +
          "đúng hạn / nộp muộn theo lần gửi đầu tiên của phường; số liệu chỉ có từ dữ liệu nhập được tính là đúng hạn",
      },
    ],
    rowCount: rows.length,
    rows: fromArray(rows),
  };
}

// ---------------------------------------------------------------------------------------------
// Alerts of a day (every page of the alert centre)

async function alertsExport(prisma: PrismaClient, user: SessionUser, filters: Filters, now: Date): Promise<ExportTable> {
  const scope = await resolveScope(prisma, user, filters, { allowEveryDistrict: true });
  const params = { day: filters.day, district: scope.district?.code, ward: scope.ward?.code, rule: undefined, severity: undefined, status: undefined };
  const first = await getAlertCentre(prisma, user, { ...params, page: 1 }, now);
  const alerts = [...first.alerts];
  for (let page = 2; page <= first.pageCount; page++) {
    alerts.push(...(await getAlertCentre(prisma, user, { ...params, day: first.day, page }, now)).alerts);
  }
  const labels = new Map(ALERT_RULES.map((r) => [r.id, r.label]));
  const rows: ExportRow[] = alerts.map((a) => [
    a.day,
    a.ward.districtCode,
    a.ward.code,
    a.ward.name,
    SEVERITY_LABELS[a.severity],
    labels.get(a.ruleId) ?? a.ruleId,
    a.message,
    a.streak === null ? null : a.daysInLast30,
    a.ack ? "Đã xác nhận" : "Chưa xác nhận",
    a.ack?.by.displayName ?? null,
    a.ack?.note ?? null,
  ]);
  return {
    dataset: "alerts",
    title: EXPORT_DATASET_LABELS.alerts,
    fileBase: `canh-bao-${scopeSlug(scope)}-${first.day}`,
    columns: [
      { key: "day", header: "Ngày", type: "day", width: 12 },
      { key: "districtCode", header: "Mã quận", type: "text", width: 8 },
      { key: "wardCode", header: "Mã phường", type: "text", width: 10 },
      { key: "wardName", header: "Tên phường", type: "text", width: 24 },
      { key: "severity", header: "Mức độ", type: "text", width: 12 },
      { key: "rule", header: "Loại cảnh báo", type: "text", width: 28 },
      { key: "message", header: "Nội dung", type: "text", width: 60 },
      { key: "daysInLast30", header: "Số ngày trong 30 ngày qua", type: "integer", width: 12 },
      { key: "acknowledged", header: "Xác nhận", type: "text", width: 14 },
      { key: "acknowledgedBy", header: "Người xác nhận", type: "text", width: 20 },
      { key: "ackNote", header: "Ghi chú xác nhận", type: "text", width: 40 },
    ],
    filters: [...scopeFilters(scope), { label: FILTER_LABELS.day, value: first.day }],
    rowCount: rows.length,
    rows: fromArray(rows),
  };
}

// ---------------------------------------------------------------------------------------------
// Audit log (admins; district officials: the own district and its wards; city officials: the province)

function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

async function auditExport(prisma: PrismaClient, user: SessionUser, filters: Filters): Promise<ExportTable> {
  if (!canViewAuditLog(user)) throw new ForbiddenError("Bạn không có quyền xem nhật ký thay đổi.");
  if (filters.district !== undefined && !canViewDistrict(user, filters.district)) throw new ForbiddenError("Bạn chỉ tải được dữ liệu của quận mình.");
  if ((filters.from === undefined) !== (filters.to === undefined)) throw new ExportRequestError("Cần cả ngày bắt đầu (from) và ngày kết thúc (to).");
  const to = filters.to ?? (await latestAuditDay(prisma));
  const from = filters.from ?? addDays(to, -6);
  const unit = filters.ward;
  // A district means the district and its wards (the audit filter itself takes one unit code).
  const inDistrict =
    filters.district !== undefined && filters.ward === undefined
      ? new Set([filters.district, ...(await prisma.unit.findMany({ where: { parentCode: filters.district }, select: { code: true } })).map((u) => u.code)])
      : null;
  const rows: ExportRow[] = [];
  let before: string | undefined;
  do {
    const page = await listAuditEntries(prisma, user, { action: undefined, unit, user: undefined, field: undefined, from, to, before });
    for (const e of page.entries) {
      if (inDistrict !== null && (e.unitCode === null || !inDistrict.has(e.unitCode))) continue;
      rows.push([
        e.id,
        vietnamIsoInstant(e.at),
        e.username,
        e.userDisplayName,
        isAuditAction(e.action) ? AUDIT_ACTION_LABELS[e.action] : e.action,
        e.unitCode,
        e.unitName,
        e.day,
        e.fields.join(", "),
        e.before === null ? null : JSON.stringify(e.before),
        e.after === null ? null : JSON.stringify(e.after),
        e.reason,
      ]);
    }
    before = page.nextBefore ?? undefined;
  } while (before !== undefined);
  return {
    dataset: "audit",
    title: EXPORT_DATASET_LABELS.audit,
    fileBase: `nhat-ky-thay-doi-${unit ?? filters.district ?? "tat-ca"}-${from}-${to}`,
    columns: [
      { key: "id", header: "Mã", type: "text", width: 8 },
      { key: "at", header: "Thời điểm", type: "instant", width: 26 },
      { key: "username", header: "Tài khoản", type: "text", width: 16 },
      { key: "userDisplayName", header: "Người thực hiện", type: "text", width: 24 },
      { key: "action", header: "Thao tác", type: "text", width: 20 },
      { key: "unitCode", header: "Mã đơn vị", type: "text", width: 10 },
      { key: "unitName", header: "Tên đơn vị", type: "text", width: 24 },
      { key: "day", header: "Ngày số liệu", type: "day", width: 12 },
      { key: "fields", header: "Trường thay đổi", type: "text", width: 24 },
      { key: "before", header: "Trước", type: "text", width: 40 },
      { key: "after", header: "Sau", type: "text", width: 40 },
      { key: "reason", header: "Lý do", type: "text", width: 30 },
    ],
    filters: [
      {
        label: FILTER_LABELS.district,
        value:
          filters.district ??
          (user.role === "ADMIN" ? "Tất cả" : user.role === "CITY_OFFICIAL" ? "Tất cả (tỉnh, thành phố của bạn)" : (user.districtCode ?? "")),
      },
      { label: FILTER_LABELS.ward, value: filters.ward ?? "Tất cả" },
      { label: FILTER_LABELS.from, value: from },
      { label: FILTER_LABELS.to, value: to },
    ],
    rowCount: rows.length,
    rows: fromArray(rows),
  };
}

async function latestAuditDay(prisma: PrismaClient): Promise<IsoDay> {
  const [row] = await prisma.$queryRaw<{ last: string | null }[]>(Prisma.sql`
    SELECT to_char(max(at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS last FROM audit_log`);
  if (!row?.last) throw new ExportRequestError("Nhật ký thay đổi chưa có mục nào.");
  return row.last;
}

// ---------------------------------------------------------------------------------------------
// The Exports page: what the user may download with the current filters

export type ExportOptions = {
  /** districts the user can pick: an admin every one, a city official the province's, a district official or ward chair the own one only */
  districts: Named[];
  district: Named;
  /** wards the user may pick (a ward chair: the own ward) */
  wards: Named[];
  ward: Named | null;
  /** days with figures of those wards */
  range: { from: IsoDay; to: IsoDay } | null;
  day: IsoDay | null;
  from: IsoDay | null;
  to: IsoDay | null;
  datasets: ExportDataset[];
  /** the district's own documents (the draft dispatch): admins and the district's officials */
  documents: boolean;
  /** the printable district report (PDF): as `documents`, and city officials for their province's districts */
  districtReport: boolean;
  /** filters that name days outside the data: the page says so instead of offering empty files */
  problems: string[];
};

/** Default range of the page: the last 7 days with data. */
const DEFAULT_PAGE_DAYS = 7;

export async function getExportOptions(prisma: PrismaClient, user: SessionUser, filters: Filters): Promise<ExportOptions> {
  const scope = await resolveScope(prisma, user, filters, { allowEveryDistrict: false });
  const district = scope.district;
  if (!district) throw new ExportRequestError("Cần chọn một quận.");
  const viewable = viewableDistrictCodes(user);
  const [districts, allWards, range, districtDays] = await Promise.all([
    user.role === "ADMIN" || user.role === "CITY_OFFICIAL"
      ? prisma.unit.findMany({
          where: { level: "DISTRICT", children: { some: { level: "WARD" } }, ...(viewable === null ? {} : { code: { in: [...viewable] } }) },
          orderBy: { code: "asc" },
          select: { code: true, name: true },
        })
      : Promise.resolve([district]),
    resolveScope(prisma, user, { district: district.code }, { allowEveryDistrict: false }).then((s) => s.wards),
    dataRange(
      prisma,
      scope.wards.map((w) => w.code),
    ),
    loadDayRange(prisma, unitCodeExpr(district.code)),
  ]);
  const problems: string[] = [];
  const inRange = (day: IsoDay) => range !== null && compareIsoDays(day, range.from) >= 0 && compareIsoDays(day, range.to) <= 0;
  // The ranking opens, like the overview, on the latest day whose district figure is whole.
  const lastComplete = districtDays?.lastComplete ?? null;
  const day = filters.day ?? (lastComplete !== null && inRange(lastComplete) ? lastComplete : (range?.to ?? null));
  const to = filters.to ?? range?.to ?? null;
  let from = filters.from ?? (to !== null ? addDays(to, -(DEFAULT_PAGE_DAYS - 1)) : null);
  if (filters.from === undefined && from !== null && range !== null && compareIsoDays(from, range.from) < 0) from = range.from;
  if (!range) problems.push("Chưa có số liệu nào của các phường này.");
  else {
    if (day !== null && !inRange(day)) problems.push(`Ngày ${formatDay(day)} nằm ngoài những ngày có số liệu (${formatDay(range.from)}–${formatDay(range.to)}).`);
    if ((from !== null && !inRange(from)) || (to !== null && !inRange(to))) {
      problems.push(`Khoảng ngày nằm ngoài những ngày có số liệu (${formatDay(range.from)}–${formatDay(range.to)}).`);
    }
  }
  return {
    districts,
    district,
    wards: allWards.map(({ code, name }) => ({ code, name })),
    ward: scope.ward,
    range,
    day,
    from,
    to,
    datasets: (Object.keys(DATASET_FILTERS) as ExportDataset[]).filter((d) => d !== "audit" || canViewAuditLog(user)),
    documents: canExportDistrictDocuments(user, district.code),
    districtReport: canExportDistrictReport(user, district.code),
    problems,
  };
}
