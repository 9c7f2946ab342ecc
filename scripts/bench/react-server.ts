import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// The data layer is 'server-only' (it must never reach a browser bundle): a benchmark that loads it
// re-runs itself under Node's "react-server" condition, where that marker module is empty.

/** Runs `main` under the "react-server" condition: re-runs `moduleUrl` (the caller's import.meta.url) with the same arguments when needed. */
export function runUnderReactServer(moduleUrl: string, main: () => Promise<void>, tag = "bench"): void {
  if (!process.execArgv.some((a) => a.includes("react-server"))) {
    const script = fileURLToPath(moduleUrl);
    const child = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", script, ...process.argv.slice(2)], { stdio: "inherit" });
    process.exit(child.status ?? 1);
  }
  main().catch((err: unknown) => {
    console.error(`[${tag}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
}
