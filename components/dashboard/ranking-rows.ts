import "server-only";
import { createSharedTranslator } from "@/i18n/translator";
import type { Locale } from "@/i18n/locales";
import { CATALOGS } from "@/messages/catalog";
import { standingNoteText } from "@/lib/domain/chart-data";
import { hasReported, isPartPartial, type FigureWithParts, type PartOrigin } from "@/lib/domain/completeness";
import { rankChangeText, shortUnitName, type ChildNoun } from "@/lib/domain/dashboard-format";
import { figureFormats, MISSING_PLACEHOLDER } from "@/lib/domain/format";
import { renderMessage, type Message, type Translate } from "@/lib/domain/message";
import type { RankMetric, RankStanding } from "@/lib/domain/rank-metric";
import type { TargetStatus } from "@/lib/domain/targets";
import type { RankingRow } from "@/lib/domain/unit-ranking";
import { localNoun } from "./local-noun";
import type { RankChangeView, RankingRowView } from "./ranking-table-view";

// A ranking's rows as plain values in the reader's language (issue 15), for the table drawn by
// RankingTableView (ranking-table.tsx) and, for the row details a page loads when first opened,
// for its chart-data route (app/api/charts/overview).

/** The groups a ranking is split into, in order; ranked units have no heading of their own. */
export const GROUPS: readonly RankStanding[] = ["ranked", "partial", "no-denominator", "missing"];

/**
 * The table's words and formats in `locale`, made once per table and handed to its rows (the
 * rows are plain functions: a ranking has many). `noun` turns a children's noun into the
 * interface's language; `page` holds the shared words (not reported, no smartphones…). Translated
 * from the catalog directly (no request context): the page and its chart-data route both use it.
 */
export function tableWords(locale: Locale) {
  const messages = CATALOGS[locale];
  const t = createSharedTranslator({ locale, messages, namespace: "overview.ranking" });
  const page = createSharedTranslator({ locale, messages, namespace: "overview.page" });
  const metrics = createSharedTranslator({ locale, messages, namespace: "overview.sort.metrics" });
  // lib's sentences (rank changes, why a unit is not ranked) come as messages of the whole catalog
  const all = createSharedTranslator({ locale, messages });
  const translate: Translate = (key, values) => all(key as never, values as never);
  const text = (m: Message) => renderMessage(m, translate, locale);
  const f = figureFormats(locale);
  /** What is missing to a target or to pass the unit above (formatAmountNeeded in lib/domain/dashboard-format.ts). */
  const amount = (value: number | "unreachable" | null, unit?: string) =>
    value === null
      ? MISSING_PLACEHOLDER
      : value === "unreachable"
        ? page("amount.unreachable")
        : value === 0
          ? page("amount.reached")
          : unit
            ? t("amountUnit", { count: f.count(value), unit })
            : f.count(value);
  return { locale, t, page, metrics, f, amount, text, noun: (n: ChildNoun) => localNoun(n, locale) };
}

export type Words = ReturnType<typeof tableWords>;

/** `noun`: what the group's units count (their children, all of them said once); undefined when unknown. */
export function groupHeading(w: Words, standing: RankStanding, metric: RankMetric, noun: ChildNoun | undefined): string {
  const { t } = w;
  switch (standing) {
    case "ranked":
      return "";
    case "partial":
      return t("partialGroup", { noun: noun === undefined ? t("childrenFallback") : w.noun(noun) });
    case "no-denominator":
      return metric === "qrActive" ? t("noQrGroup") : t("noSmartphonesGroup");
    case "missing":
      return metric === "coverage" || metric === "installs" ? t("notReportedGroup") : t("noMetricGroup", { metric: w.metrics(metric).toLocaleLowerCase(w.locale) });
  }
}

/** "17/18 phường" of a sum (formatPartCount in lib/domain/dashboard-format.ts); null for an own figure. */
function partCount(w: Words, origin: PartOrigin | null, noun: ChildNoun): string | null {
  return origin !== null && origin.kind === "sum" ? w.t("partCount", { counted: w.f.count(origin.counted), total: w.f.count(origin.total), noun: w.noun(noun) }) : null;
}

/** A partial sum's note ("chưa đủ: 17/18 phường"), or the bare "chưa đủ số liệu" when its count is unknown. */
function partialNote(w: Words, origin: PartOrigin | null, noun: ChildNoun | undefined): string {
  const count = noun === undefined ? null : partCount(w, origin, noun);
  return count ? w.t("partialNote", { count }) : w.t("incomplete");
}

/** The share of the bar a value fills: a rate is its own percentage, a count is relative to the largest shown. */
function barShare(r: RankingRow, metric: RankMetric, largest: number): number | null {
  const v = r.value;
  if (v === null) return null;
  const share = typeof v === "number" ? (largest > 0 ? v / largest : 0) : v.den > 0 ? v.num / v.den : 0;
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}

