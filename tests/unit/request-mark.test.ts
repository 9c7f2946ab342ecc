import { afterEach, describe, expect, it, vi } from "vitest";
import { onRequestError } from "../../instrumentation";
import { DatabaseUnavailableError } from "../../lib/db/unavailable";
import { runInRequestContext, type RequestContext } from "../../lib/server/request-context";

// instrumentation.ts onRequestError marks a request that failed for want of the database, so npm
// start's server answers 503 instead of Next's 500 (scripts/serve.ts). Next starts it from React's
// error callback without waiting, so the mark must be set before it returns: the fault suite once
// saw two 500s while the connections were reset, when the mark came after an `await`.

describe("onRequestError marks the request at once", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("marks a request that failed for want of the database before it returns, in the request's own context only", () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    const failed: RequestContext = { databaseUnavailable: false };
    const other: RequestContext = { databaseUnavailable: false };
    runInRequestContext(failed, () => {
      const returned: unknown = onRequestError(new Error("wrapped", { cause: new DatabaseUnavailableError() }));
      expect(returned).toBeUndefined(); // not a promise: nothing is left for later
      expect(failed.databaseUnavailable).toBe(true);
    });
    runInRequestContext(other, () => onRequestError(Object.assign(new Error("Server has closed the connection."), { code: "P1017" })));
    expect(other.databaseUnavailable).toBe(true);
  });

  it("leaves a request that failed for another reason, the edge runtime, and errors outside a request alone", () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    const bug: RequestContext = { databaseUnavailable: false };
    runInRequestContext(bug, () => onRequestError(new TypeError("x is undefined")));
    expect(bug.databaseUnavailable).toBe(false);
    expect(() => onRequestError(new DatabaseUnavailableError())).not.toThrow();
    vi.stubEnv("NEXT_RUNTIME", "edge");
    const edge: RequestContext = { databaseUnavailable: false };
    runInRequestContext(edge, () => onRequestError(new DatabaseUnavailableError()));
    expect(edge.databaseUnavailable).toBe(false);
  });
});
