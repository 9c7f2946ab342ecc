// Data for the charts, shaped here so that chart components only draw. Every point carries the
// number to draw (floats are fine for pixels) and the label to show (formatted from the exact
// value), so a chart's tooltip, its table view and the KPI cards always print the same digits.

import type { FigurePart, PartOrigin } from "./completeness.ts";
import { hasReported, isPartPartial, partOrigin } from "./completeness.ts";
import type { ChildNoun, NounFor } from "./dashboard-format.ts";
import { formatOrigin, formatPartCount, formatStanding, NO_QR_VENUES_LABEL, NO_SMARTPHONES_LABEL, nounFor, originText, standingText } from "./dashboard-format.ts";
import { msg, type Message, type MessageArg } from "./message.ts";
import type { IsoDay } from "./days.ts";
import type { FigureTable } from "./figure-table.ts";
import { figureOn } from "./figure-table.ts";
import type { FigureValues } from "./figures.ts";
import { formatCount, formatDay, formatDayShort, formatPercent, MISSING_PLACEHOLDER, NOT_REPORTED_LABEL } from "./format.ts";
import { coverageRate, paceRounded, paceToNumber, qrActiveRate } from "./metrics.ts";
import type { NamedUnit } from "./overview.ts";
import type { RankMetric, RankStanding } from "./rank-metric.ts";
import { formatMetricValue, isRateMetric, metricChartNumber, rawMetricValue } from "./rank-metric.ts";
import type { Ratio } from "./ratio.ts";
import { ratioToPercentHundredths } from "./ratio.ts";
import type { ResolvedTarget, TargetStatus } from "./targets.ts";
import { TARGET_STATUS_LABELS } from "./targets.ts";
import type { NewInstallsPoint, RankPoint } from "./trends.ts";
import type { RankingRow } from "./unit-ranking.ts";

/** A rate as a percentage number with two decimals (rounded half-up like its label), for drawing. */
export function percentNumber(rate: Ratio | null): number | null {
  if (rate === null) return null;
  const hundredths = ratioToPercentHundredths(rate);
  return hundredths === null ? null : hundredths / 100;
}

/** A target line: where to draw it (percent) and what to call it. */
export type TargetLine = { readonly value: number; readonly label: string };

export function targetLine(target: ResolvedTarget | null): TargetLine | null {
  if (target === null) return null;
  return { value: target.basisPoints / 100, label: `Mục tiêu ${formatPercent({ num: target.basisPoints, den: 10_000 })}` };
}

export type DayLabels = { readonly day: IsoDay; readonly dayLabel: string; readonly dayShort: string };

function dayLabels(day: IsoDay): DayLabels {
  return { day, dayLabel: formatDay(day), dayShort: formatDayShort(day) };
}

// ── ranking bar chart ────────────────────────────────────────────────────────────────────────

export type RankingBarDatum = {
  readonly code: string;
  readonly name: string;
  /** drawn only for ranked units: a partial sum, a zero denominator or a missing figure gets no bar */
  readonly value: number | null;
  readonly valueLabel: string;
  readonly rankLabel: string;
  readonly status: TargetStatus | null;
  /** the verdict against the target, or why the unit is not ranked ("chưa đủ số liệu, 17/18 phường") */
  readonly statusLabel: string;
  readonly standing: RankStanding;
  /** for a sum of children: how many it counts ("18/18 phường"); null for an own figure */
  readonly countLabel: string | null;
  readonly highlighted: boolean;
};

/** What a row of a ranking needs to say why it is not ranked (RankingRow has it). */
export type StandingRow = {
  readonly standing: RankStanding;
  readonly origin: PartOrigin | null;
  readonly figure: FigureValues | null;
};

/**
 * The value of a row as shown beside a ranking: the ranked value; a partial sum's own value (the
 * row says it is partial); "—" for a zero denominator; "chưa báo cáo" without a figure.
 */
