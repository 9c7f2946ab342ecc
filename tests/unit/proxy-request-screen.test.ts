import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_ROUTER_STATE_LENGTH, REASONS, isValidRouterState, screenRequest, type ScreenedRequest } from "@/lib/server/request-screen";

// lib/server/request-screen.ts: the malformed requests proxy.ts and scripts/serve.ts answer with a
// 4xx instead of letting Next.js turn them into a 500.

// Next's own parser for the router state header: what our check must never be looser than.
const require = createRequire(import.meta.url);
const { parseAndValidateFlightRouterState } = require("next/dist/server/app-render/parse-and-validate-flight-router-state") as {
  parseAndValidateFlightRouterState: (header: string) => unknown;
};
function nextAccepts(header: string): boolean {
  try {
    parseAndValidateFlightRouterState(header);
    return true;
  } catch {
    return false;
  }
}

function req(partial: Partial<ScreenedRequest> & { headers?: Record<string, string> }): ScreenedRequest {
  const headers = Object.fromEntries(Object.entries(partial.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: partial.method ?? "GET", target: partial.target ?? "/", header: (name) => headers[name] ?? null };
}

const VALID_TREE = encodeURIComponent(JSON.stringify(["", { children: ["wards", { children: [["code", "00037", "d", null], { children: ["__PAGE__", {}] }] }] }, null, null]));

describe("methods", () => {
  it("refuses TRACE, TRACK, CONNECT and made-up methods with 405 and the methods a page accepts", () => {
    for (const method of ["TRACE", "TRACK", "CONNECT", "PROPFIND", "FOO", "trace"]) {
      for (const target of ["/", "/api/health", "/wards/00037"]) {
        expect(screenRequest(req({ method, target })), `${method} ${target}`).toEqual({ status: 405, reason: REASONS.method, allow: "GET, HEAD, POST, OPTIONS" });
      }
    }
  });

  it("lets pages take GET, HEAD, POST and OPTIONS, and leaves PUT/PATCH/DELETE on /api to the route handlers", () => {
    for (const method of ["GET", "HEAD", "POST", "OPTIONS"]) expect(screenRequest(req({ method, target: "/reports" }))).toBeNull();
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(screenRequest(req({ method, target: "/reports" }))?.status).toBe(405);
      expect(screenRequest(req({ method, target: "/api/health" }))).toBeNull();
    }
  });
});

describe("percent-encoding and control characters", () => {
  it("refuses malformed or non-UTF-8 escapes in the path or the query with 400", () => {
    for (const target of ["/wards/%", "/api/v1/%", "/wards/%E0%A4%A", "/wards/%C0%AF", "/wards/%ZZ", "/?day=%", "/api/v1/x?a=%ZZ", "/?%=1", "/alerts?district=001&x=%FF"]) {
      expect(screenRequest(req({ target })), target).toEqual({ status: 400, reason: REASONS.encoding });
    }
  });

  it("refuses NUL and other control characters, encoded or not, with 400", () => {
    for (const target of ["/wards/a%00b", "/?q=a%00b", "/?q=a%01b", "/?q=%7F", "/?q=%C2%85", "/wards/%0A", "/?a=b%0D%0ASet-Cookie:x"]) {
      expect(screenRequest(req({ target })), target).toEqual({ status: 400, reason: REASONS.control });
    }
  });

  it("lets well-formed addresses through: Vietnamese text, +, encoded % and reserved characters", () => {
    for (const target of [
      "/",
      "/wards/00037?day=2021-08-17",
      `/admin/units?q=${encodeURIComponent("Phường Hàng Mã")}`,
      "/admin/units?q=a+b&parent=001",
      "/?q=50%25",
      "/api/v1/daily-figures?format=csv&district=001&from=2021-08-01",
      "/api/auth/callback/credentials",
      "/?_rsc=yLGW1Svqw_7Juzob",
    ]) {
      expect(screenRequest(req({ target })), target).toBeNull();
    }
  });

  it("accepts exactly the targets whose every path segment and query part decodes to text without controls", () => {
    // Any code point, controls and Latin often (fast-check's "binary" unit is slow to start).
    const codePoint = fc.oneof(fc.integer({ min: 0, max: 0xa0 }), fc.integer({ min: 0x1ea0, max: 0x1ef9 }), fc.integer({ min: 0, max: 0x10ffff }));
    const text = fc.string({ unit: codePoint.map((cp) => String.fromCodePoint(cp)), maxLength: 12 });
    let checked = 0;
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), fc.array(fc.tuple(text, text), { maxLength: 3 }), (segments, pairs) => {
        const parts = [...segments, ...pairs.flat()];
        // encodeURIComponent itself refuses a lone surrogate: nothing to send
        if (parts.some((s) => /[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, "")))) return;
        checked++;
        const path = `/${segments.map(encodeURIComponent).join("/")}`;
        const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
        const target = query ? `${path}?${query}` : path;
        const hasControl = parts.some((s) => /[\u0000-\u001f\u007f-\u009f]/.test(s));
        expect(screenRequest(req({ target }))?.status ?? null).toBe(hasControl ? 400 : null);
      }),
      { seed: 20211, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(250);
  });
});

