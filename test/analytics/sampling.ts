/**
 * Seeded draws for the simulation tests: the generative stories of BG/NBD and Gamma-Gamma, written from
 * the papers' definitions, independent of the library's likelihoods.
 */
import type { BgNbdHistory, BgNbdParams } from '../../src/analytics/bgnbd';
import type { GammaGammaParams, SpendHistory } from '../../src/analytics/gammagamma';

/** mulberry32: a tiny 32-bit generator, uniform in [0, 1). */
export function uniformSource(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function standardNormal(u: () => number): number {
  for (;;) {
    const x = 2 * u() - 1;
    const y = 2 * u() - 1;
    const s = x * x + y * y;
    if (s > 0 && s < 1) return x * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Gamma(shape k, scale 1) by Marsaglia & Tsang (2000), boosted for k < 1. */
export function gammaDraw(u: () => number, k: number): number {
  if (k < 1) return gammaDraw(u, k + 1) * Math.pow(1 - u(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    if (Math.log(1 - u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * BG/NBD histories: λ ~ Gamma(r, rate α), p ~ Beta(a, b); from the first purchase at 0, purchases come
 * at rate λ and after each one the customer leaves with probability p; observed until T, drawn uniformly
 * in [tMin, tMax] (customers acquired at different times).
 */
export function simulateBgNbd(seed: number, n: number, params: BgNbdParams, tMin: number, tMax: number): BgNbdHistory[] {
  const u = uniformSource(seed);
  const out: BgNbdHistory[] = [];
  for (let i = 0; i < n; i++) {
    const T = tMin + (tMax - tMin) * u();
    const lambda = gammaDraw(u, params.r) / params.alpha;
    const g1 = gammaDraw(u, params.a);
    const p = g1 / (g1 + gammaDraw(u, params.b));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - u()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (u() < p) break;
    }
    out.push({ frequency: x, recency: tx, T });
  }
  return out;
}

/**
 * Gamma-Gamma spend: ν ~ Gamma(q, rate γ) per customer, each of its x transactions ~ Gamma(p, rate ν),
 * x uniform in 1 … maxX; returns x and the mean value.
 */
export function simulateSpend(seed: number, n: number, params: GammaGammaParams, maxX: number): SpendHistory[] {
  const u = uniformSource(seed);
  const out: SpendHistory[] = [];
  for (let i = 0; i < n; i++) {
    const nu = gammaDraw(u, params.q) / params.gamma;
    const x = 1 + Math.floor(u() * maxX);
    let sum = 0;
    for (let k = 0; k < x; k++) sum += gammaDraw(u, params.p) / nu;
    out.push({ frequency: x, monetary: sum / x });
  }
  return out;
}
