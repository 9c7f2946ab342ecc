import Link from "next/link";
import { standingNote } from "@/lib/domain/chart-data";
import type { PartOrigin } from "@/lib/domain/completeness";
import { hasReported, isPartPartial } from "@/lib/domain/completeness";
import {
  formatAmountNeeded,
  formatPartCount,
  mergeNouns,
  NO_QR_VENUES_LABEL,
  NO_SMARTPHONES_LABEL,
  nounFor,
  shortUnitName,
  type ChildNoun,
  type NounFor,
} from "@/lib/domain/dashboard-format";
import { formatCount, formatPercent, NOT_REPORTED_LABEL } from "@/lib/domain/format";
import { PASS_UNIT_LABELS, RANK_METRIC_LABELS, type RankMetric, type RankStanding } from "@/lib/domain/rank-metric";
import type { RankingRow } from "@/lib/domain/unit-ranking";
import { RankChange } from "./rank-change";
import { StatusBadge } from "./status-badge";

// Sibling units (a district's wards, a city's districts) ranked by the chosen metric on a day.
// The metric columns' headers are links that re-sort on the server (?sort=…), so the table works
// without JavaScript and each order is a URL. Only whole figures are ranked (issue 11): a partial
// sum ("chưa đủ số liệu", with its k/n), a zero denominator and a missing report are listed apart,
// each group under its own heading row, never ranked and never shown as 0.

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
const COLUMNS = 13;

/** The groups a ranking is split into, in order; ranked units have no heading of their own. */
const GROUPS: readonly RankStanding[] = ["ranked", "partial", "no-denominator", "missing"];

/** `noun`: what the group's units count (their children, all of them said once); undefined when unknown. */
function groupHeading(standing: RankStanding, metric: RankMetric, noun: ChildNoun | undefined): string {
  switch (standing) {
    case "ranked":
      return "";
    case "partial":
      return `Chưa đủ số liệu: không xếp hạng (tổng chỉ gồm một phần các ${noun ?? "đơn vị trực thuộc"})`;
    case "no-denominator":
      return metric === "qrActive" ? "Không có địa điểm tạo mã QR: không xếp hạng" : "Không có điện thoại thông minh: không xếp hạng";
    case "missing":
      return metric === "coverage" || metric === "installs" ? "Chưa báo cáo" : `Chưa có số liệu ${RANK_METRIC_LABELS[metric].toLowerCase()}`;
  }
}

/** A small line under a value: a partial sum's k/n, or why there is no rate. */
function Note({ children }: { children: string }) {
  return <span className="block whitespace-nowrap text-xs font-normal text-amber-900">{children}</span>;
}

function partialNote(origin: PartOrigin | null, noun: ChildNoun | undefined): string | null {
  const count = noun === undefined ? null : formatPartCount(origin, noun);
  return count ? `chưa đủ: ${count}` : null;
}

