"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

// Keeps a session in use alive: server components cannot set cookies, so page views alone never
// renew the session cookie and it would end 8 hours after sign-in however busy the user. While the
// user navigates, clicks or types, this asks /api/auth/session (next-auth's endpoint, which checks
// the session and re-issues the cookie for another 8 idle hours) at most once every
// REFRESH_EVERY_MS. Idle tabs send nothing, so the idle limit still holds; the 12-hour absolute
// limit is enforced on the server (lib/auth/config.ts) whatever this does.

const REFRESH_EVERY_MS = 5 * 60_000;
let lastRefresh = 0;

function refreshSoon(): void {
  const now = Date.now();
  if (now - lastRefresh < REFRESH_EVERY_MS) return;
  lastRefresh = now;
  void fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" }).catch(() => {
    lastRefresh = 0; // offline or the server restarting: try again at the next activity
  });
}

export function SessionKeepAlive() {
  const pathname = usePathname();
  useEffect(() => {
    refreshSoon();
  }, [pathname]);
  useEffect(() => {
    const events = ["pointerdown", "keydown"] as const;
    for (const e of events) window.addEventListener(e, refreshSoon, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, refreshSoon);
    };
  }, []);
  return null;
}