/** The ranked value of a row, as shown: the metric's figure (null: not reported), its notes and its target status. */
function metricValue(w: Words, r: RankingRow, metric: RankMetric, noun: ChildNoun | undefined): [string | null, string[], TargetStatus | null] {
  const f = r.figure;
  const { page } = w;
  const { count, percent } = w.f;
  if (f === null || (!hasReported(f) && (metric === "coverage" || metric === "installs"))) return [null, [], null];
  const notes = (...lines: (string | false)[]) => lines.filter((l): l is string => l !== false);
  switch (metric) {
    case "coverage":
      return [
        percent(r.coverage),
        notes(f.smartphones === 0 && page("noSmartphones"), isPartPartial(f, "coverage") && partialNote(w, r.origin, noun)),
        r.coverageStatus,
      ];
    case "installs":
      return [count(f.installs), notes(isPartPartial(f, "coverage") && partialNote(w, r.origin, noun)), null];
    case "qrActive":
      return [
        percent(r.qrActive),
        notes(f.qrVenues === 0 && page("noQrVenues"), isPartPartial(f, "qr") && partialNote(w, f.parts?.qr ?? null, noun)),
        r.qrActiveStatus,
      ];
    case "scans":
      return [count(f.scans), notes(isPartPartial(f, "scans") && partialNote(w, f.parts?.scans ?? null, noun)), null];
  }
}

/** " (chưa đạt)": a target status in words, for the details line. */
function statusWords(w: Words, status: TargetStatus | null): string {
  return status === null ? "" : w.t("statusWords", { status: w.t(`status.${status}`).toLocaleLowerCase(w.locale) });
}

/**
 * Every figure of the row that the columns do not show, one tap away, as one line of text (the
 * figures, then, for the phone, where the gap columns are not shown, the two gaps).
 */
function details(w: Words, r: RankingRow, f: FigureWithParts, metric: RankMetric, passUnit: string, noun: ChildNoun | undefined): string {
  const { t } = w;
  const { count, percent } = w.f;
  const scansPartial = isPartPartial(f, "scans") ? t("scansPartial", { note: partialNote(w, f.parts?.scans ?? null, noun) }) : "";
  const items = [
    t("smartphones", { value: count(f.smartphones) }),
    t("installs", { value: count(f.installs) }),
    metric !== "coverage" ? t("coverage", { value: hasReported(f) ? percent(r.coverage) : t("notReported"), status: statusWords(w, r.coverageStatus) }) : null,
    t("qrVenues", { value: count(f.qrVenues) }),
    t("activeVenues", { value: count(f.activeVenues) }),
    metric !== "qrActive" ? t("qrActive", { value: percent(r.qrActive), status: statusWords(w, r.qrActiveStatus) }) : null,
    metric !== "scans" ? t("scans", { value: count(f.scans), partial: scansPartial }) : null,
    t("toTarget", { amount: w.amount(r.installsToTarget, t("passUnits.coverage")) }),
    t("toPass", { unit: r.above ? shortUnitName(r.above.name) : t("rankAbove"), amount: w.amount(r.toPassAbove, passUnit) }),
  ];
  return items.filter((item) => item !== null).join(" · ");
}

/** A rank change as the row shows it. */
const changeView = (w: Words, change: number | null): RankChangeView => [change, w.text(rankChangeText(change))];

/** One row as plain values for RankingTableView; `withDetails` false: its details are loaded when first opened. */
export function rowView(w: Words, r: RankingRow, metric: RankMetric, noun: ChildNoun | undefined, href: string, largest: number, withDetails: boolean): RankingRowView {
  const { t } = w;
  const whyText = r.standing === "ranked" ? null : standingNoteText(r, metric, noun ?? "đơn vị trực thuộc");
  const why = whyText ? w.text(whyText) : null;
  const originLine = noun && r.origin ? (r.origin.kind === "own" ? t("own") : t("sum", { count: partCount(w, r.origin, noun) ?? MISSING_PLACEHOLDER })) : null;
  const sub = r.standing === "partial" && why ? ([why, "note"] as const) : originLine ? ([originLine, "origin"] as const) : null;
  const f = r.figure;
  if (f === null) return [r.code, r.standing, r.rank, r.name, href, sub, null];
  const passUnit = t(`passUnits.${metric}`);
  const [value, notes, status] = metricValue(w, r, metric, noun);
  return [
    r.code,
    r.standing,
    r.rank,
    r.name,
    href,
    sub,
    [
      value,
      notes,
      status,
      barShare(r, metric, largest),
      changeView(w, r.rankChangeDay),
      changeView(w, r.rankChangeWeek),
      w.amount(r.installsToTarget),
      w.amount(r.toPassAbove),
      r.above && r.toPassAbove !== null ? t("pass", { unit: shortUnitName(r.above.name) }) : null,
      withDetails ? details(w, r, f, metric, passUnit, noun) : null,
    ],
  ];
}

/**
 * Every row's details ("Chi tiết") by unit code, for a table that loads them when first opened:
 * the same words as a table that shows them inline, in `locale`. `noun` as for RankingTable.
 */
export function rankingDetails(locale: Locale, rows: readonly RankingRow[], metric: RankMetric, noun?: (code: string) => ChildNoun): Record<string, string> {
  const w = tableWords(locale);
  const passUnit = w.t(`passUnits.${metric}`);
  const out: Record<string, string> = {};
  for (const r of rows) if (r.figure !== null) out[r.code] = details(w, r, r.figure, metric, passUnit, noun?.(r.code));
  return out;
}
