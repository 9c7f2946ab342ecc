"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { applicationServerKey, canUsePush, registerServiceWorker } from "@/lib/push/browser";

// The browser half of the push switch: asks for permission, subscribes through the push service of
// this browser with the server's VAPID key, and hands the subscription to PUT
// /api/push/subscription (or takes it back with DELETE). Every state is said in words.

type State = "checking" | "unsupported" | "denied" | "off" | "on" | "busy";

const sameKey = (a: ArrayBuffer | null | undefined, b: Uint8Array): boolean => {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((x, i) => x === b[i]);
};

async function send(method: "PUT" | "DELETE", body: unknown): Promise<boolean> {
  const response = await fetch("/api/push/subscription", {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  return response.ok;
}

export function PushToggleControl({ publicKey }: { publicKey: string }) {
  const t = useTranslations("push");
  const [state, setState] = useState<State>("checking");
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const check = async (): Promise<State> => {
      if (!canUsePush()) return "unsupported";
      if (Notification.permission === "denied") return "denied";
      const registration = await registerServiceWorker();
      const sub = await registration?.pushManager.getSubscription();
      if (!sub) return "off";
      // Made with another server key (the keys were replaced): useless, switch it off.
      if (!sameKey(sub.options.applicationServerKey, applicationServerKey(publicKey))) {
        await sub.unsubscribe();
        return "off";
      }
      // Tell the server again: it may have dropped it (a 410 earlier, another user on this device).
      await send("PUT", sub.toJSON()).catch(() => false);
      return "on";
    };
    void check().then(
      (s) => live && setState(s),
      () => live && setState("off"),
    );
    return () => {
      live = false;
    };
  }, [publicKey]);

  async function switchOn() {
    setState("busy");
    setProblem(null);
    try {
      if ((await Notification.requestPermission()) !== "granted") return setState("denied");
      const registration = await registerServiceWorker();
      if (!registration) return setState("unsupported");
      const sub = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) });
      if (!(await send("PUT", sub.toJSON()))) {
        await sub.unsubscribe();
        setProblem(t("serverRefused"));
        return setState("off");
      }
      setState("on");
    } catch {
      // No push service reachable (offline, a browser without one), or the request failed.
      setProblem(t("subscribeFailed"));
      setState("off");
    }
  }

  async function switchOff() {
    setState("busy");
    setProblem(null);
    try {
      const registration = await registerServiceWorker();
      const sub = await registration?.pushManager.getSubscription();
      if (sub) {
        await send("DELETE", { endpoint: sub.endpoint });
        await sub.unsubscribe();
      }
      setState("off");
    } catch {
      setProblem(t("unsubscribeFailed"));
      setState("on");
    }
  }

  const status =
    state === "on" ? t("statusOn") : state === "off" ? t("statusOff") : state === "denied" ? t("statusDenied") : state === "unsupported" ? t("statusUnsupported") : t("statusChecking");
  return (
    <section aria-labelledby="push-heading" className="rounded border border-slate-300 bg-white p-3" data-testid="push-toggle">
      <h2 id="push-heading" className="text-base font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-800" role="status" aria-live="polite" data-testid="push-status">
        {status}
      </p>
      {problem ? (
        <p className="text-sm font-semibold text-red-800" role="alert">
          {problem}
        </p>
      ) : null}
      {state === "on" || state === "off" || state === "busy" ? (
        <button
          type="button"
          disabled={state === "busy"}
          aria-pressed={state === "on"}
          onClick={() => void (state === "on" ? switchOff() : switchOn())}
          className="mt-2 min-h-11 rounded border border-brand-700 px-4 py-2 font-semibold text-brand-700 disabled:opacity-60"
        >
          {t("button")}
        </button>
      ) : null}
    </section>
  );
}
