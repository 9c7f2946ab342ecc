// The shapes shared by the alert rules (one module per rule family), the registry that runs them
// and the data layer that feeds them. Pure: no Prisma, no Next, no React.
//
// An alert is about one ward on one calendar day (Asia/Ho_Chi_Minh). It is computed from stored
// data every time it is asked for, so it is the same for any past day whenever it is computed;
// only its acknowledgement is stored (table alert_ack).

import type { IsoDay } from "../days.ts";
import type { Message, MessageArg } from "../message.ts";
import type { FigureTable } from "../figure-table.ts";
import type { FigureValues } from "../figures.ts";
import type { UnitTargets } from "../targets.ts";
import type { ReportDeadline } from "../timeliness.ts";

export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Always shown with the colour: colour alone must not carry the meaning. */
export const SEVERITY_LABELS: Readonly<Record<AlertSeverity, string>> = {
  critical: "Nghiêm trọng",
  warning: "Cần chú ý",
  info: "Thông tin",
};

export function isAlertSeverity(value: unknown): value is AlertSeverity {
  return typeof value === "string" && (ALERT_SEVERITIES as readonly string[]).includes(value);
}

/** Higher is more severe: info 0, warning 1, critical 2. */
export function severityRank(severity: AlertSeverity): number {
  return ALERT_SEVERITIES.indexOf(severity);
}

/** One level up (critical stays critical). */
export function raiseSeverity(severity: AlertSeverity): AlertSeverity {
  return ALERT_SEVERITIES[Math.min(ALERT_SEVERITIES.length - 1, severityRank(severity) + 1)] ?? "critical";
}

export const ALERT_FAMILIES = ["scans", "reporting", "targets", "quality", "venues"] as const;
export type AlertFamily = (typeof ALERT_FAMILIES)[number];

export const FAMILY_LABELS: Readonly<Record<AlertFamily, string>> = {
  scans: "Quét mã QR",
  reporting: "Báo cáo",
  targets: "Mục tiêu và xếp hạng",
  quality: "Chất lượng số liệu",
  venues: "Địa điểm không hoạt động",
};

/** The thresholds an admin can change (stored in the `setting` table, keys "alerts.*"). */
export type AlertThresholds = {
  /** a venue with no scan for this many days in a row (the day itself included) is dormant */
  readonly dormantDays: number;
  /** entered and imported figures may differ by at most this many percent of the imported value */
  readonly disagreementTolerancePercent: number;
  /** an alert that held this many days in a row (the day itself included) is raised one level */
  readonly escalationDays: number;
  /** a fall of at least this many places in the district's ranking by coverage is an alert */
  readonly rankDropPlaces: number;
};

export const ALERT_THRESHOLD_NAMES = [
  "dormantDays",
  "disagreementTolerancePercent",
  "escalationDays",
  "rankDropPlaces",
] as const satisfies readonly (keyof AlertThresholds)[];

/** The documented defaults (docs/alerts.md). */
export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  dormantDays: 7,
  disagreementTolerancePercent: 10,
  escalationDays: 3,
  rankDropPlaces: 3,
};

/** Bounds an admin may choose within (the form, the action and the stored value all check them). */
export const ALERT_THRESHOLD_BOUNDS: Readonly<Record<keyof AlertThresholds, { readonly min: number; readonly max: number }>> = {
  dormantDays: { min: 1, max: 30 },
  disagreementTolerancePercent: { min: 0, max: 100 },
  escalationDays: { min: 2, max: 30 },
  rankDropPlaces: { min: 1, max: 30 },
};

/** Streaks and repeat counts look back this many days, the day itself included. */
export const ALERT_HISTORY_DAYS = 30;

export type WardRef = {
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
  readonly districtName: string;
};

/** A number behind an alert: a label, the exact value when it is a number, and how it is shown. */
export type AlertNumber = {
  readonly key: string;
  readonly label: string;
  /** the exact count, or null when the value is not a plain count (a rate, a time) or unknown */
  readonly value: number | null;
  /** vi-VN display: "3.220", "51,14%", "10:00 ngày 16/08/2021", "—" */
  readonly display: string;
  /** the label and the value for the interface, in its language (lib/domain/message.ts) */
  readonly labelText: Message;
  readonly shown: MessageArg;
};

