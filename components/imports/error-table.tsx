import { useLocale, useTranslations } from "next-intl";
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
  const t = useTranslations("imports.errors");
  const locale = useLocale() === "en" ? "en" : "vi";
  if (errors.length === 0) return null;
  const shown = formatCount(errors.length, undefined, locale);
  const heading =
    total !== null && total > errors.length
      ? t("firstOf", { shown, total: formatCount(total, undefined, locale), count: total })
      : total === null && errors.length >= 1000
        ? t("first", { shown, count: errors.length })
        : t("all", { shown, count: errors.length });
  return (
    <section aria-labelledby="import-errors-heading" className="space-y-2" data-testid="import-errors">
      <h3 id="import-errors-heading" className="text-lg font-semibold">
        {heading}
      </h3>
      {reportHref ? (
        <p>
          <a href={reportHref} className="font-semibold text-brand-700 underline" download>
            {t("download")}
          </a>
        </p>
      ) : null}
      <div className="max-h-96 overflow-auto rounded border border-slate-200 bg-white" tabIndex={0} aria-label={t("list")}>
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              <th scope="col" className="px-2 py-1">
                {t("line")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("column")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("value")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("reason")}
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i} className="border-t border-slate-200 align-top">
                <td className="px-2 py-1 tabular-nums">{e.line === null ? "—" : formatCount(e.line, undefined, locale)}</td>
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
