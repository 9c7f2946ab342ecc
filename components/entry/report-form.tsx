"use client";

import { useLocale, useTranslations } from "next-intl";
import { parseLocale } from "@/i18n/locales";
import { localFieldErrors } from "@/lib/schemas/validation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { submitReportAction, type SubmitReportResult } from "@/lib/actions/reports";
import { discardPending, getPending, keepPending, onPendingChange, pendingKey, type ReportDraft } from "./pending-reports";
import type { ReportView } from "@/lib/data/ward-reports";
import { todayInVietnam, type IsoDay } from "@/lib/domain/days";
import { FIGURE_FIELDS, type FigureField, type FigureValues } from "@/lib/domain/figures";
import { formatCount, formatDay } from "@/lib/domain/format";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import {
  CARRIED_FIELDS,
  REPORT_FIELD_LABELS,
  warningKey,
  type CarriedField,
  type CarriedValue,
  type ReportWarning,
} from "@/lib/domain/report-checks";
import type { FieldErrors } from "@/lib/schemas/field-errors";
import { NOTE_MAX_LENGTH, reportInputSchema } from "@/lib/schemas/ward-report";

// The ward chair's daily report, phone-first: big inputs with a numeric keypad, one column,
// labels and errors next to each field. A new report starts with the smartphones and the
// cumulative counts of the last report, marked "theo báo cáo ngày …" and editable, so a routine
// report only types the day's own counts; a tap on a field selects its value, so typing replaces it. The same zod schema as the server action checks the
// form before sending (the server checks again, with its own clock and the ward's history).

type Props = {
  /** the signed-in user's name: reports kept on the device are theirs only */
  owner: string;
  wardCode: string;
  wardName: string;
  day: IsoDay;
  report: ReportView | null;
  previous: { day: IsoDay; values: FigureValues } | null;
  /** the last reported values of the carried fields: a new report starts from them */
  carried: Partial<Record<CarriedField, CarriedValue>>;
  editable: boolean;
};

type Values = Record<FigureField, string>;
type Message = { tone: "success" | "error" | "info"; text: string } | null;

/** The hint under each field: keys of the "entry" catalog. */
const HINTS = {
  smartphones: "hintSmartphones",
  installs: "hintInstalls",
  qrVenues: "hintQrVenues",
  activeVenues: "hintActiveVenues",
  scans: "hintScans",
} as const satisfies Record<FigureField, string>;

function toInputs(values: FigureValues | null): Values {
  const out = {} as Values;
  for (const f of FIGURE_FIELDS) out[f] = values && values[f] !== null ? formatCount(values[f]) : "";
  return out;
}

/** A new report's starting values: the carried fields from the last report, the others empty. */
function startingInputs(carried: Partial<Record<CarriedField, CarriedValue>>): Values {
  const out = toInputs(null);
  for (const f of CARRIED_FIELDS) {
    const c = carried[f];
    if (c) out[f] = formatCount(c.value);
  }
  return out;
}


const isCarried = (f: FigureField): f is CarriedField => (CARRIED_FIELDS as readonly FigureField[]).includes(f);