export function standingValueLabel(row: StandingRow & { readonly value: unknown }, metric: RankMetric): string {
  switch (row.standing) {
    case "ranked":
    case "partial":
      return formatMetricValue(rawMetricValue(row.figure, metric));
    case "no-denominator":
      return MISSING_PLACEHOLDER;
    case "missing":
      return hasReported(row.figure) ? MISSING_PLACEHOLDER : NOT_REPORTED_LABEL;
  }
}

/**
 * Why a row is not ranked, in words (null when it is). A ward with figures but none for the metric
 * "chưa có số liệu". `noun` names the children the row's sum counts (its own: "xã, thị trấn").
 */
export function standingNote(row: StandingRow, metric: RankMetric, noun: ChildNoun): string | null {
  if (row.standing === "missing" && hasReported(row.figure)) return NO_METRIC_DATA_LABEL;
  return formatStanding(row.standing, row.origin, metric, noun);
}

/** standingNote as a message, for the interface in its language. */
export function standingNoteText(row: StandingRow, metric: RankMetric, noun: ChildNoun): Message | null {
  if (row.standing === "missing" && hasReported(row.figure)) return msg("domain.dashboard.standing.noMetricData");
  return standingText(row.standing, row.origin, metric, noun);
}

/** A unit that reported (it has coverage figures) but has none for the metric ranked, e.g. scans. */
export const NO_METRIC_DATA_LABEL = "chưa có số liệu";

/**
 * One bar per unit, in ranking order. Only ranked units get a bar; the others keep a row in the
 * table view that says why: "chưa đủ số liệu, 17/18 phường", "không có điện thoại thông minh",
 * "chưa báo cáo". `noun` names the children a sum counts: one for all rows, or each row's own (a
 * city's districts count "phường" or "xã, thị trấn").
 */
export function rankingBarData(rows: readonly RankingRow[], metric: RankMetric, noun: NounFor, highlightCode?: string): RankingBarDatum[] {
  return rows.map((row) => {
    const rowNoun = nounFor(noun, row.code);
    const status = rowStatus(row, metric);
    return {
      code: row.code,
      name: row.name,
      value: row.standing === "ranked" ? metricChartNumber(row.value) : null,
      valueLabel: standingValueLabel(row, metric),
      rankLabel: row.rank === null ? MISSING_PLACEHOLDER : String(row.rank),
      status,
      statusLabel: status !== null ? TARGET_STATUS_LABELS[status] : (standingNote(row, metric, rowNoun) ?? MISSING_PLACEHOLDER),
      standing: row.standing,
      countLabel: formatPartCount(row.origin, rowNoun),
      highlighted: row.code === highlightCode,
    };
  });
}

/** A row's verdict against the target of `metric` (counts have none). */
function rowStatus(row: RankingRow, metric: RankMetric): TargetStatus | null {
  return metric === "coverage" ? row.coverageStatus : metric === "qrActive" ? row.qrActiveStatus : null;
}

/** The target line a ranking by `metric` is drawn against (counts have none). */
export function rankingTargetLine(metric: RankMetric, targets: { coverage: ResolvedTarget | null; qrActive: ResolvedTarget | null }): TargetLine | null {
  if (!isRateMetric(metric)) return null;
  return targetLine(metric === "coverage" ? targets.coverage : targets.qrActive);
}

// ── coverage trend lines ────────────────────────────────────────────────────────────────────

export type TrendSeries = { readonly key: string; readonly name: string };

export type CoverageTrendDatum = DayLabels & {
  /** percent by series key, drawn as the line: whole figures only (null where unknown or partial) */
  readonly values: Readonly<Record<string, number | null>>;
  /** percent of a partial sum, drawn apart (a hollow point, not joined to the line); else null */
  readonly partialValues: Readonly<Record<string, number | null>>;
  readonly labels: Readonly<Record<string, string>>;
  /** for a sum of children, how many it counts ("18/18 phường"); null for an own figure or none */
  readonly counts: Readonly<Record<string, string | null>>;
};

