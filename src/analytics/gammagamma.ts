/**
 * The Gamma-Gamma model of monetary value (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's
 * note "The Gamma-Gamma model of monetary value", 2013): each transaction's value is Gamma(p, ν) around
 * a customer's own mean, and ν varies across customers as Gamma(q, γ). Fitted on customers with at least
 * one repeat transaction, it shrinks each one's observed average deal value towards the population mean,
 * the more so the fewer deals it rests on.
 */
import { conditionalExpectedTransactions, type BgNbdHistory, type BgNbdParams } from './bgnbd';
import { minimizeBounded } from './optimize';
import { digamma, digammaDiff, lnGamma, lnGammaRatio } from './special';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
}

export interface SpendHistory {
  /** Transactions the average is over (x > 0). */
  frequency: number;
  /** Their average value z̄ (> 0). */
  monetary: number;
  /** How many customers have exactly this (x, z̄) (default 1): grouped rows weigh by it. */
  count?: number;
}

function checkSpend(rows: readonly SpendHistory[]): void {
  rows.forEach((h, i) => {
    const count = h.count ?? 1;
    if (!(Number.isFinite(h.frequency) && Number.isFinite(h.monetary) && h.frequency > 0 && h.monetary > 0 && Number.isFinite(count) && count > 0)) {
      throw new RangeError(
        `Gamma-Gamma history ${i + 1} is invalid (frequency ${h.frequency}, monetary ${h.monetary}${h.count === undefined ? '' : `, count ${count}`}): ` +
          'all must be positive.',
      );
    }
  });
}

/**
 * Σ countᵢ · ln f(z̄ᵢ | p, q, γ, xᵢ) with
 * f = Γ(px + q) / (Γ(px) Γ(q)) · γ^q · x^{px} · z̄^{px−1} / (γ + x z̄)^{px+q}.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: readonly SpendHistory[]): number {
  return gammaGammaLogLikelihoodGradient(params, rows).value;
}

/**
 * The log-likelihood and its gradient (∂/∂p, ∂/∂q, ∂/∂γ); per customer, with L = ln(1 + γ / (x z̄)):
 *   ln f = −ln Γ(q) + q ln γ + [ln Γ(px + q) − ln Γ(px)] − q ln x − (q + 1) ln z̄ − (px + q) L
 *   ∂/∂p = x (ψ(px + q) − ψ(px) − L)
 *   ∂/∂q = ψ(px + q) − ψ(q) + ln γ − ln x − ln z̄ − L
 *   ∂/∂γ = q/γ − (px + q)/(γ + x z̄).
 * Written with L rather than ln(γ + x z̄), the terms in px·ln(…), each huge when p runs to its limit,
 * cancel on paper instead of in floating point.
 */
export function gammaGammaLogLikelihoodGradient(params: GammaGammaParams, rows: readonly SpendHistory[]): { value: number; gradient: [number, number, number] } {
  return evaluateGrouped(params, groupByFrequency(rows));
}

/** Spend rows sorted into one block per frequency x, with what does not depend on the parameters. */
interface FrequencyBlock {
  x: number;
  /** 1 / (x z̄) per row. */
  inv: Float64Array;
  count: Float64Array;
  /** Σ count, and Σ count · ln z̄, over the block. */
  total: number;
  totalLnM: number;
}

function groupByFrequency(rows: readonly SpendHistory[]): FrequencyBlock[] {
  const byX = new Map<number, SpendHistory[]>();
  for (const h of rows) {
    const list = byX.get(h.frequency);
    if (list) list.push(h);
    else byX.set(h.frequency, [h]);
  }
  return [...byX].map(([x, list]) => ({
    x,
    inv: Float64Array.from(list, (h) => 1 / (x * h.monetary)),
    count: Float64Array.from(list, (h) => h.count ?? 1),
    total: list.reduce((s, h) => s + (h.count ?? 1), 0),
    totalLnM: list.reduce((s, h) => s + (h.count ?? 1) * Math.log(h.monetary), 0),
  }));
}

