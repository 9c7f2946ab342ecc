// A small HTTP client for the fault suite: a cookie jar, the real next-auth sign-in (CSRF token,
// then the credentials callback), and timed requests that never throw (a failure is a result).

export type Timed = {
  path: string;
  /** ms since the scenario's clock started, when the request was sent / answered */
  sentAt: number;
  doneAt: number;
  ms: number;
  status: number | null; // null: no HTTP answer (network error or our timeout)
  error?: string;
  location?: string;
  retryAfter?: string;
  rowCount?: string;
  body?: string;
};

export class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(part: string): boolean {
    return [...this.cookies.keys()].some((k) => k.includes(part));
  }
}

export async function signIn(base: string, username: string, password: string): Promise<Jar> {
  const jar = new Jar();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), origin: base },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${base}/`, json: "true" }),
  });
  jar.take(response);
  if (!jar.has("session-token")) throw new Error(`sign-in as ${username} failed: HTTP ${response.status}`);
  return jar;
}

export async function timedGet(
  base: string,
  path: string,
  options: { jar?: Jar; clock: number; timeoutMs: number; keepBody?: boolean },
): Promise<Timed> {
  const started = Date.now();
  const sentAt = started - options.clock;
  const done = (fields: Partial<Timed> & { status: number | null }): Timed => {
    const now = Date.now();
    return { path, sentAt, doneAt: now - options.clock, ms: now - started, ...fields };
  };
  try {
    const response = await fetch(`${base}${path}`, {
      redirect: "manual",
      headers: options.jar ? { cookie: options.jar.header() } : {},
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // The whole body is read: a download cut off half way must show as an error, not as a 200.
    const body = await response.text();
    return done({
      status: response.status,
      location: response.headers.get("location") ?? undefined,
      retryAfter: response.headers.get("retry-after") ?? undefined,
      rowCount: response.headers.get("x-row-count") ?? undefined,
      body: options.keepBody || response.status >= 500 ? body : body.slice(0, 2000),
    });
  } catch (err) {
    return done({ status: null, error: err instanceof Error ? `${err.name}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ""}` : String(err) });
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