/** One row a ward's figure comes from, as stored (null = not known from that source). */
export type SourceValues = {
  readonly smartphones: number | null;
  readonly installs: number | null;
  readonly qrVenues: number | null;
  readonly activeVenues: number | null;
  readonly scans: number | null;
};

/** A ward's own report of a day (source WARD_REPORT). */
export type WardReport = SourceValues & {
  /** when it was first submitted (decides timeliness); null when unknown */
  readonly firstSubmittedAt: Date | null;
};

/**
 * A ward's venues of one category on the day judged, for the dormancy rules (window: the
 * `dormantDays` days ending on the day).
 */
export type VenueCategoryCount = {
  readonly category: string;
  /** venues registered (status ACTIVE) by the end of the day */
  readonly registered: number;
  /**
   * of them, those registered on or before the window's first day: only they can have been silent
   * for the whole window (a venue registered 3 days ago cannot be "dormant for 7 days")
   */
  readonly judged: number;
  /** of the judged venues, those without a scan in the window */
  readonly dormant: number;
  /** of the registered venues (judged or not), those with at least one scan in the window */
  readonly active: number;
};

export type AlertInput = {
  readonly day: IsoDay;
  /** the current instant: a report is only missing once its deadline has passed */
  readonly now: Date;
  readonly thresholds: AlertThresholds;
  readonly deadline: ReportDeadline;
  /** every ward judged, with every sibling that shares its district (ranks need them all) */
  readonly wards: readonly WardRef[];
  /** effective figures of the wards over alertDataWindow(day).figures */
  readonly figures: FigureTable;
  /** the wards' own reports (WARD_REPORT) by ward and day, over the same window */
  readonly reports: ReadonlyMap<string, ReadonlyMap<IsoDay, WardReport>>;
  /** imported figures (IMPORT: scan-log and register rollups) by ward and day, over the same window */
  readonly imports: ReadonlyMap<string, ReadonlyMap<IsoDay, SourceValues>>;
  /**
   * The first day each ward had a figure (any field, any source), on or before `day`; absent: none.
   * A ward is due to report from the first such day of any ward of its district (reporting.ts).
   */
  readonly firstFigureDay: ReadonlyMap<string, IsoDay>;
  readonly targets: ReadonlyMap<string, UnitTargets>;
  /** The venue register on `day` by ward (a ward absent has no registered venue). */
  readonly venues: ReadonlyMap<string, readonly VenueCategoryCount[]>;
  /**
   * The days of the dormancy window (the `dormantDays` days ending on `day`) on which the
   * venue-level scans (`venue_day_scan`) have at least one scan at one of the ward's venues; a
   * ward absent has none. The data layer may leave out days a scan-log import already covers
   * (an IMPORT scan count in `imports`). With the ward's figures it says which days are covered
   * (venues.ts, scanDataMissingDays).
   */
  readonly venueScanDays: ReadonlyMap<string, ReadonlySet<IsoDay>>;
  /**
   * The first day whose venue-level scans are still kept, when a retention dropped older ones
   * (absent or null: nothing dropped). Before it, only `venueScanDays` covers a day: an import's
   * or a figure's scan count no longer says the venues' own rows are there.
   */
  readonly rawScansKeptFrom?: IsoDay | null;
};

export const ALERT_RULE_IDS = [
  "ZERO_SCANS",
  "ALL_VENUES_DORMANT",
  "NOT_REPORTED",
  "LATE_REPORT",
  "SOURCE_DISAGREEMENT",
  "INSTALLS_DECREASED",
  "UNUSUAL_VALUE",
  "BELOW_COVERAGE_TARGET",
  "BELOW_QR_TARGET",
  "RANK_DROP",
  "DORMANT_VENUES",
] as const;
export type AlertRuleId = (typeof ALERT_RULE_IDS)[number];

