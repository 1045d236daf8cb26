/**
 * The BG/NBD model of Fader, Hardie & Lee (2005), "Counting your customers the easy way": while active,
 * a customer (here a partner) buys at a Poisson rate λ ~ Gamma(r, α); after each repeat purchase it
 * drops out with probability p ~ Beta(a, b). From each history (frequency x = repeat purchases,
 * recency t_x = time of the last purchase, age T = time since the first, all measured from the first
 * purchase, in any one time unit) it gives P(alive) and the expected purchases in a coming period.
 * Because λ and p are per customer, a partner that buys once a year is judged against its own rhythm:
 * three quiet months barely move its P(alive), while they are alarming for a partner that bought weekly.
 */
import { minimizeBounded } from './optimize';
import { digamma, hyp2f1, lnGamma, logAddExp } from './special';

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
  /**
   * How many customers share exactly this history (default 1). The likelihood of identical histories is
   * identical, so a fit on histories grouped in SQL, each weighted by its count, is the fit on all of them.
   */
  count?: number;
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
    const count = h.count ?? 1;
    const ok =
      Number.isFinite(x) && Number.isFinite(tx) && Number.isFinite(T) && x >= 0 && tx >= 0 && T > 0 && tx <= T && (x > 0 || tx === 0) &&
      Number.isFinite(count) && count > 0;
    if (!ok) {
      throw new RangeError(
        `BG/NBD history ${i + 1} is invalid (frequency ${x}, recency ${tx}, T ${T}${h.count === undefined ? '' : `, count ${count}`}): ` +
          'need frequency ≥ 0, 0 ≤ recency ≤ T, T > 0, recency 0 when frequency is 0, and a positive count.',
      );
    }
  });
}

/**
 * Σ countᵢ · ln L(r, α, a, b | xᵢ, t_xᵢ, Tᵢ), in the log-space form of Fader, Hardie & Lee's Excel note:
 * ln L = A₁ + A₂ + ln(e^{A₃} + δ_{x>0} e^{A₄}), with
 *   A₁ = ln Γ(r + x) − ln Γ(r) + r ln α
 *   A₂ = ln Γ(a + b) + ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x)
 *   A₃ = −(r + x) ln(α + T)
 *   A₄ = ln a − ln(b + x − 1) − (r + x) ln(α + t_x).
 * Nothing is exponentiated before the final log-sum, so large frequencies and ages cannot overflow.
 */
export function bgNbdLogLikelihood(params: BgNbdParams, rows: readonly BgNbdHistory[]): number {
  return bgNbdLogLikelihoodGradient(params, rows).value;
}

/**
 * The log-likelihood and its gradient (∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b). With w₃ = e^{A₃} / (e^{A₃} + e^{A₄}) and
 * w₄ = 1 − w₃ (0 when x = 0), per history:
 *   ∂/∂r = ψ(r + x) − ψ(r) + ln α − w₃ ln(α + T) − w₄ ln(α + t_x)
 *   ∂/∂α = r/α − (r + x) (w₃/(α + T) + w₄/(α + t_x))
 *   ∂/∂a = ψ(a + b) − ψ(a + b + x) + w₄/a
 *   ∂/∂b = ψ(a + b) + ψ(b + x) − ψ(b) − ψ(a + b + x) − w₄/(b + x − 1).
 */
export function bgNbdLogLikelihoodGradient(params: BgNbdParams, rows: readonly BgNbdHistory[]): { value: number; gradient: [number, number, number, number] } {
  return evaluateGrouped(params, groupByFrequency(rows));
}

/** Histories sorted into one block per frequency x, as flat arrays: the fit's inner loop reads only these. */
interface FrequencyBlock {
  x: number;
  T: Float64Array;
  tx: Float64Array;
  count: Float64Array;
  /** Σ count over the block. */
  total: number;
}

function groupByFrequency(rows: readonly BgNbdHistory[]): FrequencyBlock[] {
  const byX = new Map<number, BgNbdHistory[]>();
  for (const h of rows) {
    const list = byX.get(h.frequency);
    if (list) list.push(h);
    else byX.set(h.frequency, [h]);
  }
  return [...byX]
    .sort(([x], [y]) => x - y)
    .map(([x, list]) => ({
      x,
      T: Float64Array.from(list, (h) => h.T),
      tx: Float64Array.from(list, (h) => h.recency),
      count: Float64Array.from(list, (h) => h.count ?? 1),
      total: list.reduce((s, h) => s + (h.count ?? 1), 0),
    }));
}

/**
 * ln Γ(z + x) − ln Γ(z) and ψ(z + x) − ψ(z) for the blocks' x in increasing order. For whole x (repeat
 * purchases are counts) they are Σₖ<ₓ ln(z + k) and Σₖ<ₓ 1/(z + k), summed on from one x to the next: no
 * difference of two large ln Γ values, which near z = e¹⁵ (a likelihood running to its limit) would
 * leave 10⁻⁸ of noise, more than the fit's own precision.
 */
class Rising {
  private k = 0;
  private ln = 0;
  private inv = 0;

