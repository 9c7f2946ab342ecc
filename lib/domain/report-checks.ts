// Warnings on a ward's daily report (as DHIS2's validation rules): values that are possible but
// unusual, so the ward chair must confirm them and explain with a note. Hard errors (negative
// numbers, installs > smartphones, …) are in the zod schema (lib/schemas/ward-report.ts); these need the
// ward's recent history, which only the server has for sure, and never block a confirmed save.

import { addDays, compareIsoDays, type IsoDay } from "./days.ts";
import type { FigureField, FigureValues } from "./figures.ts";
import { formatCount, formatDay } from "./format.ts";
import { msg, type Message } from "./message.ts";
import { checkOutlier, type OutlierOptions } from "./robust.ts";

export const REPORT_FIELD_LABELS: { readonly [F in FigureField]: string } = {
  smartphones: "Số điện thoại thông minh",
  installs: "Số lượt cài Bluezone (cộng dồn)",
  qrVenues: "Số địa điểm đã tạo mã QR (cộng dồn)",
  activeVenues: "Số địa điểm có lượt quét trong ngày",
  scans: "Số lượt quét mã QR trong ngày",
};

/** The same, inside a sentence. */
const FIELD_NOUNS: { readonly [F in FigureField]: string } = {
  smartphones: "số điện thoại thông minh",
  installs: "số lượt cài Bluezone",
  qrVenues: "số địa điểm đã tạo mã QR",
  activeVenues: "số địa điểm có lượt quét",
  scans: "số lượt quét mã QR",
};

/** Cumulative fields are judged on their daily change; the others on their level. */
export const CUMULATIVE_FIELDS: readonly FigureField[] = ["installs", "qrVenues"];
const OUTLIER_FIELDS: readonly FigureField[] = ["smartphones", "installs", "qrVenues", "activeVenues", "scans"];

/**
 * Fields that carry over from one day to the next: the cumulative counts and the smartphone count
 * (a register of the ward, not a day's activity). The entry form starts them from the last reported
 * values, marked as such; the day's own counts (active venues, scans) always start empty.
 */
export const CARRIED_FIELDS = ["smartphones", "installs", "qrVenues"] as const satisfies readonly FigureField[];
export type CarriedField = (typeof CARRIED_FIELDS)[number];

export type CarriedValue = { readonly day: IsoDay; readonly value: number };

/** The latest known value of each carried field before `day` (each field on its own latest day). */
export function lastReportedValues(day: IsoDay, history: readonly HistoryDay[]): Partial<Record<CarriedField, CarriedValue>> {
  const before = history.filter((h) => compareIsoDays(h.day, day) < 0);
  const out: Partial<Record<CarriedField, CarriedValue>> = {};
  for (const field of CARRIED_FIELDS) {
    const latest = knownBefore(before, field).at(-1);
    if (latest) out[field] = latest;
  }
  return out;
}

/** How many days before the report form the ward's usual range. */
export const HISTORY_DAYS = 14;

export type ReportWarningCode = "INSTALLS_DECREASED" | "UNUSUAL_VALUE";

export type ReportWarning = {
  readonly code: ReportWarningCode;
  readonly field: FigureField;
  /** the value entered (for UNUSUAL_VALUE on a cumulative field: the day's change) */
  readonly value: number;
  /** what it was compared with: the earlier cumulative value, or the median of the history */
  readonly reference: number;
  /** in Vietnamese (what the audit and the existing stored warnings hold) */
  readonly message: string;
  /**
   * The same sentence as a message (key domain.reportWarnings.*) with the facts it needs (days,
   * values, the usual change or level, the days looked at), stored with the warning so that it can
   * be shown in either language later; absent on warnings stored before it (their `message` is shown).
   */
  readonly text?: Message;
};

/** Identifies a warning for confirmation: the ward chair confirms exactly the warnings shown. */
export function warningKey(w: Pick<ReportWarning, "code" | "field">): string {
  return `${w.code}:${w.field}`;
}

export type HistoryDay = { readonly day: IsoDay; readonly values: FigureValues };

function knownBefore(history: readonly HistoryDay[], field: FigureField): { day: IsoDay; value: number }[] {
  return history
    .flatMap((h) => {
      const v = h.values[field];
      return v === null ? [] : [{ day: h.day, value: v }];
    })
    .sort((a, b) => compareIsoDays(a.day, b.day));
}

