// Vietnamese wording of the dashboard's derived figures: rank changes, gaps and forecasts.
// Words, not arrows or colours alone, so that a screen reader and a printout say the same.

import type { PartOrigin } from "./completeness.ts";
import type { WithheldReason } from "./dashboard-completeness.ts";
import type { IsoDay } from "./days.ts";
import type { DenominatorEntry } from "./denominator-register.ts";
import type { ImportRef, PartProvenance } from "./figure-provenance.ts";
import type { FigureField, FigureSource } from "./figures.ts";
import { FIGURE_SOURCE_LABELS } from "./figures.ts";
import {
  formatCount,
  formatDay,
  formatPercent,
  formatPercentPointChange,
  formatSignedCount,
  MISSING_PLACEHOLDER,
  NOT_REPORTED_LABEL,
  UNREACHABLE_LABEL,
} from "./format.ts";
import { formatVietnamDateTime } from "./instant-format.ts";
import { coverageRate, qrActiveRate } from "./metrics.ts";
import type { RankMetric, RankStanding } from "./rank-metric.ts";
import { msg, type Message, type MessageArg } from "./message.ts";
import { isWardLevelNoun, nounWords, unitNoun, type ChildLevel } from "./unit-wording.ts";

export { isWardLevelNoun } from "./unit-wording.ts";

/** +2 → "tăng 2 bậc", −1 → "giảm 1 bậc", 0 → "giữ nguyên", null → "—". */
export function formatRankChange(change: number | null): string {
  if (change === null) return MISSING_PLACEHOLDER;
  if (change === 0) return "giữ nguyên";
  return change > 0 ? `tăng ${formatCount(change)} bậc` : `giảm ${formatCount(-change)} bậc`;
}

/**
 * An amount still needed, with its unit when given: (251, "lượt cài") → "251 lượt cài";
 * 0 → "đã đạt"; unreachable → "không thể vượt". Tables put the unit in the header instead.
 */
export function formatAmountNeeded(amount: number | "unreachable" | null, unit?: string): string {
  if (amount === null) return MISSING_PLACEHOLDER;
  if (amount === "unreachable") return "không thể vượt";
  if (amount === 0) return "đã đạt";
  return unit ? `${formatCount(amount)} ${unit}` : formatCount(amount);
}

/** Days to a target: 20 → "20 ngày (06/09/2021)"; 0 → "đã đạt"; unreachable → "không đạt được". */
export function formatDaysToTarget(days: number | "unreachable" | null, reachDay: IsoDay | null): string {
  if (days === null) return MISSING_PLACEHOLDER;
  if (days === "unreachable") return UNREACHABLE_LABEL;
  if (days === 0) return "đã đạt";
  return reachDay === null ? `${formatCount(days)} ngày` : `${formatCount(days)} ngày (${formatDay(reachDay)})`;
}

// ── completeness and provenance ─────────────────────────────────────────────────────────────

/**
 * What a unit's children are called in a count, from their GSO types (lib/domain/unit-wording.ts
 * unitNoun): a district's wards "phường", "xã, thị trấn" or "phường, xã"; a city's districts
 * "quận, huyện" or "quận, huyện, thị xã". Never hard-coded by a page: a rural district reads
 * "12/23 xã, thị trấn".
 */
export type ChildNoun = string;

/** A noun for each unit (its children's), or one for all: a city's districts each count their own wards. */
export type NounFor = ChildNoun | ((unitCode: string) => ChildNoun);

export function nounFor(noun: NounFor, unitCode: string): ChildNoun {
  return typeof noun === "function" ? noun(unitCode) : noun;
}


/**
 * How a child counted in a sum got there: wards "đã báo cáo" (they report), districts "đủ số liệu"
 * (their own sums are whole).
 */
export function countedWord(noun: ChildNoun): string {
  return isWardLevelNoun(noun) ? "đã báo cáo" : "đủ số liệu";
}

/** The noun at the start of a label or heading: "xã, thị trấn" → "Xã, thị trấn". */
export function capitalizeNoun(noun: ChildNoun): string {
  return noun.length === 0 ? noun : noun.charAt(0).toLocaleUpperCase("vi") + noun.slice(1);
}

/** Several nouns said as one, each type once, in the usual order: ["phường", "xã, thị trấn"] → "phường, xã, thị trấn". */
export function mergeNouns(nouns: readonly ChildNoun[], level: ChildLevel): ChildNoun {
  return unitNoun(nouns.flatMap(nounWords), level);
}

