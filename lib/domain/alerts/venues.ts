// Rule family "venues": registered QR venues (status ACTIVE) with no scan for N days in a row
// (setting `alerts.dormantDays`, default 7: the window is the N days ending on the day), per ward
// and category; and wards where every such venue is dormant.
//
// No verdict without data:
// - Only venues registered on or before the window's first day are judged: a venue registered
//   fewer than N days ago cannot have been silent for N days (it is counted apart, "chưa đủ N ngày").
// - A ward is judged only when scan data covers every day of the window for it. Scan data covers
//   a day for a ward when
//     · a scan-log import covered it: the ward's imported figure (IMPORT) has a scan count, which
//       a scan-log import writes for every ward in its scope, 0 included, together with the
//       venue-level scans of that day; or
//     · its effective figure says it had no scan at all (hasZeroScans), so no venue had one; or
//     · the venue-level scans (`venue_day_scan`) have a scan at one of its venues that day.
//   A day with an unknown scan count and no venue-level scans, or with scans known only from a
//   ward's own report (say, counted by hand) and no venue-level scans, is not covered: an absent
//   venue-day there means "not loaded", not "no scan". The uncovered days are listed
//   (scanDataGapReason) so the pages can say why nothing was judged.
//
// Judged on the day itself only; the N-day window already says how long the venues have been
// silent, so these rules carry no streak and are not escalated.

import { addDays, dayRange, type IsoDay } from "../days.ts";
import { figureOn } from "../figure-table.ts";
import { formatCount, formatDay } from "../format.ts";
import { VENUE_CATEGORY_LABELS } from "../venue-activity.ts";
import { hasZeroScans } from "./scans.ts";
import type { AlertInput, AlertNumber, AlertRule, RuleHit, VenueCategoryCount, WardDayContext, WardRef } from "./types.ts";
import { msg, type Message, type MessageArg } from "../message.ts";
import { countNumber, nameInSentence } from "./wording.ts";

/** A venue category for the interface: its catalog word (domain.venueCategories), or the code when unknown. */
function categoryText(category: string, lower = false): MessageArg {
  if (VENUE_CATEGORY_LABELS[category] === undefined) return category;
  return { message: msg(`domain.venueCategories.${category}`, { lower: lower ? "yes" : "no" }) };
}

const CATEGORY_ORDER = Object.keys(VENUE_CATEGORY_LABELS);

function categoryLabel(category: string): string {
  return VENUE_CATEGORY_LABELS[category] ?? category;
}

/** The dormancy window of `day`: the `dormantDays` days ending on it. */
export function dormancyWindow(day: IsoDay, dormantDays: number): { from: IsoDay; to: IsoDay } {
  if (!Number.isSafeInteger(dormantDays) || dormantDays < 1) throw new RangeError(`dormantDays must be ≥ 1, got ${dormantDays}`);
  return { from: addDays(day, -(dormantDays - 1)), to: day };
}

/** The days of the dormancy window ending on `input.day` that scan data does not cover for the ward (see above). */
export function scanDataMissingDays(input: AlertInput, wardCode: string): IsoDay[] {
  const { from, to } = dormancyWindow(input.day, input.thresholds.dormantDays);
  const venueDays = input.venueScanDays.get(wardCode);
  const imported = input.imports.get(wardCode);
  const keptFrom = input.rawScansKeptFrom ?? null;
  const countsCover = (d: IsoDay) =>
    (keptFrom === null || d >= keptFrom) && ((imported?.get(d)?.scans ?? null) !== null || hasZeroScans(figureOn(input.figures, wardCode, d)));
  return dayRange(from, to).filter((d) => !countsCover(d) && !(venueDays?.has(d) ?? false));
}

export type VenueTotals = { registered: number; judged: number; dormant: number; active: number };