/** A figure's coverage rate for a chart's label: the rate, why there is none, or "chưa báo cáo". */
function coverageLabel(figure: FigureValues | null, origin: PartOrigin | null, noun: ChildNoun): string {
  if (figure === null || origin === null) return NOT_REPORTED_LABEL;
  const rate = coverageRate(figure);
  if (rate === null) return NO_SMARTPHONES_LABEL;
  const partial = origin.kind === "sum" && origin.counted < origin.total;
  return partial ? `${formatPercent(rate)} (${formatOrigin(origin, noun)})` : formatPercent(rate);
}

/** `noun` names the children a series' sum counts (the district's wards), one for all series or each its own. */
export function coverageTrendData(
  table: FigureTable,
  units: readonly NamedUnit[],
  window: readonly IsoDay[],
  noun: NounFor,
): { series: TrendSeries[]; rows: CoverageTrendDatum[] } {
  return {
    series: units.map((u) => ({ key: u.code, name: u.name })),
    rows: window.map((day) => {
      const values: Record<string, number | null> = {};
      const partialValues: Record<string, number | null> = {};
      const labels: Record<string, string> = {};
      const counts: Record<string, string | null> = {};
      for (const unit of units) {
        const figure = figureOn(table, unit.code, day);
        const origin = partOrigin(figure, "coverage");
        const drawn = percentNumber(figure && origin ? coverageRate(figure) : null);
        const partial = isPartPartial(figure, "coverage");
        values[unit.code] = partial ? null : drawn;
        partialValues[unit.code] = partial ? drawn : null;
        labels[unit.code] = coverageLabel(figure, origin, nounFor(noun, unit.code));
        counts[unit.code] = formatPartCount(origin, nounFor(noun, unit.code));
      }
      return { ...dayLabels(day), values, partialValues, labels, counts };
    }),
  };
}

/** The series of a trend that are sums of children on some day: their table view says how many each day counts. */
export function summedSeries(series: readonly TrendSeries[], rows: readonly CoverageTrendDatum[]): TrendSeries[] {
  return series.filter((s) => rows.some((r) => r.counts[s.key] !== null && r.counts[s.key] !== undefined));
}

/** True when some point of a trend is a partial sum (the chart then says how it marks them). */
export function hasPartialPoints(rows: readonly CoverageTrendDatum[]): boolean {
  return rows.some((r) => Object.values(r.partialValues).some((v) => v !== null));
}

/** The note a chart with partial days carries, like the UK coronavirus dashboard's incomplete recent days. */
export const PARTIAL_DAYS_NOTE =
  "Ngày chưa đủ số liệu (tổng chỉ gồm một phần các đơn vị trực thuộc) được vẽ nhạt hơn, không nối vào đường, và ghi rõ trong bảng số liệu.";

// ── new installs and their 7-day average ────────────────────────────────────────────────────

export type NewInstallsDatum = DayLabels & {
  readonly newInstalls: number | null;
  readonly newInstallsLabel: string;
  readonly average: number | null;
  readonly averageLabel: string;
  /** the day's figure is a partial sum: the bar is drawn lighter and the table says so */
  readonly partial: boolean;
  /** "chưa đủ số liệu: 17/18 phường" on a partial day; else null */
  readonly note: string | null;
};

/** How a unit's figure of each day was made, and what its sums count. */
export type DayOrigins = { readonly on: (day: IsoDay) => PartOrigin | null; readonly noun: ChildNoun };

/** The origin of the day's figure when it is a partial sum; else null. */
function partialOn(day: IsoDay, origins: DayOrigins | undefined): PartOrigin | null {
  const origin = origins?.on(day) ?? null;
  return origin !== null && origin.kind === "sum" && origin.counted < origin.total ? origin : null;
}

/**
 * `origins.on` tells how the unit's coverage figure of a day was made (for a district, a sum of
 * k/n wards, `origins.noun`): a day whose sum is partial is marked. Without it, no day is.
 */
