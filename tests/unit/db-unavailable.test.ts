import { describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError, databaseUnavailableResponse, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { sessionDeadlines } from "@/lib/db/deadlines";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { DatabaseUnavailableError as SessionUnavailableError } from "@/lib/auth/unavailable";

// The shapes below are the ones node-postgres, pg-pool and Prisma 7 (adapter-pg) actually produce
// (recorded against a real server behind tests/faults/tcp-proxy.ts; the integration test
// tests/integration/db-health.test.ts checks the live ones).

function prismaRawError(cause: Record<string, unknown>, message: string): Error {
  const adapter = Object.assign(new Error(String(cause.kind)), { name: "DriverAdapterError", cause });
  return Object.assign(new Error(`Invalid \`prisma.$queryRaw()\` invocation:\n\nRaw query failed. ${message}`), {
    name: "PrismaClientKnownRequestError",
    code: "P2010",
    meta: { driverAdapterError: adapter },
  });
}

describe("isDatabaseUnavailable", () => {
  it("recognises the error made by another copy of the module (Next bundles instrumentation.ts apart from the pages)", async () => {
    vi.resetModules();
    const copy = await import("@/lib/db/unavailable");
    expect(copy.DatabaseUnavailableError).not.toBe(DatabaseUnavailableError);
    const fromPages = new copy.DatabaseUnavailableError();
    expect(fromPages instanceof DatabaseUnavailableError).toBe(false);
    expect(isDatabaseUnavailable(fromPages)).toBe(true);
    // the session check's error as a page throws it: its cause made by the pages' copy
    expect(isDatabaseUnavailable(Object.assign(new Error("wrapped"), { cause: fromPages }))).toBe(true);
    expect(copy.isDatabaseUnavailable(new DatabaseUnavailableError())).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("bug"), { status: 503 }))).toBe(false);
  });

  it.each([
    ["a hung server (node-postgres query_timeout)", new Error("Query read timeout")],
    ["an exhausted pool (pg-pool connectionTimeoutMillis)", new Error("timeout exceeded when trying to connect")],
    [
      "a connect that got no answer",
      new Error("Connection terminated due to connection timeout", { cause: new Error("Connection terminated unexpectedly") }),
    ],
    ["a connection the server closed (Prisma P2010 / ConnectionClosed)", prismaRawError({ kind: "ConnectionClosed" }, "Code: `N/A`. Message: `Server has closed the connection.`")],
    [
      "statement_timeout (57014)",
      prismaRawError(
        { kind: "postgres", code: "57014", originalCode: "57014", message: "canceling statement due to statement timeout" },
        "Code: `57014`. Message: `canceling statement due to statement timeout`",
      ),
    ],
    ["the server shutting down (57P01)", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01", severity: "FATAL" })],
    ["the server starting up (57P03)", Object.assign(new Error("the database system is starting up"), { code: "57P03", severity: "FATAL" })],
    ["lock_timeout (55P03)", Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" })],
    ["a refused connection (ECONNREFUSED)", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 })],
    ["a reset connection (ECONNRESET)", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read", errno: -104 })],
    ["Prisma: can't reach the server (P1001)", Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" })],
    ["Prisma: pool timeout (P2024)", Object.assign(new Error("Timed out fetching a new connection from the connection pool."), { code: "P2024" })],
    ["adapter kind only", Object.assign(new Error("DatabaseNotReachable"), { cause: { kind: "DatabaseNotReachable" } })],
    ["our own error", new DatabaseUnavailableError()],
    ["wrapped deeper", new Error("loading the page", { cause: new Error("reading figures", { cause: new Error("Query read timeout") }) })],
  ])("yes: %s", (_label, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ["a unique constraint violation", prismaRawError({ kind: "UniqueConstraintViolation", constraint: { fields: ["code"] } }, "Code: `23505`. Message: `duplicate key`")],
    ["a syntax error (42601)", Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601", severity: "ERROR" })],
    ["a bug", new TypeError("Cannot read properties of undefined (reading 'code')")],
    ["a refusal", new ForbiddenError()],
    ["a missing record", new NotFoundError()],
    ["not an error at all", "timeout"],
    ["null", null],
    ["a word in passing", new Error("the timeout setting is invalid")],
  ])("no: %s", (_label, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it("recognises the session reader's own 'unavailable' error, so a page that throws it is answered 503", () => {
    expect(isDatabaseUnavailable(new SessionUnavailableError())).toBe(true);
  });

  it("does not loop on an error that wraps itself", () => {
    const err = new Error("odd");
    (err as { cause?: unknown }).cause = err;
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe("databaseUnavailableResponse", () => {
  it("is a 503 with Retry-After and a Vietnamese message, never cached", async () => {
    const response = databaseUnavailableResponse();
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(((await response.json()) as { error: string }).error).toMatch(/Cơ sở dữ liệu tạm thời không trả lời/);
  });
});

describe("sessionDeadlines", () => {
  it("lets the server cancel before the client gives up, and lock waits end before the statement's", () => {
    for (const kind of ["page", "long"] as const) {
      const d = sessionDeadlines(kind, { queryTimeoutMs: 5000, longQueryTimeoutMs: 300_000, connectTimeoutMs: 3000 });
      expect(d.query_timeout).toBeGreaterThan(d.statement_timeout);
      expect(d.lock_timeout).toBeLessThan(d.statement_timeout);
      // A transaction is never left open forever (a crashed request, a stalled download).
      expect(d.idle_in_transaction_session_timeout).toBeGreaterThanOrEqual(10_000);
      expect(d.idle_in_transaction_session_timeout).toBeLessThanOrEqual(120_000);
    }
    expect(sessionDeadlines("page").statement_timeout).toBe(5000);
    expect(sessionDeadlines("long").statement_timeout).toBe(300_000);
  });
});
