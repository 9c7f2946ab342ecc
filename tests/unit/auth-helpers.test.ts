import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "../../lib/auth/origin.ts";
import { clientAddress, retryMinutes } from "../../lib/auth/rate-limit.ts";
import { landingPath, safeCallbackPath } from "../../lib/auth/redirect.ts";
import { readBodyWithin } from "../../lib/auth/body-limit.ts";

describe("safeCallbackPath: no open redirect through callbackUrl", () => {
  const base = "http://localhost:3000";
  it("keeps paths of this site", () => {
    expect(safeCallbackPath("/entry?day=2021-08-17", base)).toBe("/entry?day=2021-08-17");
    expect(safeCallbackPath("/reports#x", base)).toBe("/reports#x");
    expect(safeCallbackPath("http://localhost:3000/admin/users", base)).toBe("/admin/users");
  });
  it("sends everything else to /", () => {
    for (const url of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "https:evil.example",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "http://localhost:3001/",
      "https://localhost:3000/",
      "/\t/evil.example",
      "",
      undefined,
      42,
      "/login?callbackUrl=https://evil.example",
      "/api/auth/signout",
    ]) {
      expect(safeCallbackPath(url, base), String(url)).toBe("/");
    }
  });
  it("never returns a protocol-relative path", () => {
    expect(safeCallbackPath("/.//evil.example", base)).toBe("/evil.example");
    expect(safeCallbackPath("/%2F%2Fevil.example", base)).toBe("/%2F%2Fevil.example");
    // same scheme without slashes is a relative path on this site, not another host
    expect(safeCallbackPath("http:evil.example", base)).toBe("/evil.example");
  });
});

describe("clientAddress", () => {
  it("takes the rightmost address without proxies, and skips trusted proxies", () => {
    expect(clientAddress("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress("1.1.1.1, 203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress("1.1.1.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("1.1.1.1, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress(null, 0)).toBe("unknown");
    expect(clientAddress("", 1)).toBe("unknown");
  });
  it("rounds the retry time up to whole minutes", () => {
    expect(retryMinutes(1)).toBe(1);
    expect(retryMinutes(61)).toBe(2);
    expect(retryMinutes(900)).toBe(15);
  });
});

describe("isSameOriginRequest (server actions)", () => {
  it("accepts the site's own origin and requests without one", () => {
    expect(isSameOriginRequest({ origin: "http://localhost:3000", host: "localhost:3000", forwardedHost: null })).toBe(true);
    expect(isSameOriginRequest({ origin: "https://ww.example", host: "127.0.0.1:3000", forwardedHost: "ww.example" })).toBe(true);
    expect(isSameOriginRequest({ origin: null, host: "localhost:3000", forwardedHost: null })).toBe(true);
  });
  it("refuses another origin, 'null' and a missing host", () => {
    expect(isSameOriginRequest({ origin: "https://evil.example", host: "localhost:3000", forwardedHost: null })).toBe(false);
    expect(isSameOriginRequest({ origin: "http://localhost:3001", host: "localhost:3000", forwardedHost: null })).toBe(false);
    expect(isSameOriginRequest({ origin: "null", host: "localhost:3000", forwardedHost: null })).toBe(false);
    expect(isSameOriginRequest({ origin: "http://localhost:3000", host: null, forwardedHost: null })).toBe(false);
  });
});

describe("readBodyWithin", () => {
  it("reads a small body and refuses one over the limit, declared or streamed", async () => {
    const small = await readBodyWithin(new Request("http://x/", { method: "POST", body: "a=1" }), 10);
    expect(new TextDecoder().decode(small ?? new Uint8Array())).toBe("a=1");
    expect(await readBodyWithin(new Request("http://x/", { method: "POST", body: "x".repeat(11) }), 10)).toBeNull();
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(4));
        c.close();
      },
    });
    const req = new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(await readBodyWithin(req, 10)).toBeNull();
  });
});

describe("landingPath: where each role lands after signing in", () => {
  it("sends a ward chair who asked for the overview to the daily report", () => {
    expect(landingPath("WARD_CHAIR", "/")).toBe("/entry");
  });

  it("keeps any other path, and officials and admins on the overview", () => {
    expect(landingPath("WARD_CHAIR", "/alerts?day=2021-08-14")).toBe("/alerts?day=2021-08-14");
    expect(landingPath("DISTRICT_OFFICIAL", "/")).toBe("/");
    expect(landingPath("CITY_OFFICIAL", "/")).toBe("/");
    expect(landingPath("ADMIN", "/")).toBe("/");
    expect(landingPath(null, "/")).toBe("/");
  });
});
