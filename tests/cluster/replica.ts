// A streaming replica of the local PostgreSQL (127.0.0.1:5432) for the read-replica test: a base
// backup (pg_basebackup -R: it writes standby.signal and primary_conninfo) into a temp directory,
// started as a hot standby on a port of its own with Debian's postgres binary. The primary must
// accept replication connections from 127.0.0.1 (pg_hba.conf: `host replication all 127.0.0.1/32
// trust`; .ci/run adds it on a fresh machine). Run as root, the copy belongs to the postgres user
// (the server refuses to run as root).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const BIN = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

export type Replica = {
  url: (database: string) => string;
  port: number;
  dir: string;
  baseBackupMs: number;
  /** the end of the standby's own log */
  log(): string;
  stop(): Promise<void>;
};

/** Replication slots of this test start with this; an inactive one is a leftover of a killed run. */
const SLOT_PREFIX = "wardwatch_replica_test_";

async function onPrimary<T>(primaryUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: primaryUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function owner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, server?: ChildProcess, log?: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server && server.exitCode !== null) throw new Error(`${what}: the server exited (${server.exitCode})\n${log?.() ?? ""}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms\n${log?.() ?? ""}`);
}

export async function startReplica(options: { primaryUrl: string; port: number }): Promise<Replica> {
  const primary = new URL(options.primaryUrl);
  const as = owner();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-replica-"));
  const dir = path.join(parent, "data");
  if (as) fs.chownSync(parent, as.uid, as.gid);
  // A replication slot keeps the primary's WAL until the standby has it: other work on the same
  // server may write gigabytes between the copy and the standby's start. Dropped in stop().
  const slot = `${SLOT_PREFIX}${process.pid}_${options.port}`;
  await onPrimary(options.primaryUrl, (c) =>
    c.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE $1 AND NOT active", [`${SLOT_PREFIX}%`]),
  );
  const started = Date.now();
  const args = ["-h", primary.hostname, "-p", primary.port || "5432", "-U", decodeURIComponent(primary.username || "postgres"), "-D", dir, "-R", "-X", "stream", "-C", "-S", slot, "-c", "fast", "-w"];
  // A second try: other suites create and drop databases on the same server while it copies.
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync(path.join(BIN, "pg_basebackup"), args, { stdio: ["ignore", "pipe", "pipe"], timeout: 300_000, ...(as ?? {}) });
      break;
    } catch (err) {
      const stderr = String((err as { stderr?: Buffer }).stderr ?? "").trim();
      fs.rmSync(dir, { recursive: true, force: true });
      await onPrimary(options.primaryUrl, (c) => c.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", [slot])).catch(() => undefined);
      if (attempt >= 2) {
        fs.rmSync(parent, { recursive: true, force: true });
        throw new Error(`pg_basebackup failed: ${stderr || (err instanceof Error ? err.message : String(err))}`);
      }
      console.warn(`[replica] pg_basebackup failed, trying once more: ${stderr}`);
    }
  }
  const baseBackupMs = Date.now() - started;
  // Debian keeps the configuration outside the data directory: give the copy its own.
  fs.writeFileSync(path.join(dir, "postgresql.conf"), "# read-replica test\n");
  fs.writeFileSync(path.join(dir, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
  if (as) for (const f of ["postgresql.conf", "pg_hba.conf"]) fs.chownSync(path.join(dir, f), as.uid, as.gid);
  let log = "";
  const server = spawn(
    path.join(BIN, "postgres"),
    [
      "-D", dir,
      "-p", String(options.port),
      "-c", "listen_addresses=127.0.0.1",
      "-c", `unix_socket_directories=${parent}`,
      "-c", "hot_standby=on",
      // Long exports on the standby are not cancelled by the cleanup of rows they still see.
      "-c", "hot_standby_feedback=on",
      "-c", "shared_buffers=32MB",
      "-c", "logging_collector=off",
    ],
    { stdio: ["ignore", "pipe", "pipe"], ...(as ?? {}) },
  );
  server.stdout?.on("data", (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  server.stderr?.on("data", (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  const url = (database: string) => `postgres://${primary.username || "postgres"}@127.0.0.1:${options.port}/${database}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGINT"); // fast shutdown
      const timer = setTimeout(() => server.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(parent, { recursive: true, force: true });
    await onPrimary(options.primaryUrl, (c) => c.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", [slot]));
  };
  try {
    await waitFor(
      async () => {
        const client = new pg.Client({ connectionString: url("postgres"), connectionTimeoutMillis: 2000 });
        await client.connect();
        try {
          return (await client.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r")).rows[0]?.r === true;
        } finally {
          await client.end();
        }
      },
      120_000,
      "the standby did not accept connections in recovery",
      server,
      () => log,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port: options.port, dir, baseBackupMs, log: () => log, stop };
}