export function venueTotals(counts: readonly VenueCategoryCount[]): VenueTotals {
  const t: VenueTotals = { registered: 0, judged: 0, dormant: 0, active: 0 };
  for (const c of counts) {
    t.registered += c.registered;
    t.judged += c.judged;
    t.dormant += c.dormant;
    t.active += c.active;
  }
  return t;
}

/** What the dormancy rules could say about a ward on the day. */
export type VenueJudgement =
  /** judged: the counts are the verdict's (an alert or none) */
  | { readonly kind: "judged"; readonly counts: readonly VenueCategoryCount[] }
  /** no venue registered on or before the window's first day: nothing to judge, nothing to say */
  | { readonly kind: "nothing-to-judge" }
  /** venues to judge, but scan data does not cover these days of the window: no verdict */
  | { readonly kind: "missing-scan-data"; readonly missingDays: readonly IsoDay[] };

const judgements = new WeakMap<AlertInput, Map<string, VenueJudgement>>();

/** The dormancy judgement of a ward on `input.day` (computed once per ward and input). */
export function venueJudgement(input: AlertInput, wardCode: string): VenueJudgement {
  let byWard = judgements.get(input);
  if (!byWard) judgements.set(input, (byWard = new Map()));
  let judgement = byWard.get(wardCode);
  if (!judgement) {
    const counts = input.venues.get(wardCode) ?? [];
    if (venueTotals(counts).judged === 0) judgement = { kind: "nothing-to-judge" };
    else {
      const missingDays = scanDataMissingDays(input, wardCode);
      judgement = missingDays.length > 0 ? { kind: "missing-scan-data", missingDays } : { kind: "judged", counts };
    }
    byWard.set(wardCode, judgement);
  }
  return judgement;
}

/** "15/08/2021", "08/08/2021–13/08/2021, 15/08/2021": runs of consecutive days as ranges. */
export function formatDayList(days: readonly IsoDay[]): string {
  const sorted = [...days].sort();
  const runs: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === addDays(sorted[j] ?? "", 1)) j++;
    const first = sorted[i] ?? "";
    const last = sorted[j] ?? "";
    runs.push(i === j ? formatDay(first) : `${formatDay(first)}–${formatDay(last)}`);
    i = j + 1;
  }
  return runs.join(", ");
}

/**
 * Why a ward's venues were not judged, for the alert centre and the ward page: "Chưa đủ dữ liệu
 * quét để đánh giá địa điểm không hoạt động của phường Phúc Tân (7 ngày tính đến hết ngày
 * 14/08/2021): thiếu dữ liệu ngày 08/08/2021–13/08/2021."
 */
export function scanDataGapReason(ward: WardRef, day: IsoDay, dormantDays: number, missingDays: readonly IsoDay[]): string {
  return scanDataGapReasonVi(ward, day, dormantDays, missingDays);
}

/** scanDataGapReason for the interface, in its language. */
export function scanDataGapText(ward: WardRef, day: IsoDay, dormantDays: number, missingDays: readonly IsoDay[]): Message {
  return msg("domain.alerts.scanDataGap", { ward: { name: ward.name }, dormantDays, day: { day }, missing: { list: dayListText(missingDays), join: "comma" } });
}

/** formatDayList as messages: one per run of consecutive days. */
function dayListText(days: readonly IsoDay[]): Message[] {
  const sorted = [...days].sort();
  const runs: Message[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === addDays(sorted[j] ?? "", 1)) j++;
    const first = sorted[i] ?? "";
    const last = sorted[j] ?? "";
    runs.push(i === j ? msg("domain.dayRange.one", { day: { day: first } }) : msg("domain.dayRange.run", { from: { day: first }, to: { day: last } }));
    i = j + 1;
  }
  return runs;
}

function scanDataGapReasonVi(ward: WardRef, day: IsoDay, dormantDays: number, missingDays: readonly IsoDay[]): string {
  return (
    `Chưa đủ dữ liệu quét để đánh giá địa điểm không hoạt động của ${nameInSentence(ward.name)} ` +
    `(${dormantDays} ngày tính đến hết ngày ${formatDay(day)}): thiếu dữ liệu ngày ${formatDayList(missingDays)}.`
  );
}

