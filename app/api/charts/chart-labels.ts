import "server-only";
import { createSharedTranslator } from "@/i18n/translator";
import type { ChartPayload } from "@/components/charts/chart-payload";
import { localNoun } from "@/components/dashboard/local-noun";
import type { Locale } from "@/i18n/locales";
import type { ChartText, DayLabels } from "@/lib/domain/chart-data";
import { capitalizeNoun, type ChildNoun } from "@/lib/domain/dashboard-format";
import { figureFormats } from "@/lib/domain/format";
import { renderMessage, type Message, type Translate } from "@/lib/domain/message";
import { RANK_METRIC_LABELS, type RankMetric } from "@/lib/domain/rank-metric";
import { CATALOGS } from "@/messages/catalog";

// A chart-data answer in the reader's language. The figure cache shares a page's chart data
// between readers: its labels are Vietnamese (what the pages and the district report print), and
// beside them the same labels as messages (lib/domain/chart-data.ts, ChartText). Per request, a
// reader of Vietnamese gets the answer as it is; any other reader gets its labels rendered from
// the messages, its days and figures formatted for the language (docs/i18n.md).

/** The words of a ranking chart that the route itself chooses: what the units are, the metric. */
export type RankingWords = { readonly noun: ChildNoun; readonly metric: RankMetric };

function translator(locale: Locale): Translate {
  const all = createSharedTranslator({ locale, messages: CATALOGS[locale] });
  return (key, values) => all(key as never, values as never);
}

/** The unit column's header and the metric's name of a ranking, in `locale`. */
export function rankingWords(locale: Locale, words: RankingWords): { unitHeader: string; metricLabel: string } {
  if (locale === "vi") return { unitHeader: capitalizeNoun(words.noun), metricLabel: RANK_METRIC_LABELS[words.metric] };
  const metrics = createSharedTranslator({ locale, messages: CATALOGS[locale], namespace: "overview.sort.metrics" });
  return { unitHeader: capitalizeNoun(localNoun(words.noun, locale)), metricLabel: metrics(words.metric) };
}

/** `payload` (built from the cached, Vietnamese chart data) with its labels in `locale`, from `text`. */
export function localizeChartPayload(payload: Omit<ChartPayload, "words">, text: ChartText, locale: Locale): Omit<ChartPayload, "words"> {
  if (locale === "vi") return payload;
  const t = translator(locale);
  const f = figureFormats(locale);
  const r = (m: Message): string => renderMessage(m, t, locale);
  const maybe = (m: Message | null | undefined): string | null => (m === null || m === undefined ? null : r(m));
  const day = <T extends DayLabels>(row: T): T => ({ ...row, dayLabel: f.day(row.day), dayShort: f.dayShort(row.day) });
  /** the text of row i, or the row unchanged when the text does not line up (never a wrong label) */
  const each = <Row, Text>(rows: readonly Row[], texts: readonly Text[] | undefined, relabel: (row: Row, text: Text) => Row): Row[] =>
    rows.map((row, i) => {
      const x = texts?.length === rows.length ? texts[i] : undefined;
      return x === undefined ? row : relabel(row, x);
    });
  const target = <L extends { readonly label: string }>(line: L | null, m: Message | null | undefined): L | null =>
    line === null || m === null || m === undefined ? line : { ...line, label: r(m) };
  const { ranking, tiles, coverageTrend, newInstalls, qrActivity, rankHistory } = payload;
  return {
    ...payload,
    ...(ranking && {
      ranking: {
        ...ranking,
        target: target(ranking.target, text.rankingTarget),
        bars: each(ranking.bars, text.ranking, (b, x) => ({ ...b, valueLabel: r(x.valueLabel), statusLabel: r(x.statusLabel), countLabel: maybe(x.countLabel) })),
      },
    }),
    ...(tiles && {
      tiles: { ...tiles, tiles: each(tiles.tiles, text.tiles, (tile, x) => ({ ...tile, valueLabel: r(x.valueLabel), rankLabel: r(x.rankLabel), statusLabel: r(x.statusLabel) })) },
    }),
    ...(coverageTrend && {
      coverageTrend: {
        ...coverageTrend,
        target: target(coverageTrend.target, text.coverageTarget),
        rows: each(coverageTrend.rows, text.coverageTrend, (row, x) => ({
          ...day(row),
          labels: Object.fromEntries(Object.entries(x.labels).map(([k, m]) => [k, r(m)])),
          counts: Object.fromEntries(Object.entries(x.counts).map(([k, m]) => [k, maybe(m)])),
        })),
      },
    }),
    ...(newInstalls && {
      newInstalls: each(newInstalls, text.newInstalls, (row, x) => ({
        ...day(row),
        newInstallsLabel: r(x.newInstallsLabel),
        averageLabel: r(x.averageLabel),
        note: maybe(x.note),
      })),
    }),
    ...(qrActivity && {
      qrActivity: each(qrActivity, text.qrActivity, (row, x) => ({
        ...day(row),
        activeVenuesLabel: r(x.activeVenuesLabel),
        qrVenuesLabel: r(x.qrVenuesLabel),
        activeRateLabel: r(x.activeRateLabel),
        scansLabel: r(x.scansLabel),
        venuesCountLabel: maybe(x.venuesCountLabel),
        scansCountLabel: maybe(x.scansCountLabel),
        note: maybe(x.note),
      })),
    }),
    ...(rankHistory && {
      rankHistory: { ...rankHistory, rows: each(rankHistory.rows, text.rankHistory, (row, x) => ({ ...day(row), rankLabel: r(x.rankLabel) })) },
    }),
  };
}
