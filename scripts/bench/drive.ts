import autocannon from "autocannon";

// One cell of load on a URL with autocannon, shared by the HTTP benchmarks (http.ts, national.ts).

export type Driven = {
  concurrency: number;
  /** 2xx answers only */
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** the answers other than 2xx, by status (503: shed or database busy; 429: rate limit) */
  statuses: Record<string, number>;
};

/**
 * The User-Agent a browser sends. Next.js decides per agent how it sends a page's metadata
 * (next.config.js htmlLimitedBots, ADR 038) and autocannon sends none: without this the benchmark
 * would measure a page no browser is served.
 */
export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

/** Latency percentiles from every 2xx response's own time (autocannon's histogram has no p95). */
export async function drive(url: string, cookie: string | null, connections: number, duration: number): Promise<Driven> {
  const latencies: number[] = [];
  const headers: Record<string, string> = { "user-agent": BROWSER_USER_AGENT, ...(cookie ? { cookie } : {}) };
  const started = performance.now();
  const instance = autocannon({ url, connections, duration, headers, timeout: 30 });
  // Only answers of 2xx count towards req/s and latency: a shed 503 is fast and would flatter both.
  const statuses: Record<string, number> = {};
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status >= 200 && status < 300) latencies.push(responseTime);
    else statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  const s = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
  return {
    concurrency: connections,
    requests: latencies.length,
    reqPerSec: latencies.length / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
}
