import Link from "next/link";
import { formatCount, formatDay, MISSING_PLACEHOLDER } from "@/lib/domain/format";
import {
  DORMANT_AFTER_DAYS,
  formatPageSpan,
  isFiltered,
  VENUE_ACTIVITY_LABELS,
  VENUE_ACTIVITIES,
  VENUE_CATEGORY_LABELS,
  VENUE_STATUS_LABELS,
  type VenueQuery,
} from "@/lib/domain/venue-activity";
import type { ListedVenue, VenuePage } from "@/lib/data/ward-venues";
import { VenueFilters } from "@/components/wards/venue-filters";
import { VenuePager } from "@/components/wards/venue-pager";
import { wardVenuesHref } from "@/components/wards/venue-href";

// A ward's QR venues on the day: how many are active, idle and dormant, then one page of the list
// (25 venues), searched, filtered and sorted on the server; every view is a URL. On a phone each
// row is a card (the table's cells stacked, each with its label); on a wider screen a table.

const ACTIVITY_CLASSES = {
  active: "bg-green-100 text-green-900",
  idle: "bg-slate-100 text-slate-900",
  dormant: "bg-red-100 text-red-900",
} as const;

const CELL = "px-0 py-0.5 sm:table-cell sm:px-3 sm:py-1.5";
const NUMBER_CELL = `${CELL} sm:text-right`;
/** a cell's label, shown on phones only (the table header says it on wider screens) */
const PHONE_LABEL = "text-slate-700 sm:hidden";

function VenueRow({ v }: { v: ListedVenue }) {
  return (
    <tr className="grid grid-cols-1 border-t border-slate-200 px-3 py-2 sm:table-row sm:p-0" data-activity={v.activity} data-code={v.code}>
      <td className={`${CELL} font-mono text-xs text-slate-700`}>
        <span className={PHONE_LABEL}>Mã điểm: </span>
        {v.code}
      </td>
      <th scope="row" className={`${CELL} text-left font-medium`}>
        {v.name}
        {v.address ? <span className="block text-xs font-normal text-slate-700">{v.address}</span> : null}
      </th>
      <td className={CELL}>{VENUE_CATEGORY_LABELS[v.category] ?? v.category}</td>
      <td className={CELL}>
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${ACTIVITY_CLASSES[v.activity]}`}>{VENUE_ACTIVITY_LABELS[v.activity]}</span>
        {v.status !== "ACTIVE" ? (
          <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">{VENUE_STATUS_LABELS[v.status]}</span>
        ) : null}
      </td>
      <td className={NUMBER_CELL}>
        <span className={PHONE_LABEL}>Lượt quét trong ngày: </span>
        {formatCount(v.scansOnDay)}
      </td>
      <td className={NUMBER_CELL}>
        <span className={PHONE_LABEL}>Lượt quét 7 ngày: </span>
        {formatCount(v.scansLast7Days)}
      </td>
      <td className={NUMBER_CELL}>
        <span className={PHONE_LABEL}>Lần quét gần nhất: </span>
        {v.lastScanDay ? formatDay(v.lastScanDay) : MISSING_PLACEHOLDER}
      </td>
    </tr>
  );
}

export function VenueList({
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
  const filtered = isFiltered(query);
  const { span } = list;
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="venue-counts">
        {VENUE_ACTIVITIES.map((a) => (
          <div key={a} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`venues-${a}`}>
            <dt className="text-sm font-medium text-slate-700">{VENUE_ACTIVITY_LABELS[a]}</dt>
            <dd className="tabular text-xl font-bold">{formatCount(list.counts[a])}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-700">
        &ldquo;{VENUE_ACTIVITY_LABELS.dormant}&rdquo;: không có lượt quét nào trong {DORMANT_AFTER_DAYS} ngày tính đến hết ngày {formatDay(day)}.
      </p>
      {list.total === 0 ? (
        <p className="text-slate-700">
          {wardNoun.charAt(0).toLocaleUpperCase("vi") + wardNoun.slice(1)} chưa có địa điểm tạo mã QR trong hệ thống.
        </p>
      ) : (
        <>
          <VenueFilters wardCode={wardCode} day={dayParam} query={query} />
          <p role="status" aria-live="polite" className="font-semibold" data-testid="venue-span">
            {formatPageSpan(span, list.matched, list.total, filtered)}
            {span.outOfRange ? (
              <>
                {" "}
                <Link
                  href={wardVenuesHref(wardCode, dayParam, { ...query, page: span.pageCount })}
                  scroll={false}
                  prefetch={false}
                  className="text-brand-700 underline"
                >
                  Đến trang cuối ({formatCount(span.pageCount)})
                </Link>
              </>
            ) : null}
          </p>
          {list.venues.length > 0 ? (
            <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="tabular block w-full text-sm sm:table" data-testid="venue-list">
                <caption className="sr-only">
                  Địa điểm tạo mã QR ngày {formatDay(day)}, {formatPageSpan(span, list.matched, list.total, filtered)}
                </caption>
                <thead className="sr-only bg-slate-100 text-left text-slate-700 sm:not-sr-only sm:table-header-group">
                  <tr>
                    <th scope="col" className="px-3 py-2">Mã điểm</th>
                    <th scope="col" className="px-3 py-2">Địa điểm</th>
                    <th scope="col" className="px-3 py-2">Loại</th>
                    <th scope="col" className="px-3 py-2">Tình trạng</th>
                    <th scope="col" className="px-3 py-2 text-right">Lượt quét trong ngày</th>
                    <th scope="col" className="px-3 py-2 text-right">Lượt quét 7 ngày</th>
                    <th scope="col" className="px-3 py-2 text-right">Lần quét gần nhất</th>
                  </tr>
                </thead>
                <tbody className="block sm:table-row-group">
                  {list.venues.map((v) => (
                    <VenueRow key={v.code} v={v} />
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