export function newInstallsData(
  points: readonly NewInstallsPoint[],
  origins?: DayOrigins,
): NewInstallsDatum[] {
  return points.map((p) => {
    const origin = partialOn(p.day, origins);
    const partial = origin !== null;
    return {
      ...dayLabels(p.day),
      newInstalls: p.newInstalls,
      newInstallsLabel: formatCount(p.newInstalls),
      average: p.average === null ? null : paceToNumber(p.average),
      averageLabel: p.average === null ? MISSING_PLACEHOLDER : formatCount(paceRounded(p.average)),
      partial,
      note: partial && origins ? formatOrigin(origin, origins.noun) : null,
    };
  });
}

/** How a unit's `part` was made on each day, for newInstallsData and the like. */
export function originsOf(table: FigureTable, unitCode: string, part: FigurePart): (day: IsoDay) => PartOrigin | null {
  return (day) => partOrigin(figureOn(table, unitCode, day), part);
}

// ── QR venues with scans and scans per day ─────────────────────────────────────────────────

export type QrActivityDatum = DayLabels & {
  readonly activeVenues: number | null;
  readonly activeVenuesLabel: string;
  readonly qrVenuesLabel: string;
  readonly activeRate: number | null;
  readonly activeRateLabel: string;
  readonly scans: number | null;
  readonly scansLabel: string;
  /** the venue figures are a partial sum: the bar is drawn lighter */
  readonly venuesPartial: boolean;
  /** scans drawn on the line (whole figures only) and apart (a partial sum) */
  readonly scansWhole: number | null;
  readonly scansPartial: number | null;
  /** for sums: how many children the venue figures and the scans count ("18/18 phường"); null otherwise */
  readonly venuesCountLabel: string | null;
  readonly scansCountLabel: string | null;
  /** what is partial that day, in words; null when nothing is */
  readonly note: string | null;
};

/** `noun` names the children the unit's sums count ("phường", "xã, thị trấn"). */
export function qrActivityData(table: FigureTable, unitCode: string, window: readonly IsoDay[], noun: ChildNoun): QrActivityDatum[] {
  return window.map((day) => {
    const f = figureOn(table, unitCode, day);
    const rate = f ? qrActiveRate(f) : null;
    const qrOrigin = partOrigin(f, "qr");
    const scansOrigin = partOrigin(f, "scans");
    const venuesPartial = isPartPartial(f, "qr");
    const scansPartial = isPartPartial(f, "scans");
    const notes = [
      venuesPartial ? `địa điểm: ${formatOrigin(qrOrigin, noun)}` : null,
      scansPartial ? `lượt quét: ${formatOrigin(scansOrigin, noun)}` : null,
    ].filter((n): n is string => n !== null);
    return {
      ...dayLabels(day),
      activeVenues: f?.activeVenues ?? null,
      activeVenuesLabel: f === null ? NOT_REPORTED_LABEL : formatCount(f.activeVenues),
      qrVenuesLabel: formatCount(f?.qrVenues ?? null),
      activeRate: percentNumber(rate),
      activeRateLabel: f?.qrVenues === 0 ? NO_QR_VENUES_LABEL : formatPercent(rate),
      scans: f?.scans ?? null,
      scansLabel: formatCount(f?.scans ?? null),
      venuesPartial,
      scansWhole: scansPartial ? null : (f?.scans ?? null),
      scansPartial: scansPartial ? (f?.scans ?? null) : null,
      venuesCountLabel: formatPartCount(qrOrigin, noun),
      scansCountLabel: formatPartCount(scansOrigin, noun),
      note: notes.length > 0 ? `chưa đủ số liệu (${notes.join("; ")})` : null,
    };
  });
}

// ── rank history ────────────────────────────────────────────────────────────────────────────

export type RankHistoryDatum = DayLabels & { readonly rank: number | null; readonly rankLabel: string };

/**
 * Rank labels "3/17" (rank / units ranked that day). An unranked day says why when `whyUnranked`
 * knows ("không có điện thoại thông minh"), else "chưa báo cáo".
 */
