import type { PartOrigin } from "@/lib/domain/completeness";
import { formatChildrenSum, formatOrigin, formatOwnSource, type ChildNoun } from "@/lib/domain/dashboard-format";
import { PART_FIELDS, type PartProvenance, type UnitProvenance } from "@/lib/domain/figure-provenance";
import type { FigureField } from "@/lib/domain/figures";
import { formatCount, formatPercent, formatPercentPointChange, formatSignedCount } from "@/lib/domain/format";
import { coverageRate, qrActiveRate } from "@/lib/domain/metrics";
import { REPORT_FIELD_LABELS } from "@/lib/domain/report-checks";

// Where an aggregate's figure comes from (issue 11, points 1 and 5). A sum says how many children
// it counts; a district's or city's own imported figure names its import and shows, beside it,
// the sum of the children that reported and the difference, so an official sees both before
// signing either.

/** The lines under a KPI: what a sum counts, or an own figure's source with the children's sum beside it. */
export function OriginLines({
  origin,
  provenance,
  field,
  noun,
}: {
  origin: PartOrigin | null;
  provenance: PartProvenance | null;
  /** the KPI's field; null for the part's rate */
  field: FigureField | null;
  noun: ChildNoun;
}) {
  if (origin === null) return null;
  if (origin.kind === "sum" || provenance === null) return <span className="block">{formatOrigin(origin, noun)}</span>;
  return (
    <>
      <span className="block">Nguồn: {formatOwnSource(provenance.source, provenance.importRef)}</span>
      <span className="block" data-children-sum>
        {formatChildrenSum(provenance, field, noun)}
      </span>
    </>
  );
}

const RATE_LABELS = { coverage: "Tỷ lệ cài đặt", qr: "Tỷ lệ địa điểm có lượt quét" } as const;
const PART_LABELS = { coverage: "Cài đặt Bluezone", qr: "Địa điểm tạo mã QR", scans: "Lượt quét" } as const;

/** A table of the unit's own figures next to the sum of its children, when any part is its own. */
export function FigureProvenance({
  unitName,
  provenance,
  noun,
  testId,
}: {
  unitName: string;
  provenance: UnitProvenance;
  noun: ChildNoun;
  testId: string;
}) {
  const parts = [provenance.coverage, provenance.qr, provenance.scans].filter((p): p is PartProvenance => p !== null);
  if (parts.length === 0) return null;
  // One line per source, naming the parts it gives (usually one import for all of them).
  const sources = new Map<string, string[]>();
  for (const p of parts) {
    const source = formatOwnSource(p.source, p.importRef);
    sources.set(source, [...(sources.get(source) ?? []), PART_LABELS[p.part]]);
  }
  return (
    <section aria-labelledby={`${testId}-title`} className="mt-4 space-y-2" data-testid={testId}>
      <h3 id={`${testId}-title`} className="text-base font-semibold">
        Số liệu riêng của {unitName} và tổng các {noun}
      </h3>
      <ul className="list-disc pl-5 text-sm text-slate-800">
        {[...sources].map(([source, names]) => (
          <li key={source}>
            {names.join(", ")}: {source}
          </li>
        ))}
      </ul>
      <div className="overflow-x-auto rounded border border-slate-200" tabIndex={0} role="region" aria-label={`Số liệu riêng của ${unitName} và tổng các ${noun}`}>
        <table className="tabular min-w-full bg-white text-sm">
          <caption className="sr-only">
            Số liệu nhập của {unitName}, tổng các {noun} có số liệu, và chênh lệch
          </caption>
          <thead className="bg-slate-100 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">Chỉ số</th>
              <th scope="col" className="px-3 py-2 text-right">Số liệu nhập của {unitName}</th>
              <th scope="col" className="px-3 py-2 text-right">Tổng các {noun} có số liệu</th>
              <th scope="col" className="px-3 py-2 text-right">Chênh lệch</th>
            </tr>
          </thead>
          <tbody>
            {parts.flatMap((p) => {
              const sum = p.childrenSum;
              const count = sum ? ` (${formatCount(sum.counted)}/${formatCount(sum.total)} ${noun})` : "";
              const fieldRows = PART_FIELDS[p.part].map((field) => ({
                key: field,
                label: REPORT_FIELD_LABELS[field],
                own: formatCount(p.own[field] ?? null),
                sum: sum ? `${formatCount(sum.values[field])}${count}` : "chưa có",
                difference: formatSignedCount(p.differences[field] ?? null),
              }));
              if (p.part === "scans") return fieldRows;
              const rate = p.part === "coverage" ? coverageRate : qrActiveRate;
              const ownRate = rate({ smartphones: p.own.smartphones ?? null, installs: p.own.installs ?? null, qrVenues: p.own.qrVenues ?? null, activeVenues: p.own.activeVenues ?? null });
              return [
                ...fieldRows,
                {
                  key: `${p.part}-rate`,
                  label: RATE_LABELS[p.part],
                  own: formatPercent(ownRate),
                  sum: sum ? `${formatPercent(rate(sum.values))}${count}` : "chưa có",
                  difference: formatPercentPointChange(p.rateDifference),
                },
              ];
            }).map((r) => (
              <tr key={r.key} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-1.5 text-left font-normal">{r.label}</th>
                <td className="px-3 py-1.5 text-right">{r.own}</td>
                <td className="px-3 py-1.5 text-right">{r.sum}</td>
                <td className="px-3 py-1.5 text-right">{r.difference}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
