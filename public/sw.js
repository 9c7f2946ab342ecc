// WardWatch's service worker (issue 17; docs/decisions/022-pwa-offline-entry-and-web-push.md).
// Two jobs, nothing more:
// 1. keep the ward chair's daily report (/entry) usable without a connection: each /entry page
//    the chair opened is kept (network first, the kept copy when the network fails), and the
//    build's hashed scripts, styles and fonts it needs (cache first: their names change with
//    their content). No other page or API answer is kept. Sending is the page's business: a
//    report typed offline waits in IndexedDB (components/entry/pending-reports.ts) and is sent
//    through the same server action once the connection is back.
// 2. show Web Push messages ({ title, body, url }, lib/notifications/push-channel.ts) and open
//    their link when tapped.
// Plain JavaScript served from public/ as is: no build step, no inline script (the site's CSP).

const VERSION = "v1";
const PAGES = `wardwatch-pages-${VERSION}`;
const ASSETS = `wardwatch-assets-${VERSION}`;
const KEEP = [PAGES, ASSETS];

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith("wardwatch-") && !KEEP.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const sameOrigin = (url) => url.origin === self.location.origin;
const isEntryPage = (url) => url.pathname === "/entry" || url.pathname.startsWith("/entry/");
const isBuildAsset = (url) => url.pathname.startsWith("/_next/static/");
const isAppIcon = (url) => /^\/(icon[\w-]*\.(png|svg)|apple-touch-icon\.png|favicon\.ico|manifest\.webmanifest)$/.test(url.pathname);

/** Navigations to /entry: the network's answer (kept), or the kept copy of the same address, or of /entry. */
async function entryPage(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    // A redirect away from /entry (to the sign-in page): whoever was signed in here is not any
    // more, so their kept pages go.
    else if (response.type === "opaqueredirect" || response.redirected) await caches.delete(PAGES);
    return response;
  } catch (err) {
    const kept = (await cache.match(request)) || (await cache.match("/entry", { ignoreSearch: true }));
    if (kept) return kept;
    throw err;
  }
}

/** Hashed build files and icons: the kept copy, else the network's (kept for next time). */
async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (!sameOrigin(url)) return;
  // Signing out: the kept pages belong to the user leaving.
  if (url.pathname.startsWith("/api/auth/signout")) {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET") return; // server actions and uploads always go to the network
  if (request.mode === "navigate" && isEntryPage(url)) event.respondWith(entryPage(request));
  else if (isBuildAsset(url) || isAppIcon(url)) event.respondWith(cacheFirst(request));
});

// The /entry page asks, once it is open, to keep itself and the build files it loaded (before this
// worker controlled it, they did not pass through here): usable offline from the first visit.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep-entry-page" || !Array.isArray(data.assets) || typeof data.page !== "string") return;
  const page = new URL(data.page, self.location.origin);
  if (!sameOrigin(page) || !isEntryPage(page)) return;
  const assets = data.assets.map((a) => new URL(a, self.location.origin)).filter((u) => sameOrigin(u) && (isBuildAsset(u) || isAppIcon(u)));
  event.waitUntil(
    (async () => {
      const cache = await caches.open(ASSETS);
      for (const url of assets) if (!(await cache.match(url.href))) await cache.add(url.href).catch(() => undefined);
      const response = await fetch(page.href, { credentials: "same-origin", redirect: "manual" }).catch(() => null);
      if (response && response.ok) await (await caches.open(PAGES)).put(page.href, response);
    })(),
  );
});

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : "" };
  }
  const title = typeof message.title === "string" && message.title ? message.title : "WardWatch";
  const url = typeof message.url === "string" && message.url.startsWith("/") ? message.url : "/";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof message.body === "string" ? message.body : "",
      icon: "/icon-192.png",
      badge: "/icon-192.png",
      lang: "vi",
      data: { url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url ? event.notification.data.url : "/", self.location.origin);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).pathname === target.pathname && new URL(w.url).search === target.search);
      if (open) return open.focus();
      const any = windows.find((w) => sameOrigin(new URL(w.url)));
      if (any && "navigate" in any) return (await any.navigate(target.href))?.focus();
      return self.clients.openWindow(target.href);
    })(),
  );
});