const UNIT_TYPE_PREFIX = /^(Phường|Xã|Thị trấn|Quận|Huyện|Thị xã|Thành phố) (.+)$/;

/**
 * A unit's name without its type, where the name stays a name: "Phường Phúc Tân" → "Phúc Tân",
 * "Xã Tây Tựu" → "Tây Tựu", but "Quận 1" and "Phường 12" keep their type.
 */
export function shortUnitName(name: string): string {
  const match = UNIT_TYPE_PREFIX.exec(name);
  if (!match?.[2] || /^\d+$/.test(match[2])) return name;
  return match[2];
}

/** The source named where a district's or city's figure is its own rather than a sum. */
export const OWN_FIGURE_LABEL = FIGURE_SOURCE_LABELS.IMPORT;

/** "17/18 phường" for a sum of children; null for an own figure or an unknown part. */
export function formatPartCount(origin: PartOrigin | null, noun: ChildNoun): string | null {
  return origin !== null && origin.kind === "sum" ? `${formatCount(origin.counted)}/${formatCount(origin.total)} ${noun}` : null;
}

/**
 * How an aggregate was made, in words: "tổng 18/18 phường" (every child), "chưa đủ số liệu:
 * 17/18 phường" (a partial sum), or its source for an own figure. Null for an unknown part.
 */
export function formatOrigin(origin: PartOrigin | null, noun: ChildNoun, ownLabel: string = OWN_FIGURE_LABEL): string | null {
  if (origin === null) return null;
  if (origin.kind === "own") return ownLabel;
  const count = formatPartCount(origin, noun);
  return origin.counted < origin.total ? `chưa đủ số liệu: ${count}` : `tổng ${count}`;
}

/**
 * Why a unit has no rank, in words; null when it is ranked. A partial sum is "chưa đủ số liệu,
 * 1/18 phường", a zero denominator says which ("không có điện thoại thông minh"), no figure is
 * "chưa báo cáo".
 */
export function formatStanding(standing: RankStanding, origin: PartOrigin | null, metric: RankMetric, noun: ChildNoun): string | null {
  switch (standing) {
    case "ranked":
      return null;
    case "partial": {
      const count = formatPartCount(origin, noun);
      return count ? `chưa đủ số liệu, ${count}` : "chưa đủ số liệu";
    }
    case "no-denominator":
      return metric === "qrActive" ? NO_QR_VENUES_LABEL : NO_SMARTPHONES_LABEL;
    case "missing":
      return NOT_REPORTED_LABEL;
  }
}

export const NO_SMARTPHONES_LABEL = "không có điện thoại thông minh";
export const NO_QR_VENUES_LABEL = "không có địa điểm tạo mã QR";

/** A later day still coming in: "Đang cập nhật: 1/18 phường đã báo cáo". */
export function formatUpdating(counted: number, total: number, noun: ChildNoun): string {
  return `Đang cập nhật: ${formatCount(counted)}/${formatCount(total)} ${noun} ${countedWord(noun)}`;
}

/** "hôm trước" (1 day back), "tuần trước" (7), else "N ngày trước". */
export function formatLag(lag: number): string {
  if (lag === 1) return "hôm trước";
  if (lag === 7) return "tuần trước";
  return `${formatCount(lag)} ngày trước`;
}

const NOT_RANKED_WHY: Readonly<Record<RankStanding, string>> = {
  ranked: "",
  partial: " (chưa đủ số liệu)",
  "no-denominator": " (mẫu số bằng 0)",
  missing: " (chưa có số liệu)",
};

/** The nouns a withheld change is told with: the children a sum counts, the units a rank is among. */
export type WithheldNouns = { readonly children: ChildNoun; readonly ranked: ChildNoun };

/**
 * Why a change is not shown (lib/domain/dashboard-completeness.ts), in words that start with
 * "không so sánh:", so the card says what it withholds and why instead of a bare "—".
 */
