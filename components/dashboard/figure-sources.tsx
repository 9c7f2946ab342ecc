import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import { getWardFigureSources } from "@/lib/data/figure-sources";
import { FIGURE_FIELDS, type FigureSource } from "@/lib/domain/figures";
import { figureFormats } from "@/lib/domain/format";
import type { SessionUser } from "@/lib/permissions";

// Where the ward's figures of a day come from: the ward's own report and the imported figures side
// by side, and which one the pages use for each field (the admin's source priority). A difference
// between the two is marked; the alert "Lệch với dữ liệu nhập" judges it against the tolerance.

const SHOWN_SOURCES: readonly FigureSource[] = ["WARD_REPORT", "IMPORT"];

/** `noun`: what the ward is ("phường", "xã", "thị trấn"). */
export async function FigureSources({ user, wardCode, day, noun = "phường" }: { user: SessionUser; wardCode: string; day: string; noun?: string }) {
  const { priority, rows, effective } = await getWardFigureSources(user, { wardCode, day });
  const bySource = new Map(rows.map((r) => [r.source, r]));
  const t = await getTranslations("overview.figureSources");
  const locale = parseLocale(await getLocale());
  const f = figureFormats(locale);
  const sourceLabel = (s: FigureSource) => t(`sources.${s}`);
  const order = SHOWN_SOURCES.slice().sort((a, b) => priority.indexOf(a) - priority.indexOf(b));
  return (
    <section aria-labelledby="ward-sources-heading" className="space-y-2" data-testid="ward-sources">
      <h2 id="ward-sources-heading" className="text-lg font-semibold">
        {t("heading", { day: f.day(day) })}
      </h2>
      <p className="text-sm text-slate-700">
        {t("priority", { order: order.map((s) => sourceLabel(s).toLocaleLowerCase(locale)).join(t("then")) })}
      </p>
      {rows.length === 0 ? (
        <p className="rounded border border-slate-300 bg-white px-4 py-3">{t("none", { noun: locale === "vi" ? noun : "ward" })}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="ft border-collapse">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("figure")}</th>
                {order.map((s) => (
                  <th key={s} scope="col" className="n">
                    {sourceLabel(s)}
                  </th>
                ))}
                <th scope="col">{t("used")}</th>
              </tr>
            </thead>
            <tbody>
              {FIGURE_FIELDS.map((field) => {
                const values = order.map((s) => bySource.get(s)?.[field] ?? null);
                const known = values.filter((v): v is number => v !== null);
                const differ = known.length === 2 && known[0] !== known[1];
                const used = effective?.sources[field] ?? null;
                return (
                  <tr key={field} data-field={field}>
                    <th scope="row">{t(`fields.${field}`)}</th>
                    {values.map((v, i) => (
                      <td key={order[i]} className={differ ? "n font-semibold text-amber-900" : "n"}>
                        {f.count(v)}
                      </td>
                    ))}
                    <td data-testid={`source-used-${field}`}>
                      {used ? sourceLabel(used) : t("notYet")}
                      {differ ? <span className="block text-xs text-amber-900">{t("differ")}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
