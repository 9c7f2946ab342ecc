import type { AcknowledgedAlert } from "@/lib/actions/alerts";
import type { AlertRuleId, AlertSeverity } from "@/lib/domain/alerts/types";

// The alert centre's rows as the browser gets them (built on the server by alert-rows.ts): a
// row's summary, carried by the page for every ward, and a ward's details, carried only when its
// row is opened. Types and two helpers only, so the table's code stays small.

/** One alert of a row's summary: a chip. */
export type AlertChipData = {
  ruleId: AlertRuleId;
  severity: AlertSeverity;
  /** the chip's text: "Không có lượt quét · 4 ngày liên tiếp" */
  chip: string;
  acked: boolean;
};

export type AlertRowData = {
  ward: { code: string; name: string };
  severity: AlertSeverity;
  /** the viewer may acknowledge (and withdraw) this ward's alerts */
  canAck: boolean;
  /** in the order of the details: the ones told in full first, then the long-running ones */
  alerts: AlertChipData[];
};

export type AlertAckData = { id: number; note: string; at: string; by: string };

/** One alert of an opened row. */
export type AlertDetailData = {
  ruleId: AlertRuleId;
  label: string;
  severity: AlertSeverity;
  escalated: boolean;
  day: string;
  /** "4 ngày liên tiếp · 6/30 ngày gần đây", "Xét riêng trong ngày" */
  streakText: string;
  /** held LONG_RUNNING_DAYS days in a row or more: told in one line */
  longRunning: boolean;
  /** "dưới mục tiêu cài đặt ít nhất 30 ngày liên tiếp" */
  line: string;
  /** the sentence in the reader's language */
  message: string;
  /** the Vietnamese sentence for a dispatch or a Zalo message (the copy button), whatever the reader's language */
  dispatchText: string;
  /** each number behind the sentence, labelled and shown in the reader's language */
  numbers: readonly { key: string; label: string; display: string }[];
  ack: AlertAckData | null;
};

/** What opening a row shows: the answer of GET /api/alerts/details. */
export type AlertWardDetails = {
  ward: { code: string; name: string; districtName: string };
  canAck: boolean;
  alerts: AlertDetailData[];
};

/** The id of an alert ("ZERO_SCANS:00037:2021-08-14", lib/domain/alerts/types.ts alertId). */
export const alertKey = (ruleId: string, wardCode: string, day: string) => `${ruleId}:${wardCode}:${day}`;

export const ackOf = (a: AcknowledgedAlert): AlertAckData => ({ id: a.id, note: a.note, at: a.at, by: a.by });