/** A median (an integer or x,5) in Vietnamese notation: 1234.5 → "1.234,5". */
function formatMedian(n: number): string {
  if (Number.isInteger(n)) return formatCount(n);
  return `${n < 0 ? "-" : ""}${formatCount(Math.floor(Math.abs(n)))},5`;
}

/** What to check for each field when its value is far from usual, in plain words. */
const CHECK_LEVEL: { readonly [F in FigureField]: { high: string; low: string } } = {
  smartphones: {
    high: "Số điện thoại thông minh của phường thường ít thay đổi: hãy kiểm tra xem có gõ thừa chữ số không",
    low: "Số điện thoại thông minh của phường thường ít thay đổi: hãy kiểm tra xem có gõ thiếu chữ số không",
  },
  installs: { high: "Hãy kiểm tra xem có gõ thừa chữ số không", low: "Hãy kiểm tra xem có gõ thiếu chữ số không" },
  qrVenues: { high: "Hãy kiểm tra xem có gõ thừa chữ số không", low: "Hãy kiểm tra xem có gõ thiếu chữ số không" },
  activeVenues: {
    high: "Hãy kiểm tra xem có gõ thừa chữ số, hoặc có đếm một địa điểm hai lần không",
    low: "Hãy kiểm tra xem có gõ thiếu chữ số, hoặc còn thiếu số liệu của một số địa điểm không",
  },
  scans: {
    high: "Hãy kiểm tra xem có gõ thừa chữ số, hoặc có cộng cả lượt quét của ngày khác không",
    low: "Hãy kiểm tra xem có gõ thiếu chữ số, hoặc còn thiếu lượt quét của một số địa điểm không",
  },
};

const IF_RIGHT = "Nếu số liệu đúng, hãy ghi lý do vào ô Ghi chú.";

function decreaseMessage(day: IsoDay, value: number, earlier: { day: IsoDay; value: number }): string {
  return (
    `Số lượt cài Bluezone cộng dồn ngày ${formatDay(day)} (${formatCount(value)}) thấp hơn ngày ${formatDay(earlier.day)} ` +
    `(${formatCount(earlier.value)}), giảm ${formatCount(earlier.value - value)}. Số cộng dồn không giảm theo ngày: hãy kiểm tra ` +
    `xem có gõ nhầm chữ số không, hoặc số đã báo cáo ngày ${formatDay(earlier.day)} có bị thừa không. ` +
    `Nếu số hôm nay đúng (ví dụ đã loại các lượt cài trùng), hãy ghi lý do vào ô Ghi chú.`
  );
}

const W = "domain.reportWarnings";

function decreaseText(day: IsoDay, value: number, earlier: { day: IsoDay; value: number }): Message {
  return msg(`${W}.decrease`, {
    day: { day },
    value: { count: value },
    earlierDay: { day: earlier.day },
    earlierValue: { count: earlier.value },
    drop: { count: earlier.value - value },
  });
}

/** unusualMessage as a message. */
function unusualText(day: IsoDay, field: FigureField, value: number, observed: number, median: number, days: number): Message {
  const direction = observed > median ? "higher" : "lower";
  const common = { noun: { message: msg(`${W}.nouns.${field}`) }, day: { day }, direction, days: String(days), median: { median } } as const;
  if (CUMULATIVE_FIELDS.includes(field)) {
    const change = observed < 0 ? msg(`${W}.change.down`, { count: { count: -observed } }) : msg(`${W}.change.up`, { count: { count: observed } });
    const check = direction === "higher" ? msg(`${W}.checkCumulative.higher`, { value: { count: value }, day: { day } }) : msg(`${W}.checkCumulative.lower`, { day: { day } });
    return msg(`${W}.cumulative`, { ...common, change: { message: change }, yesterday: { day: addDays(day, -1) }, check: { message: check } });
  }
  return msg(`${W}.level`, { ...common, value: { count: value }, check: { message: msg(`${W}.checkLevel.${field}.${direction}`) } });
}

