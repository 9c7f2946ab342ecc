import { useChartWords } from "./chart-words";
import Link from "next/link";
import type { TileDatum } from "@/lib/domain/chart-data";
import { ChartFigure } from "./chart-figure";
import { MISSING_TILE_CLASS, SHADE_TILE_CLASSES, STATUS_TILE_CLASSES } from "./palette";
import { TableView } from "./table-view";

// A tile map of the district's wards (no geodata is available offline): one tile per ward in
// official-code order, coloured by the chosen metric, with the value and status written on it.
// Each tile links to the ward's page. Drawn in the browser when scrolled near (lazy-chart.tsx):
// the tiles repeat the ranking table above them, so they stay out of the page's HTML.

function tileClass(tile: TileDatum): string {
  if (tile.status) return STATUS_TILE_CLASSES[tile.status];
  if (tile.shade !== null) return SHADE_TILE_CLASSES[tile.shade];
  return MISSING_TILE_CLASS;
}

export function WardTileMap({
  id,
  title,
  description,
  metricLabel,
  tiles,
  hrefFor,
}: {
  id: string;
  title: string;
  description?: string;
  metricLabel: string;
  tiles: readonly TileDatum[];
  hrefFor: (code: string) => string;
}) {
  const w = useChartWords();
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      table={
        <TableView
          testId={`${id}-table`}
          summary={title}
          columns={[w("ward"), metricLabel, w("rank"), w("verdict")]}
          rows={tiles.map((t) => ({ key: t.code, header: t.name, cells: [t.valueLabel, t.rankLabel, t.statusLabel] }))}
        />
      }
    >
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" data-testid={id}>
        {tiles.map((t) => (
          <li key={t.code}>
            <Link
              href={hrefFor(t.code)}
              className={`block h-full rounded border-2 p-2 text-sm hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 ${tileClass(t)}`}
            >
              <span className="block font-semibold">{t.name.replace(/^Phường /, "")}</span>
              <span className="tabular block text-base font-bold">{t.valueLabel}</span>
              <span className="block text-xs">{t.statusLabel}</span>
            </Link>
          </li>
        ))}
      </ul>
    </ChartFigure>
  );
}
