/**
 * The seeded random source. The stream is checked against a second implementation of splitmix32 and
 * sfc32 written here with BigInt arithmetic (so it shares no code and no 32-bit tricks with the
 * module); the helpers are checked against their textbook moments with large samples.
 */
import { describe, expect, it } from 'vitest';
import { Random, createRandom } from '../../src/demo/random';

const M32 = (1n << 32n) - 1n;

/** Reference: splitmix32 seeding of three words, d = 1, 12 discarded outputs, then sfc32. */
function referenceStream(seed: number, count: number): number[] {
  let s = BigInt(seed) & M32;
  const words: bigint[] = [];
  for (let i = 0; i < 3; i++) {
    s = (s + 0x9e3779b9n) & M32;
    let z = s;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M32;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M32;
    z = z ^ (z >> 16n);
    words.push(z);
  }
  let [a, b, c] = words as [bigint, bigint, bigint];
  let d = 1n;
  const out: number[] = [];
  for (let i = 0; i < 12 + count; i++) {
    const t = (a + b + d) & M32;
    d = (d + 1n) & M32;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M32;
    c = (((c << 21n) | (c >> 11n)) & M32) + t;
    c &= M32;
    if (i >= 12) out.push(Number(t));
  }
  return out;
}

function sample(n: number, draw: () => number): number[] {
  return Array.from({ length: n }, draw);
}
const min = (xs: number[]): number => xs.reduce((a, b) => Math.min(a, b), Infinity);
const max = (xs: number[]): number => xs.reduce((a, b) => Math.max(a, b), -Infinity);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]): number => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};

describe('the stream', () => {
  it.each([42, 0, -7, 2 ** 31 - 1])('matches an independent BigInt sfc32 for seed %i', (seed) => {
    const r = new Random(seed);
    expect(sample(1000, () => r.next())).toEqual(referenceStream(seed, 1000));
  });

  it('repeats for the same seed and differs for another', () => {
    const a = sample(100, () => createRandom(1).next());
    const r1 = createRandom(1);
    const r2 = createRandom(2);
    const s1 = sample(100, () => r1.next());
    const s2 = sample(100, () => r2.next());
    expect(a.every((x) => x === a[0])).toBe(true); // a fresh generator always starts the same
    expect(s1).toEqual(referenceStream(1, 100));
    expect(s2.filter((x, i) => x === s1[i])).toEqual([]);
  });

  it('forks by name, independently of how far the parent has gone', () => {
    const early = createRandom(5).fork('deals');
    const parent = createRandom(5);
    for (let i = 0; i < 1000; i++) parent.next();
    const late = parent.fork('deals');
    const other = createRandom(5).fork('surveys');
    const e = sample(50, () => early.next());
    expect(sample(50, () => late.next())).toEqual(e);
    expect(sample(50, () => other.next()).filter((x, i) => x === e[i])).toEqual([]);
  });
});

