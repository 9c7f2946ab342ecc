"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { acknowledgeAlertsAction, type AcknowledgedAlert } from "@/lib/actions/alerts";
import { ALERT_NOTE_MAX_LENGTH } from "@/lib/schemas/alerts";
import { NoteTextarea } from "@/components/ui/action-form-parts";
import { AckForm } from "./ack-form";
import type { AlertItemData, AlertRowData } from "./alert-rows";
import { CopyButton } from "./copy-button";
import { SeverityBadge } from "./severity-badge";
import { WithdrawAckForm } from "./withdraw-ack-form";

// The alert centre as a table (issue 16): one row per ward, its alerts as chips, the most severe
// first; "Chi tiết" opens the row's sentences, numbers and acknowledgements below it. Rows are
// selected with their checkboxes (Tab, Space; "Chọn tất cả" in the header) and acknowledged
// together with one note. The server checks every ward again. Its words are the "alerts.table"
// and "alerts.badge" groups, which the alert centre page sends with it (<PageMessages>).

const chipClass: Record<AlertItemData["severity"], string> = {
  critical: "border-red-700 bg-red-50 text-red-900",
  warning: "border-amber-700 bg-amber-50 text-amber-900",
  info: "border-sky-700 bg-sky-50 text-sky-900",
};
const ICONS: Record<AlertItemData["severity"], string> = { critical: "▲", warning: "■", info: "●" };

const selectable = (row: AlertRowData) => row.alerts.filter((a) => a.ack === null && a.canAcknowledge);

type Ack = AlertItemData["ack"];

/**
 * Acknowledgements made or withdrawn on this page since the rows came from the server, shown at
 * once: the page's refresh (router.refresh) recomputes the district's alerts and can take seconds
 * on a busy server. New rows from the server replace them.
 */
function useLocalAcks(rows: AlertRowData[]) {
  const [local, setLocal] = useState<{ rows: AlertRowData[]; acks: ReadonlyMap<string, Ack> }>({ rows, acks: new Map() });
  const acks = local.rows === rows ? local.acks : new Map<string, Ack>();
  const set = (changes: Record<string, Ack>) => setLocal({ rows, acks: new Map([...acks, ...Object.entries(changes)]) });
  const withLocal = rows.map((r) => {
    const alerts = r.alerts.map((a) => (acks.has(a.id) ? { ...a, ack: acks.get(a.id) ?? null } : a));
    const acknowledged = alerts.filter((a) => a.ack !== null).length;
    return { ...r, alerts, acknowledged, open: alerts.length - acknowledged };
  });
  return [withLocal, set] as const;
}

const ackOf = (a: AcknowledgedAlert): NonNullable<Ack> => ({ id: a.id, note: a.note, at: a.at, by: a.by });

