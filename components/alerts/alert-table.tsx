"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { wardHref } from "@/components/dashboard/hrefs";
import { NoteTextarea } from "@/components/ui/action-form-parts";
import { useHydrated } from "@/components/ui/use-hydrated";
import { acknowledgeAlertsAction } from "@/lib/actions/alerts";
import { ALERT_NOTE_MAX_LENGTH } from "@/lib/schemas/alerts";
import { ackOf, alertKey, type AlertAckData, type AlertRowData, type AlertWardDetails } from "./alert-data";
import styles from "./alerts.module.css";
import { WardDetails } from "./ward-details";
import { SeverityBadge } from "./severity-badge";

// The alert centre as a table (issue 16): one row per ward, its alerts as chips (severity and
// streak), the most severe first. "Chi tiết" opens the row's sentences, numbers and
// acknowledgements below it: they are fetched when the row is first opened (issue 15: rendered
// hidden in every row they were two thirds of the page), and the polite live region says when
// they have arrived. Before the page is interactive (or without JavaScript) "Chi tiết" is a link
// to the same view with `?open=CODE`, whose details the server renders. Rows are selected with
// their checkboxes (Tab, Space; "Chọn tất cả" in the header) and acknowledged together with one
// note; the server checks every ward again. Its words are the "alerts.table" and "alerts.badge"
// groups, which the alert centre page sends with it (<PageMessages>).

const ICONS: Record<AlertRowData["severity"], string> = { critical: "▲", warning: "■", info: "●" };

type Ack = AlertAckData | null;

const chosenOf = (row: AlertRowData, acked: (ruleId: string) => boolean) => (row.canAck ? row.alerts.filter((a) => !acked(a.ruleId)) : []);

/**
 * Acknowledgements made or withdrawn on this page since the rows came from the server, by alert
 * id, shown at once: the page's refresh (router.refresh) recomputes the district's alerts and can
 * take seconds on a busy server. New rows from the server replace them; the earlier ones are
 * carried for an opened row's details until its details of the new render have arrived.
 */
function useLocalAcks(rows: AlertRowData[]) {
  type Local = { rows: AlertRowData[]; acks: ReadonlyMap<string, Ack>; carried: ReadonlyMap<string, Ack> };
  const [local, setLocal] = useState<Local>({ rows, acks: new Map(), carried: new Map() });
  const current = local.rows === rows;
  const acks = current ? local.acks : new Map<string, Ack>();
  const carried = current ? local.carried : new Map([...local.carried, ...local.acks]);
  const set = (changes: Record<string, Ack>) => setLocal({ rows, acks: new Map([...acks, ...Object.entries(changes)]), carried });
  return { acks, carried, set };
}


const toggled = (set: ReadonlySet<string>, code: string) => {
  const next = new Set(set);
  if (next.has(code)) next.delete(code);
  else next.add(code);
  return next;
};

