import { createStore, del, get, set, values, type UseStore } from "idb-keyval";
import { submitReportAction, type SubmitReportResult } from "@/lib/actions/reports";
import { parseCount } from "@/lib/schemas/ward-report";
import { FIGURE_FIELDS, type FigureField } from "@/lib/domain/figures";

// Reports typed without a connection, kept on this device (IndexedDB) until they are sent. The
// report is sent later exactly as the form would have sent it, through the same server action:
// the same validation, the same version check (the version the chair saw when typing), the same
// audit entry. Whatever the server answers other than "saved" (a conflict, figures to confirm, a
// refusal) stays with the report and is shown to the chair; nothing is retried over it and
// nothing saved on the server is overwritten. For the browser only.

/** The action's input as the form built it (figures as typed, note, the version the chair saw). */
export type ReportDraft = Record<FigureField, string> & {
  wardCode: string;
  day: string;
  note: string;
  expectedVersion: number;
  confirmedWarnings: string[];
};

export type PendingReport = {
  key: string;
  /** the user who typed it: only their own pending reports are shown and sent */
  owner: string;
  wardName: string;
  draft: ReportDraft;
  savedAt: Date;
  /** the server's answer when it was not saved (a conflict, warnings to confirm, a refusal): the chair decides */
  held?: Exclude<SubmitReportResult, { ok: true }>;
};

export type PendingChange = { key: string; result?: SubmitReportResult };

const EVENT = "wardwatch:pending-reports";
let store: UseStore | undefined;
const db = () => (store ??= createStore("wardwatch-entry", "pending-reports"));

export const pendingKey = (owner: string, wardCode: string, day: string) => `${owner}/${wardCode}/${day}`;

function announce(change: PendingChange): void {
  window.dispatchEvent(new CustomEvent<PendingChange>(EVENT, { detail: change }));
}

/** Calls `listener` on every change to the pending reports (kept, sent, discarded); returns the unsubscribe. */
export function onPendingChange(listener: (change: PendingChange) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<PendingChange>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}

export async function listPending(owner: string): Promise<PendingReport[]> {
  const all = await values<PendingReport>(db());
  return all.filter((p) => p.owner === owner).sort((a, b) => (a.draft.day < b.draft.day ? -1 : a.draft.day > b.draft.day ? 1 : 0));
}

export async function getPending(key: string): Promise<PendingReport | undefined> {
  return get<PendingReport>(key, db());
}

/** Keeps a report to send later (replacing an earlier pending one of the same ward and day). */
export async function keepPending(report: Omit<PendingReport, "key" | "savedAt" | "held">): Promise<PendingReport> {
  const pending: PendingReport = { ...report, key: pendingKey(report.owner, report.draft.wardCode, report.draft.day), savedAt: new Date() };
  await set(pending.key, pending, db());
  announce({ key: pending.key });
  return pending;
}

export async function discardPending(key: string): Promise<void> {
  await del(key, db());
  announce({ key });
}

/** The saved report has exactly the figures and note of the draft (a send whose answer was lost). */
function sameAsSaved(draft: ReportDraft, current: { values: Record<FigureField, number | null>; note: string | null } | null): boolean {
  if (!current) return false;
  const figuresMatch = FIGURE_FIELDS.every((f) => {
    const parsed = parseCount(draft[f], f);
    return parsed.ok && parsed.value === current.values[f];
  });
  return figuresMatch && (draft.note.trim() || null) === (current.note?.trim() || null);
}

const inFlight = new Set<string>();

/**
 * Sends one pending report through the report action. Saved: it leaves the device. Anything else
 * the server answers is kept with it for the chair. No connection (the call throws): it stays as
 * it was. Returns the answer, or null when it was not sent (already being sent, gone, no connection).
 */
export async function sendPending(key: string): Promise<SubmitReportResult | null> {
  if (inFlight.has(key)) return null;
  inFlight.add(key);
  try {
    const pending = await getPending(key);
    if (!pending) return null;
    let result: SubmitReportResult;
    try {
      result = await submitReportAction(pending.draft);
    } catch {
      return null; // still no connection (or no answer): try again when the browser is back online
    }
    // A conflict with a saved report that holds exactly these figures: an earlier send of this
    // very report got through and only its answer was lost.
    if (!result.ok && result.status === 409 && "current" in result && sameAsSaved(pending.draft, result.current)) {
      result = { ok: true, data: { report: result.current as NonNullable<typeof result.current>, created: false, unchanged: true } };
    }
    if (result.ok) await del(key, db());
    else await set(key, { ...pending, held: result }, db());
    announce({ key, result });
    return result;
  } finally {
    inFlight.delete(key);
  }
}

/** Sends every pending report of `owner` not held for the chair's decision, one after another. */
export async function sendAllPending(owner: string): Promise<void> {
  for (const pending of await listPending(owner)) {
    if (!pending.held) await sendPending(pending.key);
  }
}
