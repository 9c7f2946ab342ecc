import http from "node:http";

// Graceful shutdown of the server process on SIGTERM/SIGINT (instrumentation.ts installs it):
// 1. "abort" handlers run at once (e.g. running imports are failed cleanly, with a reason);
// 2. the HTTP server stops accepting connections and in-flight requests get until the deadline
//    (default 25 s) to finish; then the remaining connections are cut;
// 3. "close" handlers run (the database: PGlite must be closed to flush and release its lock);
// 4. the process exits 0 (1 when a handler failed).
// Modules register into this registry instead of hooking signals themselves, so the order holds.

export type ShutdownPhase = "abort" | "close";
type Handler = { name: string; phase: ShutdownPhase; run: (reason: string) => unknown };

type State = { handlers: Handler[]; started?: Promise<void>; installed: boolean };
const state: State = ((globalThis as { __wardwatchShutdown?: State }).__wardwatchShutdown ??= { handlers: [], installed: false });

export const DEFAULT_DEADLINE_MS = 25_000;

export function registerShutdownHandler(name: string, phase: ShutdownPhase, run: (reason: string) => unknown): void {
  // Next.js may evaluate a module more than once (one copy per bundle): keep one handler per name.
  state.handlers = state.handlers.filter((h) => h.name !== name);
  state.handlers.push({ name, phase, run });
}

export function isShuttingDown(): boolean {
  return state.started !== undefined;
}

async function runPhase(phase: ShutdownPhase, reason: string, log: (m: string) => void): Promise<boolean> {
  let ok = true;
  for (const handler of state.handlers.filter((h) => h.phase === phase)) {
    try {
      await handler.run(reason);
    } catch (err) {
      ok = false;
      log(`${handler.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return ok;
}

// Next.js creates its HTTP server before it loads instrumentation.ts and does not hand it out;
// the process's active handles are the one place to find it (Node has kept this API for years).
function httpServers(): http.Server[] {
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  return handles.filter((h): h is http.Server => h instanceof http.Server && h.listening);
}

function drain(server: http.Server, deadline: number): Promise<"drained" | "cut"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve("cut");
    }, Math.max(0, deadline - Date.now()));
    // close() stops accepting and ends idle keep-alive connections; it calls back once the
    // requests in flight have been answered.
    server.close(() => {
      clearTimeout(timer);
      resolve("drained");
    });
    server.closeIdleConnections();
  });
}

export function shutdown(reason: string, options: { deadlineMs?: number; log?: (m: string) => void; exit?: (code: number) => void } = {}): Promise<void> {
  if (state.started) return state.started;
  const log = options.log ?? ((m: string) => console.log(`[shutdown] ${m}`));
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  state.started = (async () => {
    log(`${reason}: ngừng nhận yêu cầu mới, chờ các yêu cầu đang chạy (tối đa ${Math.round((deadline - Date.now()) / 1000)} s).`);
    let ok = await runPhase("abort", reason, log);
    const outcomes = await Promise.all(httpServers().map((s) => drain(s, deadline)));
    if (outcomes.includes("cut")) log("Hết thời hạn: đã cắt các kết nối còn lại.");
    ok = (await runPhase("close", reason, log)) && ok;
    log(ok ? "Đã dừng gọn." : "Đã dừng, có bước dọn dẹp lỗi (xem trên).");
    (options.exit ?? process.exit)(ok ? 0 : 1);
  })();
  return state.started;
}

/** Hooks SIGTERM and SIGINT once per process. */
export function installShutdownSignals(options: { deadlineMs?: number } = {}): void {
  if (state.installed) return;
  state.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => void shutdown(signal, options));
  }
}
