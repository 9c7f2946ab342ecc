import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

// next.config.js headers(): the security headers every response carries (checked on the running
// app by tests/e2e/security.spec.ts too).

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
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain("unsafe-eval");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["referrer-policy"]).toBe("same-origin");
    expect(h["strict-transport-security"]).toContain("max-age=");
    expect(loadConfig().poweredByHeader).toBe(false);
  });

  it("allows eval only for the development server", async () => {
    const h = await headersFor("development");
    expect(h["content-security-policy"]).toContain("'unsafe-eval'");
    expect(h["strict-transport-security"]).toBeUndefined();
  });
});
