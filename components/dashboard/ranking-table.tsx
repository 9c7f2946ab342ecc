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
import { TARGET_STATUS_LABELS, type TargetStatus } from "@/lib/domain/targets";
import type { RankingRow } from "@/lib/domain/unit-ranking";
import { RankChange } from "./rank-change";
import { StatusBadge } from "./status-badge";

// Sibling units (a district's wards, a city's districts) ranked by the chosen metric on a day
// (issue 16: a ranking that fits). What a reader acts on is always in view, without scrolling
// sideways at 1366 px: rank, unit, the ranked value with a bar and its status, the rank change,
// what is missing to the target and to pass the unit above. Every other figure is one tap away
// in the row's "Chi tiết". On a phone each row is a compact card (globals.css, `.rk`). The sort
// is chosen with the links above the table (SortLinks, ?sort=…), so each order is a URL. Only whole
// figures are ranked (issue 11): a partial sum ("chưa đủ số liệu", with its k/n), a zero
// denominator and a missing report are listed apart, each group under its own heading row, never
// ranked and never shown as 0. A server component: no JavaScript.

const COLUMNS = 7;

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
  return <span className="rk-note">{children}</span>;
}

function partialNote(origin: PartOrigin | null, noun: ChildNoun | undefined): string | null {
  const count = noun === undefined ? null : formatPartCount(origin, noun);
  return count ? `chưa đủ: ${count}` : null;
}

/** The share of the bar a value fills: a rate is its own percentage, a count is relative to the largest shown. */
function barShare(r: RankingRow, metric: RankMetric, largest: number): number | null {
  const v = r.value;
  if (v === null) return null;
  const share = typeof v === "number" ? (largest > 0 ? v / largest : 0) : v.den > 0 ? v.num / v.den : 0;
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}

/** The ranked value of a row, as shown: the metric's figure, its notes and its target status. */
function MetricValue({ r, metric, noun }: { r: RankingRow; metric: RankMetric; noun: ChildNoun | undefined }) {
  const f = r.figure;
  if (f === null || (!hasReported(f) && (metric === "coverage" || metric === "installs"))) {
    return <span className="rk-missing" data-value>{NOT_REPORTED_LABEL}</span>;
  }
  switch (metric) {
    case "coverage":
      return (
        <>
          <span className="rk-v" data-value>{formatPercent(r.coverage)}</span>
          {f.smartphones === 0 ? <Note>{NO_SMARTPHONES_LABEL}</Note> : null}
          {isPartPartial(f, "coverage") ? <Note>{partialNote(r.origin, noun) ?? "chưa đủ số liệu"}</Note> : null}
          <StatusBadge status={r.coverageStatus} />
        </>
      );
    case "installs":
      return (
        <>
          <span className="rk-v" data-value>{formatCount(f.installs)}</span>
          {isPartPartial(f, "coverage") ? <Note>{partialNote(r.origin, noun) ?? "chưa đủ số liệu"}</Note> : null}
        </>
      );
    case "qrActive":
      return (
        <>
          <span className="rk-v" data-value>{formatPercent(r.qrActive)}</span>
          {f.qrVenues === 0 ? <Note>{NO_QR_VENUES_LABEL}</Note> : null}
          {isPartPartial(f, "qr") ? <Note>{partialNote(f.parts?.qr ?? null, noun) ?? "chưa đủ số liệu"}</Note> : null}
          <StatusBadge status={r.qrActiveStatus} />
        </>
      );
    case "scans":
      return (
        <>
          <span className="rk-v" data-value>{formatCount(f.scans)}</span>
          {isPartPartial(f, "scans") ? <Note>{partialNote(f.parts?.scans ?? null, noun) ?? "chưa đủ số liệu"}</Note> : null}
        </>
      );
  }
}

/** " (chưa đạt)": a target status in words, for the details line. */
function statusWords(status: TargetStatus | null): string {
  return status === null ? "" : ` (${TARGET_STATUS_LABELS[status].toLowerCase()})`;
}

/**
 * Every figure of the row that the columns do not show, one tap away, as one line of text (the
 * figures, then, for the phone, where the gap columns are not shown, the two gaps).
 */
function Details({ r, metric, passUnit, noun }: { r: RankingRow; metric: RankMetric; passUnit: string; noun: ChildNoun | undefined }) {
  const f = r.figure;
  if (f === null) return null;
  const scansPartial = isPartPartial(f, "scans") ? ` (${partialNote(f.parts?.scans ?? null, noun) ?? "chưa đủ số liệu"})` : "";
  const items = [
    `Điện thoại thông minh: ${formatCount(f.smartphones)}`,
    `Đã cài Bluezone: ${formatCount(f.installs)}`,
    metric !== "coverage" ? `Tỷ lệ cài đặt: ${hasReported(f) ? formatPercent(r.coverage) : NOT_REPORTED_LABEL}${statusWords(r.coverageStatus)}` : null,
    `Địa điểm QR: ${formatCount(f.qrVenues)}`,
    `Có lượt quét: ${formatCount(f.activeVenues)}`,
    metric !== "qrActive" ? `Tỷ lệ có lượt quét: ${formatPercent(r.qrActive)}${statusWords(r.qrActiveStatus)}` : null,
    metric !== "scans" ? `Lượt quét: ${formatCount(f.scans)}${scansPartial}` : null,
    `Còn thiếu để đạt mục tiêu: ${formatAmountNeeded(r.installsToTarget, "lượt cài")}`,
    `Để vượt ${r.above ? shortUnitName(r.above.name) : "hạng trên"}: ${formatAmountNeeded(r.toPassAbove, passUnit)}`,
  ];
  return (
    <details className="rk-more">
      <summary>
        Chi tiết<span className="sr-only"> {r.name}</span>
      </summary>
      <p>{items.filter((item) => item !== null).join(" · ")}</p>
    </details>
  );
}

