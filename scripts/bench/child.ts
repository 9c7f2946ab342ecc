import { spawn } from "node:child_process";

// A child process timed from spawn to exit, its output collected (the import benchmarks run
// `psql` and `npm run import` this way).

export type ChildRun = { code: number; stdout: string; stderr: string; ms: number };

export function runChild(cmd: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr, ms: performance.now() - started }));
  });
}