describe("Next-Router-State-Tree", () => {
  it("accepts the header Next's own router sends", () => {
    expect(nextAccepts(VALID_TREE)).toBe(true);
    expect(isValidRouterState(VALID_TREE)).toBe(true);
    expect(screenRequest(req({ headers: { "next-router-state-tree": VALID_TREE, rsc: "1" } }))).toBeNull();
  });

  it("refuses garbage, truncated, wrongly shaped and oversized values with 400", () => {
    for (const value of ["garbage", "%5B%22x", "%7B%7D", "%5B%5D", "%5B1%2C2%5D", "null", "%", "%E0%A4%A", encodeURIComponent('["",{"children":5}]'), "[".repeat(10) + VALID_TREE]) {
      expect(nextAccepts(value), value).toBe(false);
      expect(screenRequest(req({ headers: { "next-router-state-tree": value } })), value).toEqual({ status: 400, reason: REASONS.routerState });
    }
    const huge = encodeURIComponent(JSON.stringify(["", { children: ["x".repeat(MAX_ROUTER_STATE_LENGTH), {}] }]));
    expect(isValidRouterState(huge)).toBe(false);
  });

  it("never accepts a value Next would reject (fuzzed JSON shapes and raw strings)", () => {
    const paramType = fc.constantFrom("c", "d", "oc", "di(..)", "ci(..)", "x");
    const segment = fc.oneof(
      { arbitrary: fc.string(), weight: 3 },
      { arbitrary: fc.tuple(fc.string(), fc.string(), paramType, fc.oneof(fc.constant(null), fc.array(fc.string()), fc.integer())), weight: 1 },
    );
    const tree = fc.letrec((tie) => ({
      // The first option is the leaf fast-check falls back to at the depth limit.
      node: fc.oneof(
        { maxDepth: 4, depthIdentifier: "tree" },
        fc.jsonValue({ maxDepth: 2 }),
        fc.tuple(segment, fc.dictionary(fc.string(), tie("node"), { maxKeys: 2 })),
        fc.tuple(segment, fc.constant({})),
        fc.tuple(segment, fc.dictionary(fc.string(), tie("node"), { maxKeys: 2 }), fc.oneof(fc.constant(null), fc.tuple(fc.string(), fc.string()), fc.string())),
        fc.tuple(segment, fc.dictionary(fc.string(), tie("node"), { maxKeys: 2 }), fc.constant(null), fc.constantFrom("refetch", "metadata-only", "other", null), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), fc.oneof(fc.string(), fc.boolean())),
      ),
    })).node;
    const header = fc.oneof(tree.map((t) => encodeURIComponent(JSON.stringify(t))), fc.string(), fc.string({ unit: "binary" }).map((s) => s.replace(/[^\x20-\x7e]/g, "")));
    let accepted = 0;
    fc.assert(
      fc.property(header, (value) => {
        if (!isValidRouterState(value)) return;
        accepted++;
        expect(nextAccepts(value)).toBe(true);
      }),
      { seed: 20212, numRuns: 500 },
    );
    // the generator must reach the accepting side often enough for the property to mean something
    expect(accepted).toBeGreaterThan(25);
  });
});

describe("server actions from another origin", () => {
  const action = (headers: Record<string, string>) => req({ method: "POST", target: "/reports", headers: { "next-action": "7f00aa", host: "wardwatch.example:3000", ...headers } });

  it("refuses a foreign, null or unreadable Origin with 403", () => {
    for (const origin of ["https://evil.example", "null", "not a url", "http://wardwatch.example:3001", "http://wardwatch.example.evil.example:3000"]) {
      expect(screenRequest(action({ origin })), origin).toEqual({ status: 403, reason: REASONS.crossOrigin });
    }
  });

  it("lets the site's own origin through (behind a proxy: X-Forwarded-Host), and requests without Origin as Next does", () => {
    expect(screenRequest(action({ origin: "http://wardwatch.example:3000" }))).toBeNull();
    expect(screenRequest(action({ origin: "https://wardwatch.gov.vn", "x-forwarded-host": "wardwatch.gov.vn" }))).toBeNull();
    expect(screenRequest(action({}))).toBeNull();
  });

  it("does not apply to posts that are not server actions (next-auth sign-in has its own CSRF token)", () => {
    expect(screenRequest(req({ method: "POST", target: "/api/auth/callback/credentials", headers: { origin: "https://evil.example", host: "a" } }))).toBeNull();
  });
});
