import { formatCount, formatDay, MISSING_PLACEHOLDER } from "@/lib/domain/format";
import {
  countByActivity,
  DORMANT_AFTER_DAYS,
  VENUE_ACTIVITY_LABELS,
  VENUE_ACTIVITIES,
  VENUE_CATEGORY_LABELS,
  type ClassifiedVenue,
} from "@/lib/domain/venue-activity";

// A ward's QR venues on the day, dormant ones first: the list a ward officer works through.
const ACTIVITY_CLASSES = {
  active: "bg-green-100 text-green-900",
  idle: "bg-slate-100 text-slate-900",
  dormant: "bg-red-100 text-red-900",
} as const;

export function VenueList({ venues, day }: { venues: readonly ClassifiedVenue[]; day: string }) {
  const counts = countByActivity(venues);
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="venue-counts">
        {VENUE_ACTIVITIES.map((a) => (
          <div key={a} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`venues-${a}`}>
            <dt className="text-sm font-medium text-slate-700">{VENUE_ACTIVITY_LABELS[a]}</dt>
            <dd className="tabular text-xl font-bold">{formatCount(counts[a])}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-700">
        &ldquo;{VENUE_ACTIVITY_LABELS.dormant}&rdquo;: không có lượt quét nào trong {DORMANT_AFTER_DAYS} ngày tính đến hết ngày {formatDay(day)}.
      </p>
      {venues.length === 0 ? (
        <p className="text-slate-700">Phường chưa có địa điểm tạo mã QR trong hệ thống.</p>
      ) : (
        <div className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label="Danh sách địa điểm tạo mã QR">
          <table className="tabular min-w-full text-sm" data-testid="venue-list">
            <caption className="px-4 py-3 text-left font-semibold">{formatCount(venues.length)} địa điểm tạo mã QR</caption>
            <thead className="sticky top-0 bg-slate-100 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Địa điểm</th>
                <th scope="col" className="px-3 py-2">Loại</th>
                <th scope="col" className="px-3 py-2">Tình trạng</th>
                <th scope="col" className="px-3 py-2 text-right">Lượt quét trong ngày</th>
                <th scope="col" className="px-3 py-2 text-right">Lượt quét 7 ngày</th>
                <th scope="col" className="px-3 py-2 text-right">Lần quét gần nhất</th>
              </tr>
            </thead>
            <tbody>
              {venues.map((v) => (
                <tr key={v.code} className="border-t border-slate-200" data-activity={v.activity}>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium">
                    {v.name}
                  </th>
                  <td className="px-3 py-1.5">{VENUE_CATEGORY_LABELS[v.category] ?? v.category}</td>
                  <td className="px-3 py-1.5">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${ACTIVITY_CLASSES[v.activity]}`}>{VENUE_ACTIVITY_LABELS[v.activity]}</span>
                  </td>
                  <td className="px-3 py-1.5 text-right">{formatCount(v.scansOnDay)}</td>
                  <td className="px-3 py-1.5 text-right">{formatCount(v.scansLast7Days)}</td>
                  <td className="px-3 py-1.5 text-right">{v.lastScanDay ? formatDay(v.lastScanDay) : MISSING_PLACEHOLDER}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
