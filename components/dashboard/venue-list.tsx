import Link from "next/link";
import { getLocale, getTranslations } from "@/i18n/server";
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
import { VenueTable, type VenueRowView } from "@/components/wards/venue-table";

// A ward's QR venues on the day: how many are active, idle and dormant, then one page of the list
// (25 venues), searched, filtered and sorted on the server; every view is a URL. On a phone each
// row is a card (the table's cells stacked, each with its label); on a wider screen a table
// (venue-list.module.css), drawn by VenueTable from values formatted here.

type T = Awaited<ReturnType<typeof getTranslations<"overview.venues">>>;

/** Which venues of the list the page shows ("1–25 của 240 điểm"), as lib/domain/venue-activity.ts formatPageSpan says it in Vietnamese. */
function pageSpanText(t: T, f: FigureFormats, span: PageSpan, matched: number, total: number, filtered: boolean): string {
  const common = { filtered: filtered ? "yes" : "no", total: f.count(total) };
  if (matched === 0) return t("spanNone", common);
  if (span.outOfRange) return t("spanOutOfRange", { ...common, page: f.count(span.page), pageCount: f.count(span.pageCount), matched: f.count(matched) });
  return t("spanRange", { ...common, first: f.count(span.first), last: f.count(span.last), matched: f.count(matched) });
}

/** One venue as plain values for VenueTable. A category the register does not know is shown as it is stored. */
function venueRow(v: ListedVenue, t: T, f: FigureFormats): VenueRowView {
  return [
    v.code,
    v.name,
    v.address || null,
    VENUE_CATEGORY_LABELS[v.category] === undefined ? v.category : t(`categories.${v.category}` as "categories.OTHER"),
    v.activity,
    t(`activity.${v.activity}`),
    v.status !== "ACTIVE" ? t(`status.${v.status}`) : null,
    f.count(v.scansOnDay),
    f.count(v.scansLast7Days),
    v.lastScanDay ? f.day(v.lastScanDay) : MISSING_PLACEHOLDER,
  ];
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
            <VenueTable
              caption={t("caption", { day: f.day(day), span: spanText })}
              headers={[
                t("columns.code"),
                t("columns.venue"),
                t("columns.type"),
                t("columns.state"),
                t("columns.scansDay"),
                t("columns.scans7"),
                t("columns.lastScan"),
              ]}
              rows={list.venues.map((v) => venueRow(v, t, f))}
            />
          ) : null}
          <VenuePager hrefFor={(page) => wardVenuesHref(wardCode, dayParam, { ...query, page })} span={span} />
        </>
      )}
    </div>
  );
}