export function rankHistoryData(points: readonly RankPoint[], whyUnranked?: (day: IsoDay) => string | null): RankHistoryDatum[] {
  return points.map((p) => ({
    ...dayLabels(p.day),
    rank: p.rank,
    rankLabel: p.rank === null ? (whyUnranked?.(p.day) ?? NOT_REPORTED_LABEL) : `${p.rank}/${p.ranked}`,
  }));
}

// ── tile map ────────────────────────────────────────────────────────────────────────────────

/** Shades of a count scale, light to dark: 0 = lowest fifth of the ranked units, 4 = top fifth. */
export type Shade = 0 | 1 | 2 | 3 | 4;

export type TileDatum = {
  readonly code: string;
  readonly name: string;
  readonly valueLabel: string;
  readonly rankLabel: string;
  /** a rate with a target is coloured by traffic light; otherwise by shade; null when missing */
  readonly status: TargetStatus | null;
  readonly shade: Shade | null;
  readonly statusLabel: string;
};

/** Rank 1 is the darkest shade (4) and the last ranked the lightest (0), spread evenly between. */
export function shadeOf(rank: number, ranked: number): Shade {
  if (ranked <= 1) return 4;
  const band = Math.round(((ranked - rank) * 4) / (ranked - 1));
  return Math.min(4, Math.max(0, band)) as Shade;
}

/**
 * Tiles of the wards (in the given order, e.g. by code) coloured by the chosen metric. A ward
 * without a rank says why ("chưa báo cáo" only for a ward without coverage figures, see
 * completeness.ts hasReported; "không có điện thoại thông minh" for 0 smartphones).
 */
export function tileMapData(rows: readonly RankingRow[], metric: RankMetric, order: readonly NamedUnit[], noun: NounFor): TileDatum[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const ranked = rows.filter((r) => r.rank !== null).length;
  return order.flatMap((unit) => {
    const row = byCode.get(unit.code);
    if (!row) return [];
    const status = rowStatus(row, metric);
    const shade = status === null && row.rank !== null ? shadeOf(row.rank, ranked) : null;
    const why = standingNote(row, metric, nounFor(noun, row.code));
    return [
      {
        code: row.code,
        name: row.name,
        valueLabel: standingValueLabel(row, metric),
        rankLabel: row.rank === null ? MISSING_PLACEHOLDER : `hạng ${row.rank}`,
        status,
        shade,
        statusLabel: status !== null ? TARGET_STATUS_LABELS[status] : row.rank === null ? (why ?? NOT_REPORTED_LABEL) : `hạng ${row.rank}/${ranked}`,
      },
    ];
  });
}

// ── the same labels as messages, for the chart-data routes in the reader's language ─────────────
// The figure cache shares a page's chart data between readers, so the builders above keep their
// Vietnamese labels (pages, the district report PDF) and the ones below give the same labels as
// messages (lib/domain/message.ts), point for point: a chart-data route renders them per request
// (app/api/charts/chart-labels.ts). Day labels need none: they come from each point's `day`.

const plain = (value: MessageArg): Message => msg("domain.plain", { value });
const count = (n: number | null): Message => plain({ count: n });
const MISSING_TEXT = plain(MISSING_PLACEHOLDER);
const NOT_REPORTED_TEXT = msg("domain.dashboard.standing.missing");

/** formatPartCount as a message: "17/18 phường" / "17/18 wards". */
export function partCountText(origin: PartOrigin | null, noun: ChildNoun): Message | null {
  return origin !== null && origin.kind === "sum"
    ? msg("domain.charts.partCount", { counted: { count: origin.counted }, total: { count: origin.total }, noun: { noun } })
    : null;
}

/** targetLine's label as a message: "Mục tiêu 60,00%" / "Target 60.00%". */
export function targetLineText(target: ResolvedTarget | null): Message | null {
  return target === null ? null : msg("domain.charts.target", { value: { basisPoints: target.basisPoints } });
}

