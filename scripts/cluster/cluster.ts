// Several WardWatch instances behind nginx on this machine, on one PostgreSQL (issue 18, part 3).
// Used by `npm run cluster` (run.ts) and by tests/cluster/cluster.test.ts.
//
//   build once (scripts/start.ts --build-only) → prepare the database once (start.ts --prepare:
//   migrate, unit tree, demo) → N instances of scripts/serve.ts (the server of `npm start`), one
//   build, one NEXTAUTH_SECRET, one database → nginx in front (nginx.ts, a temp directory).
//
// What makes them one application: sessions are JWTs signed with the shared NEXTAUTH_SECRET and
// checked against the user's session version in the database (valid on every instance); sign-in
// limits are rows of sign_in_throttle; imports take turns through an advisory lock
// (lib/imports/cluster-turn.ts); the figure cache keys on the database's data version. Server
// actions are encrypted with a key the build generates: every instance must run the same build.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { nginxConfig } from "./nginx.ts";

const root = process.cwd();
const tsx = path.join(root, "node_modules", ".bin", "tsx");

export type ClusterOptions = {
  databaseUrl: string;
  nginxPort: number;
  instancePorts: readonly number[];
  /** load the demo district into an empty database (default true) */
  seedDemo?: boolean;
  log?: (line: string) => void;
  /** instance output (default: dropped unless WARDWATCH_CLUSTER_VERBOSE=1) */
  output?: (instance: string, chunk: string) => void;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function runToEnd(args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (${code}):\n${out.slice(-3000)}`))));
  });
}

/** Resolves once GET /api/health on `base` answers 200; rejects when `child` exits or time runs out. */
export async function waitHealthy(base: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`${base}: the process exited (${child.exitCode}) before it answered`);
    const ok = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${base} did not answer /api/health within ${timeoutMs} ms`);
}

export class Instance {
  child: ChildProcess | null = null;
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly output: (instance: string, chunk: string) => void,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server; resolves with the milliseconds until it answered /api/health. */
  async start(timeoutMs = 180_000): Promise<number> {
    const started = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "serve.ts")], {
      env: { ...this.env, PORT: String(this.port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.stdout?.on("data", (c: Buffer) => this.output(this.name, c.toString()));
    child.stderr?.on("data", (c: Buffer) => this.output(this.name, c.toString()));
    await waitHealthy(this.base, timeoutMs, child);
    return Date.now() - started;
  }

  /** SIGTERM (the graceful drain of lib/server/shutdown.ts); resolves with the exit code and the ms it took. */
  async stop(): Promise<{ code: number | null; ms: number }> {
    const child = this.child;
    if (!child || child.exitCode !== null) return { code: child?.exitCode ?? null, ms: 0 };
    const sent = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    const code = await exited;
    this.child = null;
    return { code, ms: Date.now() - sent };
  }

  kill(): void {
    if (this.child && this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

export type RestartFigures = { instance: string; stopMs: number; exitCode: number | null; startMs: number };

export class Cluster {
  nginx: ChildProcess | null = null;
  constructor(
    readonly dir: string,
    readonly nginxPort: number,
    readonly instances: Instance[],
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.nginxPort}`;
  }

  /** One instance at a time: stop (drain), start, wait until it answers, then the next. */
  async rollingRestart(log: (line: string) => void = () => undefined): Promise<RestartFigures[]> {
    const figures: RestartFigures[] = [];
    for (const instance of this.instances) {
      const stopped = await instance.stop();
      const startMs = await instance.start();
      figures.push({ instance: instance.name, stopMs: stopped.ms, exitCode: stopped.code, startMs });
      log(`${instance.name} (:${instance.port}): dừng ${stopped.ms} ms (mã ${stopped.code}), chạy lại ${startMs} ms`);
    }
    return figures;
  }

  /** The end of nginx's error log (what it saw go wrong with the upstreams). */
  nginxErrors(lines = 30): string {
    const file = path.join(this.dir, "error.log");
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").slice(-lines).join("\n") : "";
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.stop()));
    const nginx = this.nginx;
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx.once("exit", r));
      nginx.kill("SIGQUIT");
      const timer = setTimeout(() => nginx.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Last resort (a failed test): kill everything at once. */
  kill(): void {
    for (const i of this.instances) i.kill();
    if (this.nginx && this.nginx.exitCode === null) this.nginx.kill("SIGKILL");
  }
}

export function nginxBinary(): string {
  const found = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
  if (!found) throw new Error("nginx không có trên máy này: sudo apt-get install -y nginx");
  return found;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? ((line: string) => console.log(`[cluster] ${line}`));
  const verbose = process.env.WARDWATCH_CLUSTER_VERBOSE === "1";
  const output = options.output ?? ((name: string, chunk: string) => verbose && process.stdout.write(`[${name}] ${chunk}`));
  const nginxBin = nginxBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-cluster-"));
  // nginx's workers (user nobody when started as root) must reach their temp directories.
  fs.chmodSync(dir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_MANUAL_SIG_HANDLE: "1",
    DATABASE_URL: options.databaseUrl,
    // One key for every instance: a session signed on one is read on another.
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || crypto.randomBytes(32).toString("base64url"),
    // The instances sit behind one proxy: its X-Forwarded-For is the client's address.
    WARDWATCH_TRUSTED_PROXIES: "1",
    WARDWATCH_DATA_DIR: path.join(dir, "data"),
    WARDWATCH_SEED_DEMO: options.seedDemo === false ? "0" : "1",
  };
  delete env.NEXTAUTH_URL;
  // Started from the test runner: the instances are servers, not tests.
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];

  let t = Date.now();
  log("build (một lần cho mọi máy chủ)…");
  await runToEnd(["scripts/start.ts", "--build-only"], env, "build");
  log(`build xong sau ${Date.now() - t} ms; chuẩn bị cơ sở dữ liệu (migrate, danh mục đơn vị${options.seedDemo === false ? "" : ", dữ liệu mẫu"})…`);
  t = Date.now();
  await runToEnd(["scripts/start.ts", "--prepare"], env, "prepare");
  log(`cơ sở dữ liệu sẵn sàng sau ${Date.now() - t} ms`);

  const instances = options.instancePorts.map((port, i) => new Instance(String.fromCharCode(65 + i), port, env, output));
  const cluster = new Cluster(dir, options.nginxPort, instances);
  try {
    const ms = await Promise.all(instances.map((i) => i.start()));
    log(instances.map((i, k) => `máy chủ ${i.name} tại ${i.base} (${ms[k]} ms)`).join(", "));
    const conf = path.join(dir, "nginx.conf");
    fs.writeFileSync(conf, nginxConfig({ port: options.nginxPort, upstreams: options.instancePorts, dir, root: process.getuid?.() === 0 }));
    const nginx = spawn(nginxBin, ["-p", dir, "-c", conf, "-e", path.join(dir, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
    cluster.nginx = nginx;
    nginx.stderr?.on("data", (c: Buffer) => output("nginx", c.toString()));
    await waitHealthy(cluster.base, 20_000, nginx);
    log(`nginx tại ${cluster.base} → ${options.instancePorts.map((p) => `:${p}`).join(", ")} (cấu hình: ${conf})`);
    return cluster;
  } catch (err) {
    cluster.kill();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
