import { z } from "zod";
import { ALERT_STATUSES, SEVERITY_FILTERS } from "../domain/alerts/filters.ts";
import { ALERT_RULE_IDS, ALERT_SEVERITIES, ALERT_THRESHOLD_BOUNDS, type AlertThresholds } from "../domain/alerts/types.ts";
import { isIsoDay } from "../domain/days.ts";
import { oneOfMessage, unknownFiltersMessage, V, VV } from "./validation.ts";

// Alerts at the boundaries: the alert centre's URL filters, the acknowledgement form and the
// thresholds form (shared by the form and the server action), and the stored setting values.
// Messages are Vietnamese, from the validation catalogs (shown in the reader's language).

const single = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .refine((v) => !Array.isArray(v), { message: VV("labelSingleValue", { label: { label } }) })
    .transform((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined));

const ALERT_PARAM_KEYS = ["day", "district", "ward", "rule", "severity", "status", "page", "open"] as const;

/** Filters of the alert centre, kept in the URL: /alerts?day=&district=&ward=&rule=&severity=&status=&page=&open= */
export const AlertParamsSchema = z.strictObject(
  {
    day: single("Ngày").refine((v) => v === undefined || isIsoDay(v), { message: "Ngày phải có dạng YYYY-MM-DD và là một ngày có thật" }),
    district: single("Quận").refine((v) => v === undefined || /^\d{3}$/.test(v), { message: V.districtCodeExampleShort }),
    ward: single("Phường").refine((v) => v === undefined || /^\d{5}$/.test(v), { message: V.wardCodeExample }),
    rule: single("Loại cảnh báo").pipe(
      z.enum(ALERT_RULE_IDS, { error: oneOfMessage("Loại cảnh báo", ALERT_RULE_IDS) }).optional(),
    ),
    severity: single("Mức độ").pipe(
      z
        .enum([...ALERT_SEVERITIES, ...SEVERITY_FILTERS], {
          error: VV("severityOneOf", { values: ALERT_SEVERITIES.join(", ") }),
        })
        .optional(),
    ),
    status: single("Trạng thái").pipe(z.enum(ALERT_STATUSES, { error: oneOfMessage("Trạng thái", ALERT_STATUSES) }).optional()),
    page: single("Trang")
      .refine((v) => v === undefined || /^[1-9]\d{0,4}$/.test(v), { message: V.pagePositive })
      .transform((v) => (v === undefined ? 1 : Number(v))),
    // the row whose details the server renders with the page (the "Chi tiết" link without JavaScript)
    open: single("Chi tiết").refine((v) => v === undefined || /^\d{5}$/.test(v), { message: V.wardCodeExample }),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? unknownFiltersMessage(issue.keys, ALERT_PARAM_KEYS)
        : undefined,
  },
);
/** The filters the data layer reads (`open` only says which row the page renders opened). */
export type AlertParams = Omit<z.output<typeof AlertParamsSchema>, "open">;

/**
 * One ward's details in the alert centre (GET /api/alerts/details): the page's filters, the ward
 * (required) and the token of the page's render (`render`, which only keeps the browser from
 * reusing an answer fetched for an earlier render).
 */
export const AlertDetailsParamsSchema = AlertParamsSchema.omit({ page: true, open: true }).extend({
  ward: single("Phường").pipe(z.string({ error: V.wardCodeRequired }).regex(/^\d{5}$/, V.wardCodeExample)),
  render: single("Lần hiển thị").refine((v) => v === undefined || /^[\w-]{1,64}$/.test(v), { message: V.renderInvalid }),
});
export type AlertDetailsParams = z.output<typeof AlertDetailsParamsSchema>;

export const ALERT_NOTE_MAX_LENGTH = 1000;

export const AcknowledgeAlertSchema = z.object({
  ruleId: z.enum(ALERT_RULE_IDS, { error: V.alertRuleInvalid }),
  wardCode: z.string().trim().regex(/^\d{5}$/, V.wardCode),
  day: z.string().trim().refine(isIsoDay, V.dayInvalid),
  note: z
    .string({ error: V.noteRequired })
    .trim()
    .min(3, V.noteMin)
    .max(ALERT_NOTE_MAX_LENGTH, VV("noteMax", { max: ALERT_NOTE_MAX_LENGTH })),
});
export type AcknowledgeAlertInput = z.output<typeof AcknowledgeAlertSchema>;

/** Most alerts acknowledged at once (a district has a few dozen a day). */
export const BULK_ACK_MAX = 500;

/** Several alerts of one day acknowledged with one note (the alert centre's selected rows). */
export const BulkAcknowledgeAlertsSchema = AcknowledgeAlertSchema.pick({ day: true, note: true }).extend({
  alerts: z
    .array(AcknowledgeAlertSchema.pick({ ruleId: true, wardCode: true }), { error: V.alertsRequired })
    .min(1, V.alertsRequired)
    .max(BULK_ACK_MAX, VV("bulkAckMax", { max: BULK_ACK_MAX })),
});
export type BulkAcknowledgeAlertsInput = z.output<typeof BulkAcknowledgeAlertsSchema>;

/** Withdrawing an acknowledgement: which one (its id, so a newer one is never withdrawn by mistake) and why. */
export const WithdrawAlertAckSchema = z.object({
  ackId: z.coerce.number({ error: V.ackInvalid }).int(V.ackInvalid).positive(V.ackInvalid),
  reason: z
    .string({ error: V.reasonRequired })
    .trim()
    .min(3, V.reasonMin)
    .max(ALERT_NOTE_MAX_LENGTH, VV("reasonMax", { max: ALERT_NOTE_MAX_LENGTH })),
});
export type WithdrawAlertAckInput = z.output<typeof WithdrawAlertAckSchema>;

function bounded(key: keyof AlertThresholds, label: string) {
  const { min, max } = ALERT_THRESHOLD_BOUNDS[key];
  const message = VV("range", { label: { label }, min, max });
  return z.coerce
    .number({ error: VV("notANumber", { label: { label } }) })
    .int(VV("notAnInteger", { label: { label } }))
    .min(min, message)
    .max(max, message);
}

/** The thresholds form (strings from inputs are coerced) and the server action. */
export const AlertThresholdsSchema = z.object({
  dormantDays: bounded("dormantDays", "Số ngày không có lượt quét"),
  disagreementTolerancePercent: bounded("disagreementTolerancePercent", "Ngưỡng chênh lệch (%)"),
  escalationDays: bounded("escalationDays", "Số ngày liên tiếp để nâng mức"),
  rankDropPlaces: bounded("rankDropPlaces", "Số bậc tụt hạng"),
});

/** A stored value: a plain integer within the bounds (no coercion: anything else falls back to the default). */
export function storedThresholdSchema(key: keyof AlertThresholds) {
  const { min, max } = ALERT_THRESHOLD_BOUNDS[key];
  return z.number().int().min(min).max(max);
}
