import { createTranslator } from "next-intl";
import { expect } from "vitest";
import { CATALOGS } from "@/messages/catalog";
import { alertDataWindow, evaluateAlerts } from "../../../lib/domain/alerts/registry.ts";
import { renderAlertNumber, renderAlertText } from "../../../lib/domain/alerts/wording.ts";
import type { Translate } from "../../../lib/domain/message.ts";
import {
  DEFAULT_ALERT_THRESHOLDS,
  type Alert,
  type AlertInput,
  type AlertRule,
  type AlertThresholds,
  type SourceValues,
  type VenueCategoryCount,
  type WardRef,
  type WardReport,
} from "../../../lib/domain/alerts/types.ts";
import { dayRange, type IsoDay } from "../../../lib/domain/days.ts";
import type { FigureTable } from "../../../lib/domain/figure-table.ts";
import type { FigureValues } from "../../../lib/domain/figures.ts";
import { NO_TARGETS, type UnitTargets } from "../../../lib/domain/targets.ts";
import { DEFAULT_REPORT_DEADLINE, type ReportDeadline } from "../../../lib/domain/timeliness.ts";

// Small, explicit inputs for the alert rules: one district, a few wards, figures by day.

export const DAY: IsoDay = "2021-08-14";
/** A week after DAY: every deadline of the history has passed. */
export const LATER = new Date("2021-08-21T03:00:00Z");

export const PHUC_TAN: WardRef = { code: "00037", name: "Phường Phúc Tân", districtCode: "002", districtName: "Quận Hoàn Kiếm" };
export const HANG_BO: WardRef = { code: "00052", name: "Phường Hàng Bồ", districtCode: "002", districtName: "Quận Hoàn Kiếm" };
export const HANG_MA: WardRef = { code: "00043", name: "Phường Hàng Mã", districtCode: "002", districtName: "Quận Hoàn Kiếm" };

export const NONE: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };

/** An ordinary day's figure: 10.000 phones, 5.000 installs, 200 venues, 40 active, 500 scans. */
export function figure(over: Partial<FigureValues> = {}): FigureValues {
  return { smartphones: 10_000, installs: 5_000, qrVenues: 200, activeVenues: 40, scans: 500, ...over };
}

/** Every day of DAY's data window. */
export const WINDOW_DAYS: readonly IsoDay[] = dayRange(alertDataWindow(DAY).from, DAY);

type PerDay<V> = (day: IsoDay, index: number) => V | null;

/** A ward's figures over the whole window from a function of the day (null: no figure). */
export function series(make: PerDay<FigureValues>): Map<IsoDay, FigureValues> {
  const m = new Map<IsoDay, FigureValues>();
  WINDOW_DAYS.forEach((d, i) => {
    const v = make(d, i);
    if (v !== null) m.set(d, v);
  });
  return m;
}

/** Installs that grow by 50 a day, so the report checks see nothing unusual. */
export function steadyFigure(day: IsoDay, index: number, over: Partial<FigureValues> = {}): FigureValues {
  return figure({ installs: 4_000 + 50 * index, scans: 500 + (index % 3) * 10, activeVenues: 40 + (index % 2), ...over });
}

export function reportsFrom(figures: ReadonlyMap<IsoDay, FigureValues>, submittedAt: (day: IsoDay) => Date | null = () => null): Map<IsoDay, WardReport> {
  return new Map([...figures].map(([d, v]) => [d, { ...v, firstSubmittedAt: submittedAt(d) }]));
}

export type InputOptions = {
  day?: IsoDay;
  now?: Date;
  wards?: WardRef[];
  figures?: Record<string, Map<IsoDay, FigureValues>>;
  reports?: Record<string, Map<IsoDay, WardReport>>;
  imports?: Record<string, Map<IsoDay, SourceValues>>;
  /** the first day each ward had a figure (a ward is due to report from its district's first such day) */
  firstFigureDay?: Record<string, IsoDay>;
  targets?: Record<string, UnitTargets>;
  venues?: Record<string, VenueCategoryCount[]>;
  /** days of the dormancy window with venue-level scans at the ward's venues */
  venueScanDays?: Record<string, readonly IsoDay[]>;
  thresholds?: Partial<AlertThresholds>;
  deadline?: ReportDeadline;
};

export function makeInput(o: InputOptions = {}): AlertInput {
  const wards = o.wards ?? [PHUC_TAN];
  const figures: FigureTable = new Map(Object.entries(o.figures ?? {}));
  return {
    day: o.day ?? DAY,
    now: o.now ?? LATER,
    thresholds: { ...DEFAULT_ALERT_THRESHOLDS, ...o.thresholds },
    deadline: o.deadline ?? DEFAULT_REPORT_DEADLINE,
    wards,
    figures,
    reports: new Map(Object.entries(o.reports ?? {})),
    imports: new Map(Object.entries(o.imports ?? {})),
    firstFigureDay: new Map(Object.entries(o.firstFigureDay ?? {})),
    targets: new Map(wards.map((w) => [w.code, o.targets?.[w.code] ?? NO_TARGETS])),
    venues: new Map(Object.entries(o.venues ?? {})),
    venueScanDays: new Map(Object.entries(o.venueScanDays ?? {}).map(([code, days]) => [code, new Set(days)])),
  };
}

/** Venues of one category, all registered long enough to be judged, `active` of them scanned in the window. */
export function venues(category: string, registered: number, dormant: number, over: Partial<VenueCategoryCount> = {}): VenueCategoryCount {
  return { category, registered, judged: registered, dormant, active: registered - dormant, ...over };
}

/** The whole catalog's translator of a language, as the interface renders lib messages. */
export function translator(locale: "vi" | "en"): Translate {
  // A missing key or a bad placeholder throws here instead of printing the key.
  const t = createTranslator({
    locale,
    messages: CATALOGS[locale],
    onError: (e) => {
      throw e;
    },
  });
  return (key, values) => t(key as never, values as never);
}

/** An alert as the interface shows it in `locale`: its sentence (streak included) and its numbers. */
export function shown(alert: Alert, locale: "vi" | "en") {
  const t = translator(locale);
  return { text: renderAlertText(alert, t, locale), numbers: alert.numbers.map((n) => renderAlertNumber(n, t, locale)) };
}

/**
 * The alerts of one rule. Every alert a test makes is also checked against the catalogs: in
 * Vietnamese the interface shows exactly the sentence and the numbers a dispatch gets.
 */
export function run(rule: AlertRule, o: InputOptions = {}): Alert[] {
  const alerts = evaluateAlerts(makeInput(o), [rule]);
  for (const a of alerts) {
    const vi = shown(a, "vi");
    expect(vi.text).toBe(a.message);
    expect(vi.numbers).toEqual(a.numbers.map((n) => ({ label: n.label, display: n.display })));
  }
  return alerts;
}

export function numberOf(alert: Alert | undefined, key: string): number | null | undefined {
  return alert?.numbers.find((n) => n.key === key)?.value;
}

export function displayOf(alert: Alert | undefined, key: string): string | undefined {
  return alert?.numbers.find((n) => n.key === key)?.display;
}
