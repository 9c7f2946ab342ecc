import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { isPostgresReachable } from "@/lib/db/health";

// A PostgreSQL server that goes away and comes back, simulated by a TCP relay in front of the real
// one that can be switched off and on. The proxy answers 503 while isPostgresReachable is false.

const real = process.env.TEST_DATABASE_URL;

function startRelay(target: URL): Promise<{ port: number; setUp(up: boolean): void; close(): Promise<void> }> {
  let up = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (!up) return client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        setUp(next) {
          up = next;
          if (!next) for (const s of sockets) s.destroy();
        },
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

const waitPastCache = () => new Promise((r) => setTimeout(r, 2100));

describe.skipIf(!real)("database health check [PostgreSQL]", () => {
  let relay: Awaited<ReturnType<typeof startRelay>> | undefined;
  afterAll(async () => relay?.close());

  it("notices a server that goes away and recovers by itself when it comes back", async () => {
    const target = new URL(real as string);
    relay = await startRelay(target);
    const viaRelay = new URL(target);
    viaRelay.hostname = "127.0.0.1";
    viaRelay.port = String(relay.port);
    const url = viaRelay.toString();

    expect(await isPostgresReachable(url, 1000)).toBe(true);
    relay.setUp(false);
    await waitPastCache();
    expect(await isPostgresReachable(url, 1000)).toBe(false);
    relay.setUp(true);
    await waitPastCache();
    expect(await isPostgresReachable(url, 1000)).toBe(true);
  });

  it("says unreachable, quickly, for a port where nothing listens", async () => {
    const started = Date.now();
    expect(await isPostgresReachable("postgres://postgres@127.0.0.1:1/none", 1000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