function unusualMessage(day: IsoDay, field: FigureField, value: number, observed: number, median: number, days: number): string {
  const higher = observed > median;
  const noun = FIELD_NOUNS[field].replace(/^s/, "S");
  if (CUMULATIVE_FIELDS.includes(field)) {
    const change = observed < 0 ? `giảm ${formatCount(-observed)}` : `tăng ${formatCount(observed)}`;
    const check = higher
      ? `Hãy kiểm tra số cộng dồn đã nhập (${formatCount(value)}) có đúng là tính đến hết ngày ${formatDay(day)} không, có gõ thừa chữ số không.`
      : `Hãy kiểm tra đã cập nhật số cộng dồn đến hết ngày ${formatDay(day)} chưa (có thể vẫn là số của ngày trước), có gõ thiếu chữ số không.`;
    return (
      `${noun} ngày ${formatDay(day)} ${change} so với ngày ${formatDay(addDays(day, -1))}, ${higher ? "nhiều" : "ít"} hơn hẳn ` +
      `thường ngày (trong ${days} ngày gần đây, mỗi ngày thường tăng khoảng ${formatMedian(median)}). ${check} ${IF_RIGHT}`
    );
  }
  return (
    `${noun} ngày ${formatDay(day)} (${formatCount(value)}) ${higher ? "cao" : "thấp"} hơn nhiều so với thường ngày ` +
    `(trong ${days} ngày gần đây thường khoảng ${formatMedian(median)}). ${higher ? CHECK_LEVEL[field].high : CHECK_LEVEL[field].low}. ${IF_RIGHT}`
  );
}

/**
 * The checks on `values` reported for `day`, given the ward's figures on the days before it (only
 * days in [day − 14, day − 1] are used; others are ignored), each on its own: a fall in installs is
 * also an unusual daily change of installs. The alerts run the same checks
 * (lib/domain/alerts/quality.ts, compared in a unit test); the entry form shows reportWarnings.
 */
export function reportCheckFindings(
  day: IsoDay,
  values: FigureValues,
  history: readonly HistoryDay[],
  options: OutlierOptions = {},
): ReportWarning[] {
  const from = addDays(day, -HISTORY_DAYS);
  const window = history.filter((h) => compareIsoDays(h.day, from) >= 0 && compareIsoDays(h.day, day) < 0);
  const warnings: ReportWarning[] = [];

  const installs = values.installs;
  if (installs !== null) {
    const earlier = knownBefore(window, "installs").at(-1);
    if (earlier && installs < earlier.value) {
      warnings.push({
        code: "INSTALLS_DECREASED",
        field: "installs",
        value: installs,
        reference: earlier.value,
        message: decreaseMessage(day, installs, earlier),
        text: decreaseText(day, installs, earlier),
      });
    }
  }

  for (const field of OUTLIER_FIELDS) {
    const value = values[field];
    if (value === null) continue;
    const known = knownBefore(window, field);
    let observed: number;
    let series: number[];
    if (CUMULATIVE_FIELDS.includes(field)) {
      const byDay = new Map(known.map((k) => [k.day, k.value]));
      const yesterday = byDay.get(addDays(day, -1));
      if (yesterday === undefined) continue;
      observed = value - yesterday;
      series = known.flatMap((k) => {
        const prev = byDay.get(addDays(k.day, -1));
        return prev === undefined ? [] : [k.value - prev];
      });
    } else {
      observed = value;
      series = known.map((k) => k.value);
    }
    const result = checkOutlier(observed, series, options);
    if (!result.judged || !result.outlier) continue;
    warnings.push({
      code: "UNUSUAL_VALUE",
      field,
      value: observed,
      reference: result.median,
      message: unusualMessage(day, field, value, observed, result.median, series.length),
      text: unusualText(day, field, value, observed, result.median, series.length),
    });
  }
  return warnings;
}

/**
 * The warnings the ward chair sees and confirms: one per problem. A fall in cumulative installs is
 * one warning ("thấp hơn ngày …"), not that and an unusual daily change of installs as well.
 */
export function reportWarnings(
  day: IsoDay,
  values: FigureValues,
  history: readonly HistoryDay[],
  options: OutlierOptions = {},
): ReportWarning[] {
  const findings = reportCheckFindings(day, values, history, options);
  const decreased = findings.some((w) => w.code === "INSTALLS_DECREASED");
  return findings.filter((w) => !(decreased && w.code === "UNUSUAL_VALUE" && w.field === "installs"));
}