export function formatWithheld(reason: WithheldReason, lag: number, nouns: WithheldNouns): string {
  const when = (w: "day" | "earlier", day: IsoDay) => (w === "day" ? `ngày ${formatDay(day)}` : `${formatLag(lag)} (${formatDay(day)})`);
  switch (reason.kind) {
    case "partial":
      return `không so sánh: số liệu ${when(reason.when, reason.day)} chưa đầy đủ (${formatCount(reason.counted)}/${formatCount(reason.total)} ${nouns.children})`;
    case "missing":
      return `không so sánh: chưa có số liệu ${when(reason.when, reason.day)}`;
    case "no-rate":
      return `không so sánh: ${when(reason.when, reason.day)} không có tỷ lệ (mẫu số bằng 0)`;
    case "not-ranked":
      return `không so sánh: ${when(reason.when, reason.day)} chưa được xếp hạng${NOT_RANKED_WHY[reason.standing]}`;
    case "different-sets":
      return `không so sánh: ${formatLag(lag)} và ngày ${formatDay(reason.day)} không xếp hạng cùng các ${nouns.ranked} (${formatCount(reason.earlier)} và ${formatCount(reason.today)})`;
    case "different-reporters":
      return `không so sánh: các ${nouns.children} có số liệu ngày ${formatDay(reason.day)} và ${formatLag(lag)} khác nhau`;
  }
}

/** "lần nhập số 12 (tệp thong-ke-cai-dat.csv, 10:05 18/08/2021)"; a row without an import: "không ghi lần nhập". */
export function formatImportRef(ref: ImportRef | null): string {
  if (ref === null) return "không ghi lần nhập";
  const at = ref.at === null ? "" : `, ${formatVietnamDateTime(new Date(ref.at))}`;
  return `lần nhập số ${formatCount(ref.id)} (tệp ${ref.fileName}${at})`;
}

/** Where an own figure comes from: "Dữ liệu nhập từ hệ thống quốc gia, lần nhập số 12 (…)". */
export function formatOwnSource(source: FigureSource, ref: ImportRef | null): string {
  return source === "IMPORT" ? `${FIGURE_SOURCE_LABELS.IMPORT}, ${formatImportRef(ref)}` : FIGURE_SOURCE_LABELS[source];
}

/**
 * Beside an own figure, the sum of the children that reported and the difference:
 * "Tổng 17/18 phường đã báo cáo: 150.000 (chênh lệch +788)". `field` null: the part's rate.
 */
export function formatChildrenSum(p: PartProvenance, field: FigureField | null, noun: ChildNoun): string {
  const sum = p.childrenSum;
  if (sum === null) return `Chưa có ${noun} nào có số liệu để đối chiếu`;
  const who = `${formatCount(sum.counted)}/${formatCount(sum.total)} ${noun} ${countedWord(noun)}`;
  if (field === null) {
    const rate = p.part === "qr" ? qrActiveRate(sum.values) : coverageRate(sum.values);
    return `Tỷ lệ theo tổng ${who}: ${formatPercent(rate)} (chênh lệch ${formatPercentPointChange(p.rateDifference)})`;
  }
  return `Tổng ${who}: ${formatCount(sum.values[field])} (chênh lệch ${formatSignedCount(p.differences[field] ?? null)})`;
}

/** Since when a ward's denominator holds its value: "thay đổi ngày 16/08/2021 (trước đó 8.412, ngày 15/08/2021)". */
export function formatDenominatorChange(entry: DenominatorEntry): string {
  if (entry.changedOn === null) return `không đổi từ ngày ${formatDay(entry.firstDay)} (ngày đầu tiên có số liệu)`;
  const before = entry.previous === null ? "" : ` (trước đó ${formatCount(entry.previous)}${entry.previousDay ? `, ngày ${formatDay(entry.previousDay)}` : ""})`;
  return `thay đổi gần nhất ngày ${formatDay(entry.changedOn)}${before}`;
}

// ── the same words as messages, for the interface in its language (lib/domain/message.ts) ───────

/** formatRankChange as a message: "giữ nguyên" / "unchanged", "tăng 2 bậc" / "up 2 places"; null → "—". */
export function rankChangeText(change: number | null): Message {
  if (change === null) return msg("domain.plain", { value: MISSING_PLACEHOLDER });
  if (change === 0) return msg("domain.dashboard.rankSame");
  const n = Math.abs(change);
  return msg(change > 0 ? "domain.dashboard.rankUp" : "domain.dashboard.rankDown", { n, shown: { count: n } });
}

