// Rule family "quality": suspicious data.
//
// - INSTALLS_DECREASED, UNUSUAL_VALUE: the checks a ward chair sees when entering a report
//   (lib/domain/report-checks.ts: cumulative installs lower than before; a value far from the
//   ward's previous 14 days), applied to the ward's effective figure of the day, so an official
//   sees them whether or not the chair confirmed them. The outlier test is stricter than the entry
//   form's (ALERT_OUTLIER_OPTIONS): a campaign push moves every ward's figures for days, and the
//   form's 3 MADs would then list most wards every day; an alert needs more than 5 MADs and more
//   than half the median away.
// - SOURCE_DISAGREEMENT: the ward's own report and the imported figures (the QR system's scan-log
//   and register rollups, source IMPORT) for the same ward and day differ by more than the
//   tolerance, as a share of the imported value. Only fields both sources know are compared.

import { addDays } from "../days.ts";
import { FIGURE_FIELDS, type FigureField, type FigureValues } from "../figures.ts";
import { formatCount, formatDay, formatPercent } from "../format.ts";
import { CUMULATIVE_FIELDS, HISTORY_DAYS } from "../report-checks.ts";
import { checkOutlier, type OutlierOptions } from "../robust.ts";
import { hasZeroScans } from "./scans.ts";
import { figureBefore, type AlertNumber, type AlertRule, type RuleHit, type WardDayContext } from "./types.ts";
import { formatMedian, msg, type Message } from "../message.ts";
import { countNumber, nameInSentence, rateNumber, textNumber } from "./wording.ts";

/** A figure field's label for the interface (domain.alerts.fields.<field>), inside another label. */
const fieldLabel = (field: FigureField, key: string): Message => msg(`domain.alerts.numbers.${key}`, { field: { message: msg(`domain.alerts.fields.${field}`) } });

/** Judged on their daily change (as in the report checks); the others on their level. */
const CUMULATIVE: readonly FigureField[] = CUMULATIVE_FIELDS;

/** Outliers worth an official's attention: more than 5 scales away, the scale at least 10 % of the median. */
export const ALERT_OUTLIER_OPTIONS: OutlierOptions = { k: 5, minScalePercentOfMedian: 10 };

/** Field names inside a sentence. */
export const FIELD_NOUNS: Readonly<Record<FigureField, string>> = {
  smartphones: "số điện thoại thông minh",
  installs: "số lượt cài Bluezone cộng dồn",
  qrVenues: "số địa điểm đã tạo mã QR",
  activeVenues: "số địa điểm có lượt quét",
  scans: "số lượt quét mã QR",
};

const FIELD_LABELS: Readonly<Record<FigureField, string>> = {
  smartphones: "Điện thoại thông minh",
  installs: "Lượt cài Bluezone (cộng dồn)",
  qrVenues: "Địa điểm đã tạo mã QR",
  activeVenues: "Địa điểm có lượt quét",
  scans: "Lượt quét mã QR",
};

/** A warning of the report checks, with (for a fall in installs) how many days back the earlier value is. */
export type QualityFinding =
  | { readonly code: "INSTALLS_DECREASED"; readonly value: number; readonly reference: number; readonly back: number }
  | { readonly code: "UNUSUAL_VALUE"; readonly field: FigureField; readonly value: number; readonly reference: number };

const seriesScratch: number[] = [];

/**
 * reportWarnings (lib/domain/report-checks.ts) for one day of a dense series of figures (one entry
 * per day, null when there is none): the same rules in the same order, on array offsets instead of
 * day strings, because the alerts run it for every ward on each of 30 days (a unit test checks
 * both agree). `figures[offset]` is the day judged; the HISTORY_DAYS entries before it its history.
 */
