/**
 * The Gamma-Gamma model of monetary value (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's
 * note "The Gamma-Gamma model of monetary value", 2013): each transaction's value is Gamma(p, ν) around
 * a customer's own mean, and ν varies across customers as Gamma(q, γ). Fitted on customers with at least
 * one repeat transaction, it shrinks each one's observed average deal value towards the population mean,
 * the more so the fewer deals it rests on.
 */
import { conditionalExpectedTransactions, type BgNbdHistory, type BgNbdParams } from './bgnbd';
import { minimize, outsideLogBound } from './optimize';
import { lnGamma } from './special';

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
}

function checkSpend(rows: readonly SpendHistory[]): void {
  rows.forEach((h, i) => {
    if (!(Number.isFinite(h.frequency) && Number.isFinite(h.monetary) && h.frequency > 0 && h.monetary > 0)) {
      throw new RangeError(
        `Gamma-Gamma history ${i + 1} is invalid (frequency ${h.frequency}, monetary ${h.monetary}): both must be positive.`,
      );
    }
  });
}

/**
 * Σ ln f(z̄ | p, q, γ, x) with
 * f = Γ(px + q) / (Γ(px) Γ(q)) · γ^q · x^{px} · z̄^{px−1} / (γ + x z̄)^{px+q}.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: readonly SpendHistory[]): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return -Infinity;
  const base = -lnGamma(q) + q * Math.log(gamma);
  let total = 0;
  for (const { frequency: x, monetary: m } of rows) {
    const px = p * x;
    total +=
      base + lnGamma(px + q) - lnGamma(px) + px * Math.log(x) + (px - 1) * Math.log(m) - (px + q) * Math.log(gamma + x * m);
  }
  return total;
}

/** Maximum-likelihood (p, q, γ), searched on their logs within e^±15 (see LOG_PARAMETER_BOUND). */
export function fitGammaGamma(rows: readonly SpendHistory[]): GammaGammaFit {
  checkSpend(rows);
  if (rows.length < 2) throw new RangeError('Gamma-Gamma needs at least two customers with a repeat transaction to fit.');
  // Start with q = 2 and the population mean p·γ/(q − 1) equal to the data's mean value, so γ is on the
  // data's money scale whatever the currency.
  const mean = rows.reduce((s, h) => s + h.monetary, 0) / rows.length;
  const start = [1, 2, mean].map(Math.log);
  const negLL = (v: number[]): number =>
    outsideLogBound(v) ? Infinity : -gammaGammaLogLikelihood({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), gamma: Math.exp(v[2]!) }, rows);
  const found = minimize(negLL, start);
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
