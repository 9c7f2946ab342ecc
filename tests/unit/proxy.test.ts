import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

// proxy.ts as Next.js calls it: refusals for malformed requests, and a fresh CSP nonce per page
// (checked in Chromium on every page by tests/e2e/csp.spec.ts, and on the built server by
// tests/e2e/security.spec.ts).

const BASE = "http://wardwatch.test:3000";

function call(target: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return proxy(new NextRequest(`${BASE}${target}`, { method: init.method ?? "GET", headers: { host: "wardwatch.test:3000", ...init.headers }, body: init.body }));
}

/** The request headers Next.js passes on to the page (NextResponse.next({ request: { headers } })). */
function forwarded(res: Response, name: string): string | null {
  return res.headers.get(`x-middleware-request-${name}`);
}

describe("proxy: refusals", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers a malformed page address with 400 and a Vietnamese reason in plain text, logged on one line", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const res = await call("/wards/%");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe("400 · Địa chỉ có mã %-escape không hợp lệ.\n");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toBe('[request-screen] 400 "GET" "/wards/%": Địa chỉ có mã %-escape không hợp lệ.');
  });

  it("answers under /api in JSON", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const res = await call("/api/v1/%");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "Địa chỉ có mã %-escape không hợp lệ." });
    const nul = await call("/api/v1/daily-figures?district=001%00");
    expect(nul.status).toBe(400);
    expect(await nul.json()).toEqual({ error: "Địa chỉ chứa ký tự điều khiển không được phép." });
  });

  it("refuses DELETE on a page with 405 and Allow, a garbage router state with 400, a foreign server action with 403", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const del = await call("/reports", { method: "DELETE" });
    expect([del.status, del.headers.get("allow")]).toEqual([405, "GET, HEAD, POST, OPTIONS"]);
    const tree = await call("/", { headers: { rsc: "1", "next-router-state-tree": "garbage" } });
    expect(tree.status).toBe(400);
    const action = await call("/reports", { method: "POST", headers: { "next-action": "7f00", origin: "https://evil.example" } });
    expect(action.status).toBe(403);
    expect(await action.text()).toContain("Yêu cầu gửi từ trang khác bị từ chối.");
  });

  it("refuses a server action body Next could not decode, and passes the app's own", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const headers = { "next-action": "40f4af71ce4d6cb85625178bade990e2eb15c5f552", origin: BASE, "content-type": "text/plain;charset=UTF-8" };
    const bad = await call("/reports", { method: "POST", headers, body: '["$@1"]' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("400 · Dữ liệu gửi kèm thao tác không hợp lệ.\n");
    const good = await call("/reports", { method: "POST", headers, body: JSON.stringify([{ hour: "10", minute: "00", daysAfter: 1 }]) });
    expect(good.headers.get("x-middleware-next")).toBe("1");
  });

  it("answers 413 to a server action or form post above Next's 1 MB limit (Next itself would answer 500)", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const big = JSON.stringify([{ a: "x".repeat(1_100_000) }]);
    const action = await call("/reports", { method: "POST", headers: { "next-action": "40f4af71ce4d6cb85625178bade990e2eb15c5f552", origin: BASE, "content-type": "text/plain;charset=UTF-8" }, body: big });
    expect(action.status).toBe(413);
    expect(await action.text()).toContain("quá lớn");
    const form = await call("/admin/users/bulk", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: big });
    expect(form.status).toBe(413);
    // a plain POST that Next does not read as an action is left alone
    const plain = await call("/reports", { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(plain.headers.get("x-middleware-next")).toBe("1");
  });

  it("answers OPTIONS on a page with 204 and the methods a page accepts", async () => {
    const res = await call("/login", { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
  });
});

describe("proxy: CSP nonce", () => {
  it("gives each page request its own 128-bit nonce, in the response policy and in the policy Next reads", async () => {
    const a = await call("/");
    const b = await call("/wards/00037?day=2021-08-17");
    const nonces = [a, b].map((res) => {
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? "";
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      expect(forwarded(res, "content-security-policy")).toBe(csp);
      expect(forwarded(res, "x-nonce")).toBe(nonce);
      const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"));
      expect(scriptSrc).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("leaves /api responses to the static policy of next.config.js (no nonce to give a JSON answer)", async () => {
    const res = await call("/api/health");
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });
});