/** rankingTargetLine's label as a message. */
export function rankingTargetText(metric: RankMetric, targets: { coverage: ResolvedTarget | null; qrActive: ResolvedTarget | null }): Message | null {
  if (!isRateMetric(metric)) return null;
  return targetLineText(metric === "coverage" ? targets.coverage : targets.qrActive);
}

/** standingValueLabel as a message. */
export function standingValueText(row: StandingRow & { readonly value: unknown }, metric: RankMetric): Message {
  switch (row.standing) {
    case "ranked":
    case "partial": {
      const value = rawMetricValue(row.figure, metric);
      return value === null ? MISSING_TEXT : typeof value === "number" ? count(value) : plain({ percent: value });
    }
    case "no-denominator":
      return MISSING_TEXT;
    case "missing":
      return hasReported(row.figure) ? MISSING_TEXT : NOT_REPORTED_TEXT;
  }
}

function statusText(status: TargetStatus): Message {
  return msg(`domain.charts.status.${status}`);
}

/** The labels of rankingBarData's bars (in the same order) as messages. */
export type RankingBarText = { readonly valueLabel: Message; readonly statusLabel: Message; readonly countLabel: Message | null };

export function rankingBarText(rows: readonly RankingRow[], metric: RankMetric, noun: NounFor): RankingBarText[] {
  return rows.map((row) => {
    const rowNoun = nounFor(noun, row.code);
    const status = rowStatus(row, metric);
    return {
      valueLabel: standingValueText(row, metric),
      statusLabel: status !== null ? statusText(status) : (standingNoteText(row, metric, rowNoun) ?? MISSING_TEXT),
      countLabel: partCountText(row.origin, rowNoun),
    };
  });
}

/** The labels of tileMapData's tiles (in the same order) as messages. */
export type TileText = { readonly valueLabel: Message; readonly rankLabel: Message; readonly statusLabel: Message };

export function tileMapText(rows: readonly RankingRow[], metric: RankMetric, order: readonly NamedUnit[], noun: NounFor): TileText[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const ranked = rows.filter((r) => r.rank !== null).length;
  return order.flatMap((unit) => {
    const row = byCode.get(unit.code);
    if (!row) return [];
    const status = rowStatus(row, metric);
    const rank = row.rank;
    return [
      {
        valueLabel: standingValueText(row, metric),
        rankLabel: rank === null ? MISSING_TEXT : msg("domain.charts.rank", { rank: { count: rank } }),
        statusLabel:
          status !== null
            ? statusText(status)
            : rank === null
              ? (standingNoteText(row, metric, nounFor(noun, row.code)) ?? NOT_REPORTED_TEXT)
              : msg("domain.charts.rankOf", { rank: { count: rank }, ranked: { count: ranked } }),
      },
    ];
  });
}

/** coverageLabel as a message. */
function coverageText(figure: FigureValues | null, origin: PartOrigin | null, noun: ChildNoun): Message {
  if (figure === null || origin === null) return NOT_REPORTED_TEXT;
  const rate = coverageRate(figure);
  if (rate === null) return msg("domain.dashboard.standing.noSmartphones");
  const partial = origin.kind === "sum" && origin.counted < origin.total;
  const originMessage = originText(origin, noun);
  return partial && originMessage !== null
    ? msg("domain.charts.withOrigin", { value: { percent: rate }, origin: { message: originMessage } })
    : plain({ percent: rate });
}

/** The labels of coverageTrendData's rows (by day, in the same order) as messages. */
export type CoverageTrendText = {
  readonly labels: Readonly<Record<string, Message>>;
  readonly counts: Readonly<Record<string, Message | null>>;
};