function Row({
  r,
  metric,
  noun,
  unitHref,
  highlighted,
}: {
  r: RankingRow;
  metric: RankMetric;
  noun: ChildNoun | undefined;
  unitHref: (code: string) => string;
  highlighted: boolean;
}) {
  const f = r.figure;
  const reported = hasReported(f);
  const coveragePartial = isPartPartial(f, "coverage");
  const qrPartial = isPartPartial(f, "qr");
  const scansPartial = isPartPartial(f, "scans");
  const why = r.standing === "ranked" ? null : standingNote(r, metric, noun ?? "đơn vị trực thuộc");
  const originLine = noun && r.origin ? (r.origin.kind === "own" ? "số liệu nhập riêng" : `tổng ${formatPartCount(r.origin, noun)}`) : null;
  return (
    <tr
      className={`border-t border-slate-200 ${highlighted ? "bg-amber-50 outline outline-2 outline-amber-700" : ""}`}
      data-unit-code={r.code}
      data-standing={r.standing}
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
        {r.standing === "partial" && why ? <Note>{why}</Note> : originLine ? <span className="block text-xs font-normal text-slate-700" data-origin>{originLine}</span> : null}
      </th>
      {f === null ? (
        <td colSpan={9} className="px-3 py-2 text-center italic text-slate-700">
          {NOT_REPORTED_LABEL}
        </td>
      ) : (
        <>
          <td className={num}>{formatCount(f.smartphones)}</td>
          <td className={num} data-col="installs">
            <span data-value>{formatCount(f.installs)}</span>
          </td>
          <td className={num} data-col="coverage">
            {!reported ? (
              <span className="block italic text-slate-700" data-value>{NOT_REPORTED_LABEL}</span>
            ) : (
              <>
                <span className="block font-semibold" data-value>{formatPercent(r.coverage)}</span>
                {f.smartphones === 0 ? <Note>{NO_SMARTPHONES_LABEL}</Note> : null}
                {coveragePartial ? <Note>{partialNote(r.origin, noun) ?? "chưa đủ số liệu"}</Note> : null}
                <StatusBadge status={r.coverageStatus} />
              </>
            )}
          </td>
          <td className={num}>{formatAmountNeeded(r.installsToTarget)}</td>
          <td className={num}>
            {formatAmountNeeded(r.toPassAbove)}
            {r.above && r.toPassAbove !== null ? (
              <span className="block whitespace-nowrap text-xs text-slate-700">vượt {shortUnitName(r.above.name)}</span>
            ) : null}
          </td>
          <td className={num}>{formatCount(f.qrVenues)}</td>
          <td className={num}>{formatCount(f.activeVenues)}</td>
          <td className={num} data-col="qrActive">
            <span className="block" data-value>{formatPercent(r.qrActive)}</span>
            {f.qrVenues === 0 ? <Note>{NO_QR_VENUES_LABEL}</Note> : null}
            {qrPartial ? <Note>{partialNote(r.figure?.parts?.qr ?? null, noun) ?? "chưa đủ số liệu"}</Note> : null}
            <StatusBadge status={r.qrActiveStatus} />
          </td>
          <td className={num} data-col="scans">
            <span data-value>{formatCount(f.scans)}</span>
            {scansPartial ? <Note>{partialNote(r.figure?.parts?.scans ?? null, noun) ?? "chưa đủ số liệu"}</Note> : null}
          </td>
        </>
      )}
    </tr>
  );
}

export function RankingTable({
  rows,
  metric,
  caption,
  unitHeader,
  sortHref,
  unitHref,
  highlightCode,
  testId,
  noun,
  note,
}: {
  rows: readonly RankingRow[];
  metric: RankMetric;
  caption: string;
  unitHeader: string;
  sortHref: (metric: RankMetric) => string;
  unitHref: (code: string) => string;
  highlightCode?: string;
  testId: string;
  /**
   * for units whose figures sum their children (a city's districts): what the children are called,
   * one for all or each row's own ("phường", "xã, thị trấn"); shows each row's origin
   */
  noun?: NounFor;
  /** a line under the caption, e.g. why no rank change is shown */
  note?: string;
}) {
  const passUnit = PASS_UNIT_LABELS[metric];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label={caption}>
      <table className="tabular min-w-full text-sm" data-testid={testId} data-sort={metric}>
        <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">
          {caption}
          {note ? <span className="mt-1 block text-sm font-normal text-slate-700" data-testid={`${testId}-note`}>{note}</span> : null}
        </caption>
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
        {GROUPS.map((standing) => {
          const group = rows.filter((r) => r.standing === standing);
          if (group.length === 0) return null;
          const heading = groupHeading(standing, metric, noun === undefined ? undefined : mergeNouns(group.map((r) => nounFor(noun, r.code)), "WARD"));
          return (
            <tbody key={standing} data-group={standing}>
              {heading ? (
                <tr className="border-t-2 border-slate-300 bg-slate-50" data-group-heading>
                  <th scope="rowgroup" colSpan={COLUMNS} className="px-3 py-2 text-left text-sm font-semibold text-slate-900">
                    {heading} ({formatCount(group.length)})
                  </th>
                </tr>
              ) : null}
              {group.map((r) => (
                <Row key={r.code} r={r} metric={metric} noun={noun === undefined ? undefined : nounFor(noun, r.code)} unitHref={unitHref} highlighted={r.code === highlightCode} />
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