export function qualityFindings(
  figures: readonly (FigureValues | null)[],
  offset: number,
  options: OutlierOptions = ALERT_OUTLIER_OPTIONS,
): QualityFinding[] {
  const values = figures[offset] ?? null;
  if (values === null) return [];
  const first = offset - HISTORY_DAYS;
  const findings: QualityFinding[] = [];

  const installs = values.installs;
  if (installs !== null) {
    for (let i = offset - 1; i >= first; i--) {
      const earlier = figures[i]?.installs ?? null;
      if (earlier === null) continue;
      if (installs < earlier) findings.push({ code: "INSTALLS_DECREASED", value: installs, reference: earlier, back: offset - i });
      break;
    }
  }

  // One series array for every call: checkOutlier keeps nothing of it, and the country's alerts
  // call this ~1,6 million times (ADR 037). Days outside [first, offset) read as missing.
  const series = seriesScratch;
  for (const field of FIGURE_FIELDS) {
    const value = values[field];
    if (value === null) continue;
    let observed: number;
    series.length = 0;
    if (CUMULATIVE.includes(field)) {
      const yesterday = figures[offset - 1]?.[field] ?? null;
      if (yesterday === null) continue;
      observed = value - yesterday;
      let prev: number | null = null; // the day before `first` is outside the history
      for (let i = first; i < offset; i++) {
        const v = figures[i]?.[field] ?? null;
        if (v !== null && prev !== null) series.push(v - prev);
        prev = v;
      }
    } else {
      observed = value;
      for (let i = first; i < offset; i++) {
        const v = figures[i]?.[field] ?? null;
        if (v !== null) series.push(v);
      }
    }
    const result = checkOutlier(observed, series, options);
    if (result.judged && result.outlier) findings.push({ code: "UNUSUAL_VALUE", field, value: observed, reference: result.median });
  }
  return findings;
}

/** Two rules read the same findings: computed once per ward-day (the registry passes one context object to all rules). */
const checked = new WeakMap<WardDayContext, QualityFinding[]>();

function findingsOf(ctx: WardDayContext): QualityFinding[] {
  let found = checked.get(ctx);
  if (!found) checked.set(ctx, (found = qualityFindings(ctx.figures, ctx.offset)));
  return found;
}

function evaluateInstallsDecreased(ctx: WardDayContext): RuleHit | null {
  const w = findingsOf(ctx).find((x) => x.code === "INSTALLS_DECREASED");
  if (!w || w.code !== "INSTALLS_DECREASED") return null;
  return {
    severity: "warning",
    describe() {
      const earlierDay = addDays(ctx.day, -w.back);
      return {
        numbers: [
          countNumber("installs", "Lượt cài cộng dồn trong ngày", w.value, msg("domain.alerts.numbers.installsOnDay")),
          countNumber("previousInstalls", `Lượt cài cộng dồn ngày ${formatDay(earlierDay)}`, w.reference, msg("domain.alerts.numbers.previousInstalls", { day: { day: earlierDay } })),
          countNumber("decrease", "Giảm", w.reference - w.value),
        ],
        sentence:
          `Số lượt cài Bluezone cộng dồn của ${nameInSentence(ctx.ward.name)} ngày ${formatDay(ctx.day)} (${formatCount(w.value)}) ` +
          `thấp hơn ngày ${formatDay(earlierDay)} (${formatCount(w.reference)}); số cộng dồn thường không giảm, ` +
          `đề nghị phường kiểm tra lại số liệu.`,
        text: msg("domain.alerts.rules.INSTALLS_DECREASED.sentence", {
          ward: { name: ctx.ward.name },
          day: { day: ctx.day },
          value: { count: w.value },
          earlierDay: { day: earlierDay },
          reference: { count: w.reference },
        }),
      };
    },
  };
}


