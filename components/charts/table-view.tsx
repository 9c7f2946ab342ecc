import { useChartWords } from "./chart-words";

// The table view of a chart: the same numbers, as text, for screen readers, keyboard users and
// anyone who wants to read exact values. Closed by default; opened with Enter or Space.

export type TableViewRow = {
  readonly key: string;
  /** the first cell, a row header */
  readonly header: string;
  readonly cells: readonly string[];
  readonly highlighted?: boolean;
};

export function TableView({
  summary,
  columns,
  rows,
  testId,
}: {
  summary: string;
  /** header labels, the row-header column first */
  columns: readonly string[];
  rows: readonly TableViewRow[];
  testId?: string;
}) {
  const t = useChartWords();
  return (
    <details className="mt-2 rounded border border-slate-200 bg-slate-50" data-testid={testId}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-brand-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-800">
        {t("table", { summary })}
      </summary>
      {/* A scrollable region must be reachable by keyboard to be scrolled (WCAG 2.1.1). */}
      <div className="max-h-96 overflow-auto" tabIndex={0} role="region" aria-label={t("table", { summary })}>
        <table className="tabular min-w-full bg-white text-sm">
          <thead className="sticky top-0 bg-slate-100 text-left text-slate-700">
            <tr>
              {columns.map((c, i) => (
                <th key={c} scope="col" className={`px-3 py-2 ${i > 0 ? "text-right" : ""}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={`border-t border-slate-200 ${r.highlighted ? "bg-amber-50 font-semibold" : ""}`}>
                <th scope="row" className="px-3 py-1.5 text-left font-medium">
                  {r.header}
                </th>
                {r.cells.map((cell, i) => (
                  <td key={`${r.key}-${i}`} className="px-3 py-1.5 text-right">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
