import { closeDatabase } from "../db.ts";
import { ABORT_REASONS, abortRunningImports } from "../imports/abort.ts";
import { removeServerEndpoint, writeServerEndpoint } from "../db/backup-endpoint.ts";
import { dataDirectory, readEnv } from "../env.ts";
import { installShutdownSignals, registerShutdownHandler } from "./shutdown.ts";

// What the server process does when it starts and stops (called from instrumentation.ts).
// Other modules add their own steps with registerShutdownHandler (e.g. failing running imports).
export function startServerLifecycle(): void {
  const env = readEnv();
  const deadlineMs = Number(process.env.WARDWATCH_SHUTDOWN_DEADLINE_MS) || undefined;
  installShutdownSignals({ deadlineMs });
  // Running imports are failed cleanly (rolled back, marked failed with the reason) while the
  // database is still open, rather than cut half way by the exit.
  registerShutdownHandler("imports", "abort", () => abortRunningImports(ABORT_REASONS.restart));
  registerShutdownHandler("database", "close", () => closeDatabase());
  if (!env.DATABASE_URL) {
    const dataDir = dataDirectory(env);
    const port = process.env.PORT || "3000";
    writeServerEndpoint(dataDir, { pid: process.pid, url: `http://127.0.0.1:${port}` });
    registerShutdownHandler("backup-endpoint", "close", () => removeServerEndpoint(dataDir, process.pid));
  }
}
