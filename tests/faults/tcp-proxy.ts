import net from "node:net";

// A TCP relay in front of PostgreSQL that can misbehave on demand, for fault tests (no toxiproxy
// here). Loopback only.
// - pause(): stop moving bytes in both directions while every socket stays open, and accept new
//   connections without answering them: a database that hangs (TCP open, nothing moving).
// - resume(): move bytes again, including what waited meanwhile.
// - reset(true): answer every existing and new connection with a TCP reset (RST): a database that
//   is gone or restarting. reset(false) accepts connections again.

export type FaultProxy = {
  readonly port: number;
  /** the target URL rewritten to go through the relay */
  url(target: string): string;
  pause(): void;
  resume(): void;
  reset(on: boolean): void;
  readonly connections: number;
  close(): Promise<void>;
};

type Pair = { client: net.Socket; upstream: net.Socket | null; backlog: Buffer[] };

export function startFaultProxy(targetHost: string, targetPort: number, listenPort = 0): Promise<FaultProxy> {
  let paused = false;
  let resetting = false;
  const pairs = new Set<Pair>();

  function forward(from: net.Socket, to: () => net.Socket | null, pair: Pair): void {
    from.on("data", (chunk: Buffer) => {
      const target = to();
      if (!target) {
        pair.backlog.push(chunk); // the client spoke before the upstream connection exists
        return;
      }
      if (!target.write(chunk)) {
        from.pause();
        target.once("drain", () => {
          if (!paused) from.resume();
        });
      }
    });
  }

  function destroyPair(pair: Pair, rst: boolean): void {
    for (const s of [pair.client, pair.upstream]) {
      if (!s || s.destroyed) continue;
      if (rst) s.resetAndDestroy();
      else s.destroy();
    }
    pairs.delete(pair);
  }

  function connectUpstream(pair: Pair): void {
    const upstream = net.connect(targetPort, targetHost);
    pair.upstream = upstream;
    upstream.on("connect", () => {
      for (const chunk of pair.backlog.splice(0)) upstream.write(chunk);
    });
    forward(upstream, () => pair.client, pair);
    upstream.on("error", () => destroyPair(pair, false));
    upstream.on("close", () => destroyPair(pair, false));
    if (paused) upstream.pause();
  }

  const server = net.createServer((client) => {
    if (resetting) {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = { client, upstream: null, backlog: [] };
    pairs.add(pair);
    forward(client, () => pair.upstream, pair);
    client.on("error", () => destroyPair(pair, false));
    client.on("close", () => destroyPair(pair, false));
    if (paused) client.pause();
    else connectUpstream(pair);
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        url(target) {
          const u = new URL(target);
          u.hostname = "127.0.0.1";
          u.port = String(port);
          return u.toString();
        },
        pause() {
          paused = true;
          for (const pair of pairs) {
            pair.client.pause();
            pair.upstream?.pause();
          }
        },
        resume() {
          paused = false;
          for (const pair of pairs) {
            if (!pair.upstream) connectUpstream(pair);
            pair.client.resume();
            pair.upstream?.resume();
          }
        },
        reset(on) {
          resetting = on;
          if (on) for (const pair of [...pairs]) destroyPair(pair, true);
        },
        get connections() {
          return pairs.size;
        },
        close() {
          for (const pair of [...pairs]) destroyPair(pair, false);
          return new Promise<void>((r) => server.close(() => r()));
        },
      });
    });
  });
}
