import { spawnSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

// Where a request's CPU goes on this machine: the app server's own process and the PostgreSQL
// backends serving its connections, read from /proc (Linux) before and after a cell of load.
// The HTTP benchmarks divide the difference by the requests answered: CPU milliseconds per request,
// split between Node and the database (issue 18: at c=10 on 2 cores, p95 < 200 ms needs the sum
// well under 2 × 1000 / (10 / 0,2) = 40 ms a request).

const TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** utime + stime of one process in milliseconds, or null when it is gone. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The pid listening on 127.0.0.1:`port` (ss -ltnp), or null. */
export function listeningPid(port: number): number | null {
  const out = spawnSync("ss", ["-Hltnp", `sport = :${port}`], { encoding: "utf8" }).stdout;
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : null;
}

/** The local ports of `pid`'s established connections to port 5432. */
function databaseClientPorts(pid: number): Set<number> {
  const out = spawnSync("ss", ["-Htnp", "state", "established", "( dport = :5432 )"], { encoding: "utf8" }).stdout;
  const ports = new Set<number>();
  for (const line of out.split("\n")) {
    if (!line.includes(`pid=${pid},`)) continue;
    const local = line.trim().split(/\s+/)[2] ?? "";
    const port = Number(local.slice(local.lastIndexOf(":") + 1));
    if (port > 0) ports.add(port);
  }
  return ports;
}

export type CpuSnapshot = { server: number; backends: Map<number, number> };

/** The server's CPU and that of each PostgreSQL backend serving one of its connections. */
export async function snapshotCpu(serverPid: number, adminUrl: string): Promise<CpuSnapshot> {
  const ports = databaseClientPorts(serverPid);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const rows = (await client.query<{ pid: number; port: number }>(`SELECT pid, client_port AS port FROM pg_stat_activity WHERE client_port IS NOT NULL`)).rows;
    const backends = new Map<number, number>();
    for (const row of rows) {
      if (!ports.has(row.port)) continue;
      const cpu = processCpuMs(row.pid);
      if (cpu !== null) backends.set(row.pid, cpu);
    }
    return { server: processCpuMs(serverPid) ?? Number.NaN, backends };
  } finally {
    await client.end();
  }
}

/** CPU milliseconds spent between two snapshots: the server's and its backends' (a backend opened meanwhile counts whole). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): { serverMs: number; databaseMs: number } {
  let databaseMs = 0;
  for (const [pid, cpu] of after.backends) databaseMs += cpu - (before.backends.get(pid) ?? 0);
  return { serverMs: after.server - before.server, databaseMs };
}
