import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { figureFormats, type FigureFormats } from "@/lib/domain/format";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import { formatInstantVi } from "@/lib/domain/imports/progress";
import type { ImportListItem } from "@/lib/data/imports";
import { RollbackButton } from "./rollback-button";
import { ImportStatusBadge } from "./status-badge";

// The imports, newest first: what, which file, status, who and when, rows, days, message, and
// what can be done (see the errors, roll back).

function days(item: Pick<ImportListItem, "dayFrom" | "dayTo">, f: FigureFormats): string {
  if (!item.dayFrom || !item.dayTo) return "—";
  return item.dayFrom === item.dayTo ? f.day(item.dayFrom) : `${f.day(item.dayFrom)} – ${f.day(item.dayTo)}`;
}

/** An import's days, in the reader's language (also the detail page's and the result panel's). */
export { days as importDays };

/** When an import ran: "20/08/2021 09:59" in Vietnamese (as before), "09:59, 20 Aug 2021" in English. */
export function importInstant(iso: string, f: FigureFormats): string {
  return f.locale === "vi" ? formatInstantVi(Date.parse(iso)) : formatVietnamDateTime(new Date(iso), f.locale);
}

export function ImportList({ items }: { items: readonly ImportListItem[] }) {
  const t = useTranslations("imports");
  const f = figureFormats(useLocale() === "en" ? "en" : "vi");
  if (items.length === 0) return <p>{t("list.none")}</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="import-list">
        <caption className="sr-only">{t("list.caption")}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="px-2 py-2">
              #
            </th>
            <th scope="col" className="px-2 py-2">
              {t("list.kindAndFile")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("list.status")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("list.byAt")}
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              {t("list.rows")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("days")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("note")}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className="border-t border-slate-200 align-top" data-testid={`import-row-${item.id}`}>
              <td className="px-2 py-2 tabular-nums">
                <Link href={`/admin/imports/${item.id}`} className="font-semibold text-brand-700 underline">
                  {item.id}
                </Link>
              </td>
              <td className="px-2 py-2">
                <span className="block font-semibold">{t(`kinds.${item.kind}`)}</span>
                <span className="block break-all text-slate-700">{item.fileName}</span>
              </td>
              <td className="px-2 py-2">
                <ImportStatusBadge status={item.status} />
              </td>
              <td className="px-2 py-2">
                <span className="block">{item.userName ?? t("commandLine")}</span>
                <span className="block text-slate-700">{importInstant(item.startedAt, f)}</span>
              </td>
              <td className="px-2 py-2 text-right tabular-nums">
                {item.rowsTotal === null ? "—" : f.count(item.rowsTotal)}
                {item.rowsRejected ? <span className="block text-red-800">{t("list.errors", { errors: f.count(item.rowsRejected), count: item.rowsRejected })}</span> : null}
              </td>
              <td className="px-2 py-2">{days(item, f)}</td>
              <td className="max-w-md px-2 py-2">
                {item.message ? <p className="line-clamp-4">{item.message}</p> : null}
                <div className="mt-1 flex flex-wrap items-start gap-2">
                  {item.hasErrorReport ? (
                    <a href={`/api/imports/${item.id}/errors`} className="font-semibold text-brand-700 underline" download>
                      {t("list.downloadErrors")}
                    </a>
                  ) : null}
                  {item.status === "SUCCEEDED" ? <RollbackButton id={item.id} fileName={item.fileName} /> : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
