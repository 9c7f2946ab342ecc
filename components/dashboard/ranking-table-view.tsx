"use client";

import Link from "next/link";
import { useState, type SyntheticEvent } from "react";
import { chartData } from "@/components/charts/chart-request";
import type { RankMetric, RankStanding } from "@/lib/domain/rank-metric";
import type { TargetStatus } from "@/lib/domain/targets";
import { STATUS_CLASSES, STATUS_ICONS } from "./status-look";

// Draws a ranking table (ranking-table.tsx) from its rows as plain values, every figure and word
// already formatted on the server in the reader's language (issue 15): a server-rendered table is
// sent twice, as HTML and as the React payload of every element (tag, class names, attributes);
// drawn here, the payload holds only these values, a few hundred bytes a row. No state, no effect:
// the same HTML as a server component. A row's details may be loaded when first opened (Details).

/** A rank change as shown: the change (positive = up; null: none to show) and its words. */
export type RankChangeView = readonly [change: number | null, text: string];

/** The cells of a row whose unit has a figure that day. */
export type RankingCellsView = readonly [
  /** the ranked value; null: not reported ("chưa báo cáo") */
  value: string | null,
  /** small lines under the value: a partial sum's k/n, why there is no rate */
  notes: readonly string[],
  status: TargetStatus | null,
  /** the share of the bar the value fills (0–100); null: no bar */
  share: number | null,
  day: RankChangeView,
  week: RankChangeView,
  toTarget: string,
  toPass: string,
  /** "vượt …": whom the amount passes */
  passNote: string | null,
  /** every other figure of the row, one line; null: loaded when first opened (the table's detailsSrc) */
  details: string | null,
];

export type RankingRowView = readonly [
  code: string,
  standing: RankStanding,
  rank: number | null,
  name: string,
  href: string,
  /** under the name: a note (why the row is not ranked) or the figure's origin */
  sub: readonly [text: string, kind: "note" | "origin"] | null,
  /** null: no figure that day */
  cells: RankingCellsView | null,
];

export type RankingGroupView = { standing: RankStanding; heading: string | null; rows: readonly RankingRowView[] };

export type RankingWords = {
  headers: readonly [rank: string, unit: string, metric: string, change: string, toTarget: string, toPass: string, other: string];
  current: string;
  notReported: string;
  lastWeek: string;
  details: string;
  /** the link shown in a row's details until they are loaded (and without JavaScript): the unit's page has every figure */
  allFigures: string;
  loading: string;
  failed: string;
  status: Readonly<Record<TargetStatus, string>>;
};

export type RankingTableViewProps = {
  testId: string;
  metric: RankMetric;
  caption: string;
  note?: string;
  highlightCode?: string;
  words: RankingWords;
  groups: readonly RankingGroupView[];
  /** the page's chart-data URL that answers the rows' details (ChartPayload.rankingDetails) */
  detailsSrc?: string;
};

const COLUMNS = 7;

function Change({ view: [change, text] }: { view: RankChangeView }) {
  const arrow = change === null || change === 0 ? null : change > 0 ? "▲ " : "▼ ";
  const tone = change === null || change === 0 ? "chg" : change > 0 ? "chg chg-up" : "chg chg-down";
  return (
    <span className={tone}>
      {arrow ? <span aria-hidden="true">{arrow}</span> : null}
      {text}
    </span>
  );
}

/**
 * A row's other figures, one tap away. Inline when the page sent them; otherwise the page's
 * chart-data answer is fetched when the row is first opened (one request for the whole page, shared
 * with its charts). Until then, and without JavaScript, a link to the unit's page, which shows them all.
 */
function Details({ code, name, href, inline, src, words }: { code: string; name: string; href: string; inline: string | null; src: string | undefined; words: RankingWords }) {
  const [loaded, setLoaded] = useState<string | "loading" | "failed" | null>(null);
  const text = inline ?? (loaded === "loading" || loaded === "failed" ? null : loaded);
  const open = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (!event.currentTarget.open || inline !== null || src === undefined || (loaded !== null && loaded !== "failed")) return;
    setLoaded("loading");
    void chartData(src).then((payload) => setLoaded(payload?.rankingDetails?.[code] ?? "failed"));
  };
  return (
    <details className="rk-more" onToggle={open}>
      <summary>
        {words.details}
        <span className="sr-only"> {name}</span>
      </summary>
      <p aria-live="polite" aria-busy={loaded === "loading" ? true : undefined}>
        {text ?? (
          <>
            {loaded === "loading" ? `${words.loading} ` : loaded === "failed" ? `${words.failed} ` : null}
            <Link href={href} prefetch={false}>
              {words.allFigures}
            </Link>
          </>
        )}
      </p>
    </details>
  );
}