function evaluateUnusualValue(ctx: WardDayContext): RuleHit | null {
  const findings = findingsOf(ctx);
  const zero = hasZeroScans(figureBefore(ctx));
  const decreased = findings.some((w) => w.code === "INSTALLS_DECREASED");
  // A day without scans is the zero-scan alert, and a fall in installs its own alert: not repeated here.
  const unusual = findings.flatMap((w) =>
    w.code === "UNUSUAL_VALUE" && !(zero && (w.field === "scans" || w.field === "activeVenues")) && !(decreased && w.field === "installs") ? [w] : [],
  );
  if (unusual.length === 0) return null;
  return {
    severity: "info",
    describe() {
      const numbers: AlertNumber[] = unusual.flatMap((w) => {
        const change = CUMULATIVE.includes(w.field);
        return [
          countNumber(
            w.field,
            change ? `${FIELD_LABELS[w.field]}: tăng trong ngày` : FIELD_LABELS[w.field],
            w.value,
            change ? fieldLabel(w.field, "fieldChange") : msg(`domain.alerts.fields.${w.field}`),
          ),
          textNumber(
            `${w.field}Median`,
            `${FIELD_LABELS[w.field]}: trung vị 14 ngày trước`,
            formatMedian(w.reference),
            { median: w.reference },
            fieldLabel(w.field, "fieldMedian"),
          ),
        ];
      });
      const parts = unusual.map((w) => {
        const what = CUMULATIVE.includes(w.field) ? `mức tăng trong ngày của ${FIELD_NOUNS[w.field].replace(" cộng dồn", "")}` : FIELD_NOUNS[w.field];
        return `${what} là ${formatCount(w.value)} (trung vị 14 ngày trước: ${formatMedian(w.reference)})`;
      });
      return {
        numbers,
        sentence:
          `Số liệu ngày ${formatDay(ctx.day)} của ${nameInSentence(ctx.ward.name)} có giá trị khác thường so với 14 ngày trước: ` +
          `${parts.join("; ")}. Đề nghị phường kiểm tra lại.`,
        text: msg("domain.alerts.rules.UNUSUAL_VALUE.sentence", {
          ward: { name: ctx.ward.name },
          day: { day: ctx.day },
          parts: {
            list: unusual.map((w) =>
              msg("domain.alerts.rules.UNUSUAL_VALUE.part", {
                what: CUMULATIVE.includes(w.field)
                  ? { message: msg("domain.alerts.rules.UNUSUAL_VALUE.dailyChange", { noun: { message: msg(`domain.alerts.fieldNounsShort.${w.field}`) } }) }
                  : { message: msg(`domain.alerts.fieldNouns.${w.field}`) },
                value: { count: w.value },
                median: { median: w.reference },
              }),
            ),
            join: "semicolon",
          },
        }),
      };
    },
  };
}

/**
 * True when `entered` differs from `imported` by more than `tolerancePercent` % of `imported`
 * (exactly at the tolerance is not a disagreement). With nothing imported, any entered count > 0 is.
 */
export function disagrees(entered: number, imported: number, tolerancePercent: number): boolean {
  return Math.abs(entered - imported) * 100 > tolerancePercent * imported;
}

