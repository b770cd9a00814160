// A tiny seeded PRNG (mulberry32) so simulated traffic is reproducible: the same seed gives the
// same week of demo data and the same test expectations. Not for anything secret.

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A Poisson count with the given mean. */
  poisson(mean: number): number;
  pick<T>(items: readonly T[]): T;
  /** One item by weight; weights need not sum to 1. */
  weighted<T extends { weight: number }>(items: readonly T[]): T;
  /** Lower-case base-36 characters, for ids that look random but repeat with the seed. */
  id(length: number): string;
};

/** A 32-bit hash of a string (FNV-1a), to seed from names like "demo:mapbox". */
export function hashSeed(value: string | number): number {
  const text = String(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Scrambles an integer into another 32-bit integer (used for stable fake user ids). */
export function mix32(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function createRng(seed: string | number): Rng {
  let state = hashSeed(seed);
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    normal,
    poisson(mean) {
      if (mean <= 0) return 0;
      // Knuth's method is exact but O(mean); above 30 the normal approximation is close enough.
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items) {
      let total = 0;
      for (const item of items) total += item.weight;
      let r = next() * total;
      for (const item of items) {
        r -= item.weight;
        if (r < 0) return item;
      }
      return items[items.length - 1]!;
    },
    id(length) {
      let out = '';
      for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(next() * 36)];
      return out;
    },
  };
  return rng;
}
