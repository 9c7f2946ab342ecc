// Steady load through nginx while something happens to the instances behind it (a rolling
// restart): `workers` loops each send one request after another over a fixed list of paths and
// record every answer. A failure is no HTTP answer, a 5xx, or a signed-in page that sent the
// user to the sign-in page (its session was lost).

export type LoadTarget = { path: string; cookie?: string; expect: number };

export type LoadResult = {
  requests: number;
  failures: { path: string; status: number | null; error?: string; upstream?: string }[];
  /** requests answered by each upstream address (nginx's X-Upstream header, last one tried) */
  byUpstream: Record<string, number>;
  /** answers nginx got only on a second upstream (X-Upstream lists two addresses) */
  retried: number;
  p95Ms: number;
  maxMs: number;
  seconds: number;
};

export async function loadWhile<T>(base: string, targets: readonly LoadTarget[], workers: number, during: () => Promise<T>): Promise<{ load: LoadResult; value: T }> {
  const started = Date.now();
  const result: LoadResult = { requests: 0, failures: [], byUpstream: {}, retried: 0, p95Ms: 0, maxMs: 0, seconds: 0 };
  const times: number[] = [];
  let running = true;
  const loop = async (w: number): Promise<void> => {
    for (let i = w; running; i++) {
      const target = targets[i % targets.length] as LoadTarget;
      const sent = Date.now();
      try {
        const response = await fetch(`${base}${target.path}`, {
          redirect: "manual",
          headers: target.cookie ? { cookie: target.cookie } : {},
          signal: AbortSignal.timeout(60_000),
        });
        await response.arrayBuffer();
        const upstream = response.headers.get("x-upstream") ?? "?";
        const last = upstream.split(",").at(-1)?.trim() ?? "?";
        result.byUpstream[last] = (result.byUpstream[last] ?? 0) + 1;
        if (upstream.includes(",")) result.retried++;
        if (response.status !== target.expect) result.failures.push({ path: target.path, status: response.status, upstream });
      } catch (err) {
        result.failures.push({ path: target.path, status: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      }
      result.requests++;
      times.push(Date.now() - sent);
    }
  };
  const loops = Array.from({ length: workers }, (_, w) => loop(w));
  let value: T;
  try {
    value = await during();
  } finally {
    running = false;
    await Promise.all(loops);
  }
  times.sort((a, b) => a - b);
  result.p95Ms = times[Math.max(0, Math.ceil(0.95 * times.length) - 1)] ?? 0;
  result.maxMs = times.at(-1) ?? 0;
  result.seconds = (Date.now() - started) / 1000;
  return { load: result, value };
}
