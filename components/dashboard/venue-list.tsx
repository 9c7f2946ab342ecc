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
import styles from "./venue-list.module.css";

// A ward's QR venues on the day: how many are active, idle and dormant, then one page of the list
// (25 venues), searched, filtered and sorted on the server; every view is a URL. On a phone each
// row is a card (the table's cells stacked, each with its label); on a wider screen a table
// (venue-list.module.css).

function VenueRow({ v }: { v: ListedVenue }) {
  return (
    <tr data-activity={v.activity} data-code={v.code}>
      <td className={styles.code} data-label="Mã điểm">
        {v.code}
      </td>
      <th scope="row">
        {v.name}
        {v.address ? <span className={styles.addr}>{v.address}</span> : null}
      </th>
      <td>{VENUE_CATEGORY_LABELS[v.category] ?? v.category}</td>
      <td>
        <span className={`${styles.badge} ${styles[v.activity]}`}>{VENUE_ACTIVITY_LABELS[v.activity]}</span>
        {v.status !== "ACTIVE" ? <span className={`${styles.badge} ${styles.status}`}>{VENUE_STATUS_LABELS[v.status]}</span> : null}
      </td>
      <td className={styles.num} data-label="Lượt quét trong ngày">
        {formatCount(v.scansOnDay)}
      </td>
      <td className={styles.num} data-label="Lượt quét 7 ngày">
        {formatCount(v.scansLast7Days)}
      </td>
      <td className={styles.num} data-label="Lần quét gần nhất">
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
            <div className={styles.frame}>
              <table className={styles.table} data-testid="venue-list">
                <caption className="sr-only">
                  Địa điểm tạo mã QR ngày {formatDay(day)}, {formatPageSpan(span, list.matched, list.total, filtered)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Mã điểm</th>
                    <th scope="col">Địa điểm</th>
                    <th scope="col">Loại</th>
                    <th scope="col">Tình trạng</th>
                    <th scope="col" className={styles.num}>
                      Lượt quét trong ngày
                    </th>
                    <th scope="col" className={styles.num}>
                      Lượt quét 7 ngày
                    </th>
                    <th scope="col" className={styles.num}>
                      Lần quét gần nhất
                    </th>
                  </tr>
                </thead>
                <tbody>
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