function Row({
  r,
  metric,
  noun,
  unitHref,
  highlighted,
  largest,
}: {
  r: RankingRow;
  metric: RankMetric;
  noun: ChildNoun | undefined;
  unitHref: (code: string) => string;
  highlighted: boolean;
  largest: number;
}) {
  const why = r.standing === "ranked" ? null : standingNote(r, metric, noun ?? "đơn vị trực thuộc");
  const originLine = noun && r.origin ? (r.origin.kind === "own" ? "số liệu nhập riêng" : `tổng ${formatPartCount(r.origin, noun)}`) : null;
  const share = barShare(r, metric, largest);
  const passUnit = PASS_UNIT_LABELS[metric];
  return (
    <tr className={highlighted ? "rk-own" : undefined} data-unit-code={r.code} data-standing={r.standing} aria-current={highlighted ? "true" : undefined}>
      <td className="rk-rank">{r.rank ?? "—"}</td>
      <th scope="row" className="rk-name">
        <Link href={unitHref(r.code)}>{r.name}</Link>
        {highlighted ? <span className="rk-here"> (đang xem)</span> : null}
        {r.standing === "partial" && why ? <Note>{why}</Note> : originLine ? <span className="rk-origin" data-origin>{originLine}</span> : null}
      </th>
      {r.figure === null ? (
        <td colSpan={COLUMNS - 2} className="rk-none">
          {NOT_REPORTED_LABEL}
        </td>
      ) : (
        <>
          <td className="rk-val" data-col={metric}>
            <MetricValue r={r} metric={metric} noun={noun} />
            {share !== null ? (
              <span className="rk-bar" aria-hidden="true">
                <span style={{ width: `${share}%` }} />
              </span>
            ) : null}
          </td>
          <td className="rk-chg">
            <RankChange change={r.rankChangeDay} />
            <span className="rk-week">
              tuần trước: <RankChange change={r.rankChangeWeek} />
            </span>
          </td>
          <td className="rk-num rk-wide">{formatAmountNeeded(r.installsToTarget)}</td>
          <td className="rk-num rk-wide">
            {formatAmountNeeded(r.toPassAbove)}
            {r.above && r.toPassAbove !== null ? <span className="rk-origin">vượt {shortUnitName(r.above.name)}</span> : null}
          </td>
          <td className="rk-det">
            <Details r={r} metric={metric} passUnit={passUnit} noun={noun} />
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
  const largest = Math.max(0, ...rows.map((r) => (typeof r.value === "number" ? r.value : 0)));
  return (
    <div className="rk" tabIndex={0} role="region" aria-label={caption}>
      <table className="tabular" data-testid={testId} data-sort={metric}>
        <caption>
          {caption}
          {note ? <span className="rk-cnote" data-testid={`${testId}-note`}>{note}</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">Hạng</th>
            <th scope="col">{unitHeader}</th>
            <th scope="col" aria-sort="descending">
              {RANK_METRIC_LABELS[metric]}
            </th>
            <th scope="col">Thay đổi hạng (hôm trước; tuần trước)</th>
            <th scope="col" className="rk-num rk-wide">
              Còn thiếu để đạt mục tiêu (lượt cài)
            </th>
            <th scope="col" className="rk-num rk-wide">
              Để vượt hạng trên ({passUnit})
            </th>
            <th scope="col">
              <span className="sr-only">Các số liệu khác</span>
            </th>
          </tr>
        </thead>
        {GROUPS.map((standing) => {
          const group = rows.filter((r) => r.standing === standing);
          if (group.length === 0) return null;
          const heading = groupHeading(standing, metric, noun === undefined ? undefined : mergeNouns(group.map((r) => nounFor(noun, r.code)), "WARD"));
          return (
            <tbody key={standing} data-group={standing}>
              {heading ? (
                <tr className="rk-group" data-group-heading>
                  <th scope="rowgroup" colSpan={COLUMNS}>
                    {heading} ({formatCount(group.length)})
                  </th>
                </tr>
              ) : null}
              {group.map((r) => (
                <Row
                  key={r.code}
                  r={r}
                  metric={metric}
                  noun={noun === undefined ? undefined : nounFor(noun, r.code)}
                  unitHref={unitHref}
                  highlighted={r.code === highlightCode}
                  largest={largest}
                />
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
