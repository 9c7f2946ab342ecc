import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pageContentSecurityPolicy } from "@/lib/server/csp";

// next.config.js headers(): the security headers every response carries (checked on the running
// app by tests/e2e/security.spec.ts too). Pages replace its CSP with proxy.ts's nonce policy
// (lib/server/csp.ts, tests/unit/proxy.test.ts).

type Header = { key: string; value: string };
type Config = { headers: () => Promise<{ source: string; headers: Header[] }[]>; poweredByHeader: boolean };

function loadConfig(): Config {
  const require = createRequire(import.meta.url);
  const file = path.resolve("next.config.js");
  delete require.cache[file];
  return require(file) as Config;
}

async function headersFor(nodeEnv: string): Promise<Record<string, string>> {
  vi.stubEnv("NODE_ENV", nodeEnv);
  const rules = await loadConfig().headers();
  const all = rules.find((r) => r.source === "/:path*");
  return Object.fromEntries((all?.headers ?? []).map((h) => [h.key.toLowerCase(), h.value]));
}

describe("security headers", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("sends CSP with frame-ancestors 'none', nosniff, a referrer policy and no X-Powered-By", async () => {
    const h = await headersFor("production");
    const csp = h["content-security-policy"] ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain("unsafe-eval");
    // no inline script anywhere: pages get theirs through the proxy's nonce
    expect(csp.split("; ").find((d) => d.startsWith("script-src"))).toBe("script-src 'self'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["referrer-policy"]).toBe("same-origin");
    expect(h["strict-transport-security"]).toContain("max-age=");
    expect(loadConfig().poweredByHeader).toBe(false);
  });

  it("is the page policy without its nonce: the two cannot drift apart", async () => {
    const staticPolicy = (await headersFor("production"))["content-security-policy"];
    const pagePolicy = pageContentSecurityPolicy({ nonce: "Tk9OQ0U=", dev: false });
    expect(pagePolicy.replace(" 'nonce-Tk9OQ0U=' 'strict-dynamic'", "")).toBe(staticPolicy);
    expect(pagePolicy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(pageContentSecurityPolicy({ nonce: "x", dev: true })).toContain("'unsafe-eval'");
  });

  it("allows eval only for the development server", async () => {
    const h = await headersFor("development");
    expect(h["content-security-policy"]).toContain("'unsafe-eval'");
    expect(h["strict-transport-security"]).toBeUndefined();
  });
});
