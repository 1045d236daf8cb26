/**
 * The special functions the customer-base models need, in plain TypeScript (no dependency, same results
 * in Node and every browser): the log-gamma function and its derivative (digamma), log-sum-exp, and the
 * Gauss hypergeometric function 2F1 that BG/NBD's expectations are written with.
 */

/** Lanczos coefficients for g = 7, n = 9: about 15 correct digits over the whole positive axis. */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 (and for negative non-integers, as ln |Γ(x)|). Models work with ratios of gamma
 * functions of arguments in the hundreds, whose values overflow a double long before their logs do.
 */
export function lnGamma(x: number): number {
  if (!Number.isFinite(x)) return x === Infinity ? Infinity : NaN;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1 − x) = π / sin(πx); the series below is only accurate for x ≥ ½.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ψ(x) = d/dx ln Γ(x), for x > 0: the gradients of the models' likelihoods are written with it. The
 * recurrence ψ(x) = ψ(x + 1) − 1/x lifts x to 10 or more, where the asymptotic series
 * ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) (seven terms) is accurate to about 1e-16 (from 6 it would leave 1e-13).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const z = 1 / (x * x);
  // Bernoulli numbers B₂ₖ / 2k: 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12.
  const series = z * (1 / 12 - z * (1 / 120 - z * (1 / 252 - z * (1 / 240 - z * (1 / 132 - z * (691 / 32760 - z / 12))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** From here on, differences of ln Γ and ψ use their asymptotic expansions (see lnGammaRatio). */
const LARGE = 1e4;

/**
 * ln Γ(z + q) − ln Γ(z), for z, q > 0. Subtracting two ln Γ values of ~10⁷ (a fit running to its limit)
 * keeps only ~10⁻⁸ of the difference; from z = 10⁴ on, Stirling's series of the difference,
 * q ln z + (z + q − ½) ln(1 + q/z) − q − q / (12 z (z + q)), keeps all of it (the next term is below
 * 10⁻¹⁶ · q there).
 */
export function lnGammaRatio(z: number, q: number): number {
  if (z < LARGE) return lnGamma(z + q) - lnGamma(z);
  return q * Math.log(z) + (z + q - 0.5) * Math.log1p(q / z) - q - q / (12 * z * (z + q));
}

/**
 * ψ(z + q) − ψ(z), for z, q > 0; from z = 10⁴ on by the asymptotic series of the difference,
 * ln(1 + q/z) + q / (2 z (z + q)) + q (2z + q) / (12 z² (z + q)²) (the next term is below 10⁻²⁰ · q).
 */
export function digammaDiff(z: number, q: number): number {
  if (z < LARGE) return digamma(z + q) - digamma(z);
  const zq = z + q;
  return Math.log1p(q / z) + q / (2 * z * zq) + (q * (2 * z + q)) / (12 * z * z * zq * zq);
}

/** ln(e^u + e^v) without overflow or underflow; −∞ terms drop out. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}

export interface Hyp2f1Options {
  /** Relative size of the (bounded) rest of the series at which summing stops. */
  tolerance?: number;
  /** Terms after which the series is declared divergent in practice (z very close to 1). */
  maxTerms?: number;
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / (c)ₙ · zⁿ / n!, by its power series,
 * for |z| < 1. Each term is built from the previous one, so no factorial or Pochhammer symbol is ever
 * formed. In BG/NBD z = t / (α + T + t) stays well below 1, where the series converges geometrically;
 * close to 1 it needs more terms, and `maxTerms` turns a hopeless case into an error instead of a hang.
 * c must not be 0, −1, −2, … (the function is not defined there).
 */
export function hyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): number {
  const tolerance = options.tolerance ?? 1e-16;
  const maxTerms = options.maxTerms ?? 1_000_000;
  if (!(Math.abs(z) < 1)) throw new RangeError(`hyp2f1: |z| must be below 1 (z = ${z}).`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1: c = ${c} is a pole.`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    // A zero term means a or b is a non-positive integer: the series is a polynomial and has ended.
    if (term === 0) return sum;
    // The ratio of successive terms tends to z, monotonically once n is past a, b and c, so
    // ρ = max(|next ratio|, |z|) bounds every later ratio and the rest of the series is at most |term|·ρ/(1 − ρ). Stopping on that
    // bound rather than on the term alone keeps full accuracy when z is close to 1.
    const rho = Math.max(Math.abs((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z), Math.abs(z));
    if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= tolerance * Math.abs(sum)) return sum;
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms.`);
}
