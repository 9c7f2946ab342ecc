import "server-only";
import { canExportDataset } from "../../permissions.ts";
import { dayRange } from "../../domain/days.ts";
import { figureOn } from "../../domain/figure-table.ts";
import { FILTER_LABELS } from "../../schemas/exports.ts";
import type { ExportColumn, ExportRow } from "../../documents/table.ts";
import { loadFigureTable } from "../../figures/dashboard-reads.ts";
import { loadFigureProvenance, provenanceKey } from "../../figures/effective-figures.ts";
import { getSourcePriority } from "../../figures/settings.ts";
import { chooseRange, resolveScope, scopeSlug } from "../scope.ts";
import {
  aggregateUnits,
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

const columns: readonly ExportColumn[] = [{ key: "day", header: "Ngày", type: "day", width: 12 }, ...UNIT_COLUMNS, ...FIGURE_COLUMNS, ...PART_COLUMNS, ...SOURCE_COLUMNS];

// Daily figures by ward and day (effective figures, source precedence applied), with the
// district's (and the city's) aggregate of each day

async function read({ db: prisma, user, filters }: DatasetContext): Promise<DatasetBody> {
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
  return figureTableBody(scope, {
    fileBase: `so-lieu-hang-ngay-${scopeSlug(scope)}-${from}-${to}`,
    filters: [
      { label: FILTER_LABELS.from, value: from },
      { label: FILTER_LABELS.to, value: to },
    ],
    priority,
    rows,
  });
}

export const dailyFigures: ExportDatasetModule<"daily-figures"> = {
  id: "daily-figures",
  label: "Số liệu hằng ngày theo phường",
  description:
    "Số liệu từng phường và của quận từng ngày, kèm tình trạng (chưa báo cáo, chưa đủ số liệu k/n), nguồn của từng số và ngày số điện thoại thông minh thay đổi lần cuối.",
  filters: ["province", "district", "ward", "from", "to"],
  permission: (user) => canExportDataset(user, "daily-figures"),
  columns,
  read,
};
