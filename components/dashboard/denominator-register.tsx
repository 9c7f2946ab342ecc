import { formatDenominatorChange, formatImportRef } from "@/lib/domain/dashboard-format";
import { DENOMINATOR_FIELDS, DENOMINATOR_LABELS, type DenominatorEntry } from "@/lib/domain/denominator-register";
import { FIGURE_SOURCE_LABELS } from "@/lib/domain/figures";
import { formatCount, formatDay } from "@/lib/domain/format";

// The ward's denominators (issue 11, point 5): the smartphone count its coverage rate divides by
// and the registered QR venues, each with its source (the ward's report or an import, which one)
// and the day it last changed, so a sudden jump in a rate can be traced to its denominator.

export function DenominatorRegister({ entries, day }: { entries: readonly DenominatorEntry[]; day: string }) {
  const byField = new Map(entries.map((e) => [e.field, e]));
  return (
    <section aria-labelledby="ward-denominators-heading" className="space-y-2" data-testid="ward-denominators">
      <h2 id="ward-denominators-heading" className="text-lg font-semibold">
        Mẫu số của các tỷ lệ (đến ngày {formatDay(day)})
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label="Mẫu số của các tỷ lệ">
        <table className="tabular min-w-full text-sm">
          <caption className="sr-only">Giá trị, nguồn và ngày thay đổi gần nhất của mẫu số các tỷ lệ</caption>
          <thead className="bg-slate-100 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">Mẫu số</th>
              <th scope="col" className="px-3 py-2 text-right">Giá trị</th>
              <th scope="col" className="px-3 py-2">Nguồn</th>
              <th scope="col" className="px-3 py-2">Thay đổi</th>
            </tr>
          </thead>
          <tbody>
            {DENOMINATOR_FIELDS.map((field) => {
              const e = byField.get(field);
              return (
                <tr key={field} className="border-t border-slate-200" data-field={field}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">{DENOMINATOR_LABELS[field]}</th>
                  {e ? (
                    <>
                      <td className="px-3 py-2 text-right">
                        {formatCount(e.value)}
                        {e.knownOn !== day ? <span className="block text-xs text-slate-700">số liệu ngày {formatDay(e.knownOn)}</span> : null}
                      </td>
                      <td className="px-3 py-2" data-testid={`denominator-source-${field}`}>
                        {FIGURE_SOURCE_LABELS[e.source]}
                        {e.source === "IMPORT" ? <span className="block text-xs text-slate-700">{formatImportRef(e.importRef)}</span> : null}
                      </td>
                      <td className="px-3 py-2" data-testid={`denominator-change-${field}`}>{formatDenominatorChange(e)}</td>
                    </>
                  ) : (
                    <td colSpan={3} className="px-3 py-2 italic text-slate-700">chưa có số liệu</td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