/** The gamma and digamma terms depend on x only: once per block; per customer one log1p remains. */
function evaluateGrouped(params: GammaGammaParams, blocks: readonly FrequencyBlock[]): { value: number; gradient: [number, number, number] } {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return { value: -Infinity, gradient: [NaN, NaN, NaN] };
  const lnGammaParam = Math.log(gamma);
  const psiQ = digamma(q);
  const base = -lnGamma(q) + q * lnGammaParam;
  let value = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (const { x, inv, count, total, totalLnM } of blocks) {
    const px = p * x;
    const lnX = Math.log(x);
    let sumL = 0;
    let sumU = 0;
    for (let i = 0; i < inv.length; i++) {
      const w = count[i]!;
      const g = gamma * inv[i]!;
      sumL += w * Math.log1p(g);
      // 1 / (γ + x z̄) = inv / (1 + γ · inv)
      sumU += (w * inv[i]!) / (1 + g);
    }
    value += total * (base + lnGammaRatio(px, q) - q * lnX) - (q + 1) * totalLnM - (px + q) * sumL;
    gp += x * (total * digammaDiff(px, q) - sumL);
    gq += total * (digamma(px + q) - psiQ + lnGammaParam - lnX) - totalLnM - sumL;
    gg += total * (q / gamma) - (px + q) * sumU;
  }
  return { value, gradient: [gp, gq, gg] };
}

/**
 * Maximum-likelihood (p, q, γ), from one row per customer or grouped rows with counts, by quasi-Newton
 * with the analytic gradient on their logs, within e^±15 (see LOG_PARAMETER_BOUND).
 */
export function fitGammaGamma(rows: readonly SpendHistory[]): GammaGammaFit {
  checkSpend(rows);
  const customers = rows.reduce((s, h) => s + (h.count ?? 1), 0);
  if (customers < 2) throw new RangeError('Gamma-Gamma needs at least two customers with a repeat transaction to fit.');
  // Start with q = 2 and the population mean p·γ/(q − 1) equal to the data's mean value, so γ is on the
  // data's money scale whatever the currency.
  const mean = rows.reduce((s, h) => s + (h.count ?? 1) * h.monetary, 0) / customers;
  const start = [1, 2, mean].map(Math.log);
  const blocks = groupByFrequency(rows);
  const objective = (v: readonly number[]) => {
    const e = v.map(Math.exp) as [number, number, number];
    const { value, gradient } = evaluateGrouped({ p: e[0], q: e[1], gamma: e[2] }, blocks);
    return { value: -value, gradient: gradient.map((g, i) => -g * e[i]!) };
  };
  const found = minimizeBounded(objective, start);
  if (!found.converged || !Number.isFinite(found.value)) throw new Error('Gamma-Gamma fit did not converge.');
  const [p, q, gamma] = found.x.map(Math.exp) as [number, number, number];
  return { p, q, gamma, logLikelihood: -found.value };
}

/** Mean transaction value across customers, p·γ/(q − 1); infinite when q ≤ 1. */
export function populationMeanValue({ p, q, gamma }: GammaGammaParams): number {
  return q > 1 ? (p * gamma) / (q - 1) : Infinity;
}

/**
 * E[M | p, q, γ, z̄, x] = (γ + x z̄) · p / (p x + q − 1): a weighted mean of the population mean and the
 * customer's own average, weight p x / (p x + q − 1) on its own. With no repeat transaction (x = 0) it is
 * the population mean.
 */
export function conditionalExpectedValue(params: GammaGammaParams, frequency: number, monetary: number): number {
  const { p, q, gamma } = params;
  if (frequency === 0) return populationMeanValue(params);
  return ((gamma + frequency * monetary) * p) / (p * frequency + q - 1);
}

export interface LifetimeValueOptions {
  /** Expected value of one future transaction, e.g. from conditionalExpectedValue. */
  valuePerTransaction: number;
  /** Number of steps summed (e.g. 36 months). */
  steps: number;
  /** Length of one step in the histories' time unit (a month is 365.25 / 12 / 7 weeks). */
  stepLength: number;
  /** Discount rate per step (a yearly 10 % is 1.1^(1/12) − 1 a month). */
  discountPerStep: number;
}

/**
 * Model-based lifetime value of one customer over the next `steps` steps: the BG/NBD expected purchases
 * in each step, times the Gamma-Gamma expected value, discounted to today:
 * Σₖ (E[Y(k·s)] − E[Y((k − 1)·s)]) · value / (1 + d)^k. A customer who has probably left contributes
 * little because E[Y] already carries its P(alive).
 */
export function modelLifetimeValue(params: BgNbdParams, history: BgNbdHistory, o: LifetimeValueOptions): number {
  let total = 0;
  let before = 0;
  for (let k = 1; k <= o.steps; k++) {
    const upTo = conditionalExpectedTransactions(params, k * o.stepLength, history);
    total += ((upTo - before) * o.valuePerTransaction) / (1 + o.discountPerStep) ** k;
    before = upTo;
  }
  return total;
}