export function AlertTable({ rows: serverRows, day, wardHref }: { rows: AlertRowData[]; day: string; wardHref: Record<string, string> }) {
  const t = useTranslations("alerts.table");
  const hydrated = useHydrated();
  const [rows, setAcks] = useLocalAcks(serverRows);
  const id = useId();
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();

  const choosable = rows.filter((r) => selectable(r).length > 0).map((r) => r.ward.code);
  const chosenRows = rows.filter((r) => selected.has(r.ward.code));
  const chosenAlerts = chosenRows.flatMap((r) => selectable(r).map((a) => ({ ruleId: a.ruleId, wardCode: r.ward.code })));
  const allChosen = choosable.length > 0 && choosable.every((c) => selected.has(c));
  const toggle = (set: ReadonlySet<string>, code: string) => {
    const next = new Set(set);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    return next;
  };

  if (rows.length === 0) {
    return (
      <p role="status" className="rounded border border-slate-300 bg-white px-4 py-3 text-slate-800" data-testid="no-alerts">
        {t("noMatch")}
      </p>
    );
  }

  // The bar to acknowledge the selected rows appears once a row is selected, fixed at the foot of
  // the screen (it adds nothing to the page's length and stays in reach while selecting).
  const barShown = choosable.length > 0 && (chosenRows.length > 0 || pending);
  return (
    <div className={`space-y-3 ${barShown ? "pb-48 md:pb-28" : ""}`}>
      <p aria-live="polite" className="text-sm font-semibold empty:hidden" data-testid="bulk-ack-message">
        {message}
      </p>
      {barShown ? (
        <form
          aria-label={t("bulkForm")}
          className="fixed inset-x-0 bottom-0 z-10 flex flex-col gap-2 border-t-2 border-brand-700 bg-white p-3 shadow-lg md:flex-row md:items-end"
          data-testid="bulk-ack"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const result = await acknowledgeAlertsAction({ day, note, alerts: chosenAlerts });
              if (result.ok) {
                setError("");
                setNote("");
                setSelected(new Set());
                setAcks(Object.fromEntries(Object.entries(result.data.acks).map(([alertId, a]) => [alertId, ackOf(a)])));
                setMessage(
                  t("bulkDone", { done: result.data.done }) +
                    (result.data.skipped.length > 0 ? t("bulkSkipped", { skipped: result.data.skipped.join(" ") }) : ""),
                );
                router.refresh();
              } else {
                setError(result.fieldErrors?.note?.[0] ?? result.fieldErrors?.alerts?.[0] ?? "");
                setMessage(result.message);
                if (result.status === 409) router.refresh();
              }
            });
          }}
        >
          <div className="flex-1">
            <NoteTextarea
              id={`${id}-note`}
              label={t("bulkNote")}
              value={note}
              onChange={setNote}
              error={error}
              maxLength={ALERT_NOTE_MAX_LENGTH}
            />
          </div>
          <button
            type="submit"
            disabled={!hydrated || pending || chosenAlerts.length === 0}
            className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
          >
            {pending ? t("saving") : t("bulkSubmit", { alerts: chosenAlerts.length, wards: chosenRows.length })}
          </button>
        </form>
      ) : null}

      <table className="w-full table-fixed border-collapse rounded-lg bg-white text-left text-sm" data-testid="alert-table">
        <caption className="sr-only">{t("caption")}</caption>
        <colgroup>
          <col className="w-11" />
          <col className="w-28 sm:w-60" />
          <col />
        </colgroup>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="px-1 py-1 text-center">
              {choosable.length > 0 ? (
                <input
                  type="checkbox"
                  aria-label={t("selectAll")}
                  checked={allChosen}
                  onChange={() => setSelected(allChosen ? new Set() : new Set(choosable))}
                  className="h-5 w-5"
                />
              ) : (
                <span className="sr-only">{t("select")}</span>
              )}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("ward")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("alerts")}
            </th>
          </tr>
        </thead>
        {rows.map((row) => {
          const open = expanded.has(row.ward.code);
          const detailsId = `${id}-details-${row.ward.code}`;
          const canChoose = selectable(row).length > 0;
          return (
            <tbody key={row.ward.code} className="border-t border-slate-200" data-testid={`alert-row-${row.ward.code}`} data-severity={row.severity}>
              <tr className={selected.has(row.ward.code) ? "bg-sky-50" : undefined}>
                <td className="px-1 py-0.5 text-center align-top">
                  {canChoose ? (
                    <input
                      type="checkbox"
                      aria-label={t("selectWard", { ward: row.ward.name, count: selectable(row).length })}
                      checked={selected.has(row.ward.code)}
                      onChange={() => setSelected((s) => toggle(s, row.ward.code))}
                      className="mt-1 h-5 w-5"
                    />
                  ) : null}
                </td>
                <th scope="row" className="px-2 py-1 align-top font-normal">
                  <Link href={wardHref[row.ward.code] ?? "#"} prefetch={false} className="font-semibold text-brand-700 underline">
                    {row.ward.name}
                  </Link>
                  <span className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-700">
                    <SeverityBadge severity={row.severity} />
                    <span>{t("acknowledgedOf", { done: row.acknowledged, total: row.alerts.length })}</span>
                  </span>
                </th>
                <td className="px-2 py-1 align-top">
                  <div className="flex flex-wrap items-center gap-x-2">
                  <ul className="flex flex-wrap gap-1 py-0.5" aria-label={t("wardAlerts", { ward: row.ward.name })}>
                    {row.alerts.map((a) => (
                      <li
                        key={a.id}
                        data-testid="alert-chip"
                        data-rule={a.ruleId}
                        className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${chipClass[a.severity]}`}
                      >
                        <span aria-hidden="true">{a.ack ? "✓" : ICONS[a.severity]}</span>
                        <span>
                          {a.chip}
                          {a.ack ? <span className="sr-only">{t("chipAcknowledged")}</span> : null}
                        </span>
                      </li>
                    ))}
                  </ul>
                  <button
                    type="button"
                    aria-expanded={open}
                    aria-controls={detailsId}
                    onClick={() => setExpanded((s) => toggle(s, row.ward.code))}
                    className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-700 underline md:min-h-6"
                  >
                    {open ? t("hideDetails") : t("details")}
                    <span className="sr-only"> {row.ward.name}</span>
                  </button>
                  </div>
                </td>
              </tr>
              <tr id={detailsId} hidden={!open}>
                <td colSpan={3} className="px-2 pb-3">
                  <ol className="space-y-2">
                    {row.alerts.map((a) => (
                      <li key={a.id}>
                        <AlertDetail
                          alert={a}
                          ward={row.ward}
                          href={wardHref[row.ward.code] ?? "#"}
                          onAck={(ack) => setAcks({ [a.id]: ack === null ? null : ackOf(ack) })}
                        />
                      </li>
                    ))}
                  </ol>
                </td>
              </tr>
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

function AlertDetail({
  alert: a,
  ward,
  href,
  onAck,
}: {
  alert: AlertItemData;
  ward: AlertRowData["ward"];
  href: string;
  /** acknowledged (the new acknowledgement) or withdrawn (null) here */
  onAck: (ack: AcknowledgedAlert | null) => void;
}) {
  const t = useTranslations("alerts.table");
  const headingId = `alert-${a.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return (
    <article
      aria-labelledby={headingId}
      className="rounded border border-slate-200 bg-slate-50 p-2"
      data-testid="alert"
      data-rule={a.ruleId}
      data-ward={ward.code}
      data-severity={a.severity}
    >
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={a.severity} escalated={a.escalated} />
        <h3 id={headingId} className="text-sm font-semibold">
          {a.label}:{" "}
          <Link href={href} prefetch={false} className="text-brand-700 underline">
            {ward.name}
          </Link>
        </h3>
        <span className="text-xs text-slate-700">{ward.districtName}</span>
      </div>
      {a.longRunning ? (
        <>
          <p className="mt-1 text-slate-900" data-testid="alert-line">
            {ward.name} {a.line}.
          </p>
          <details className="mt-1">
            <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700 underline">{t("fullSentence")}</summary>
            <p className="text-slate-900" data-testid="alert-message">
              {a.message}
            </p>
          </details>
        </>
      ) : (
        <p className="mt-1 text-slate-900" data-testid="alert-message">
          {a.message}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-700" data-testid="alert-streak">
        {a.streakText}
        {a.escalated ? t("escalatedStreak") : ""}
      </p>
      <div className="flex flex-wrap items-center gap-x-4">
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700 underline">{t("numbers")}</summary>
          <dl className="mt-1 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2" data-testid="alert-numbers">
            {a.numbers.map((n) => (
              <div key={n.key} className="flex justify-between gap-3 border-b border-slate-200 py-1">
                <dt className="text-slate-700">{n.label}</dt>
                <dd className="tabular font-semibold">{n.display}</dd>
              </div>
            ))}
          </dl>
        </details>
        <CopyButton text={a.dispatchText} />
      </div>
      {a.ack ? (
        <div className="mt-1 rounded bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="alert-ack">
          <p>{t.rich("acknowledgedBy", { by: a.ack.by, at: a.ack.at, note: a.ack.note, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          {a.canAcknowledge ? <WithdrawAckForm ackId={a.ack.id} alertTitle={`${a.label}, ${ward.name}`} onDone={() => onAck(null)} /> : null}
        </div>
      ) : a.canAcknowledge ? (
        <details className="mt-1">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700 underline">{t("acknowledge")}</summary>
          <AckForm ruleId={a.ruleId} wardCode={ward.code} day={a.day} alertTitle={`${a.label}, ${ward.name}`} onDone={onAck} />
        </details>
      ) : (
        <p className="mt-1 text-sm text-slate-700">{t("notAcknowledged")}</p>
      )}
    </article>
  );
}