  constructor(private readonly z: number) {}

  at(x: number): { ln: number; inv: number } {
    if (!Number.isInteger(x) || x < this.k) return { ln: lnGamma(this.z + x) - lnGamma(this.z), inv: digamma(this.z + x) - digamma(this.z) };
    for (; this.k < x; this.k++) {
      this.ln += Math.log(this.z + this.k);
      this.inv += 1 / (this.z + this.k);
    }
    return { ln: this.ln, inv: this.inv };
  }
}

/**
 * Per block (one x): A₁ + A₂ = r ln α + [ln Γ(r + x) − ln Γ(r)] + [ln Γ(b + x) − ln Γ(b)] − [ln Γ(a + b + x) − ln Γ(a + b)],
 * and the digamma differences of the gradient likewise; per history there remain two logarithms, one
 * exponential and one log1p.
 */
function evaluateGrouped(params: BgNbdParams, blocks: readonly FrequencyBlock[]): { value: number; gradient: [number, number, number, number] } {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return { value: -Infinity, gradient: [NaN, NaN, NaN, NaN] };
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const riseR = new Rising(r);
  const riseB = new Rising(b);
  const riseAB = new Rising(a + b);
  let value = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (const { x, T, tx, count, total } of blocks) {
    const ur = riseR.at(x);
    const ub = riseB.at(x);
    const uab = riseAB.at(x);
    const rx = r + x;
    value += total * (r * lnAlpha + ur.ln + ub.ln - uab.ln);
    gr += total * (ur.inv + lnAlpha);
    ga -= total * uab.inv;
    gb += total * (ub.inv - uab.inv);
    if (x === 0) {
      // A₃ alone (w₃ = 1).
      for (let i = 0; i < T.length; i++) {
        const w = count[i]!;
        const lnT = Math.log(alpha + T[i]!);
        value -= w * r * lnT;
        gr -= w * lnT;
        gAlpha += w * (r / alpha - r / (alpha + T[i]!));
      }
      continue;
    }
    const a4Const = lnA - Math.log(b + x - 1);
    let s4 = 0;
    for (let i = 0; i < T.length; i++) {
      const w = count[i]!;
      const aT = alpha + T[i]!;
      const aTx = alpha + tx[i]!;
      const lnT = Math.log(aT);
      const lnTx = Math.log(aTx);
      const a3 = -rx * lnT;
      const a4 = a4Const - rx * lnTx;
      // ln(e^{A₃} + e^{A₄}) and the two shares, from one exponential.
      const e = Math.exp(-Math.abs(a3 - a4));
      const w3 = a3 >= a4 ? 1 / (1 + e) : e / (1 + e);
      const w4 = 1 - w3;
      value += w * (Math.max(a3, a4) + Math.log1p(e));
      gr -= w * (w3 * lnT + w4 * lnTx);
      gAlpha += w * (r / alpha - rx * (w3 / aT + w4 / aTx));
      s4 += w * w4;
    }
    ga += s4 / a;
    gb -= s4 / (b + x - 1);
  }
  return { value, gradient: [gr, gAlpha, ga, gb] };
}

export interface FitOptions {
  /** Starting point of the search; by default r = a = b = 1 and α set from the data's time scale. */
  start?: BgNbdParams;
}

/**
 * Maximum-likelihood estimates of (r, α, a, b), from histories one per customer or grouped with counts.
 * The search runs on the logs of the parameters, which keeps them positive and makes one step size fit
 * any time unit, by quasi-Newton with the analytic gradient; they stay within e^±15
 * (see LOG_PARAMETER_BOUND), so data without spread in buying or drop-out give a fit at that bound.
 */
export function fitBgNbd(rows: readonly BgNbdHistory[], options: FitOptions = {}): BgNbdFit {
  checkHistories(rows);
  const customers = rows.reduce((s, h) => s + (h.count ?? 1), 0);
  if (customers < 2) throw new RangeError('BG/NBD needs at least two histories to fit.');
  if (!rows.some((h) => h.frequency > 0)) {
    throw new RangeError('BG/NBD cannot be fitted: no history has a repeat purchase, so drop-out cannot be estimated.');
  }
  const start = options.start ?? defaultStart(rows);
  // Minimise −ln L over θ = ln(r, α, a, b): ∂/∂θ = parameter × ∂/∂parameter.
  const blocks = groupByFrequency(rows);
  const objective = (v: readonly number[]) => {
    const p = v.map(Math.exp) as [number, number, number, number];
    const { value, gradient } = evaluateGrouped({ r: p[0], alpha: p[1], a: p[2], b: p[3] }, blocks);
    return { value: -value, gradient: gradient.map((g, i) => -g * p[i]!) };
  };
  const found = minimizeBounded(objective, [start.r, start.alpha, start.a, start.b].map(Math.log));
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
  const repeats = rows.reduce((s, h) => s + (h.count ?? 1) * h.frequency, 0);
  const age = rows.reduce((s, h) => s + (h.count ?? 1) * h.T, 0);
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