export function ReportForm({ owner, wardCode, wardName, day, report: initialReport, previous, carried, editable }: Props) {
  const [report, setReport] = useState<ReportView | null>(initialReport);
  const [values, setValues] = useState<Values>(() => (initialReport ? toInputs(initialReport.values) : startingInputs(carried)));
  // A tap focuses and selects the value; the mouseup that follows must not clear the selection.
  const justFocused = useRef<string | null>(null);
  const [note, setNote] = useState(initialReport?.note ?? "");
  const [expectedVersion, setExpectedVersion] = useState(initialReport?.version ?? 0);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [warnings, setWarnings] = useState<ReportWarning[] | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [conflict, setConflict] = useState<ReportView | null>(null);
  const [locked, setLocked] = useState(!editable);
  const [message, setMessage] = useState<Message>(null);
  const [pending, startTransition] = useTransition();
  const t = useTranslations("entry");
  const locale = parseLocale(useLocale());
  /** when the report shown was kept on this device to send later ("chờ gửi"); null when nothing waits */
  const [pendingSince, setPendingSince] = useState<Date | null>(null);
  // Until the script runs, the button is disabled: a tap before that would send the figures as a
  // plain GET form (into the URL) instead of through the checked action.
  const hydrated = useHydrated();
  const statusRef = useRef<HTMLDivElement>(null);

  const focusStatus = () => requestAnimationFrame(() => statusRef.current?.focus());

  const key = pendingKey(owner, wardCode, day);

  function applyResult(result: SubmitReportResult) {
    if (result.ok) {
      const saved = result.data.report;
      setReport(saved);
      setExpectedVersion(saved.version);
      setWarnings(null);
      setConfirmed(false);
      setConflict(null);
      setFieldErrors({});
      setPendingSince(null);
      setMessage({
        tone: "success",
        text: result.data.unchanged
          ? t("unchanged")
          : t(result.data.created ? "sent" : "saved", {
              day: formatDay(day),
              version: saved.version,
              time: saved.submittedAt ? formatVietnamDateTime(new Date(saved.submittedAt)) : "",
            }),
      });
    } else if ("warnings" in result) {
      setWarnings(result.warnings);
      setConfirmed(false);
      setMessage({ tone: "info", text: result.message });
    } else if (result.status === 409 && "current" in result) {
      setConflict(result.current);
      setMessage({ tone: "error", text: result.message });
    } else if (result.status === 423 && "current" in result) {
      setReport(result.current);
      setLocked(true);
      setMessage({ tone: "error", text: result.message });
    } else {
      setFieldErrors(result.fieldErrors ?? {});
      setMessage({
        tone: "error",
        text: result.status === 401 ? t("signInAgain", { message: result.message }) : result.message,
      });
    }
    focusStatus();
  }

  // A report of this ward and day kept on the device (typed offline): its figures are shown, and
  // what the server answered when it was sent (a conflict, figures to confirm) is shown as if the
  // chair had just sent it. Sent elsewhere (components/entry/pending-list.tsx): the answer arrives here.
  useEffect(() => {
    let live = true;
    const restore = async () => {
      const pending = await getPending(key).catch(() => undefined);
      if (!live || !pending) return;
      const { draft } = pending;
      setValues(Object.fromEntries(FIGURE_FIELDS.map((f) => [f, draft[f]])) as Values);
      setNote(draft.note);
      setExpectedVersion(draft.expectedVersion);
      setPendingSince(pending.savedAt);
      if (pending.held) applyResult(pending.held);
    };
    void restore();
    const stop = onPendingChange((change) => {
      if (change.key !== key) return;
      if (change.result) applyResult(change.result);
      else void getPending(key).then((p) => live && setPendingSince(p ? p.savedAt : null));
    });
    return () => {
      live = false;
      stop();
    };
    // applyResult only sets state; the key names the report
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  async function keepOnDevice(draft: ReportDraft) {
    try {
      const pending = await keepPending({ owner, wardName, draft });
      setPendingSince(pending.savedAt);
      setMessage({
        tone: "info",
        text: t("keptOffline", { day: formatDay(day) }),
      });
    } catch {
      setMessage({ tone: "error", text: t("keepFailed") });
    }
    focusStatus();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw: ReportDraft = {
      wardCode,
      day,
      ...values,
      note,
      expectedVersion,
      confirmedWarnings: warnings && confirmed ? warnings.map(warningKey) : [],
    };
    const local = reportInputSchema(todayInVietnam()).safeParse(raw);
    const errors: FieldErrors = local.success ? {} : localFieldErrors(local.error, locale);
    if (warnings && !confirmed) errors.confirm = [t("confirmRequired")];
    if (warnings && confirmed && !note.trim()) errors.note = [t("noteRequired")];
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setMessage({ tone: "error", text: t("fixMarked") });
      focusStatus();
      return;
    }
    setMessage(null);
    startTransition(async () => {
      if (!navigator.onLine) return keepOnDevice(raw);
      let result: SubmitReportResult;
      try {
        result = await submitReportAction(raw);
      } catch {
        return keepOnDevice(raw); // the connection dropped on the way: nothing reached the server, or its answer was lost
      }
      // Sent from the form: an older copy of this report waiting on the device is replaced by what the server answered.
      if (result.ok && pendingSince) await discardPending(key).catch(() => undefined);
      applyResult(result);
    });
  }

  function applySaved() {
    if (!conflict) return;
    setValues(toInputs(conflict.values));
    setNote(conflict.note ?? "");
    setExpectedVersion(conflict.version);
    setReport(conflict);
    setConflict(null);
    setMessage({ tone: "info", text: t("loadedSaved", { version: conflict.version }) });
  }

  function keepMine() {
    if (!conflict) return;
    setExpectedVersion(conflict.version);
    setReport(conflict);
    setMessage({ tone: "info", text: t("keepMineHint", { version: conflict.version }) });
    setConflict(null);
  }

  function approvedText(approved: ReportView): string {
    const who = [approved.approvedBy, approved.approvedAt ? formatVietnamDateTime(new Date(approved.approvedAt)) : null].filter(Boolean).join(", ");
    return who ? t("lockedApproved", { who }) : t("lockedApprovedAnonymous");
  }

  const statusLine = report
    ? t(report.status === "APPROVED" ? "statusApproved" : "statusSent", { version: report.version }) +
      (report.submittedAt ? t("statusSavedAt", { time: formatVietnamDateTime(new Date(report.submittedAt)) }) : "") +
      (report.submittedBy ? t("statusSavedBy", { name: report.submittedBy }) : "")
    : t("statusNone");

  return (
    <div className="space-y-4">
      <p className="rounded border border-slate-300 bg-white px-3 py-2 text-slate-800" data-testid="report-status">
        {statusLine}
      </p>
      {pendingSince ? (
        <p className="rounded border-2 border-amber-600 bg-amber-50 px-3 py-2 font-semibold text-slate-900" data-testid="pending-state">
          {t("pendingState", { time: formatVietnamDateTime(new Date(pendingSince)) })}
        </p>
      ) : null}

      <div
        ref={statusRef}
        tabIndex={-1}
        role={message?.tone === "error" ? "alert" : "status"}
        aria-live="polite"
        data-testid="form-message"
        className={
          message
            ? `rounded border px-3 py-2 font-semibold ${
                message.tone === "success"
                  ? "border-green-700 bg-green-50 text-green-900"
                  : message.tone === "error"
                    ? "border-red-700 bg-red-50 text-red-900"
                    : "border-amber-600 bg-amber-50 text-slate-900"
              }`
            : "sr-only"
        }
      >
        {message?.text ?? ""}
      </div>

      {locked ? (
        <section aria-labelledby="locked-heading" className="rounded border border-slate-300 bg-white p-4" data-testid="report-locked">
          <h2 id="locked-heading" className="text-lg font-semibold">
            {t("lockedHeading")}
          </h2>
          <p className="mt-1 text-slate-800">
            {report?.status === "APPROVED" ? approvedText(report) : t("lockedOther")}
          </p>
          {report ? (
            <dl className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2">
              {FIGURE_FIELDS.map((f) => (
                <div key={f} className="rounded bg-slate-50 px-3 py-2">
                  <dt className="text-sm text-slate-700">{REPORT_FIELD_LABELS[f]}</dt>
                  <dd className="tabular text-lg font-semibold">{formatCount(report.values[f])}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </section>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("formLabel", { day: formatDay(day), ward: wardName })}>
          {FIGURE_FIELDS.map((field) => {
            const id = `field-${field}`;
            const error = fieldErrors[field]?.[0];
            const prev = previous?.values[field];
            const carry = !report && isCarried(field) ? (carried[field] ?? null) : null;
            const carriedText = carry ? formatCount(carry.value) : null;
            return (
              <div key={field}>
                <label htmlFor={id} className="block text-base font-semibold">
                  {REPORT_FIELD_LABELS[field]}
                </label>
                <p id={`${id}-hint`} className="text-sm text-slate-700">
                  {t(HINTS[field])}
                  {!carry && previous && prev !== null && prev !== undefined ? t("hintPrevious", { day: formatDay(previous.day), value: formatCount(prev) }) : ""}
                </p>
                {carry ? (
                  <p id={`${id}-carried`} className="text-sm font-semibold text-brand-800" data-testid={`carried-${field}`}>
                    {values[field] === carriedText
                      ? t("carried", { day: formatDay(carry.day) })
                      : t("carriedChanged", { day: formatDay(carry.day), value: carriedText ?? "" })}
                  </p>
                ) : null}
                <input
                  id={id}
                  name={field}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={values[field]}
                  onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                  onFocus={(e) => {
                    e.currentTarget.select();
                    justFocused.current = field;
                  }}
                  onMouseUp={(e) => {
                    if (justFocused.current === field) e.preventDefault();
                    justFocused.current = null;
                  }}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={`${id}-hint${carry ? ` ${id}-carried` : ""} ${id}-error`}
                  className={`tabular mt-1 block w-full rounded border bg-white px-3 py-3 text-xl ${
                    error ? "border-red-700 outline outline-2 outline-red-700" : "border-slate-500"
                  }`}
                />
                <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm font-semibold text-red-800">
                  {error ?? ""}
                </p>
              </div>
            );
          })}

          {warnings ? (
            <fieldset className="rounded border-2 border-amber-600 bg-amber-50 p-3" data-testid="warnings">
              <legend className="px-1 text-base font-semibold">{t("warningsLegend")}</legend>
              <ul className="list-disc space-y-1 pl-5">
                {warnings.map((w) => (
                  <li key={warningKey(w)}>{w.message}</li>
                ))}
              </ul>
              <div className="mt-3 flex items-start gap-3">
                <input
                  id="confirm-warnings"
                  type="checkbox"
                  checked={confirmed}
                  onChange={(e) => setConfirmed(e.target.checked)}
                  aria-describedby="confirm-error"
                  className="mt-1 h-6 w-6 shrink-0"
                />
                <label htmlFor="confirm-warnings" className="font-semibold">
                  {t("warningsConfirm")}
                </label>
              </div>
              <p id="confirm-error" aria-live="polite" className="mt-1 text-sm font-semibold text-red-800">
                {fieldErrors.confirm?.[0] ?? ""}
              </p>
            </fieldset>
          ) : null}

          <div>
            <label htmlFor="field-note" className="block text-base font-semibold">
              {warnings ? t("noteLabelRequired") : t("noteLabelOptional")}
            </label>
            <textarea
              id="field-note"
              name="note"
              rows={3}
              maxLength={NOTE_MAX_LENGTH}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={fieldErrors.note ? true : undefined}
              aria-describedby="field-note-error"
              className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base"
            />
            <p id="field-note-error" aria-live="polite" className="mt-1 text-sm font-semibold text-red-800">
              {fieldErrors.note?.[0] ?? ""}
            </p>
          </div>

          {fieldErrors.wardCode || fieldErrors.day || fieldErrors.expectedVersion ? (
            <p role="alert" className="font-semibold text-red-800">
              {[...(fieldErrors.day ?? []), ...(fieldErrors.wardCode ?? []), ...(fieldErrors.expectedVersion ?? [])].join(" ")}
            </p>
          ) : null}

          {conflict ? (
            <section aria-labelledby="conflict-heading" className="rounded border-2 border-red-700 bg-white p-3" data-testid="conflict">
              <h2 id="conflict-heading" className="text-lg font-semibold">
                {t("conflictHeading")}
              </h2>
              <div className="mt-2 overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">{t("conflictCaption", { version: conflict.version })}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="py-1 pr-2">
                        {t("conflictField")}
                      </th>
                      <th scope="col" className="py-1 pr-2">
                        {t("conflictMine")}
                      </th>
                      <th scope="col" className="py-1">
                        {t("conflictSaved", { version: conflict.version })}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {FIGURE_FIELDS.map((f) => (
                      <tr key={f} className="border-t border-slate-200">
                        <th scope="row" className="py-1 pr-2 font-normal">
                          {REPORT_FIELD_LABELS[f]}
                        </th>
                        <td className="tabular py-1 pr-2">{values[f] || "—"}</td>
                        <td className="tabular py-1">{formatCount(conflict.values[f])}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="mt-3 flex flex-col gap-2 sm:flex-row">
                <button type="button" onClick={applySaved} className="min-h-11 rounded border border-brand-700 px-4 py-2 font-semibold text-brand-700">
                  {t("useSaved")}
                </button>
                <button type="button" onClick={keepMine} className="min-h-11 rounded border border-red-800 px-4 py-2 font-semibold text-red-800">
                  {t("keepMine")}
                </button>
              </div>
            </section>
          ) : null}

          <button
            type="submit"
            disabled={!hydrated || pending || conflict !== null}
            className="w-full rounded bg-brand-700 px-4 py-3 text-lg font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
          >
            {pending ? t("sending") : report ? t("saveChanges") : t("send")}
          </button>
        </form>
      )}
    </div>
  );
}
