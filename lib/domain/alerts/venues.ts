// Rule family "venues": registered QR venues (status ACTIVE, registered by the end of the day)
// with no scan for N days in a row (setting `alerts.dormantDays`, default 7), per ward and
// category; and wards where every such venue is dormant.
//
// Judged on the day itself from the venue register and the per-venue daily scans, and only when
// those scans are loaded through the day and far enough back to cover the N days (else the data
// layer passes `venues: null`: not loaded is not "no scans"). The N-day window already says how
// long the venues have been silent, so these rules carry no streak and are not escalated.

import { formatCount, formatDay } from "../format.ts";
import { VENUE_CATEGORY_LABELS } from "../venue-activity.ts";
import type { AlertNumber, AlertRule, RuleHit, VenueCategoryCount, WardDayContext } from "./types.ts";
import { countNumber, nameInSentence } from "./wording.ts";

const CATEGORY_ORDER = Object.keys(VENUE_CATEGORY_LABELS);

function categoryLabel(category: string): string {
  return VENUE_CATEGORY_LABELS[category] ?? category;
}

function totals(counts: readonly VenueCategoryCount[]): { registered: number; dormant: number } {
  let registered = 0;
  let dormant = 0;
  for (const c of counts) {
    registered += c.registered;
    dormant += c.dormant;
  }
  return { registered, dormant };
}

function countsOf(ctx: WardDayContext): readonly VenueCategoryCount[] | null {
  // Judged on the day asked for only (never on the history days).
  if (ctx.day !== ctx.input.day || ctx.input.venues === null) return null;
  return ctx.input.venues.get(ctx.ward.code) ?? [];
}

/** Categories with dormant venues, most dormant first (then in the register's order). */
function dormantByCategory(counts: readonly VenueCategoryCount[]): VenueCategoryCount[] {
  return counts
    .filter((c) => c.dormant > 0)
    .sort((a, b) => b.dormant - a.dormant || CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
}

function evaluateAllDormant(ctx: WardDayContext): RuleHit | null {
  const counts = countsOf(ctx);
  if (counts === null) return null;
  const { registered, dormant } = totals(counts);
  if (registered === 0 || dormant < registered) return null;
  const n = ctx.input.thresholds.dormantDays;
  return {
    severity: "critical",
    describe: () => ({
      numbers: [countNumber("registered", "Địa điểm đã tạo mã QR", registered), countNumber("dormantDays", "Số ngày không có lượt quét", n)],
      sentence:
        `Toàn bộ ${formatCount(registered)} địa điểm đã tạo mã QR của ${nameInSentence(ctx.ward.name)} không phát sinh lượt quét ` +
        `trong ${n} ngày liên tiếp tính đến hết ngày ${formatDay(ctx.day)}.`,
    }),
  };
}

function evaluateDormantVenues(ctx: WardDayContext): RuleHit | null {
  const counts = countsOf(ctx);
  if (counts === null) return null;
  const { registered, dormant } = totals(counts);
  // None dormant: nothing to say; all dormant: ALL_VENUES_DORMANT says it.
  if (dormant === 0 || dormant >= registered) return null;
  const n = ctx.input.thresholds.dormantDays;
  return { severity: "info", describe: () => describeDormant(ctx, counts, n) };
}

function describeDormant(ctx: WardDayContext, counts: readonly VenueCategoryCount[], n: number): { numbers: AlertNumber[]; sentence: string } {
  const { registered, dormant } = totals(counts);
  const byCategory = dormantByCategory(counts);
  const numbers: AlertNumber[] = [
    countNumber("dormant", `Địa điểm không có lượt quét trong ${n} ngày`, dormant),
    countNumber("registered", "Địa điểm đã tạo mã QR", registered),
    ...byCategory.map(
      (c): AlertNumber => ({
        key: `dormant.${c.category}`,
        label: `${categoryLabel(c.category)} (không hoạt động/đã tạo mã)`,
        value: c.dormant,
        display: `${formatCount(c.dormant)}/${formatCount(c.registered)}`,
      }),
    ),
  ];
  const breakdown = byCategory.map((c) => `${categoryLabel(c.category).toLowerCase()} ${formatCount(c.dormant)}/${formatCount(c.registered)}`);
  return {
    numbers,
    sentence:
      `${ctx.ward.name} có ${formatCount(dormant)}/${formatCount(registered)} địa điểm đã tạo mã QR không phát sinh lượt quét ` +
      `trong ${n} ngày liên tiếp tính đến hết ngày ${formatDay(ctx.day)} (${breakdown.join("; ")}).`,
  };
}

export const ALL_VENUES_DORMANT_RULE: AlertRule = {
  id: "ALL_VENUES_DORMANT",
  family: "venues",
  label: "Toàn bộ địa điểm không hoạt động",
  description: "Mọi địa điểm đã tạo mã QR của phường đều không có lượt quét trong số ngày đặt trong cài đặt (mặc định 7).",
  history: false,
  escalates: false,
  streakPhrase: (kind) => `toàn bộ địa điểm của ${kind} không hoạt động`,
  evaluate: evaluateAllDormant,
};

export const DORMANT_VENUES_RULE: AlertRule = {
  id: "DORMANT_VENUES",
  family: "venues",
  label: "Địa điểm không hoạt động",
  description: "Địa điểm đã tạo mã QR nhưng không có lượt quét trong số ngày đặt trong cài đặt (mặc định 7), theo phường và loại địa điểm.",
  history: false,
  escalates: false,
  streakPhrase: (kind) => `${kind} có địa điểm không hoạt động`,
  evaluate: evaluateDormantVenues,
};
