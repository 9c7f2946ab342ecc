// "The database cannot answer right now", recognised in one place. Pages (through the proxy's
// availability gate, lib/db/health.ts), route handlers and server
// actions (lib/requests/refusal.ts) answer such an error with 503 and Retry-After: the request
// was fine, the client should simply try again, and a signed-in user is never signed out for it.
//
// The errors come in many shapes, because they pass through node-postgres, pg-pool, the Prisma
// driver adapter and Prisma itself, each of which may wrap the one below (in `cause`, in `meta`, or
// only in the message text). So the check walks the chain and looks at codes first, then messages.

/** Seconds a client is told to wait before trying again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE_MESSAGE = "Cơ sở dữ liệu tạm thời không trả lời. Vui lòng thử lại sau ít giây.";

/**
 * A mark every DatabaseUnavailableError carries, found by the same name in every copy of this
 * module: Next.js bundles instrumentation.ts apart from the pages, so an error made by a page's
 * copy of the class is not an `instanceof` the instrumentation's copy (the fault suite saw pages
 * answer 500 instead of 503 when the session check lost its connection, ADR 037).
 */
const UNAVAILABLE_MARK = Symbol.for("wardwatch.database-unavailable");

/** Thrown by our own code when it knows the database cannot answer (e.g. the health gate says so). */
export class DatabaseUnavailableError extends Error {
  readonly [UNAVAILABLE_MARK] = true;
  readonly status = 503;
  readonly retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;
  constructor(cause?: unknown) {
    super(DATABASE_UNAVAILABLE_MESSAGE, { cause });
    this.name = "DatabaseUnavailableError";
  }
}

/** PostgreSQL SQLSTATEs that mean "not now", not "your request is wrong". */
const SQLSTATES = new Set([
  "57014", // query_canceled: statement_timeout
  "57P01", // admin_shutdown: the server is stopping
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up, shutting down, in recovery
  "53300", // too_many_connections
  "55P03", // lock_not_available: lock_timeout
  "25P03", // idle_in_transaction_session_timeout
  "08000", // connection_exception and its subclasses
  "08001",
  "08003",
  "08004",
  "08006",
]);

/** Socket errors from Node. */
const ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ECONNABORTED"]);

/**
 * Prisma's codes for the same: P1001 can't reach, P1002 timed out reaching, P1008 operation timed
 * out, P1017 server closed the connection, P2024 timed out waiting for a pooled connection,
 * P2037 too many connections.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);

/** Driver adapter error kinds (@prisma/driver-adapter-utils) for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** Messages of errors that carry no code (node-postgres and pg-pool make plain Errors). */
const MESSAGES: readonly RegExp[] = [
  /timeout exceeded when trying to connect/i, // pg-pool: connectionTimeoutMillis (exhausted pool or hung connect)
  /Connection terminated/i, // node-postgres: the socket closed (also "… due to connection timeout", "… unexpectedly")
  /Query read timeout/i, // node-postgres: query_timeout
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /canceling statement due to (statement|lock) timeout/i,
  /terminating connection/i, // 57P01 and friends, when only the text survived
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Can't reach database server/i, // Prisma P1001
  /Server has closed the connection/i, // Prisma P1017
  /Timed out fetching a new connection from the connection pool/i, // Prisma P2024
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)\b/,
];

function field(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

function matchesOne(err: object): boolean {
  if (err instanceof DatabaseUnavailableError || (err as Record<symbol, unknown>)[UNAVAILABLE_MARK] === true) return true;
  const code = field(err, "code");
  if (typeof code === "string" && (SQLSTATES.has(code) || ERRNOS.has(code) || PRISMA_CODES.has(code))) return true;
  const kind = field(err, "kind");
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
  const message = field(err, "message");
  return typeof message === "string" && MESSAGES.some((re) => re.test(message));
}

/**
 * True when `err` (or anything it wraps) says the database cannot answer now: down, hung, too slow,
 * out of connections, restarting. False for everything else, including constraint violations and
 * bugs, which must stay 4xx/500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<object>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const next = queue.shift();
    if (typeof next !== "object" || next === null || seen.has(next)) continue;
    seen.add(next);
    if (matchesOne(next)) return true;
    // Wrappers: Error.cause, Prisma's `meta` (driverAdapterError, code), the adapter's `cause`.
    queue.push(field(next, "cause"), field(next, "meta"), field(next, "driverAdapterError"), field(next, "originalError"));
    if (next instanceof AggregateError) queue.push(...next.errors);
  }
  return false;
}

/** The JSON answer for a route handler: 503, Retry-After, never cached, a message for people. */
export function databaseUnavailableResponse(): Response {
  return Response.json(
    { error: DATABASE_UNAVAILABLE_MESSAGE },
    { status: 503, headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}
