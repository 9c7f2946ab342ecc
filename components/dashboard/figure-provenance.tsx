import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import type { PartOrigin } from "@/lib/domain/completeness";
import { childrenSumText, originText, type ChildNoun } from "@/lib/domain/dashboard-format";
import { getDomainText } from "@/i18n/domain-text";
import { PART_FIELDS, type ImportRef, type PartProvenance, type UnitProvenance } from "@/lib/domain/figure-provenance";
import type { FigureField, FigureSource } from "@/lib/domain/figures";
import { figureFormats } from "@/lib/domain/format";
import { coverageRate, qrActiveRate } from "@/lib/domain/metrics";
import { importRefText } from "./import-ref";
import { localNoun } from "./local-noun";

// Where an aggregate's figure comes from (issue 11, points 1 and 5). A sum says how many children
// it counts; a district's or city's own imported figure names its import and shows, beside it,
// the sum of the children that reported and the difference, so an official sees both before
// signing either.

/** Where an own figure comes from: "Dữ liệu nhập từ hệ thống quốc gia, lần nhập số 12 (…)" (formatOwnSource in lib/domain/dashboard-format.ts). */
async function ownSource(source: FigureSource, ref: ImportRef | null): Promise<string> {
  const sources = await getTranslations("overview.figureSources.sources");
  const label = sources(source);
  if (source !== "IMPORT") return label;
  const words = await getTranslations("overview.provenance");
  const refs = await getTranslations("overview.importRef");
  return words("importSource", { label, ref: importRefText(refs, figureFormats(parseLocale(await getLocale())), ref) });
}

/** The lines under a KPI: what a sum counts, or an own figure's source with the children's sum beside it. */
export async function OriginLines({
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
  const { text } = await getDomainText();
  if (origin.kind === "sum" || provenance === null) return <span className="block">{text(originText(origin, noun) ?? { key: "domain.plain", values: { value: "" } })}</span>;
  const t = await getTranslations("overview.provenance");
  return (
    <>
      <span className="block">{t("source", { source: await ownSource(provenance.source, provenance.importRef) })}</span>
      <span className="block" data-children-sum>
        {text(childrenSumText(provenance, field, noun))}
      </span>
    </>
  );
}


/** A table of the unit's own figures next to the sum of its children, when any part is its own. */
export async function FigureProvenance({
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
  const t = await getTranslations("overview.provenance");
  const fields = await getTranslations("overview.figureSources.fields");
  const locale = parseLocale(await getLocale());
  const f = figureFormats(locale);
  const nounHere = localNoun(noun, locale);
  // One line per source, naming the parts it gives (usually one import for all of them).
  const sources = new Map<string, string[]>();
  for (const p of parts) {
    const source = await ownSource(p.source, p.importRef);
    sources.set(source, [...(sources.get(source) ?? []), t(`parts.${p.part}`)]);
  }
  return (
    <section aria-labelledby={`${testId}-title`} className="mt-4 space-y-2" data-testid={testId}>
      <h3 id={`${testId}-title`} className="text-base font-semibold">
        {t("heading", { unit: unitName, noun: nounHere })}
      </h3>
      <ul className="list-disc pl-5 text-sm text-slate-800">
        {[...sources].map(([source, names]) => (
          <li key={source}>
            {names.join(", ")}: {source}
          </li>
        ))}
      </ul>
      <div className="overflow-x-auto rounded border border-slate-200" tabIndex={0} role="region" aria-label={t("heading", { unit: unitName, noun: nounHere })}>
        <table className="ft">
          <caption className="sr-only">
            {t("caption", { unit: unitName, noun: nounHere })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("figure")}</th>
              <th scope="col" className="n">{t("own", { unit: unitName })}</th>
              <th scope="col" className="n">{t("sum", { noun: nounHere })}</th>
              <th scope="col" className="n">{t("difference")}</th>
            </tr>
          </thead>
          <tbody>
            {parts.flatMap((p) => {
              const sum = p.childrenSum;
              const count = sum ? ` (${f.count(sum.counted)}/${f.count(sum.total)} ${nounHere})` : "";
              const fieldRows = PART_FIELDS[p.part].map((field) => ({
                key: field,
                label: fields(field),
                own: f.count(p.own[field] ?? null),
                sum: sum ? `${f.count(sum.values[field])}${count}` : t("notYet"),
                difference: f.signedCount(p.differences[field] ?? null),
              }));
              if (p.part === "scans") return fieldRows;
              const rate = p.part === "coverage" ? coverageRate : qrActiveRate;
              const ownRate = rate({ smartphones: p.own.smartphones ?? null, installs: p.own.installs ?? null, qrVenues: p.own.qrVenues ?? null, activeVenues: p.own.activeVenues ?? null });
              return [
                ...fieldRows,
                {
                  key: `${p.part}-rate`,
                  label: t(`rates.${p.part}`),
                  own: f.percent(ownRate),
                  sum: sum ? `${f.percent(rate(sum.values))}${count}` : t("notYet"),
                  difference: f.percentPointChange(p.rateDifference),
                },
              ];
            }).map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="n">{r.own}</td>
                <td className="n">{r.sum}</td>
                <td className="n">{r.difference}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
