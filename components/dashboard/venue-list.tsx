import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { parseLocale } from "@/i18n/locales";
import { figureFormats, MISSING_PLACEHOLDER, type FigureFormats } from "@/lib/domain/format";
import {
  DORMANT_AFTER_DAYS,
  isFiltered,
  VENUE_ACTIVITIES,
  VENUE_CATEGORY_LABELS,
  type PageSpan,
  type VenueQuery,
} from "@/lib/domain/venue-activity";
import type { ListedVenue, VenuePage } from "@/lib/data/ward-venues";
import { VenueFilters } from "@/components/wards/venue-filters";
import { VenuePager } from "@/components/wards/venue-pager";
import { wardVenuesHref } from "@/components/wards/venue-href";
import styles from "./venue-list.module.css";

// A ward's QR venues on the day: how many are active, idle and dormant, then one page of the list
// (25 venues), searched, filtered and sorted on the server; every view is a URL. On a phone each
// row is a card (the table's cells stacked, each with its label); on a wider screen a table
// (venue-list.module.css).

type T = Awaited<ReturnType<typeof getTranslations<"overview.venues">>>;

/** Which venues of the list the page shows ("1–25 của 240 điểm"), as lib/domain/venue-activity.ts formatPageSpan says it in Vietnamese. */
function pageSpanText(t: T, f: FigureFormats, span: PageSpan, matched: number, total: number, filtered: boolean): string {
  const common = { filtered: filtered ? "yes" : "no", total: f.count(total) };
  if (matched === 0) return t("spanNone", common);
  if (span.outOfRange) return t("spanOutOfRange", { ...common, page: f.count(span.page), pageCount: f.count(span.pageCount), matched: f.count(matched) });
  return t("spanRange", { ...common, first: f.count(span.first), last: f.count(span.last), matched: f.count(matched) });
}

function VenueRow({ v, t, f }: { v: ListedVenue; t: T; f: FigureFormats }) {
  return (
    <tr data-activity={v.activity} data-code={v.code}>
      <td className={styles.code} data-label={t("columns.code")}>
        {v.code}
      </td>
      <th scope="row">
        {v.name}
        {v.address ? <span className={styles.addr}>{v.address}</span> : null}
      </th>
      {/* A category the register does not know is shown as it is stored. */}
      <td>{VENUE_CATEGORY_LABELS[v.category] === undefined ? v.category : t(`categories.${v.category}` as "categories.OTHER")}</td>
      <td>
        <span className={`${styles.badge} ${styles[v.activity]}`}>{t(`activity.${v.activity}`)}</span>
        {v.status !== "ACTIVE" ? <span className={`${styles.badge} ${styles.status}`}>{t(`status.${v.status}`)}</span> : null}
      </td>
      <td className={styles.num} data-label={t("columns.scansDay")}>
        {f.count(v.scansOnDay)}
      </td>
      <td className={styles.num} data-label={t("columns.scans7")}>
        {f.count(v.scansLast7Days)}
      </td>
      <td className={styles.num} data-label={t("columns.lastScan")}>
        {v.lastScanDay ? f.day(v.lastScanDay) : MISSING_PLACEHOLDER}
      </td>
    </tr>
  );
}

export async function VenueList({
  wardCode,
  day,
  dayParam,
  query,
  list,
  wardNoun,
}: {
  wardCode: string;
  /** the day shown */
  day: string;
  /** the day as the URL gives it (absent: the page's default day), kept by the list's links */
  dayParam: string | undefined;
  query: VenueQuery;
  list: VenuePage;
  /** what the ward is ("phường", "xã", "thị trấn") */
  wardNoun: string;
}) {
  const t = await getTranslations("overview.venues");
  const locale = parseLocale(await getLocale());
  const f = figureFormats(locale);
  const filtered = isFiltered(query);
  const { span } = list;
  const spanText = pageSpanText(t, f, span, list.matched, list.total, filtered);
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="venue-counts">
        {VENUE_ACTIVITIES.map((a) => (
          <div key={a} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`venues-${a}`}>
            <dt className="text-sm font-medium text-slate-700">{t(`activity.${a}`)}</dt>
            <dd className="tabular text-xl font-bold">{f.count(list.counts[a])}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-700">{t("dormantNote", { label: t("activity.dormant"), days: DORMANT_AFTER_DAYS, day: f.day(day) })}</p>
      {list.total === 0 ? (
        <p className="text-slate-700">
          {t("empty", { noun: locale === "vi" ? wardNoun.charAt(0).toLocaleUpperCase("vi") + wardNoun.slice(1) : "ward" })}
        </p>
      ) : (
        <>
          <VenueFilters wardCode={wardCode} day={dayParam} query={query} />
          <p role="status" aria-live="polite" className="font-semibold" data-testid="venue-span">
            {spanText}
            {span.outOfRange ? (
              <>
                {" "}
                <Link
                  href={wardVenuesHref(wardCode, dayParam, { ...query, page: span.pageCount })}
                  scroll={false}
                  prefetch={false}
                  className="text-brand-700 underline"
                >
                  {t("lastPage", { pages: f.count(span.pageCount) })}
                </Link>
              </>
            ) : null}
          </p>
          {list.venues.length > 0 ? (
            <div className={styles.frame}>
              <table className={styles.table} data-testid="venue-list">
                <caption className="sr-only">{t("caption", { day: f.day(day), span: spanText })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("columns.code")}</th>
                    <th scope="col">{t("columns.venue")}</th>
                    <th scope="col">{t("columns.type")}</th>
                    <th scope="col">{t("columns.state")}</th>
                    <th scope="col" className={styles.num}>
                      {t("columns.scansDay")}
                    </th>
                    <th scope="col" className={styles.num}>
                      {t("columns.scans7")}
                    </th>
                    <th scope="col" className={styles.num}>
                      {t("columns.lastScan")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.venues.map((v) => (
                    <VenueRow key={v.code} v={v} t={t} f={f} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <VenuePager hrefFor={(page) => wardVenuesHref(wardCode, dayParam, { ...query, page })} span={span} />
        </>
      )}
    </div>
  );
}