function evaluateDisagreement(ctx: WardDayContext): RuleHit | null {
  const report = ctx.input.reports.get(ctx.ward.code)?.get(ctx.day);
  const imported = ctx.input.imports.get(ctx.ward.code)?.get(ctx.day);
  if (!report || !imported) return null;
  const tolerance = ctx.input.thresholds.disagreementTolerancePercent;
  const fields = FIGURE_FIELDS.flatMap((field) => {
    const e = report[field];
    const i = imported[field];
    return e !== null && i !== null && disagrees(e, i, tolerance) ? [{ field, entered: e, imported: i }] : [];
  });
  if (fields.length === 0) return null;
  return {
    severity: "warning",
    describe() {
      const numbers: AlertNumber[] = fields.flatMap(({ field, entered, imported: i }) => [
        countNumber(`${field}Entered`, `${FIELD_LABELS[field]}: phường báo cáo`, entered, fieldLabel(field, "fieldEntered")),
        countNumber(`${field}Imported`, `${FIELD_LABELS[field]}: dữ liệu nhập từ hệ thống`, i, fieldLabel(field, "fieldImported")),
        rateNumber(`${field}Difference`, `${FIELD_LABELS[field]}: chênh lệch`, { num: Math.abs(entered - i), den: i }, fieldLabel(field, "fieldDifference")),
      ]);
      const parts = fields.map(
        ({ field, entered, imported: i }) =>
          `${FIELD_NOUNS[field]} phường báo cáo là ${formatCount(entered)}, dữ liệu nhập từ hệ thống là ${formatCount(i)}` +
          (i > 0 ? ` (chênh lệch ${formatPercent({ num: Math.abs(entered - i), den: i })})` : ""),
      );
      return {
        numbers,
        sentence:
          `Số liệu ngày ${formatDay(ctx.day)} của ${nameInSentence(ctx.ward.name)} chênh lệch với dữ liệu nhập từ hệ thống quá ngưỡng ` +
          `cho phép ${tolerance}%: ${parts.join("; ")}.`,
        text: msg("domain.alerts.rules.SOURCE_DISAGREEMENT.sentence", {
          ward: { name: ctx.ward.name },
          day: { day: ctx.day },
          tolerance: String(tolerance),
          parts: {
            list: fields.map(({ field, entered, imported: i }) =>
              msg(i > 0 ? "domain.alerts.rules.SOURCE_DISAGREEMENT.part" : "domain.alerts.rules.SOURCE_DISAGREEMENT.partNoDifference", {
                noun: { message: msg(`domain.alerts.fieldNouns.${field}`) },
                entered: { count: entered },
                imported: { count: i },
                difference: { percent: { num: Math.abs(entered - i), den: i } },
              }),
            ),
            join: "semicolon",
          },
        }),
      };
    },
  };
}

export const INSTALLS_DECREASED_RULE: AlertRule = {
  id: "INSTALLS_DECREASED",
  family: "quality",
  label: "Lượt cài cộng dồn giảm",
  description: "Số lượt cài Bluezone cộng dồn thấp hơn số gần nhất trước đó (trong 14 ngày).",
  history: true,
  escalates: true,
  streakPhrase: (kind) => `số lượt cài cộng dồn của ${kind} giảm`,
  streakText: (kind) => msg("domain.alerts.rules.INSTALLS_DECREASED.streak", { kind: { message: kind } }),
  evaluate: evaluateInstallsDecreased,
};

export const UNUSUAL_VALUE_RULE: AlertRule = {
  id: "UNUSUAL_VALUE",
  family: "quality",
  label: "Giá trị khác thường",
  description:
    "Một số liệu (hoặc mức tăng trong ngày của số cộng dồn) lệch khỏi trung vị 14 ngày trước hơn 5 lần độ lệch tuyệt đối trung vị và hơn một nửa trung vị.",
  history: true,
  escalates: true,
  streakPhrase: (kind) => `số liệu của ${kind} có giá trị khác thường`,
  streakText: (kind) => msg("domain.alerts.rules.UNUSUAL_VALUE.streak", { kind: { message: kind } }),
  evaluate: evaluateUnusualValue,
};

export const SOURCE_DISAGREEMENT_RULE: AlertRule = {
  id: "SOURCE_DISAGREEMENT",
  family: "quality",
  label: "Lệch với dữ liệu nhập",
  description:
    "Số liệu phường báo cáo chênh lệch với dữ liệu nhập từ hệ thống quét mã QR (cùng phường, cùng ngày) quá ngưỡng cho phép (mặc định 10% số nhập).",
  history: true,
  escalates: true,
  streakPhrase: (kind) => `số liệu ${kind} báo cáo lệch với dữ liệu nhập từ hệ thống`,
  streakText: (kind) => msg("domain.alerts.rules.SOURCE_DISAGREEMENT.streak", { kind: { message: kind } }),
  evaluate: evaluateDisagreement,
};
