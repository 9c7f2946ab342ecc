import { AsyncLocalStorage } from "node:async_hooks";
import { OverloadedError } from "../errors.ts";

// Bounded concurrency for heavy work (exports, documents, city-wide alerts, imports): a few run at
// once, a short queue waits briefly, and beyond it the request is refused at once with
// OverloadedError (503 + Retry-After) rather than piling onto the database pool and failing half
// way. Interactive pages never take a slot, so they keep the pool's remaining connections.
// One process's limits: several app instances each apply their own (the database pool is per
// process too).

export type CapacityOptions = {
  /** Work items running at once. */
  readonly concurrent: number;
  /** Requests allowed to wait for a slot; one more is refused at once. */
  readonly queue: number;
  /** How long a queued request waits before it is refused. */
  readonly queueTimeoutMs: number;
  /** Seconds a refused client is told to wait (`Retry-After`). */
  readonly retryAfterSeconds: number;
};

type Waiter = { resolve: () => void; reject: (err: unknown) => void; timer: NodeJS.Timeout };

// The capacities the current async context already holds a slot of: heavy work that calls other
// heavy work (a download of the city-wide alerts, lib/data/alerts.ts inside an export) runs in
// the slot it holds, instead of waiting for a second one it might never get.
const held = new AsyncLocalStorage<ReadonlySet<Capacity>>();

export class Capacity {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly name: string,
    readonly options: CapacityOptions,
  ) {}

  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Takes a slot (waiting in the queue if needed) or throws OverloadedError; returns the release. */
  async acquire(): Promise<() => void> {
    if (this.running < this.options.concurrent) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.options.queue) throw new OverloadedError(this.options.retryAfterSeconds);
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(new OverloadedError(this.options.retryAfterSeconds));
        }, this.options.queueTimeoutMs),
      };
      this.waiting.push(waiter);
    });
    // The slot was handed over by the releaser (running was not decremented).
    return this.releaser();
  }

  /** Runs `work` in a slot (the one this context already holds, if any); the slot is freed when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const outer = held.getStore();
    if (outer?.has(this)) return work();
    const release = await this.acquire();
    try {
      return await held.run(new Set([...(outer ?? []), this]), work);
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.resolve();
      } else {
        this.running--;
      }
    };
  }
}

function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

type Registry = Map<string, Capacity>;
const registry: Registry = ((globalThis as { __wardwatchCapacity?: Registry }).__wardwatchCapacity ??= new Map());

function shared(name: string, options: CapacityOptions): Capacity {
  let capacity = registry.get(name);
  if (!capacity) registry.set(name, (capacity = new Capacity(name, options)));
  return capacity;
}

/**
 * Heavy reads (downloads, documents, city-wide alerts): 4 at once by default with 8 waiting up to
 * 10 s, so with the default pool of 10 at least 6 connections stay free for pages and sign-in.
 */
export function heavyWork(): Capacity {
  return shared("heavy", {
    concurrent: intFromEnv("WARDWATCH_HEAVY_CONCURRENCY", 4),
    queue: intFromEnv("WARDWATCH_HEAVY_QUEUE", 8),
    queueTimeoutMs: intFromEnv("WARDWATCH_HEAVY_QUEUE_MS", 10_000),
    retryAfterSeconds: 5,
  });
}