export function isAlertRuleId(value: unknown): value is AlertRuleId {
  return typeof value === "string" && (ALERT_RULE_IDS as readonly string[]).includes(value);
}

/** What a rule finds for one ward on one day. */
export type RuleHit = {
  readonly severity: AlertSeverity;
  /**
   * The numbers behind it and a complete Vietnamese sentence (or two), without the streak, ready
   * for a dispatch. Built only for the day asked for, not for the history days.
   */
  readonly describe: () => { readonly numbers: readonly AlertNumber[]; readonly sentence: string; readonly text: Message };
};

/** A ward's day as the rules see it. */
export type WardDayContext = {
  readonly input: AlertInput;
  readonly ward: WardRef;
  readonly day: IsoDay;
  /**
   * The ward's effective figures over alertDataWindow(input.day), one entry per day from its first
   * day (null: no figure), and the index of `day` in it: figures[offset − k] is k days before.
   */
  readonly figures: readonly (FigureValues | null)[];
  readonly offset: number;
  /**
   * The ward's rank by coverage among the district's wards that day and the day before (null: not
   * ranked), how many were ranked that day, and whether the two rankings can be compared: every
   * ward of the district has coverage figures on both days and the same wards are ranked on both
   * (a ranking of 15 of 18 wards is not a total, and a ward that "fell" because others came back
   * did not fall). Computed when first asked.
   */
  readonly ranks: () => {
    readonly rank: number | null;
    readonly previousRank: number | null;
    readonly ranked: number;
    readonly comparable: boolean;
  };
};

/** The ward's figure `back` days before the context's day (0: that day); null when none. */
export function figureBefore(ctx: WardDayContext, back = 0): FigureValues | null {
  return ctx.figures[ctx.offset - back] ?? null;
}

export type AlertRule = {
  readonly id: AlertRuleId;
  readonly family: AlertFamily;
  /** short Vietnamese name (filters, headings) */
  readonly label: string;
  /** what the rule checks, for the alert centre's legend and docs/alerts.md */
  readonly description: string;
  /**
   * true: evaluated on each of the last ALERT_HISTORY_DAYS days too, giving a streak and a repeat
   * count; false: judged on the day only (its own window says how long, e.g. dormancy).
   */
  readonly history: boolean;
  /** raised one level once it has held `escalationDays` days in a row */
  readonly escalates: boolean;
  /** completes "Đây là ngày thứ 4 liên tiếp …", given the ward's kind ("phường") */
  readonly streakPhrase: (unitKind: string) => string;
  /** the same phrase for the interface, given the ward's kind as a message (wording.ts, unitKindText) */
  readonly streakText: (unitKind: Message) => Message;
  readonly evaluate: (ctx: WardDayContext) => RuleHit | null;
};

export type AlertStreak = {
  /** days in a row the alert has held, the day itself included */
  readonly days: number;
  /** true when the streak reaches back to the start of the history window (it may be longer) */
  readonly atLeast: boolean;
};

export type Alert = {
  /** "ZERO_SCANS:00037:2021-08-14": stable, the key of an acknowledgement */
  readonly id: string;
  readonly ruleId: AlertRuleId;
  readonly family: AlertFamily;
  readonly ward: WardRef;
  readonly day: IsoDay;
  /** after escalation */
  readonly severity: AlertSeverity;
  readonly baseSeverity: AlertSeverity;
  readonly escalated: boolean;
  /** null for rules judged on the day only */
  readonly streak: AlertStreak | null;
  /** days the alert held in the last ALERT_HISTORY_DAYS days, the day itself included; null as above */
  readonly daysInLast30: number | null;
  readonly numbers: readonly AlertNumber[];
  /** the sentence to paste into a dispatch, streak included */
  readonly message: string;
  /** the same for the interface, in its language: the rule's sentence and the streak's (null: none) */
  readonly text: { readonly sentence: Message; readonly streak: Message | null };
};

export function alertId(ruleId: AlertRuleId, unitCode: string, day: IsoDay): string {
  return `${ruleId}:${unitCode}:${day}`;
}
