// The HTTP server behind `npm start`: Next.js's own request handler (the same router `next start`
// uses), with lib/server/request-screen.ts in front of it. Some malformed requests never reach
// proxy.ts, or reach it only to fail first: a TRACE makes Next's Request constructor throw (a 500
// with a stack trace), CONNECT and methods Node does not know end the connection or get a bare 400,
// and paths the proxy leaves out (static files, the upload route) are matched without it.
// Usage: tsx scripts/serve.ts (PORT, default 3000). Prepare the database first (scripts/start.ts).
import http from "node:http";
import { createRequire } from "node:module";
import type { Duplex } from "node:stream";
import { runInRequestContext, type RequestContext } from "../lib/server/request-context.ts";
import { PAGE_METHODS, REASONS, refusalBody, refusalLogLine, screenRequest, type Refusal } from "../lib/server/request-screen.ts";

// The socket's address for the sign-in limits (CommonJS, shared with the unit tests).
const { stampPeerAddress } = createRequire(import.meta.url)("../lib/auth/peer-address.cjs") as {
  stampPeerAddress: (req: http.IncomingMessage, trustedProxies: number) => void;
};

/** WARDWATCH_TRUSTED_PROXIES: reverse proxies in front of the app whose X-Forwarded-* are believed. */
function trustedProxiesFromEnv(): number {
  const n = Number(process.env.WARDWATCH_TRUSTED_PROXIES || "0");
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

// Next reads NODE_ENV while loading: set it before the dynamic import below.
(process.env as Record<string, string | undefined>).NODE_ENV = "production";
const port = Number(process.env.PORT ?? 3000);
const trustedProxies = trustedProxiesFromEnv();

/** Headers a refusal carries even though Next (and next.config.js headers()) never sees it. */
const REFUSAL_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
};

function writeRefusal(res: http.ServerResponse, target: string, refusal: Refusal): void {
  const { contentType, body } = refusalBody(target, refusal);
  res.writeHead(refusal.status, { ...REFUSAL_HEADERS, "content-type": contentType, ...(refusal.allow ? { allow: refusal.allow } : {}) });
  res.end(body);
}

/** A raw 405 on a socket Node's HTTP parser gave up on (no request object exists). */
function rawMethodNotAllowed(socket: Duplex): void {
  const body = Buffer.from(`405 · ${REASONS.method}\n`);
  const head = [
    "HTTP/1.1 405 Method Not Allowed",
    `Allow: ${PAGE_METHODS}`,
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${body.length}`,
    "Connection: close",
    ...Object.entries(REFUSAL_HEADERS).map(([k, v]) => `${k}: ${v}`),
  ].join("\r\n");
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), body]));
}

/**
 * Requests handled at once (pages, actions, API) before new ones are shed with 503 + Retry-After,
 * so a burst never piles onto the database pool until pages fail half-rendered (Next.js cannot turn
 * a failed render into a 503 once it has started). Static files and the health check are never
 * shed: a monitor must see the server alive while it sheds.
 */
const MAX_IN_FLIGHT = positiveInt(process.env.WARDWATCH_MAX_IN_FLIGHT, 48);
const SHED_RETRY_AFTER_SECONDS = 2;
let inFlight = 0;

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function neverShed(target: string): boolean {
  return target.startsWith("/_next/static/") || target === "/api/health" || target.startsWith("/api/health?") || target === "/favicon.ico";
}

function shed(res: http.ServerResponse, target: string): void {
  const api = target.startsWith("/api/");
  const message = "Máy chủ đang quá tải, vui lòng thử lại sau vài giây.";
  res.writeHead(503, {
    ...REFUSAL_HEADERS,
    "retry-after": String(SHED_RETRY_AFTER_SECONDS),
    "content-type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
  });
  res.end(api ? JSON.stringify({ error: message }) : `503 · ${message}\n`);
}

/**
 * A page whose render failed because the database could not answer (instrumentation.ts
 * onRequestError marked the request) is sent as 503 with Retry-After rather than Next's 500: the
 * request was fine, the client should try again. Only before anything was sent, and only a 500.
 */
function answerUnavailableAs503(res: http.ServerResponse, context: RequestContext): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    if (statusCode === 500 && context.databaseUnavailable) {
      res.setHeader("retry-after", String(SHED_RETRY_AFTER_SECONDS));
      return writeHead(503, ...rest);
    }
    return writeHead(statusCode, ...rest);
  }) as typeof res.writeHead;
}

async function main(): Promise<void> {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    stampPeerAddress(req, trustedProxies);
    const refusal = screenRequest({ method, target, header: (name) => headerValue(req.headers[name]) });
    if (refusal) {
      console.warn(refusalLogLine({ method, target }, refusal));
      writeRefusal(res, target, refusal);
      return;
    }
    const counted = !neverShed(target);
    if (counted) {
      if (inFlight >= MAX_IN_FLIGHT) return shed(res, target);
      inFlight++;
      // "close" fires once the answer is sent or the client went away: the slot is freed either way.
      res.once("close", () => inFlight--);
    }
    const context: RequestContext = { databaseUnavailable: false };
    answerUnavailableAs503(res, context);
    runInRequestContext(context, () => handle(req, res)).catch((err: unknown) => {
      console.error("[serve] request failed", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end();
    });
  });
  // CONNECT is handed to this event instead of the request handler.
  server.on("connect", (_req: http.IncomingMessage, socket: Duplex) => rawMethodNotAllowed(socket));
  // Node answers a parse error with a bare 400 only when nobody listens: keep its answers, but an
  // unknown method (TRACK, PROPFAKE, …) is a 405 like TRACE.
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    if (err.code === "HPE_INVALID_METHOD") return rawMethodNotAllowed(socket);
    const status =
      err.code === "HPE_HEADER_OVERFLOW"
        ? "431 Request Header Fields Too Large"
        : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? "408 Request Timeout"
          : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });
  server.listen(port, () => console.log(`[serve] WardWatch nghe tại cổng ${port}`));
  // SIGTERM/SIGINT: the graceful shutdown registered by instrumentation.ts (lib/server/shutdown.ts)
  // finds this server among the process's handles, drains it and closes the database.
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

main().catch((err: unknown) => {
  console.error(`[serve] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
