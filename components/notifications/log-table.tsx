import type { ReactNode } from "react";

// One table for the logs of /admin/jobs (the job runs, the messages sent): a titled section, its
// empty state, and rows of cells, so that both logs look and read alike.

export type LogCell = {
  readonly content: ReactNode;
  /** the cell that names the row (a <th scope="row">) */
  readonly rowHeader?: boolean;
  readonly numeric?: boolean;
  readonly nowrap?: boolean;
  readonly error?: boolean;
};

export type LogRow = { readonly key: number; readonly cells: readonly LogCell[] };

export function LogTable({
  id,
  heading,
  empty,
  testId,
  columns,
  rows,
}: {
  id: string;
  heading: string;
  empty: string;
  testId: string;
  columns: readonly { label: string; numeric?: boolean }[];
  rows: readonly LogRow[];
}) {
  const cellClass = (c: LogCell) =>
    ["px-3 py-2", c.nowrap ? "whitespace-nowrap" : "", c.numeric ? "text-right" : "", c.rowHeader ? "text-left font-semibold" : "", c.error ? "font-semibold text-red-800" : ""]
      .filter(Boolean)
      .join(" ");
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {heading}
      </h2>
      {rows.length === 0 ? (
        <p className="text-slate-700">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full bg-white text-sm" data-testid={testId}>
            <thead>
              <tr className="text-left">
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={c.numeric ? "px-3 py-2 text-right" : "px-3 py-2"}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-t border-slate-200 align-top">
                  {r.cells.map((c, i) =>
                    c.rowHeader ? (
                      <th key={i} scope="row" className={cellClass(c)}>
                        {c.content}
                      </th>
                    ) : (
                      <td key={i} className={cellClass(c)}>
                        {c.content}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
