// Browser side of the service worker and Web Push, for "use client" components (no server code).

export const SERVICE_WORKER_URL = "/sw.js";

/** Whether this browser can run the service worker at all (not over plain http to another host, not in old browsers). */
export function canUseServiceWorker(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator && window.isSecureContext;
}

/** Registers public/sw.js for the whole site (idempotent) and waits until it is active. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!canUseServiceWorker()) return null;
  await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" });
  return navigator.serviceWorker.ready;
}

/** Whether this browser can receive Web Push (service worker, PushManager and notifications). */
export function canUsePush(): boolean {
  return canUseServiceWorker() && "PushManager" in window && "Notification" in window;
}

/** The VAPID public key (base64url) as PushManager.subscribe wants it. */
export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) out[i] = raw.charCodeAt(i);
  return out;
}

/**
 * Asks the service worker to keep the page being shown and the build files it loaded (scripts,
 * styles, fonts) so it opens offline from the first visit (public/sw.js, "keep-entry-page").
 */
export async function keepPageOffline(registration: ServiceWorkerRegistration): Promise<void> {
  const assets = performance
    .getEntriesByType("resource")
    .map((e) => e.name)
    .filter((name) => name.startsWith(`${location.origin}/_next/static/`));
  registration.active?.postMessage({ type: "keep-entry-page", page: location.href, assets });
}