export function AlertTable({
  rows,
  day,
  href,
  detailsUrl,
  opened,
}: {
  rows: AlertRowData[];
  day: string;
  /** this view of the alert centre (its filters and page), without `open` */
  href: string;
  /** GET /api/alerts/details with this view's filters and a token of this render (ADR 023), less the ward */
  detailsUrl: string;
  /** the row opened by `?open=CODE`, its details rendered with the page */
  opened: AlertWardDetails | null;
}) {
  const t = useTranslations("alerts.table");
  const hydrated = useHydrated();
  const { acks, carried, set: setAcks } = useLocalAcks(rows);
  const id = useId();
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(opened ? [opened.ward.code] : []));
  // Rows opened at least once keep their details (a draft note survives closing the row).
  const [rendered, setRendered] = useState<ReadonlySet<string>>(() => new Set(opened ? [opened.ward.code] : []));
  const [announced, setAnnounced] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();

  const ackedIn = (row: AlertRowData) => (ruleId: string) => {
    const key = alertKey(ruleId, row.ward.code, day);
    return acks.has(key) ? acks.get(key) !== null : (row.alerts.find((a) => a.ruleId === ruleId)?.acked ?? false);
  };
  const choosable = rows.filter((r) => chosenOf(r, ackedIn(r)).length > 0).map((r) => r.ward.code);
  const chosenRows = rows.filter((r) => selected.has(r.ward.code));
  const chosenAlerts = chosenRows.flatMap((r) => chosenOf(r, ackedIn(r)).map((a) => ({ ruleId: a.ruleId, wardCode: r.ward.code })));
  const allChosen = choosable.length > 0 && choosable.every((c) => selected.has(c));

  if (rows.length === 0) {
    return (
      <p role="status" className="rounded border border-slate-300 bg-white px-4 py-3 text-slate-800" data-testid="no-alerts">
        {t("noMatch")}
      </p>
    );
  }

  const openHref = (code: string) => `${href}${href.includes("?") ? "&" : "?"}open=${code}#alert-details-${code}`;
  // The bar to acknowledge the selected rows appears once a row is selected, fixed at the foot of
  // the screen (it adds nothing to the page's length and stays in reach while selecting).
  const barShown = choosable.length > 0 && (chosenRows.length > 0 || pending);
  return (
    <div className={`space-y-3 ${barShown ? "pb-48 md:pb-28" : ""}`}>
      <p aria-live="polite" className="text-sm font-semibold empty:hidden" data-testid="bulk-ack-message">
        {message}
      </p>
      <p aria-live="polite" className="sr-only" data-testid="details-status">
        {announced}
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
            <NoteTextarea id={`${id}-note`} label={t("bulkNote")} value={note} onChange={setNote} error={error} maxLength={ALERT_NOTE_MAX_LENGTH} />
          </div>
          <button type="submit" disabled={!hydrated || pending || chosenAlerts.length === 0} className={styles.submit}>
            {pending ? t("saving") : t("bulkSubmit", { alerts: chosenAlerts.length, wards: chosenRows.length })}
          </button>
        </form>
      ) : null}

      <table className={styles.table} data-testid="alert-table">
        <caption className="sr-only">{t("caption")}</caption>
        <colgroup>
          <col className="w-11" />
          <col className="w-28 sm:w-60" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              {choosable.length > 0 ? (
                <input
                  type="checkbox"
                  aria-label={t("selectAll")}
                  checked={allChosen}
                  onChange={() => setSelected(allChosen ? new Set() : new Set(choosable))}
                  className={styles.box}
                />
              ) : (
                <span className="sr-only">{t("select")}</span>
              )}
            </th>
            <th scope="col">{t("ward")}</th>
            <th scope="col">{t("alerts")}</th>
          </tr>
        </thead>
        {rows.map((row) => {
          const code = row.ward.code;
          const open = expanded.has(code);
          const detailsId = `alert-details-${code}`;
          const acked = ackedIn(row);
          const toChoose = chosenOf(row, acked).length;
          const done = row.alerts.filter((a) => acked(a.ruleId)).length;
          const toggleText = (
            <>
              {open ? t("hideDetails") : t("details")}
              <span className="sr-only">{` ${row.ward.name}`}</span>
            </>
          );
          return (
            <tbody key={code} id={`alert-row-${code}`} data-testid={`alert-row-${code}`} data-severity={row.severity}>
              <tr className={selected.has(code) ? styles.chosen : undefined}>
                <td>
                  {toChoose > 0 ? (
                    <input
                      type="checkbox"
                      aria-label={t("selectWard", { ward: row.ward.name, count: toChoose })}
                      checked={selected.has(code)}
                      onChange={() => setSelected((s) => toggled(s, code))}
                      className={styles.box}
                    />
                  ) : null}
                </td>
                <th scope="row">
                  <Link href={wardHref(code, day)} prefetch={false} className={styles.link}>
                    {row.ward.name}
                  </Link>
                  <span className={styles.sub}>
                    <SeverityBadge severity={row.severity} />
                    <span>{t("acknowledgedOf", { done, total: row.alerts.length })}</span>
                  </span>
                </th>
                <td>
                  <div className={styles.line}>
                    <ul className={styles.chips} aria-label={t("wardAlerts", { ward: row.ward.name })}>
                      {row.alerts.map((a) => (
                        <li key={a.ruleId} data-testid="alert-chip" data-rule={a.ruleId} data-severity={a.severity} className={styles[a.severity]}>
                          <span aria-hidden="true">{acked(a.ruleId) ? "✓" : ICONS[a.severity]}</span>
                          <span>
                            {a.chip}
                            {acked(a.ruleId) ? <span className="sr-only">{t("chipAcknowledged")}</span> : null}
                          </span>
                        </li>
                      ))}
                    </ul>
                    {hydrated ? (
                      <button
                        type="button"
                        aria-expanded={open}
                        aria-controls={detailsId}
                        onClick={() => {
                          setExpanded((s) => toggled(s, code));
                          setRendered((s) => new Set(s).add(code));
                        }}
                        className={styles.toggle}
                      >
                        {toggleText}
                      </button>
                    ) : (
                      // Before React runs (or without JavaScript): the same view with this row opened by the server.
                      <a href={open ? `${href}#alert-row-${code}` : openHref(code)} className={styles.toggle}>
                        {toggleText}
                      </a>
                    )}
                  </div>
                </td>
              </tr>
              <tr id={detailsId} hidden={!open}>
                {rendered.has(code) ? (
                  <td colSpan={3} className={styles.details}>
                    <WardDetails
                      url={`${detailsUrl}&ward=${code}`}
                      initial={opened?.ward.code === code ? opened : null}
                      wardName={row.ward.name}
                      acks={acks}
                      carried={carried}
                      onAck={setAcks}
                      onArrived={(text) => setAnnounced(text)}
                    />
                  </td>
                ) : null}
              </tr>
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