function Row({ row, words, highlighted, metric, src }: { row: RankingRowView; words: RankingWords; highlighted: boolean; metric: RankMetric; src: string | undefined }) {
  const [code, standing, rank, name, href, sub, cells] = row;
  return (
    <tr className={highlighted ? "rk-own" : undefined} data-unit-code={code} data-standing={standing} aria-current={highlighted ? "true" : undefined}>
      <td className="rk-rank">{rank ?? "—"}</td>
      <th scope="row" className="rk-name">
        <Link href={href}>{name}</Link>
        {highlighted ? <span className="rk-here">{words.current}</span> : null}
        {sub === null ? null : sub[1] === "note" ? (
          <span className="rk-note">{sub[0]}</span>
        ) : (
          <span className="rk-origin" data-origin>
            {sub[0]}
          </span>
        )}
      </th>
      {cells === null ? (
        <td colSpan={COLUMNS - 2} className="rk-none">
          {words.notReported}
        </td>
      ) : (
        <Cells cells={cells} words={words} code={code} name={name} href={href} metric={metric} src={src} />
      )}
    </tr>
  );
}

function Cells({ cells, words, code, name, href, metric, src }: { cells: RankingCellsView; words: RankingWords; code: string; name: string; href: string; metric: RankMetric; src: string | undefined }) {
  const [value, notes, status, share, day, week, toTarget, toPass, passNote, details] = cells;
  return (
    <>
      <td className="rk-val" data-col={metric}>
        {value === null ? (
          <span className="rk-missing" data-value>
            {words.notReported}
          </span>
        ) : (
          <>
            <span className="rk-v" data-value>
              {value}
            </span>
            {notes.map((n) => (
              <span key={n} className="rk-note">
                {n}
              </span>
            ))}
            {status ? (
              <span className={STATUS_CLASSES[status]}>
                <span aria-hidden="true">{STATUS_ICONS[status]}</span>
                {words.status[status]}
              </span>
            ) : null}
          </>
        )}
        {share !== null ? (
          <span className="rk-bar" aria-hidden="true">
            <span style={{ width: `${share}%` }} />
          </span>
        ) : null}
      </td>
      <td className="rk-chg">
        <Change view={day} />
        <span className="rk-week">
          {words.lastWeek} <Change view={week} />
        </span>
      </td>
      <td className="rk-num rk-wide">{toTarget}</td>
      <td className="rk-num rk-wide">
        {toPass}
        {passNote ? <span className="rk-origin">{passNote}</span> : null}
      </td>
      <td className="rk-det">
        <Details code={code} name={name} href={href} inline={details} src={src} words={words} />
      </td>
    </>
  );
}

export function RankingTableView({ testId, metric, caption, note, highlightCode, words, groups, detailsSrc }: RankingTableViewProps) {
  const [rank, unit, metricHeader, change, toTarget, toPass, other] = words.headers;
  return (
    <div className="rk" tabIndex={0} role="region" aria-label={caption}>
      <table className="tabular" data-testid={testId} data-sort={metric}>
        <caption>
          {caption}
          {note ? (
            <span className="rk-cnote" data-testid={`${testId}-note`}>
              {note}
            </span>
          ) : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{rank}</th>
            <th scope="col">{unit}</th>
            <th scope="col" aria-sort="descending">
              {metricHeader}
            </th>
            <th scope="col">{change}</th>
            <th scope="col" className="rk-num rk-wide">
              {toTarget}
            </th>
            <th scope="col" className="rk-num rk-wide">
              {toPass}
            </th>
            <th scope="col">
              <span className="sr-only">{other}</span>
            </th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.standing} data-group={g.standing}>
            {g.heading ? (
              <tr className="rk-group" data-group-heading>
                <th scope="rowgroup" colSpan={COLUMNS}>
                  {g.heading}
                </th>
              </tr>
            ) : null}
            {g.rows.map((r) => (
              <Row key={r[0]} row={r} words={words} highlighted={r[0] === highlightCode} metric={metric} src={detailsSrc} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
