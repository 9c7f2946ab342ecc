import { getLocale } from "next-intl/server";
import { parseLocale } from "@/i18n/locales";
import { mergeNouns, nounFor, type NounFor } from "@/lib/domain/dashboard-format";
import type { RankMetric } from "@/lib/domain/rank-metric";
import type { RankingRow } from "@/lib/domain/unit-ranking";
import { GROUPS, groupHeading, rowView, tableWords } from "./ranking-rows";
import { RankingTableView, type RankingGroupView, type RankingWords } from "./ranking-table-view";

// Sibling units (a district's wards, a city's districts) ranked by the chosen metric on a day
// (issue 16: a ranking that fits). What a reader acts on is always in view, without scrolling
// sideways at 1366 px: rank, unit, the ranked value with a bar and its status, the rank change,
// what is missing to the target and to pass the unit above. Every other figure is one tap away
// in the row's "Chi tiết" (inline, or loaded when first opened: `detailsSrc`). On a phone each
// row is a compact card (globals.css, `.rk`). The sort is chosen with the links above the table
// (SortLinks, ?sort=…), so each order is a URL. Only whole figures are ranked (issue 11): a
// partial sum ("chưa đủ số liệu", with its k/n), a zero denominator and a missing report are
// listed apart, each group under its own heading row, never ranked and never shown as 0. Every
// figure and word is formatted on the server (ranking-rows.ts); the rows travel to
// RankingTableView as plain values and are drawn there (issue 15: a fraction of the payload of
// server-rendered elements; the same HTML, no state but the details loaded on demand).

export async function RankingTable({
  rows,
  metric,
  caption,
  unitHeader,
  unitHref,
  highlightCode,
  testId,
  noun,
  note,
  detailsSrc,
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
  /**
   * the page's chart-data URL when it answers the rows' details (`rankingDetails`): they are then
   * loaded when a row's "Chi tiết" is first opened instead of travelling in the page
   */
  detailsSrc?: string;
}) {
  const w = tableWords(parseLocale(await getLocale()));
  const { t } = w;
  const passUnit = t(`passUnits.${metric}`);
  const largest = Math.max(0, ...rows.map((r) => (typeof r.value === "number" ? r.value : 0)));
  const groups: RankingGroupView[] = [];
  for (const standing of GROUPS) {
    const group = rows.filter((r) => r.standing === standing);
    if (group.length === 0) continue;
    const heading = groupHeading(w, standing, metric, noun === undefined ? undefined : mergeNouns(group.map((r) => nounFor(noun, r.code)), "WARD"));
    groups.push({
      standing,
      heading: heading ? `${heading} (${w.f.count(group.length)})` : null,
      rows: group.map((r) => rowView(w, r, metric, noun === undefined ? undefined : nounFor(noun, r.code), unitHref(r.code), largest, detailsSrc === undefined)),
    });
  }
  const words: RankingWords = {
    headers: [t("rank"), unitHeader, w.metrics(metric), t("rankChange"), t("toTargetHeader"), t("toPassHeader", { unit: passUnit }), t("otherFigures")],
    current: t("current"),
    notReported: t("notReported"),
    lastWeek: t("lastWeek"),
    details: t("details"),
    allFigures: t("allFigures"),
    loading: t("detailsLoading"),
    failed: t("detailsFailed"),
    status: { met: t("status.met"), near: t("status.near"), below: t("status.below") },
  };
  return <RankingTableView testId={testId} metric={metric} caption={caption} note={note} highlightCode={highlightCode} words={words} groups={groups} detailsSrc={detailsSrc} />;
}
