import { formatCount } from "@/lib/domain/format";

// The first errors of an import (at most 1.000 are sent): line, column, value and reason.

export type ErrorRow = { line: number | null; column: string | null; value: string | null; reason: string };

export function ImportErrorTable({
  errors,
  total,
  reportHref,
}: {
  errors: readonly ErrorRow[];
  /** how many errors there are in all, when known */
  total: number | null;
  reportHref: string | null;
}) {
  if (errors.length === 0) return null;
  const heading =
    total !== null && total > errors.length
      ? `${formatCount(errors.length)} lỗi đầu tiên (trong ${formatCount(total)} lỗi)`
      : total === null && errors.length >= 1000
        ? `${formatCount(errors.length)} lỗi đầu tiên`
        : `${formatCount(errors.length)} lỗi`;
  return (
    <section aria-labelledby="import-errors-heading" className="space-y-2" data-testid="import-errors">
      <h3 id="import-errors-heading" className="text-lg font-semibold">
        {heading}
      </h3>
      {reportHref ? (
        <p>
          <a href={reportHref} className="font-semibold text-brand-700 underline" download>
            Tải toàn bộ danh sách lỗi (CSV)
          </a>
        </p>
      ) : null}
      <div className="max-h-96 overflow-auto rounded border border-slate-200 bg-white" tabIndex={0} aria-label="Danh sách lỗi">
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              <th scope="col" className="px-2 py-1">
                Dòng
              </th>
              <th scope="col" className="px-2 py-1">
                Cột
              </th>
              <th scope="col" className="px-2 py-1">
                Giá trị
              </th>
              <th scope="col" className="px-2 py-1">
                Lý do
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i} className="border-t border-slate-200 align-top">
                <td className="px-2 py-1 tabular-nums">{e.line === null ? "—" : formatCount(e.line)}</td>
                <td className="px-2 py-1 font-mono">{e.column ?? "—"}</td>
                <td className="max-w-48 break-all px-2 py-1 font-mono">{e.value ?? "—"}</td>
                <td className="px-2 py-1">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
