/**
 * The BG/NBD model of Fader, Hardie & Lee (2005), "Counting your customers the easy way": while active,
 * a customer (here a partner) buys at a Poisson rate λ ~ Gamma(r, α); after each repeat purchase it
 * drops out with probability p ~ Beta(a, b). From each history (frequency x = repeat purchases,
 * recency t_x = time of the last purchase, age T = time since the first, all measured from the first
 * purchase, in any one time unit) it gives P(alive) and the expected purchases in a coming period.
 * Because λ and p are per customer, a partner that buys once a year is judged against its own rhythm:
 * three quiet months barely move its P(alive), while they are alarming for a partner that bought weekly.
 */
import { minimize, outsideLogBound } from './optimize';
import { hyp2f1, lnGamma, logAddExp } from './special';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  /** Σ ln L over all histories at the estimates. */
  logLikelihood: number;
}

/** One customer's history, in one time unit (weeks for partners, as CDNOW). */
export interface BgNbdHistory {
  /** Repeat purchases (purchases after the first). */
  frequency: number;
  /** Time from the first to the last purchase; 0 when there was no repeat. */
  recency: number;
  /** Time from the first purchase to the end of observation. */
  T: number;
}

export interface BgNbdPrediction {
  /** Probability that the customer has not dropped out by T. */
  pAlive: number;
  /** Expected purchases in (T, T + horizon]. */
  expected: number;
}

/** Rejects histories the model cannot describe, naming the first bad row so the data can be fixed. */
function checkHistories(rows: readonly BgNbdHistory[]): void {
  rows.forEach((h, i) => {
    const { frequency: x, recency: tx, T } = h;
    const ok =
      Number.isFinite(x) && Number.isFinite(tx) && Number.isFinite(T) && x >= 0 && tx >= 0 && T > 0 && tx <= T && (x > 0 || tx === 0);
    if (!ok) {
      throw new RangeError(
        `BG/NBD history ${i + 1} is invalid (frequency ${x}, recency ${tx}, T ${T}): ` +
          'need frequency ≥ 0, 0 ≤ recency ≤ T, T > 0, and recency 0 when frequency is 0.',
      );
    }
  });
}

/**
 * Σ ln L(r, α, a, b | xᵢ, t_xᵢ, Tᵢ), in the log-space form of Fader, Hardie & Lee's Excel note:
 * ln L = A₁ + A₂ + ln(e^{A₃} + δ_{x>0} e^{A₄}), with
 *   A₁ = ln Γ(r + x) − ln Γ(r) + r ln α
 *   A₂ = ln Γ(a + b) + ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x)
 *   A₃ = −(r + x) ln(α + T)
 *   A₄ = ln a − ln(b + x − 1) − (r + x) ln(α + t_x).
 * Nothing is exponentiated before the final log-sum, so large frequencies and ages cannot overflow.
 * The gamma-function terms depend on x only; they are computed once per distinct x.
 */
export function bgNbdLogLikelihood(params: BgNbdParams, rows: readonly BgNbdHistory[]): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const base = r * Math.log(alpha) - lnGamma(r) + lnGamma(a + b) - lnGamma(b);
  const byX = new Map<number, { gammas: number; lnB: number }>();
  let total = 0;
  for (const { frequency: x, recency: tx, T } of rows) {
    let k = byX.get(x);
    if (!k) {
      k = { gammas: lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x), lnB: x > 0 ? Math.log(b + x - 1) : 0 };
      byX.set(x, k);
    }
    const a3 = -(r + x) * Math.log(alpha + T);
    const a4 = x > 0 ? Math.log(a) - k.lnB - (r + x) * Math.log(alpha + tx) : -Infinity;
    total += base + k.gammas + logAddExp(a3, a4);
  }
  return total;
}

export interface FitOptions {
  /** Starting point of the search; by default r = a = b = 1 and α set from the data's time scale. */
  start?: BgNbdParams;
}

/**
 * Maximum-likelihood estimates of (r, α, a, b). The search runs on the logs of the parameters, which
 * keeps them positive and makes one step size fit any time unit; they stay within e^±15
 * (see LOG_PARAMETER_BOUND), so data without spread in buying or drop-out give a fit at that bound.
 */