/** formatStanding as a message; null when the unit is ranked. */
export function standingText(standing: RankStanding, origin: PartOrigin | null, metric: RankMetric, noun: ChildNoun): Message | null {
  switch (standing) {
    case "ranked":
      return null;
    case "partial":
      return origin !== null && origin.kind === "sum"
        ? msg("domain.dashboard.standing.partialCount", { counted: { count: origin.counted }, total: { count: origin.total }, noun: { noun } })
        : msg("domain.dashboard.standing.partial");
    case "no-denominator":
      return msg(metric === "qrActive" ? "domain.dashboard.standing.noQrVenues" : "domain.dashboard.standing.noSmartphones");
    case "missing":
      return msg("domain.dashboard.standing.missing");
  }
}

/** formatLag as a message: "hôm trước" / "the day before", "tuần trước" / "the week before", "N ngày trước" / "N days before". */
export function lagText(lag: number): Message {
  if (lag === 1) return msg("domain.dashboard.lag.day");
  if (lag === 7) return msg("domain.dashboard.lag.week");
  return msg("domain.dashboard.lag.days", { n: lag, shown: { count: lag } });
}

/** formatWithheld as a message: why a change is not shown, "không so sánh: …" / "not compared: …". */
export function withheldText(reason: WithheldReason, lag: number, nouns: WithheldNouns): Message {
  const when = (w: "day" | "earlier", day: IsoDay): MessageArg =>
    w === "day"
      ? { message: msg("domain.dashboard.withheld.onDay", { day: { day } }) }
      : { message: msg("domain.dashboard.withheld.earlier", { lag: { message: lagText(lag) }, day: { day } }) };
  switch (reason.kind) {
    case "partial":
      return msg("domain.dashboard.withheld.partial", {
        when: when(reason.when, reason.day),
        counted: { count: reason.counted },
        total: { count: reason.total },
        noun: { noun: nouns.children },
      });
    case "missing":
      return msg("domain.dashboard.withheld.missing", { when: when(reason.when, reason.day) });
    case "no-rate":
      return msg("domain.dashboard.withheld.noRate", { when: when(reason.when, reason.day) });
    case "not-ranked":
      return msg("domain.dashboard.withheld.notRanked", {
        when: when(reason.when, reason.day),
        why: reason.standing === "ranked" ? "" : { message: msg(`domain.dashboard.withheld.notRankedWhy.${reason.standing}`) },
      });
    case "different-sets":
      return msg("domain.dashboard.withheld.differentSets", {
        lag: { message: lagText(lag) },
        day: { day: reason.day },
        noun: { noun: nouns.ranked },
        earlier: { count: reason.earlier },
        today: { count: reason.today },
      });
    case "different-reporters":
      return msg("domain.dashboard.withheld.differentReporters", { noun: { noun: nouns.children }, day: { day: reason.day }, lag: { message: lagText(lag) } });
  }
}

/** formatOrigin as a message: "tổng 18/18 phường" / "total of 18/18 wards", a partial sum, or the own figure's source; null for an unknown part. */
export function originText(origin: PartOrigin | null, noun: ChildNoun): Message | null {
  if (origin === null) return null;
  if (origin.kind === "own") return msg("overview.figureSources.sources.IMPORT");
  const values = { counted: { count: origin.counted }, total: { count: origin.total }, noun: { noun } };
  return msg(origin.counted < origin.total ? "domain.dashboard.origin.partial" : "domain.dashboard.origin.whole", values);
}

/** formatChildrenSum as a message: the children's sum beside an own figure, and the difference. */
export function childrenSumText(p: PartProvenance, field: FigureField | null, noun: ChildNoun): Message {
  const sum = p.childrenSum;
  if (sum === null) return msg("domain.dashboard.childrenSum.none", { noun: { noun } });
  const who = msg("domain.dashboard.childrenSum.who", {
    counted: { count: sum.counted },
    total: { count: sum.total },
    noun: { noun },
    level: isWardLevelNoun(noun) ? "ward" : "other",
  });
  if (field === null) {
    const rate = p.part === "qr" ? qrActiveRate(sum.values) : coverageRate(sum.values);
    return msg("domain.dashboard.childrenSum.rate", { who: { message: who }, rate: { percent: rate }, difference: { pointChange: p.rateDifference } });
  }
  return msg("domain.dashboard.childrenSum.field", { who: { message: who }, value: { count: sum.values[field] }, difference: { signed: p.differences[field] ?? null } });
}
