import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import { DENOMINATOR_FIELDS, type DenominatorEntry } from "@/lib/domain/denominator-register";
import { figureFormats, type FigureFormats } from "@/lib/domain/format";
import { importRefText } from "./import-ref";

// The ward's denominators (issue 11, point 5): the smartphone count its coverage rate divides by
// and the registered QR venues, each with its source (the ward's report or an import, which one)
// and the day it last changed, so a sudden jump in a rate can be traced to its denominator.

type T = Awaited<ReturnType<typeof getTranslations<"overview.denominators">>>;

/** When the denominator last changed, and from what. */
function changeText(t: T, f: FigureFormats, e: DenominatorEntry): string {
  if (e.changedOn === null) return t("unchanged", { day: f.day(e.firstDay) });
  if (e.previous === null) return t("changed", { day: f.day(e.changedOn) });
  const previous = f.count(e.previous);
  return e.previousDay
    ? t("changedFromOn", { day: f.day(e.changedOn), previous, previousDay: f.day(e.previousDay) })
    : t("changedFrom", { day: f.day(e.changedOn), previous });
}

export async function DenominatorRegister({ entries, day }: { entries: readonly DenominatorEntry[]; day: string }) {
  const t = await getTranslations("overview.denominators");
  const sources = await getTranslations("overview.figureSources.sources");
  const refs = await getTranslations("overview.importRef");
  const f = figureFormats(parseLocale(await getLocale()));
  const byField = new Map(entries.map((e) => [e.field, e]));
  return (
    <section aria-labelledby="ward-denominators-heading" className="space-y-2" data-testid="ward-denominators">
      <h2 id="ward-denominators-heading" className="text-lg font-semibold">
        {t("heading", { day: f.day(day) })}
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label={t("region")}>
        <table className="ft">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("denominator")}</th>
              <th scope="col" className="n">{t("value")}</th>
              <th scope="col">{t("source")}</th>
              <th scope="col">{t("change")}</th>
            </tr>
          </thead>
          <tbody>
            {DENOMINATOR_FIELDS.map((field) => {
              const e = byField.get(field);
              return (
                <tr key={field} data-field={field}>
                  <th scope="row">{t(`fields.${field}`)}</th>
                  {e ? (
                    <>
                      <td className="n">
                        {f.count(e.value)}
                        {e.knownOn !== day ? <span className="s">{t("knownOn", { day: f.day(e.knownOn) })}</span> : null}
                      </td>
                      <td data-testid={`denominator-source-${field}`}>
                        {sources(e.source)}
                        {e.source === "IMPORT" ? <span className="s">{importRefText(refs, f, e.importRef)}</span> : null}
                      </td>
                      <td data-testid={`denominator-change-${field}`}>{changeText(t, f, e)}</td>
                    </>
                  ) : (
                    <td colSpan={3} className="italic text-slate-700">{t("none")}</td>
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