export function fitBgNbd(rows: readonly BgNbdHistory[], options: FitOptions = {}): BgNbdFit {
  checkHistories(rows);
  if (rows.length < 2) throw new RangeError('BG/NBD needs at least two histories to fit.');
  if (!rows.some((h) => h.frequency > 0)) {
    throw new RangeError('BG/NBD cannot be fitted: no history has a repeat purchase, so drop-out cannot be estimated.');
  }
  const start = options.start ?? defaultStart(rows);
  const negLL = (v: number[]): number =>
    outsideLogBound(v)
      ? Infinity
      : -bgNbdLogLikelihood({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) }, rows);
  const found = minimize(negLL, [start.r, start.alpha, start.a, start.b].map(Math.log));
  const [r, alpha, a, b] = found.x.map(Math.exp) as [number, number, number, number];
  if (!found.converged || !Number.isFinite(found.value)) {
    throw new Error('BG/NBD fit did not converge; check that the histories use one time unit.');
  }
  return { r, alpha, a, b, logLikelihood: -found.value };
}

/**
 * With r = 1 the mean purchase rate is 1/α; matching it to the data's rough rate (repeats per unit of
 * age) puts α on the data's time scale, whatever the unit.
 */
function defaultStart(rows: readonly BgNbdHistory[]): BgNbdParams {
  const repeats = rows.reduce((s, h) => s + h.frequency, 0);
  const age = rows.reduce((s, h) => s + h.T, 0);
  return { r: 1, alpha: age / Math.max(repeats, 1), a: 1, b: 1 };
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ_{x>0} · a/(b + x − 1) · ((α + T)/(α + t_x))^{r+x}).
 * A customer with no repeat purchase has never had the chance to drop out: P(alive) = 1.
 */
export function probabilityAlive(params: BgNbdParams, h: BgNbdHistory): number {
  if (h.frequency === 0) return 1;
  return 1 / (1 + Math.exp(logOddsDead(params, h)));
}

/** ln of a/(b + x − 1) · ((α + T)/(α + t_x))^{r+x}: the odds of having dropped out, in logs. */
function logOddsDead({ r, alpha, a, b }: BgNbdParams, { frequency: x, recency: tx, T }: BgNbdHistory): number {
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/**
 * The closed forms divide by a − 1. At a = 1 exactly the expression is 0/0 although the function is
 * smooth there; the mean of its values just either side is then exact to about 1e-12.
 */
function smoothAtAEqualsOne(params: BgNbdParams, f: (p: BgNbdParams) => number): number {
  if (Math.abs(params.a - 1) > 1e-8) return f(params);
  const h = 1e-6;
  return (f({ ...params, a: 1 - h }) + f({ ...params, a: 1 + h })) / 2;
}

/**
 * E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired,
 * (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r · 2F1(r, b; a + b − 1; t/(α + t))].
 */
export function expectedTransactions(params: BgNbdParams, t: number): number {
  if (t === 0) return 0;
  return smoothAtAEqualsOne(params, ({ r, alpha, a, b }) => {
    const z = t / (alpha + t);
    const bracket = 1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b, a + b - 1, z);
    return ((a + b - 1) / (a - 1)) * bracket;
  });
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] of a customer with this history,
 * (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^{r+x} · 2F1(r + x, b + x; a + b + x − 1; t/(α + T + t))]
 * divided by 1 + δ_{x>0} · a/(b + x − 1) · ((α + T)/(α + t_x))^{r+x}.
 */
export function conditionalExpectedTransactions(params: BgNbdParams, t: number, h: BgNbdHistory): number {
  if (t === 0) return 0;
  const { frequency: x, T } = h;
  const alive = probabilityAlive(params, h);
  return smoothAtAEqualsOne(params, ({ r, alpha, a, b }) => {
    const z = t / (alpha + T + t);
    const decay = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)));
    const bracket = 1 - decay * hyp2f1(r + x, b + x, a + b + x - 1, z);
    return ((a + b + x - 1) / (a - 1)) * bracket * alive;
  });
}

/** P(alive) and the expected purchases over the next `horizon` time units, for each history. */
export function predictBgNbd(params: BgNbdParams, rows: readonly BgNbdHistory[], horizon: number): BgNbdPrediction[] {
  checkHistories(rows);
  return rows.map((h) => ({ pAlive: probabilityAlive(params, h), expected: conditionalExpectedTransactions(params, horizon, h) }));
}
