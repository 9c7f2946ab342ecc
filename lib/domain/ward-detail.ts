// What the ward page shows for one day: the ward's figures and rates, its rank among the
// district's wards (with changes and the gap to the ward above), its target gap and forecast,
// and the series of its charts (coverage against the district, new installs, QR, rank history).

import type { ChartText, CoverageTrendDatum, NewInstallsDatum, QrActivityDatum, RankHistoryDatum, TargetLine, TrendSeries } from "./chart-data.ts";
import {
  coverageTrendData,
  coverageTrendText,
  newInstallsData,
  newInstallsText,
  qrActivityData,
  qrActivityText,
  rankHistoryData,
  rankHistoryText,
  standingNote,
  standingNoteText,
  targetLine,
  targetLineText,
} from "./chart-data.ts";
import { msg, type Message } from "./message.ts";
import { partOrigin } from "./completeness.ts";
import type { WithheldReason } from "./dashboard-completeness.ts";
import { rankChangeReason } from "./dashboard-completeness.ts";
import type { ChildNoun } from "./dashboard-format.ts";
import type { IsoDay } from "./days.ts";
import { dayRange } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import { figureOn } from "./figure-table.ts";
import type { TargetForecast } from "./forecast.ts";
import { forecastToTarget } from "./forecast.ts";
import type { NamedUnit } from "./overview.ts";
import { rankStanding } from "./rank-metric.ts";
import { fetchRangeFor, newInstallsByDay, newInstallsTrend, paceAt, rankHistory } from "./trends.ts";
import type { UnitTargets } from "./targets.ts";
import { NO_TARGETS } from "./targets.ts";
import type { RankingRow } from "./unit-ranking.ts";
import { buildRankingRows, rankedCount, ranksOnDay } from "./unit-ranking.ts";
import { unitNoun } from "./unit-wording.ts";

export type WardDetail = {
  readonly day: IsoDay;
  readonly ward: NamedUnit;
  readonly district: NamedUnit;
  /** what the district's wards are called ("phường", "xã, thị trấn"), for the page's words */
  readonly wardNoun: ChildNoun;
  /** the ward's row in the district's ranking by coverage on the day */
  readonly row: RankingRow;
  /** how many of the district's wards are ranked that day */
  readonly ranked: number;
  readonly forecast: TargetForecast | null;
  /** why the rank change against the day / week before is not shown (null where it is) */
  readonly withheld: { readonly rankDay: WithheldReason | null; readonly rankWeek: WithheldReason | null };
  readonly charts: {
    readonly coverageTarget: TargetLine | null;
    readonly coverageTrend: { readonly series: readonly TrendSeries[]; readonly rows: readonly CoverageTrendDatum[] };
    readonly newInstalls: readonly NewInstallsDatum[];
    readonly qrActivity: readonly QrActivityDatum[];
    readonly rankHistory: readonly RankHistoryDatum[];
    readonly rankOutOf: number;
  };
  /** the charts' labels as messages, rendered in the reader's language by the chart-data route */
  readonly chartText: ChartText;
};

