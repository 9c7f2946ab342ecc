import Link from "next/link";
import { formatAmountNeeded } from "@/lib/domain/dashboard-format";
import { formatCount, formatPercent, NOT_REPORTED_LABEL } from "@/lib/domain/format";
import { PASS_UNIT_LABELS, RANK_METRIC_LABELS, type RankMetric } from "@/lib/domain/rank-metric";
import type { RankingRow } from "@/lib/domain/unit-ranking";
import { RankChange } from "./rank-change";
import { StatusBadge } from "./status-badge";

// Sibling units (a district's wards, a city's districts) ranked by the chosen metric on a day.
// The metric columns' headers are links that re-sort on the server (?sort=…), so the table works
// without JavaScript and each order is a URL. Unreported units come last, "chưa báo cáo", never 0.

function SortHeader({ metric, current, hrefFor, children }: { metric: RankMetric; current: RankMetric; hrefFor: (m: RankMetric) => string; children: string }) {
  const active = metric === current;
  return (
    <th scope="col" className="px-3 py-2 text-right align-bottom" aria-sort={active ? "descending" : undefined}>
      <Link
        href={hrefFor(metric)}
        className={`underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-800 ${active ? "font-bold text-slate-900 underline" : "text-brand-700"}`}
        title={`Xếp hạng theo ${RANK_METRIC_LABELS[metric].toLowerCase()}`}
      >
        {children}
        {active ? <span aria-hidden="true"> ▼</span> : null}
      </Link>
    </th>
  );
}

const num = "px-3 py-2 text-right";

export function RankingTable({
  rows,
  metric,
  caption,
  unitHeader,
  sortHref,
  unitHref,
  highlightCode,
  testId,
}: {
  rows: readonly RankingRow[];
  metric: RankMetric;
  caption: string;
  unitHeader: string;
  sortHref: (metric: RankMetric) => string;
  unitHref: (code: string) => string;
  highlightCode?: string;
  testId: string;
}) {
  const passUnit = PASS_UNIT_LABELS[metric];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label={caption}>
      <table className="tabular min-w-full text-sm" data-testid={testId} data-sort={metric}>
        <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">{caption}</caption>
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 align-bottom">Hạng</th>
            <th scope="col" className="px-3 py-2 align-bottom">So với hôm trước</th>
            <th scope="col" className="px-3 py-2 align-bottom">So với tuần trước</th>
            <th scope="col" className="px-3 py-2 align-bottom">{unitHeader}</th>
            <th scope="col" className={`${num} align-bottom`}>Điện thoại thông minh</th>
            <SortHeader metric="installs" current={metric} hrefFor={sortHref}>Đã cài Bluezone</SortHeader>
            <SortHeader metric="coverage" current={metric} hrefFor={sortHref}>Tỷ lệ cài đặt</SortHeader>
            <th scope="col" className={`${num} align-bottom`}>Còn thiếu để đạt mục tiêu (lượt cài)</th>
            <th scope="col" className={`${num} align-bottom`}>Cần thêm để vượt hạng trên ({passUnit})</th>
            <th scope="col" className={`${num} align-bottom`}>Địa điểm QR</th>
            <th scope="col" className={`${num} align-bottom`}>Có lượt quét</th>
            <SortHeader metric="qrActive" current={metric} hrefFor={sortHref}>Tỷ lệ có lượt quét</SortHeader>
            <SortHeader metric="scans" current={metric} hrefFor={sortHref}>Lượt quét</SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const highlighted = r.code === highlightCode;
            return (
              <tr
                key={r.code}
                className={`border-t border-slate-200 ${highlighted ? "bg-amber-50 outline outline-2 outline-amber-700" : ""}`}
                data-unit-code={r.code}
                aria-current={highlighted ? "true" : undefined}
              >
                <td className="px-3 py-2 font-semibold">{r.rank ?? "—"}</td>
                <td className="px-3 py-2"><RankChange change={r.rankChangeDay} /></td>
                <td className="px-3 py-2"><RankChange change={r.rankChangeWeek} /></td>
                <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">
                  <Link href={unitHref(r.code)} className="text-brand-700 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-800">
                    {r.name}
                  </Link>
                  {highlighted ? <span className="ml-1 text-xs font-semibold text-amber-900">(đang xem)</span> : null}
                </th>
                {r.figure ? (
                  <>
                    <td className={num}>{formatCount(r.figure.smartphones)}</td>
                    <td className={num} data-col="installs">{formatCount(r.figure.installs)}</td>
                    <td className={num} data-col="coverage">
                      <span className="block font-semibold" data-value>{formatPercent(r.coverage)}</span>
                      <StatusBadge status={r.coverageStatus} />
                    </td>
                    <td className={num}>{formatAmountNeeded(r.installsToTarget)}</td>
                    <td className={num}>
                      {formatAmountNeeded(r.toPassAbove)}
                      {r.above && r.toPassAbove !== null ? (
                        <span className="block whitespace-nowrap text-xs text-slate-700">vượt {r.above.name.replace(/^(Phường|Quận|Huyện|Thị xã) /, "")}</span>
                      ) : null}
                    </td>
                    <td className={num}>{formatCount(r.figure.qrVenues)}</td>
                    <td className={num}>{formatCount(r.figure.activeVenues)}</td>
                    <td className={num} data-col="qrActive">
                      <span className="block" data-value>{formatPercent(r.qrActive)}</span>
                      <StatusBadge status={r.qrActiveStatus} />
                    </td>
                    <td className={num} data-col="scans">{formatCount(r.figure.scans)}</td>
                  </>
                ) : (
                  <td colSpan={9} className="px-3 py-2 text-center italic text-slate-700">
                    {NOT_REPORTED_LABEL}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