export function coverageTrendText(table: FigureTable, units: readonly NamedUnit[], window: readonly IsoDay[], noun: NounFor): CoverageTrendText[] {
  return window.map((day) => {
    const labels: Record<string, Message> = {};
    const counts: Record<string, Message | null> = {};
    for (const unit of units) {
      const figure = figureOn(table, unit.code, day);
      const origin = partOrigin(figure, "coverage");
      labels[unit.code] = coverageText(figure, origin, nounFor(noun, unit.code));
      counts[unit.code] = partCountText(origin, nounFor(noun, unit.code));
    }
    return { labels, counts };
  });
}

/** The labels of newInstallsData's points (in the same order) as messages. */
export type NewInstallsText = { readonly newInstallsLabel: Message; readonly averageLabel: Message; readonly note: Message | null };

export function newInstallsText(
  points: readonly NewInstallsPoint[],
  origins?: DayOrigins,
): NewInstallsText[] {
  return points.map((p) => {
    const origin = partialOn(p.day, origins);
    const partial = origin !== null;
    return {
      newInstallsLabel: count(p.newInstalls),
      averageLabel: p.average === null ? MISSING_TEXT : count(paceRounded(p.average)),
      note: partial && origins ? originText(origin, origins.noun) : null,
    };
  });
}

/** The labels of qrActivityData's points (in the same order) as messages. */
export type QrActivityText = {
  readonly activeVenuesLabel: Message;
  readonly qrVenuesLabel: Message;
  readonly activeRateLabel: Message;
  readonly scansLabel: Message;
  readonly venuesCountLabel: Message | null;
  readonly scansCountLabel: Message | null;
  readonly note: Message | null;
};

export function qrActivityText(table: FigureTable, unitCode: string, window: readonly IsoDay[], noun: ChildNoun): QrActivityText[] {
  return window.map((day) => {
    const f = figureOn(table, unitCode, day);
    const qrOrigin = partOrigin(f, "qr");
    const scansOrigin = partOrigin(f, "scans");
    const part = (key: string, origin: PartOrigin | null): Message => msg(key, { origin: { message: originText(origin, noun) ?? MISSING_TEXT } });
    const notes = [
      isPartPartial(f, "qr") ? part("domain.charts.venuesNote", qrOrigin) : null,
      isPartPartial(f, "scans") ? part("domain.charts.scansNote", scansOrigin) : null,
    ].filter((n): n is Message => n !== null);
    return {
      activeVenuesLabel: f === null ? NOT_REPORTED_TEXT : count(f.activeVenues),
      qrVenuesLabel: count(f?.qrVenues ?? null),
      activeRateLabel: f?.qrVenues === 0 ? msg("domain.dashboard.standing.noQrVenues") : plain({ percent: f ? qrActiveRate(f) : null }),
      scansLabel: count(f?.scans ?? null),
      venuesCountLabel: partCountText(qrOrigin, noun),
      scansCountLabel: partCountText(scansOrigin, noun),
      note: notes.length > 0 ? msg("domain.charts.partialNote", { notes: { list: notes, join: "semicolon" } }) : null,
    };
  });
}

/** The labels of rankHistoryData's points (in the same order) as messages; `whyUnranked` as in rankHistoryData. */
export function rankHistoryText(points: readonly RankPoint[], whyUnranked?: (day: IsoDay) => Message | null): { readonly rankLabel: Message }[] {
  return points.map((p) => ({
    rankLabel:
      p.rank === null
        ? (whyUnranked?.(p.day) ?? NOT_REPORTED_TEXT)
        : msg("domain.charts.rankOutOf", { rank: { count: p.rank }, ranked: { count: p.ranked } }),
  }));
}

/** A page's chart labels as messages, beside its charts (each part for the chart of the same name). */
export type ChartText = {
  readonly ranking?: readonly RankingBarText[];
  readonly rankingTarget?: Message | null;
  readonly coverageTarget?: Message | null;
  readonly coverageTrend?: readonly CoverageTrendText[];
  readonly newInstalls?: readonly NewInstallsText[];
  readonly qrActivity?: readonly QrActivityText[];
  readonly rankHistory?: readonly { readonly rankLabel: Message }[];
  readonly tiles?: readonly TileText[];
};