export function buildWardDetail(input: {
  readonly ward: NamedUnit;
  readonly district: NamedUnit;
  /** every ward of the district, the ward included */
  readonly siblings: readonly NamedUnit[];
  /** effective figures of the siblings and the district over the window and the 7 days before */
  readonly table: FigureTable;
  readonly day: IsoDay;
  readonly window: readonly IsoDay[];
  readonly targets: ReadonlyMap<string, UnitTargets>;
  /** what the district's wards are called ("phường", "xã, thị trấn"): the district's k/n on the charts */
  readonly wardNoun: ChildNoun;
}): WardDetail {
  const { ward, district, siblings, table, day, window, targets, wardNoun } = input;
  const rows = buildRankingRows({ units: siblings, table, day, metric: "coverage", targets });
  const row = rows.find((r) => r.code === ward.code);
  if (!row) throw new RangeError(`ward ${ward.code} is not among the district's wards`);
  const range = fetchRangeFor(window.length > 0 ? window : [day]);
  const newInstalls = newInstallsByDay(table, ward.code, [], dayRange(range.from, range.to));
  const wardTargets = targets.get(ward.code) ?? NO_TARGETS;
  const whyUnranked = (d: IsoDay): string | null => {
    const figure = figureOn(table, ward.code, d);
    return standingNote({ standing: rankStanding(figure, "coverage"), origin: partOrigin(figure, "coverage"), figure }, "coverage", wardNoun);
  };
  const whyUnrankedText = (d: IsoDay): Message | null => {
    const figure = figureOn(table, ward.code, d);
    return standingNoteText({ standing: rankStanding(figure, "coverage"), origin: partOrigin(figure, "coverage"), figure }, "coverage", wardNoun);
  };
  // A rank change is withheld when the ward is not ranked on one of the days, or the two days
  // rank different sets of wards.
  const rankReason = (lag: number): WithheldReason | null => rankChangeReason(siblings, table, ward.code, day, lag, "coverage");

  return {
    day,
    ward,
    district,
    wardNoun,
    row,
    ranked: rankedCount(ranksOnDay(siblings, table, day, "coverage")),
    withheld: {
      rankDay: row.rankChangeDay === null ? rankReason(1) : null,
      rankWeek: row.rankChangeWeek === null ? rankReason(7) : null,
    },
    forecast: forecastToTarget({
      pace: paceAt(newInstalls, day),
      day,
      installs: row.figure?.installs ?? null,
      smartphones: row.figure?.smartphones ?? null,
      targetBasisPoints: wardTargets.coverage?.basisPoints ?? null,
    }),
    charts: {
      coverageTarget: targetLine(wardTargets.coverage),
      coverageTrend: coverageTrendData(table, [ward, district], window, wardNoun),
      newInstalls: newInstallsData(newInstallsTrend(newInstalls, window)),
      qrActivity: qrActivityData(table, ward.code, window, wardNoun),
      rankHistory: rankHistoryData(rankHistory(siblings, table, ward.code, window, "coverage"), whyUnranked),
      rankOutOf: siblings.length,
    },
    chartText: {
      coverageTarget: targetLineText(wardTargets.coverage),
      coverageTrend: coverageTrendText(table, [ward, district], window, wardNoun),
      newInstalls: newInstallsText(newInstallsTrend(newInstalls, window)),
      qrActivity: qrActivityText(table, ward.code, window, wardNoun),
      rankHistory: rankHistoryText(rankHistory(siblings, table, ward.code, window, "coverage"), whyUnrankedText),
    },
  };
}

/** The words the ward page speaks in, from the units' types (a xã or thị trấn reads right). */
export type WardWords = {
  /** what the ward itself is: "phường", "xã", "thị trấn" ("đơn vị" when its type is not known) */
  readonly own: string;
  /** what the district's wards are called: "phường", "xã, thị trấn" (counts, "k/n phường") */
  readonly siblings: ChildNoun;
  /** what the ward ranked above it is called: the siblings' one type, else "đơn vị" */
  readonly above: string;
};

const UNKNOWN_UNIT = "đơn vị";

/**
 * One of wardWords' nouns ("phường", "xã", "đơn vị") as a message: Vietnamese as written, English
 * "ward" ("unit" for "đơn vị"), since the GSO types have no settled English names.
 */
export function wardWordText(noun: string): Message {
  return noun === UNKNOWN_UNIT ? msg("domain.wardWords.unit") : msg("domain.wardWords.one", { noun });
}

export function wardWords(ownType: string | null, siblings: ChildNoun): WardWords {
  const single = (noun: string) => noun.trim() !== "" && !noun.includes(",");
  const own = unitNoun([ownType], "WARD");
  return { own: single(own) ? own : UNKNOWN_UNIT, siblings, above: single(siblings) ? siblings : UNKNOWN_UNIT };
}
