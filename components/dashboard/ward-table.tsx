import type { RankedUnitDay } from "@/lib/domain/overview";
import { formatCount, formatPercent, NOT_REPORTED_LABEL } from "@/lib/domain/format";

// The district's wards ranked by coverage on the chosen day. Unreported wards come last,
// marked "chưa báo cáo", never as zero.
export function WardTable({ wards, caption }: { wards: readonly RankedUnitDay[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="tabular min-w-full text-sm" data-testid="ward-ranking">
        <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">{caption}</caption>
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">Hạng</th>
            <th scope="col" className="px-3 py-2">Phường</th>
            <th scope="col" className="px-3 py-2 text-right">Điện thoại thông minh</th>
            <th scope="col" className="px-3 py-2 text-right">Đã cài Bluezone</th>
            <th scope="col" className="px-3 py-2 text-right">Tỷ lệ cài đặt</th>
            <th scope="col" className="px-3 py-2 text-right">Địa điểm QR</th>
            <th scope="col" className="px-3 py-2 text-right">Có lượt quét</th>
            <th scope="col" className="px-3 py-2 text-right">Lượt quét</th>
          </tr>
        </thead>
        <tbody>
          {wards.map((w) => (
            <tr key={w.code} className="border-t border-slate-200" data-ward-code={w.code}>
              <td className="px-3 py-2">{w.rank ?? "—"}</td>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {w.name}
              </th>
              {w.figure ? (
                <>
                  <td className="px-3 py-2 text-right">{formatCount(w.figure.smartphones)}</td>
                  <td className="px-3 py-2 text-right">{formatCount(w.figure.installs)}</td>
                  <td className="px-3 py-2 text-right font-semibold">{formatPercent(w.coverage)}</td>
                  <td className="px-3 py-2 text-right">{formatCount(w.figure.qrVenues)}</td>
                  <td className="px-3 py-2 text-right">{formatCount(w.figure.activeVenues)}</td>
                  <td className="px-3 py-2 text-right">{formatCount(w.figure.scans)}</td>
                </>
              ) : (
                <td colSpan={6} className="px-3 py-2 text-center italic text-slate-600">
                  {NOT_REPORTED_LABEL}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
