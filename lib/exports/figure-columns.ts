import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { canViewCity, type SessionUser } from "../permissions.ts";
import { addDays, type IsoDay } from "../domain/days.ts";
import { FIGURE_PARTS, type FigureWithParts } from "../domain/completeness.ts";
import { figureOn } from "../domain/figure-table.ts";
import { FIGURE_FIELDS, type FigureSource } from "../domain/figures.ts";
import { coverageRate, qrActiveRate } from "../domain/metrics.ts";
import { DEFAULT_RANK_METRIC, type RankMetric } from "../domain/rank-metric.ts";
import { buildRankingRows } from "../domain/unit-ranking.ts";
import { aggregateStatus, partCounts, SOURCE_CELL_LABELS, wardStatus } from "../domain/figure-status.ts";
import type { ExportCell, ExportColumn, ExportFilter, ExportRow } from "../documents/table.ts";
import { loadFigureTable, loadUnitFamily } from "../figures/dashboard-reads.ts";
import { unitCodeExpr } from "../figures/dashboard-sql.ts";
import type { FigureProvenance } from "../figures/effective-figures.ts";
import { fromArray, percentOf, RATE_NOTE, scopeFilters, type Named, type WardScope } from "./scope.ts";
import type { DatasetBody } from "./types.ts";

// Figures columns shared by rankings and daily figures (issue 11: figures an official can sign)
//
// A row is a ward's figure or an aggregate's (a district's, the city's). Every row says what it
// is ("Cấp"), its status in the one vocabulary of lib/domain/figure-status.ts ("chưa báo cáo" =
// no install figures from any source; "chưa đủ số liệu (k/n)" = a sum of only k of n children;
// "không có điện thoại thông minh" = 0 smartphones, no rate), how many children each part of an
// aggregate counts, and where each field came from (Phường báo cáo / Dữ liệu nhập / Tổng hợp),
// with the day the smartphone count (the coverage denominator) last changed.

export type Level = "WARD" | "DISTRICT" | "PROVINCE" | "COUNTRY";
export type Unit = Named & { level: Level };

export const LEVEL_LABELS: { readonly [L in Level]: string } = {
  WARD: "Phường/xã",
  DISTRICT: "Quận/huyện",
  PROVINCE: "Tỉnh/thành phố",
  COUNTRY: "Cả nước",
};

export const UNIT_COLUMNS: readonly ExportColumn[] = [
  { key: "level", header: "Cấp", type: "text", width: 14 },
  { key: "unitCode", header: "Mã đơn vị", type: "text", width: 10 },
  { key: "unitName", header: "Tên đơn vị", type: "text", width: 24 },
];

export const FIGURE_COLUMNS: readonly ExportColumn[] = [
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
export const PART_COLUMNS: readonly ExportColumn[] = [
  { key: "coverageCounted", header: "Số đơn vị trực thuộc đủ số liệu cài đặt", type: "integer", width: 14 },
  { key: "qrCounted", header: "Số đơn vị trực thuộc đủ số liệu điểm QR", type: "integer", width: 14 },
  { key: "scansCounted", header: "Số đơn vị trực thuộc đủ số liệu lượt quét", type: "integer", width: 14 },
  { key: "childrenTotal", header: "Tổng số đơn vị trực thuộc", type: "integer", width: 12 },
];

export const SOURCE_COLUMNS: readonly ExportColumn[] = [
  { key: "smartphonesSource", header: "Nguồn: số điện thoại thông minh", type: "text", width: 16 },
  { key: "installsSource", header: "Nguồn: số máy đã cài Bluezone", type: "text", width: 16 },
  { key: "qrVenuesSource", header: "Nguồn: điểm QR đã đăng ký", type: "text", width: 16 },
  { key: "activeVenuesSource", header: "Nguồn: điểm QR có lượt quét", type: "text", width: 16 },
  { key: "scansSource", header: "Nguồn: lượt quét QR", type: "text", width: 16 },
  { key: "smartphonesChangedOn", header: "Số điện thoại thông minh thay đổi lần cuối ngày", type: "day", width: 14 },
];

export const STATUS_NOTE =
  "Tình trạng: “chưa báo cáo” = phường chưa có số điện thoại thông minh và số máy đã cài từ bất kỳ nguồn nào; " +
  "“chưa đủ số liệu (k/n)” = tổng chỉ gồm k trên n đơn vị trực thuộc, không xếp hạng; " +
  "“không có điện thoại thông minh” = báo cáo 0 điện thoại, không có tỷ lệ, không xếp hạng";

export function figureCells(figure: FigureWithParts | null, status: string): ExportCell[] {
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

export function partCells(figure: FigureWithParts | null): ExportCell[] {
  const counts = FIGURE_PARTS.map((part) => partCounts(figure, part));
  return [...counts.map((c) => c?.counted ?? null), counts.find((c) => c !== null)?.total ?? null];
}

export function provenanceCells(provenance: FigureProvenance | undefined): ExportCell[] {
  return [
    ...FIGURE_FIELDS.map((field) => {
      const source = provenance?.sources[field] ?? null;
      return source === null ? null : SOURCE_CELL_LABELS[source];
    }),
    provenance?.smartphonesChangedOn ?? null,
  ];
}

export function statusOf(unit: Unit, figure: FigureWithParts | null, metric: RankMetric = DEFAULT_RANK_METRIC): string {
  return unit.level === "WARD" ? wardStatus(figure, metric) : aggregateStatus(figure, metric);
}

/**
 * The district(s) and city above the wards of `scope`, for the aggregate rows: none for a single
 * ward (a ward chair's download); the city only for users who may see it.
 */
export async function aggregateUnits(prisma: PrismaClient, user: SessionUser, scope: WardScope): Promise<Unit[]> {
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
export async function cityRanking(prisma: PrismaClient, priority: readonly FigureSource[], cityCode: string, day: IsoDay, metric: RankMetric) {
  const family = await loadUnitFamily(prisma, unitCodeExpr(cityCode));
  const districts = (family?.children ?? []).filter((u) => u.level === "DISTRICT").map(({ code, name }) => ({ code, name }));
  const table = await loadFigureTable(prisma, priority, [{ codes: [cityCode, ...districts.map((d) => d.code)], from: addDays(day, -7), to: day }]);
  const rows = buildRankingRows({ units: districts, table, day, metric });
  return { rows, ranked: rows.filter((r) => r.rank !== null).length, city: figureOn(table, cityCode, day) };
}

/**
 * The body of a table of figures (rankings, daily figures): the scope's filters, the dataset's own,
 * the order of the sources, its `notes`, then the note on rates and statuses every such file carries.
 */
export function figureTableBody(
  scope: WardScope,
  body: { fileBase: string; filters: readonly ExportFilter[]; priority: readonly FigureSource[]; notes?: readonly ExportFilter[]; rows: ExportRow[] },
): DatasetBody {
  return {
    fileBase: body.fileBase,
    filters: [
      ...scopeFilters(scope),
      ...body.filters,
      { label: "Thứ tự nguồn số liệu", value: body.priority.join(" → ") },
      ...(body.notes ?? []),
      { label: "Ghi chú", value: `${RATE_NOTE}. ${STATUS_NOTE}` },
    ],
    rowCount: body.rows.length,
    rows: fromArray(body.rows),
  };
}
