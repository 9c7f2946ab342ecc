// `npm run cluster`: WardWatch as several instances behind nginx on this machine, on one
// PostgreSQL (docs/scale.md, "Several app servers"). Builds once, prepares the database once,
// starts the instances and nginx (its configuration generated in a temp directory), and serves
// until Ctrl-C. `kill -HUP <pid>` restarts the instances one after the other (a rolling restart:
// each drains its requests on SIGTERM while nginx sends new ones to the others).
//
// Environment: DATABASE_URL (PostgreSQL, required: the embedded database belongs to one process),
// CLUSTER_PORT (nginx, default 8080), CLUSTER_INSTANCES (default 2), CLUSTER_FIRST_PORT (the first
// instance's port, default CLUSTER_PORT + 1), NEXTAUTH_SECRET (generated for this run when unset),
// WARDWATCH_CLUSTER_VERBOSE=1 (the instances' own output).
import { startCluster } from "./cluster.ts";

function portFrom(name: string, fallback: number): number {
  const n = Number(process.env[name] || fallback);
  if (!Number.isInteger(n) || n <= 0 || n > 65_535) throw new Error(`${name} không hợp lệ: ${process.env[name]}`);
  return n;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      "Cần DATABASE_URL trỏ tới PostgreSQL (ví dụ postgres://postgres@127.0.0.1:5432/wardwatch): " +
        "cơ sở dữ liệu nhúng chỉ dành cho một tiến trình.",
    );
  }
  const nginxPort = portFrom("CLUSTER_PORT", 8080);
  const count = portFrom("CLUSTER_INSTANCES", 2);
  const first = portFrom("CLUSTER_FIRST_PORT", nginxPort + 1);
  const cluster = await startCluster({ databaseUrl, nginxPort, instancePorts: Array.from({ length: count }, (_, i) => first + i) });
  console.log(`[cluster] Mở ${cluster.base} · khởi động lại lần lượt: kill -HUP ${process.pid} · dừng: Ctrl-C`);

  let busy = false;
  process.on("SIGHUP", () => {
    if (busy) return;
    busy = true;
    console.log("[cluster] Khởi động lại lần lượt từng máy chủ…");
    cluster
      .rollingRestart((l) => console.log(`[cluster] ${l}`))
      .catch((err: unknown) => console.error(`[cluster] ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => (busy = false));
  });
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log("[cluster] Đang dừng các máy chủ và nginx…");
      cluster.stop().then(
        () => process.exit(0),
        () => {
          cluster.kill();
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err: unknown) => {
  console.error(`[cluster] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
