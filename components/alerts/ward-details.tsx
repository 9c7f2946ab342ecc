"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { wardHref } from "@/components/dashboard/hrefs";
import type { AcknowledgedAlert } from "@/lib/actions/alerts";
import { AckForm } from "./ack-form";
import { ackOf, alertKey, type AlertAckData, type AlertDetailData, type AlertWardDetails } from "./alert-data";
import styles from "./alerts.module.css";
import { CopyButton } from "./copy-button";
import { SeverityBadge } from "./severity-badge";
import { WithdrawAckForm } from "./withdraw-ack-form";

// An opened row of the alert table: the ward's alerts in full (sentence, streak, numbers,
// acknowledgement), fetched from GET /api/alerts/details when the row is first opened (the same
// data function and checks as the page), or handed over by the page for `?open=CODE`. Fetched
// again when the page is rendered anew (the URL carries the render's token: after an
// acknowledgement the page refreshes). Every wait has a deadline.

/** How long to wait for a row's details before saying so (and offering to try again). */
const DETAILS_DEADLINE_MS = 20_000;

type Ack = AlertAckData | null;

type Loaded = { url: string; details: AlertWardDetails | null; error: string };


export function WardDetails({
  url,
  initial,
  wardName,
  acks,
  carried,
  onAck,
  onArrived,
}: {
  url: string;
  /** rendered with the page (`?open=CODE`): no fetch for this render */
  initial: AlertWardDetails | null;
  wardName: string;
  /** acknowledgements made or withdrawn on this page since it was rendered, by alert id */
  acks: ReadonlyMap<string, Ack>;
  /** those made before the page's last refresh: shown until this render's details have arrived */
  carried: ReadonlyMap<string, Ack>;
  onAck: (changes: Record<string, Ack>) => void;
  /** says (in the table's polite live region) that the details have arrived, or could not */
  onArrived: (text: string) => void;
}) {
  const t = useTranslations("alerts.table");
  const [loaded, setLoaded] = useState<Loaded>({ url: initial ? url : "", details: initial, error: "" });
  const [attempt, setAttempt] = useState(0);
  const had = useRef(initial !== null);

  useEffect(() => {
    if (loaded.url === url && loaded.details !== null) return;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, DETAILS_DEADLINE_MS);
    fetch(url, { signal: controller.signal, headers: { accept: "application/json" } })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as (AlertWardDetails & { error?: string }) | null;
        if (!response.ok || body === null || !Array.isArray(body.alerts)) throw new Error(body?.error || t("detailsFailed"));
        setLoaded({ url, details: body, error: "" });
        if (!had.current) onArrived(t("detailsArrived", { ward: wardName, count: body.alerts.length }));
        had.current = true;
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted && !timedOut) return; // closed or re-rendered: nothing to say
        const error = timedOut ? t("detailsTimeout", { seconds: DETAILS_DEADLINE_MS / 1000 }) : err instanceof Error && err.message ? err.message : t("detailsFailed");
        setLoaded((l) => ({ ...l, url, error }));
        onArrived(error);
      })
      .finally(() => clearTimeout(timer));
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `loaded` is read to skip a fetch already made; fetching again is only for a new URL or a retry.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, attempt]);

  const { details, error } = loaded;
  // details of an earlier render (a new one is on its way): with what this page changed before it
  const overlay = loaded.url === url ? acks : new Map([...carried, ...acks]);
  if (details === null) {
    return error ? (
      <p className="text-sm text-slate-900" data-testid="details-error">
        {error}{" "}
        <button type="button" className={styles.toggle} onClick={() => setAttempt((n) => n + 1)}>
          {t("detailsRetry")}
        </button>
      </p>
    ) : (
      <p className="text-sm text-slate-700" aria-busy="true" data-testid="details-loading">
        {t("detailsLoading")}
      </p>
    );
  }
  const href = wardHref(details.ward.code, details.alerts[0]?.day);
  return (
    <ol className="space-y-2" data-testid="alert-details">
      {details.alerts.map((a) => {
        const key = alertKey(a.ruleId, details.ward.code, a.day);
        return (
          <li key={a.ruleId}>
            <AlertDetail
              alert={overlay.has(key) ? { ...a, ack: overlay.get(key) ?? null } : a}
              ward={details.ward}
              canAck={details.canAck}
              href={href}
              onAck={(ack) => onAck({ [key]: ack === null ? null : ackOf(ack) })}
            />
          </li>
        );
      })}
    </ol>
  );
}

function AlertDetail({
  alert: a,
  ward,
  canAck,
  href,
  onAck,
}: {
  alert: AlertDetailData;
  ward: AlertWardDetails["ward"];
  canAck: boolean;
  href: string;
  /** acknowledged (the new acknowledgement) or withdrawn (null) here */
  onAck: (ack: AcknowledgedAlert | null) => void;
}) {
  const t = useTranslations("alerts.table");
  const headingId = `alert-${a.ruleId}-${ward.code}`;
  const title = `${a.label}, ${ward.name}`;
  return (
    <article aria-labelledby={headingId} className={styles.alert} data-testid="alert" data-rule={a.ruleId} data-ward={ward.code} data-severity={a.severity}>
      <div className={styles.line}>
        <SeverityBadge severity={a.severity} escalated={a.escalated} />
        <h3 id={headingId} className="text-sm font-semibold">
          {a.label}:{" "}
          <Link href={href} prefetch={false} className={styles.link}>
            {ward.name}
          </Link>
        </h3>
        <span className="text-xs text-slate-700">{ward.districtName}</span>
      </div>
      {a.longRunning ? (
        <>
          <p className="mt-1" data-testid="alert-line">
            {ward.name} {a.line}.
          </p>
          <details className="mt-1">
            <summary className={styles.summary}>{t("fullSentence")}</summary>
            <p data-testid="alert-message">{a.message}</p>
          </details>
        </>
      ) : (
        <p className="mt-1" data-testid="alert-message">
          {a.message}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-700" data-testid="alert-streak">
        {a.streakText}
        {a.escalated ? t("escalatedStreak") : ""}
      </p>
      <div className={styles.line}>
        <details>
          <summary className={styles.summary}>{t("numbers")}</summary>
          <dl className={styles.numbers} data-testid="alert-numbers">
            {a.numbers.map((n) => (
              <div key={n.key}>
                <dt>{n.label}</dt>
                <dd>{n.display}</dd>
              </div>
            ))}
          </dl>
        </details>
        <CopyButton text={a.dispatchText} />
      </div>
      {a.ack ? (
        <div className={styles.acked} data-testid="alert-ack">
          <p>{t.rich("acknowledgedBy", { by: a.ack.by, at: a.ack.at, note: a.ack.note, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          {canAck ? <WithdrawAckForm ackId={a.ack.id} alertTitle={title} onDone={() => onAck(null)} /> : null}
        </div>
      ) : canAck ? (
        <details className="mt-1">
          <summary className={styles.summary}>{t("acknowledge")}</summary>
          <AckForm ruleId={a.ruleId} wardCode={ward.code} day={a.day} alertTitle={title} onDone={onAck} />
        </details>
      ) : (
        <p className="mt-1 text-sm text-slate-700">{t("notAcknowledged")}</p>
      )}
    </article>
  );
}