function countsOf(ctx: WardDayContext): readonly VenueCategoryCount[] | null {
  // Judged on the day asked for only (never on the history days).
  if (ctx.day !== ctx.input.day) return null;
  const judgement = venueJudgement(ctx.input, ctx.ward.code);
  return judgement.kind === "judged" ? judgement.counts : null;
}

/** Every judged venue dormant and no venue of the ward (however new) scanned in the window. */
function allDormant(t: VenueTotals): boolean {
  return t.judged > 0 && t.dormant === t.judged && t.active === 0;
}

/** Categories with dormant venues, most dormant first (then in the register's order). */
function dormantByCategory(counts: readonly VenueCategoryCount[]): VenueCategoryCount[] {
  return counts
    .filter((c) => c.dormant > 0)
    .sort((a, b) => b.dormant - a.dormant || CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
}

/** The venues too new to judge, when there are any. */
function newVenuesNumber(t: VenueTotals, n: number): AlertNumber[] {
  return t.registered > t.judged ? [countNumber("judged", `Địa điểm đã tạo mã QR từ ${n} ngày trở lên`, t.judged, msg("domain.alerts.numbers.judged", { n }))] : [];
}

function evaluateAllDormant(ctx: WardDayContext): RuleHit | null {
  const counts = countsOf(ctx);
  if (counts === null) return null;
  const t = venueTotals(counts);
  if (!allDormant(t)) return null;
  const n = ctx.input.thresholds.dormantDays;
  const ward = nameInSentence(ctx.ward.name);
  const until = `trong ${n} ngày liên tiếp tính đến hết ngày ${formatDay(ctx.day)}`;
  return {
    severity: "critical",
    describe() {
      return {
        numbers: [
          countNumber("registered", "Địa điểm đã tạo mã QR", t.registered),
          ...newVenuesNumber(t, n),
          countNumber("dormantDays", "Số ngày không có lượt quét", n),
        ],
        sentence:
          t.registered === t.judged
            ? `Toàn bộ ${formatCount(t.registered)} địa điểm đã tạo mã QR của ${ward} không phát sinh lượt quét ${until}.`
            : `Toàn bộ ${formatCount(t.judged)} địa điểm đã tạo mã QR từ ${n} ngày trở lên của ${ward} không phát sinh lượt quét ${until}; ` +
              `${formatCount(t.registered - t.judged)} địa điểm mới tạo mã QR sau đó cũng chưa có lượt quét.`,
        text:
          t.registered === t.judged
            ? msg("domain.alerts.rules.ALL_VENUES_DORMANT.sentence", { registered: { count: t.registered }, ward: { name: ctx.ward.name }, n, day: { day: ctx.day } })
            : msg("domain.alerts.rules.ALL_VENUES_DORMANT.sentenceNewer", {
                judged: { count: t.judged },
                ward: { name: ctx.ward.name },
                n,
                day: { day: ctx.day },
                newer: { count: t.registered - t.judged },
              }),
      };
    },
  };
}

function evaluateDormantVenues(ctx: WardDayContext): RuleHit | null {
  const counts = countsOf(ctx);
  if (counts === null) return null;
  const t = venueTotals(counts);
  // None dormant: nothing to say; all dormant: ALL_VENUES_DORMANT says it.
  if (t.dormant === 0 || allDormant(t)) return null;
  const n = ctx.input.thresholds.dormantDays;
  return {
    severity: "info",
    describe() {
      return describeDormant(ctx, counts, t, n);
    },
  };
}

function describeDormant(ctx: WardDayContext, counts: readonly VenueCategoryCount[], t: VenueTotals, n: number): { numbers: AlertNumber[]; sentence: string; text: Message } {
  const byCategory = dormantByCategory(counts);
  const numbers: AlertNumber[] = [
    countNumber("dormant", `Địa điểm không có lượt quét trong ${n} ngày`, t.dormant, msg("domain.alerts.numbers.dormant", { n })),
    countNumber("registered", "Địa điểm đã tạo mã QR", t.registered),
    ...newVenuesNumber(t, n),
    ...byCategory.map(
      (c): AlertNumber => ({
        key: `dormant.${c.category}`,
        label: `${categoryLabel(c.category)} (không hoạt động/đã tạo mã)`,
        value: c.dormant,
        display: `${formatCount(c.dormant)}/${formatCount(c.judged)}`,
        labelText: msg("domain.alerts.numbers.categoryDormant", { category: categoryText(c.category) }),
        shown: { message: msg("domain.alerts.ratioOf", { part: { count: c.dormant }, whole: { count: c.judged } }) },
      }),
    ),
  ];
  const breakdown = byCategory.map((c) => `${categoryLabel(c.category).toLowerCase()} ${formatCount(c.dormant)}/${formatCount(c.judged)}`);
  const newer = t.registered - t.judged;
  return {
    numbers,
    sentence:
      `${ctx.ward.name} có ${formatCount(t.dormant)}/${formatCount(t.judged)} địa điểm đã tạo mã QR ` +
      (newer > 0 ? `từ ${n} ngày trở lên ` : "") +
      `không phát sinh lượt quét trong ${n} ngày liên tiếp tính đến hết ngày ${formatDay(ctx.day)} (${breakdown.join("; ")}).` +
      (newer > 0 ? ` Không tính ${formatCount(newer)} địa điểm tạo mã QR chưa đủ ${n} ngày.` : ""),
    text: msg(newer > 0 ? "domain.alerts.rules.DORMANT_VENUES.sentenceNewer" : "domain.alerts.rules.DORMANT_VENUES.sentence", {
      ward: ctx.ward.name,
      dormant: { count: t.dormant },
      judged: { count: t.judged },
      n,
      day: { day: ctx.day },
      breakdown: {
        list: byCategory.map((c) =>
          msg("domain.alerts.rules.DORMANT_VENUES.category", { category: categoryText(c.category, true), dormant: { count: c.dormant }, judged: { count: c.judged } }),
        ),
        join: "semicolon",
      },
      newer: { count: newer },
    }),
  };
}

export const ALL_VENUES_DORMANT_RULE: AlertRule = {
  id: "ALL_VENUES_DORMANT",
  family: "venues",
  label: "Toàn bộ địa điểm không hoạt động",
  description:
    "Mọi địa điểm đã tạo mã QR của phường từ đủ số ngày đặt trong cài đặt (mặc định 7) đều không có lượt quét trong chừng ấy ngày, " +
    "và không địa điểm mới nào có lượt quét. Chỉ xét khi có dữ liệu quét của phường cho mọi ngày trong khoảng đó.",
  history: false,
  escalates: false,
  streakPhrase: (kind) => `toàn bộ địa điểm của ${kind} không hoạt động`,
  streakText: (kind) => msg("domain.alerts.rules.ALL_VENUES_DORMANT.streak", { kind: { message: kind } }),
  evaluate: evaluateAllDormant,
};

export const DORMANT_VENUES_RULE: AlertRule = {
  id: "DORMANT_VENUES",
  family: "venues",
  label: "Địa điểm không hoạt động",
  description:
    "Địa điểm đã tạo mã QR từ đủ số ngày đặt trong cài đặt (mặc định 7) nhưng không có lượt quét trong chừng ấy ngày, theo phường và loại địa điểm. " +
    "Chỉ xét khi có dữ liệu quét của phường cho mọi ngày trong khoảng đó.",
  history: false,
  escalates: false,
  streakPhrase: (kind) => `${kind} có địa điểm không hoạt động`,
  streakText: (kind) => msg("domain.alerts.rules.DORMANT_VENUES.streak", { kind: { message: kind } }),
  evaluate: evaluateDormantVenues,
};
