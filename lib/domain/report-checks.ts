// Warnings on a ward's daily report (as DHIS2's validation rules): values that are possible but
// unusual, so the ward chair must confirm them and explain with a note. Hard errors (negative
// numbers, installs > smartphones, …) are in the zod schema (lib/schemas/ward-report.ts); these need the
// ward's recent history, which only the server has for sure, and never block a confirmed save.

import { addDays, compareIsoDays, type IsoDay } from "./days.ts";
import type { FigureField, FigureValues } from "./figures.ts";
import { formatCount, formatDay } from "./format.ts";
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
  readonly message: string;
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

/**
 * The warnings for `values` reported for `day`, given the ward's figures on the days before it
 * (only days in [day − 14, day − 1] are used; others are ignored).
 */
export function reportWarnings(
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
        message:
          `Số lượt cài Bluezone cộng dồn (${formatCount(installs)}) thấp hơn ngày ${formatDay(earlier.day)} ` +
          `(${formatCount(earlier.value)}). Số cộng dồn thường không giảm: hãy kiểm tra lại hoặc ghi rõ lý do.`,
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
    const what = CUMULATIVE_FIELDS.includes(field)
      ? `mức tăng trong ngày của ${FIELD_NOUNS[field]} (${formatCount(observed)})`
      : `${FIELD_NOUNS[field]} (${formatCount(observed)})`;
    warnings.push({
      code: "UNUSUAL_VALUE",
      field,
      value: observed,
      reference: result.median,
      message:
        `Giá trị khác thường: ${what} lệch hơn 3 lần độ lệch tuyệt đối trung vị so với ${series.length} ngày gần nhất ` +
        `(trung vị ${formatMedian(result.median)}). Hãy kiểm tra lại hoặc ghi rõ lý do.`,
    });
  }
  return warnings;
}
