import "server-only";
import { NotFoundError, ExportRequestError } from "../../errors.ts";
import { canExportDataset, canViewCity } from "../../permissions.ts";
import { formatDay } from "../../domain/format.ts";
import { DEFAULT_RANK_METRIC, RANK_METRIC_LABELS } from "../../domain/rank-metric.ts";
import { wardStatus } from "../../domain/figure-status.ts";
import { FILTER_LABELS } from "../../schemas/exports.ts";
import type { ExportColumn, ExportRow } from "../../documents/table.ts";
import { loadFigureProvenance, provenanceKey } from "../../figures/effective-figures.ts";
import { getSourcePriority } from "../../figures/settings.ts";
import { loadDistrictDashboard } from "../../figures/district-dashboard.ts";
import { resolveScope, scopeSlug } from "../scope.ts";
import {
  cityRanking,
  figureCells,
  figureTableBody,
  FIGURE_COLUMNS,
  LEVEL_LABELS,
  partCells,
  PART_COLUMNS,
  provenanceCells,
  SOURCE_COLUMNS,
  statusOf,
  UNIT_COLUMNS,
  type Unit,
} from "../figure-columns.ts";
import type { DatasetBody, DatasetContext, ExportDatasetModule } from "../types.ts";

const columns: readonly ExportColumn[] = [
  { key: "rank", header: "Hạng", type: "integer", width: 7 },
  { key: "rankedCount", header: "Số đơn vị được xếp hạng", type: "integer", width: 10 },
  ...UNIT_COLUMNS,
  ...FIGURE_COLUMNS,
  { key: "rankPreviousDay", header: "Hạng ngày trước", type: "integer", width: 10 },
  { key: "rankPreviousWeek", header: "Hạng 7 ngày trước", type: "integer", width: 10 },
  ...PART_COLUMNS,
  ...SOURCE_COLUMNS,
];

// Rankings of a district's wards on a day (the overview's table), then the district among the
// city's districts and the city's own row

async function read({ db: prisma, user, filters }: DatasetContext): Promise<DatasetBody> {
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
  return figureTableBody(scope, {
    fileBase: `xep-hang-phuong-${scopeSlug(scope)}-${day}`,
    filters: [
      { label: FILTER_LABELS.day, value: day },
      { label: FILTER_LABELS.sort, value: RANK_METRIC_LABELS[metric] },
    ],
    priority,
    notes: [
      {
        label: "Xếp hạng",
        value:
          "phường: trong quận; quận: trong thành phố, chỉ những quận đủ số liệu; hạng bằng nhau khi tỷ lệ chính xác bằng nhau (1, 2, 2, 4)",
      },
    ],
    rows,
  });
}

export const rankings: ExportDatasetModule<"rankings"> = {
  id: "rankings",
  label: "Xếp hạng phường",
  description:
    "Các phường xếp hạng trong ngày, rồi quận (hạng trong thành phố, hoặc “chưa đủ số liệu (k/n)”) và thành phố; kèm tử số, mẫu số, số phường đủ số liệu và nguồn của từng số.",
  filters: ["district", "ward", "day", "sort"],
  permission: (user) => canExportDataset(user, "rankings"),
  columns,
  read,
};