describe('helpers', () => {
  const N = 200_000;

  it('uniform(2, 5): mean 3.5, variance 9/12 = 0.75, always within [2, 5)', () => {
    const r = createRandom(11);
    const xs = sample(N, () => r.uniform(2, 5));
    expect(min(xs)).toBeGreaterThanOrEqual(2);
    expect(max(xs)).toBeLessThan(5);
    expect(mean(xs)).toBeCloseTo(3.5, 2);
    expect(variance(xs)).toBeCloseTo(0.75, 2);
  });

  it('int(1, 6) is a fair die: each face 1/6 ± 0.01, nothing outside', () => {
    const r = createRandom(12);
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const k = r.int(1, 6);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of counts.values()) expect(Math.abs(c / N - 1 / 6)).toBeLessThan(0.01);
  });

  it('normal(10, 2): mean 10, sd 2, 95.45 % within two sd', () => {
    const r = createRandom(13);
    const xs = sample(N, () => r.normal(10, 2));
    expect(mean(xs)).toBeCloseTo(10, 1);
    expect(Math.sqrt(variance(xs))).toBeCloseTo(2, 1);
    expect(xs.filter((x) => Math.abs(x - 10) < 4).length / N).toBeCloseTo(0.9545, 2);
  });

  it('lognormal(ln 100, 0.5): median 100, mean 100·e^(0.125) = 113.3', () => {
    const r = createRandom(14);
    const xs = sample(N, () => r.lognormal(Math.log(100), 0.5)).sort((a, b) => a - b);
    expect(xs[N / 2]! / 100).toBeCloseTo(1, 1);
    expect(mean(xs) / 113.31).toBeCloseTo(1, 1);
  });

  it('pareto(1, 2): P(X > 2) = 2^−2 = 0.25, never below 1', () => {
    const r = createRandom(15);
    const xs = sample(N, () => r.pareto(1, 2));
    expect(min(xs)).toBeGreaterThanOrEqual(1);
    expect(xs.filter((x) => x > 2).length / N).toBeCloseTo(0.25, 2);
  });

  it('exponential(3): mean 3, P(X > 3) = e^−1 = 0.368', () => {
    const r = createRandom(16);
    const xs = sample(N, () => r.exponential(3));
    expect(mean(xs)).toBeCloseTo(3, 1);
    expect(xs.filter((x) => x > 3).length / N).toBeCloseTo(0.3679, 2);
  });

  it.each([0.2, 3.5, 75])('poisson(%f): mean and variance both equal lambda', (lambda) => {
    const r = createRandom(17);
    const xs = sample(N / 2, () => r.poisson(lambda));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(mean(xs) / lambda).toBeCloseTo(1, 1);
    expect(variance(xs) / lambda).toBeCloseTo(1, 1);
  });

  it('poisson(0.2): P(0) = e^−0.2 = 0.8187; poisson(0) and poisson(−1) are 0', () => {
    const r = createRandom(18);
    const xs = sample(N, () => r.poisson(0.2));
    expect(xs.filter((x) => x === 0).length / N).toBeCloseTo(0.8187, 2);
    expect([r.poisson(0), r.poisson(-1)]).toEqual([0, 0]);
  });

  it('weightedPick follows the weights 1:2:7 and never picks a zero weight', () => {
    const r = createRandom(19);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, z: 0 };
    for (let i = 0; i < N; i++) counts[r.weightedPick(['a', 'b', 'z', 'c'], [1, 2, 0, 7])]!++;
    expect(counts.z).toBe(0);
    expect(counts.a! / N).toBeCloseTo(0.1, 2);
    expect(counts.b! / N).toBeCloseTo(0.2, 2);
    expect(counts.c! / N).toBeCloseTo(0.7, 2);
    expect(() => r.weightedPick(['a'], [1, 2])).toThrow();
    expect(() => r.weightedIndex([0, 0])).toThrow();
  });

  it('pick covers every item evenly; pick from nothing throws', () => {
    const r = createRandom(20);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) counts[r.pick([0, 1, 2, 3])]!++;
    for (const c of counts) expect(c / N).toBeCloseTo(0.25, 2);
    expect(() => r.pick([])).toThrow();
  });

  it('shuffle returns a permutation, and every position is uniform', () => {
    const r = createRandom(21);
    const firstCounts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 50_000; i++) {
      const s = r.shuffle([0, 1, 2, 3, 4]);
      firstCounts[s[0]!]!++;
      if (i === 0) expect([...s].sort()).toEqual([0, 1, 2, 3, 4]);
    }
    for (const c of firstCounts) expect(c / 50_000).toBeCloseTo(0.2, 2);
  });

  it('chance(0.3) is true 30 % of the time', () => {
    const r = createRandom(22);
    expect(sample(N, () => (r.chance(0.3) ? 1 : 0)).reduce((a, b) => a + b, 0) / N).toBeCloseTo(0.3, 2);
  });
});
