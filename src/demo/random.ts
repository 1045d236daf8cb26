/**
 * A small seeded random source: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit
 * state, passes PractRand) seeded through splitmix32. It uses 32-bit integer arithmetic only
 * (Math.imul, >>> 0) and the exact exp/log of ./detmath, so one seed gives the same stream in Node and
 * in every browser.
 */
import { detExp, detLog, detPow } from './detmath';

const TWO_POW_32 = 4294967296;

/** splitmix32 step: spreads a seed over well-mixed words (sfc32 must not start from near-zero state). */
export function splitmix32(state: number): { value: number; state: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return { value: z >>> 0, state: next };
}

/** FNV-1a over the UTF-16 code units of a label: turns a stream name into a 32-bit number. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Second value of the last polar-method pair, used by the next normal() call. */
  private spare: number | null = null;

  constructor(readonly seed: number) {
    let s = seed | 0;
    const words: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = splitmix32(s);
      words.push(r.value);
      s = r.state;
    }
    this.a = words[0]!;
    this.b = words[1]!;
    this.c = words[2]!;
    this.d = 1; // sfc32's counter starts at 1 by convention
    for (let i = 0; i < 12; i++) this.next(); // the reference implementation discards the first outputs
  }

  /** Next 32-bit unsigned integer of the stream. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /**
   * An independent stream named `label`, derived from this stream's seed (not its position), so adding
   * draws to one part of the generator never shifts the numbers of another part.
   */
  fork(label: string): Random {
    return new Random(splitmix32((this.seed ^ hashLabel(label)) | 0).value | 0);
  }

  /** Uniform in [min, max). */
  uniform(min = 0, max = 1): number {
    return min + (max - min) * (this.next() / TWO_POW_32);
  }

  /** Uniform in (0, 1): never 0, so its logarithm is finite. */
  private open01(): number {
    return (this.next() + 0.5) / TWO_POW_32;
  }

  /** Integer uniform in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor((this.next() / TWO_POW_32) * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() / TWO_POW_32 < p;
  }

  /** Gaussian by Marsaglia's polar method (no trigonometry, so only detLog is needed). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const k = Math.sqrt((-2 * detLog(s)) / s);
    this.spare = v * k;
    return mean + sd * u * k;
  }

  /** exp(N(mu, sigma)): the median is exp(mu). */
  lognormal(mu: number, sigma: number): number {
    return detExp(this.normal(mu, sigma));
  }

  /** Pareto type I: P(X > x) = (xm / x)^alpha for x ≥ xm. */
  pareto(xm: number, alpha: number): number {
    return xm * detPow(this.open01(), -1 / alpha);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * detLog(this.open01());
  }

  /**
   * Poisson by Knuth's product of uniforms, exact for any lambda: a large lambda is split into parts of
   * at most 30 (a sum of Poissons is Poisson) so exp(−lambda) never underflows. Cost grows with lambda,
   * which stays small here (counts per partner and month).
   */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    let total = 0;
    let rest = lambda;
    while (rest > 0) {
      const part = Math.min(rest, 30);
      rest -= part;
      const limit = detExp(-part);
      let p = this.open01();
      while (p > limit) {
        total++;
        p *= this.open01();
      }
    }
    return total;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor((this.next() / TWO_POW_32) * items.length)]!;
  }

  /** Index drawn with probability proportional to its weight (weights ≥ 0, not all zero). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    // Rounding can leave x at exactly 0 after the last step: fall back on the last positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    throw new Error('weightedIndex needs a positive weight');
  }

  weightedPick<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length) throw new Error('weightedPick: one weight per item');
    return items[this.weightedIndex(weights)]!;
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor((this.next() / TWO_POW_32) * (i + 1));
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}

export function createRandom(seed: number): Random {
  return new Random(seed);
}
