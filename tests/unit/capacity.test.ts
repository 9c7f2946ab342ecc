import { describe, expect, it } from "vitest";
import { Capacity } from "@/lib/server/capacity";
import { OverloadedError } from "@/lib/errors";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("Capacity: bounded heavy work", () => {
  it("runs up to `concurrent` at once, queues up to `queue`, refuses the next with Retry-After", async () => {
    const capacity = new Capacity("t", { concurrent: 2, queue: 1, queueTimeoutMs: 5_000, retryAfterSeconds: 7 });
    const [g0, g1, g2] = [deferred(), deferred(), deferred()];
    const gates = [g0, g1, g2];
    const started: number[] = [];
    const runs = gates.map((g, i) => capacity.run(async () => (started.push(i), await g.promise, i)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(capacity.stats).toEqual({ running: 2, waiting: 1 });
    const refused = await capacity.run(async () => 99).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(OverloadedError);
    expect((refused as OverloadedError).retryAfterSeconds).toBe(7);
    g0.resolve();
    await runs[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    g1.resolve();
    g2.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(capacity.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses a queued request whose wait runs out, and frees the slot of work that throws", async () => {
    const capacity = new Capacity("t", { concurrent: 1, queue: 5, queueTimeoutMs: 20, retryAfterSeconds: 1 });
    const gate = deferred();
    const first = capacity.run(() => gate.promise);
    await expect(capacity.run(async () => 1)).rejects.toBeInstanceOf(OverloadedError);
    expect(capacity.stats).toEqual({ running: 1, waiting: 0 });
    gate.resolve();
    await first;
    await expect(capacity.run(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(capacity.stats).toEqual({ running: 0, waiting: 0 });
    expect(await capacity.run(async () => 2)).toBe(2);
  });

  it("runs heavy work called from heavy work in the slot it holds, instead of waiting for a second one", async () => {
    const capacity = new Capacity("t", { concurrent: 1, queue: 0, queueTimeoutMs: 20, retryAfterSeconds: 1 });
    const inner = await capacity.run(async () => {
      expect(capacity.stats).toEqual({ running: 1, waiting: 0 });
      return capacity.run(async () => capacity.stats.running);
    });
    expect(inner).toBe(1);
    expect(capacity.stats).toEqual({ running: 0, waiting: 0 });
    // Outside it, the slot is taken again as usual: a second request is still refused.
    const gate = deferred();
    const first = capacity.run(() => gate.promise);
    await expect(capacity.run(async () => 1)).rejects.toBeInstanceOf(OverloadedError);
    gate.resolve();
    await first;
  });
});
