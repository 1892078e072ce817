/**
 * mulberry32: a tiny seeded PRNG. Seeded data must be identical on every
 * machine and run, so nothing here touches Math.random or the clock.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Roughly normal (sum of three uniforms), mean 0, standard deviation ~1. */
  gauss(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  hex(length: number): string;
  uuid(): string;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const hex = (length: number) => Array.from({ length }, () => int(16).toString(16)).join('');
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    // Irwin–Hall with n=3 has variance 1/4; scale by 2 for ~1.
    gauss: () => (next() + next() + next() - 1.5) * 2,
    int,
    pick: (items) => items[int(items.length)] as (typeof items)[number],
    hex,
    uuid: () => {
      const h = hex(32).split('');
      h[12] = '4'; // version 4
      h[16] = '89ab'[int(4)] as string; // RFC 4122 variant
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}
