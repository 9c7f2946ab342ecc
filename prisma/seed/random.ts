// A tiny seeded pseudo-random generator for the demo data: mulberry32 (32-bit state, period 2^32),
// seeded from a string with a 32-bit FNV-1a hash. Same seed, same sequence, on every machine and
// Node version: only 32-bit integer arithmetic (Math.imul, >>>) and one division by 2^32.
//
// Not for anything secret. `fork(label)` derives an independent stream, so that adding draws in
// one part of the generator does not shift the numbers of every other part.

export type Random = {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform integer in [min, max], both included */
  int(min: number, max: number): number;
  /** uniform real in [min, max) */
  float(min: number, max: number): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** one element of a non-empty list */
  pick<T>(items: readonly T[]): T;
  /** one element, chosen with probability proportional to its weight (weights ≥ 0, not all 0) */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** approximately normal (Irwin–Hall: sum of 6 uniforms), clamped to ±3 sd */
  normal(mean: number, sd: number): number;
  /** a shuffled copy (Fisher–Yates) */
  shuffle<T>(items: readonly T[]): T[];
  /** an independent stream derived from this one's seed and a label */
  fork(label: string): Random;
};

/** 32-bit FNV-1a hash of a string (UTF-16 code units). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function createRandom(seed: string): Random {
  const next = mulberry32(hashString(seed));

  const int = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): expected integers with min ≤ max`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };

  const random: Random = {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[int(0, items.length - 1)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, w] of items) {
        if (!(w >= 0)) throw new RangeError(`weighted: negative or NaN weight ${w}`);
        total += w;
      }
      if (total <= 0) throw new RangeError("weighted: no positive weight");
      let r = next() * total;
      for (const [item, w] of items) {
        if (r < w) return item;
        r -= w;
      }
      // Floating-point leftovers: the last item with a positive weight.
      for (let i = items.length - 1; i >= 0; i--) {
        const entry = items[i];
        if (entry && entry[1] > 0) return entry[0];
      }
      throw new RangeError("weighted: unreachable");
    },
    normal(mean, sd) {
      let sum = 0;
      for (let i = 0; i < 6; i++) sum += next();
      // Irwin–Hall(6): mean 3, variance 1/2.
      const z = Math.max(-3, Math.min(3, (sum - 3) / Math.SQRT1_2));
      return mean + sd * z;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
    fork: (label) => createRandom(`${seed}/${label}`),
  };
  return random;
}
