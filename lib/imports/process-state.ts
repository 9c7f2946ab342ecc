// What this process knows about its own imports, shared by every module instance (Next.js may load
// a module once per bundle, so the state hangs off globalThis):
// - the ids of imports running here, which tells a live import from a stale one on the embedded
//   database (where only this process can have the database open);
// - a queue that runs embedded imports one at a time (they share one connection and its TEMP
//   staging tables);
// - the imports in flight, for the shutdown hook (abort.ts).

/** An import running in this process, as the shutdown hook sees it. */
export type InFlight = { abort(reason: string): void; done: Promise<unknown> };

type State = { active: Set<number>; queue: Promise<unknown>; queued: number; inFlight?: Map<number, InFlight> };

const KEY = "__wardwatchImports";
const holder = globalThis as { [KEY]?: State };
const state: State = (holder[KEY] ??= { active: new Set<number>(), queue: Promise.resolve(), queued: 0 });

export function markActive(id: number): void {
  state.active.add(id);
}

export function markInactive(id: number): void {
  state.active.delete(id);
}

export function isActiveHere(id: number): boolean {
  return state.active.has(id);
}

/** True when a queued task is running or waiting: a new one will have to wait. */
export function queueBusy(): boolean {
  return state.queued > 0;
}

/** Runs `task` after every task queued before it (failures do not block the queue). */
export function runQueued<T>(task: () => Promise<T>): Promise<T> {
  state.queued += 1;
  const next = state.queue.then(task).finally(() => {
    state.queued -= 1;
  });
  state.queue = next.catch(() => undefined);
  return next;
}

function inFlight(): Map<number, InFlight> {
  return (state.inFlight ??= new Map());
}

/** Registers a running import until `entry.done` settles. */
export function trackInFlight(id: number, entry: InFlight): void {
  inFlight().set(id, entry);
  void entry.done.finally(() => inFlight().delete(id)).catch(() => undefined);
}

/** The imports running in this process now. */
export function inFlightImports(): [number, InFlight][] {
  return [...inFlight().entries()];
}
