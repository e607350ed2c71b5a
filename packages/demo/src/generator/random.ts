/**
 * A small seeded PRNG (mulberry32) with the draws the generator needs. Seeded, so one seed always
 * gives the same dataset; no dependency, since a CRM demo needs only uniform, weighted and
 * exponential draws.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(values: readonly T[]): T;
  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** Exponentially distributed with this mean (waiting times between orders, visits). */
  exponential(mean: number): number;
  /** Roughly normal (sum of uniforms), for amounts and durations around a typical value. */
  normal(mean: number, spread: number): number;
  /** `count` distinct values, in the order drawn. */
  sample<T>(values: readonly T[], count: number): T[];
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (values) => {
      if (values.length === 0) throw new Error('pick from an empty list');
      return values[Math.floor(next() * values.length)]!;
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries.at(-1)![0];
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    normal: (mean, spread) => mean + ((next() + next() + next() + next() - 2) / 2) * spread * 1.7,
    sample: (values, count) => {
      const pool = [...values];
      const chosen: (typeof values)[number][] = [];
      while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return chosen;
    },
  };
  return random;
}

/** A child generator per concern, so adding draws to one part does not reshuffle every other. */
export function forkRandom(seed: number, label: string): Random {
  let hash = seed >>> 0;
  for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 0x9e3779b1) >>> 0;
  return createRandom(hash);
}
