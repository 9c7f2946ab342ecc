"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState, useSyncExternalStore } from "react";
import { formatDay } from "@/lib/domain/format";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import { keepPageOffline, registerServiceWorker } from "@/lib/push/browser";
import { entryHref } from "./entry-href";
import { discardPending, listPending, onPendingChange, sendAllPending, sendPending, type PendingReport } from "./pending-reports";

// The reports this user typed on this device without a connection, whatever day they are for:
// each "chờ gửi" (sent by itself when the connection returns) or held with the server's answer for
// the chair to settle on that day's form. The chair may send one now or discard it. This is also
// what starts the service worker that keeps /entry usable offline (public/sw.js).

function subscribeOnline(changed: () => void): () => void {
  window.addEventListener("online", changed);
  window.addEventListener("offline", changed);
  return () => {
    window.removeEventListener("online", changed);
    window.removeEventListener("offline", changed);
  };
}

/** The browser's idea of the connection (true on the server: the page was just served). */
function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

export function PendingReports({ owner, adminWard }: { owner: string; adminWard: boolean }) {
  const [reports, setReports] = useState<PendingReport[]>([]);
  const online = useOnline();
  const t = useTranslations("entry");

  useEffect(() => {
    let live = true;
    const refresh = () => void listPending(owner).then((list) => live && setReports(list), () => undefined);
    const sendAll = () => void sendAllPending(owner).catch(() => undefined);
    refresh();
    if (navigator.onLine) sendAll();
    // Offline use is a bonus: the page works without the service worker.
    void registerServiceWorker()
      .then((registration) => registration && keepPageOffline(registration))
      .catch(() => undefined);
    const stop = onPendingChange(refresh);
    window.addEventListener("online", sendAll);
    return () => {
      live = false;
      stop();
      window.removeEventListener("online", sendAll);
    };
  }, [owner]);

  if (reports.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading" className="rounded border-2 border-amber-600 bg-white p-3" data-testid="pending-reports">
      <h2 id="pending-heading" className="text-lg font-semibold">
        {t("pendingHeading", { count: reports.length })}
      </h2>
      <p className="text-sm text-slate-700">
        {online ? t("pendingOnline") : t("pendingOffline")}
      </p>
      <ul className="mt-2 space-y-2">
        {reports.map((p) => (
          <li key={p.key} className="rounded border border-slate-300 p-2">
            <p>
              <Link href={entryHref(p.draft.day, adminWard ? p.draft.wardCode : undefined)} className="font-semibold text-brand-700 underline">
                {t("pendingItem", { day: formatDay(p.draft.day), ward: p.wardName })}
              </Link>
            </p>
            <p className="text-sm text-slate-800">
              {p.held ? t("pendingHeld", { reason: p.held.message }) : t("pendingWaiting", { time: formatVietnamDateTime(new Date(p.savedAt)) })}
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              <button
                type="button"
                disabled={!online}
                onClick={() => void sendPending(p.key)}
                className="min-h-11 rounded border border-brand-700 px-3 py-1 font-semibold text-brand-700 disabled:opacity-60"
              >
                {p.held ? t("sendAgain") : t("sendNow")}
                <span className="sr-only">{t("sendWhich", { day: formatDay(p.draft.day) })}</span>
              </button>
              <button
                type="button"
                onClick={() => void discardPending(p.key)}
                className="min-h-11 rounded border border-red-800 px-3 py-1 font-semibold text-red-800"
              >
                {t("discard")}
                <span className="sr-only">{t("discardWhich", { day: formatDay(p.draft.day) })}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
