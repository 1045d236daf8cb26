/**
 * Nelder–Mead and the bounded quasi-Newton on functions whose minima are known in closed form.
 */
import { describe, expect, it } from 'vitest';
import { minimize, minimizeBounded } from '../../src/analytics/optimize';

describe('minimize', () => {
  it('finds the minimum of Rosenbrock\'s banana, (1, 1), from the classical start (−1.2, 1)', () => {
    const rosenbrock = ([x, y]: number[]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2;
    const found = minimize(rosenbrock, [-1.2, 1]);
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(1, 6);
    expect(found.x[1]).toBeCloseTo(1, 6);
    expect(found.value).toBeLessThan(1e-12);
  });

  it('finds the centre of an ill-scaled 4-D quadratic', () => {
    // Minimum at (1, −2, 3, 0.5), value 7; axes scaled by 1 to 1000.
    const centre = [1, -2, 3, 0.5];
    const scale = [1, 10, 100, 1000];
    const f = (x: number[]) => 7 + x.reduce((s, v, i) => s + scale[i]! * (v - centre[i]!) ** 2, 0);
    const found = minimize(f, [0, 0, 0, 0]);
    found.x.forEach((v, i) => expect(v).toBeCloseTo(centre[i]!, 5));
    expect(found.value).toBeCloseTo(7, 10);
  });

  it('treats non-finite values as +∞ and moves away from them', () => {
    // ln is undefined below 0: NaN there must not stop the search for the minimum of x − 2 ln x, at x = 2.
    const f = ([x]: number[]) => x! - 2 * Math.log(x!);
    const found = minimize(f, [0.1], { step: 1 });
    expect(found.x[0]).toBeCloseTo(2, 6);
  });

  it('ends at a wall of +∞ when the function keeps falling towards it, without spending its budget', () => {
    // −x + (y − 1)², defined for x ≤ 3 only: the infimum is at the wall, (3, 1).
    const found = minimize(([x, y]: number[]) => (x! > 3 ? Infinity : -x! + (y! - 1) ** 2), [0, 0]);
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(3, 6);
    // Along the wall the simplex flattens and settles less precisely than at an interior minimum.
    expect(found.x[1]).toBeCloseTo(1, 3);
    expect(found.evaluations).toBeLessThan(5000);
  });

  it('converges on a value near 10⁶ whose last digits are rounding noise, as a log-likelihood summed over 40 000 partners is', () => {
    // A 4-D bowl on top of 1.6·10⁶, plus noise up to 5·10⁻⁸ that depends on the exact point, as the
    // rounding of a sum of 40 000 terms does: the simplex's values can never agree to an absolute 10⁻¹⁰.
    const centre = [3, -1, 0.5, 2];
    const noise = (v: number[]) => {
      const s = Math.sin(v.reduce((t, c, i) => t + c * (12.9898e6 + i * 7.8233e6), 0)) * 43758.5453;
      return 5e-8 * (s - Math.floor(s));
    };
    const f = (v: number[]) => 1.6e6 + v.reduce((t, c, i) => t + (c - centre[i]!) ** 2, 0) + noise(v);
    const found = minimize(f, [0, 0, 0, 0], { maxEvaluations: 20_000 });
    expect(found.converged).toBe(true);
    expect(found.evaluations).toBeLessThan(5000);
    found.x.forEach((c, i) => expect(c).toBeCloseTo(centre[i]!, 3));
  });

  it('reports when the evaluation budget runs out first', () => {
    const found = minimize(([x, y]: number[]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2, [-1.2, 1], { maxEvaluations: 20 });
    expect(found.converged).toBe(false);
    // An iteration begun within the budget may still use n + 2 = 4 evaluations (reflect, contract, shrink 2).
    expect(found.evaluations).toBeLessThanOrEqual(20 + 4);
  });
});

describe('minimizeBounded', () => {
  const rosenbrock = ([x, y]: readonly number[]) => ({
    value: 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2,
    gradient: [-400 * x! * (y! - x! * x!) - 2 * (1 - x!), 200 * (y! - x! * x!)],
  });

  it('finds Rosenbrock\'s (1, 1) from (−1.2, 1) to 10⁻¹⁰ in under 200 evaluations', () => {
    const found = minimizeBounded(rosenbrock, [-1.2, 1]);
    expect(found.converged).toBe(true);
    expect(Math.abs(found.x[0]! - 1)).toBeLessThan(1e-10);
    expect(Math.abs(found.x[1]! - 1)).toBeLessThan(1e-10);
    expect(found.evaluations).toBeLessThan(200);
  });

  it('stops on the bound when the minimum lies outside the box, and finishes the free coordinates', () => {
    // (x − 3)² + (y − 1)² + xy/2 within [−2, 2]²: x ends on 2; then ∂/∂y = 2(y − 1) + 1 = 0 gives y = ½.
    const f = ([x, y]: readonly number[]) => ({ value: (x! - 3) ** 2 + (y! - 1) ** 2 + (x! * y!) / 2, gradient: [2 * (x! - 3) + y! / 2, 2 * (y! - 1) + x! / 2] });
    const found = minimizeBounded(f, [0, 0], { lower: -2, upper: 2 });
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBe(2);
    expect(found.x[1]).toBeCloseTo(0.5, 12);
  });

  it('finds the centre of an ill-scaled 4-D quadratic exactly (Newton finishes what BFGS starts)', () => {
    const centre = [1, -2, 3, 0.5];
    const scale = [1, 10, 100, 1000];
    const f = (x: readonly number[]) => ({
      value: 7 + x.reduce((s, v, i) => s + scale[i]! * (v - centre[i]!) ** 2, 0),
      gradient: x.map((v, i) => 2 * scale[i]! * (v - centre[i]!)),
    });
    const found = minimizeBounded(f, [0, 0, 0, 0]);
    found.x.forEach((v, i) => expect(v).toBeCloseTo(centre[i]!, 12));
    expect(found.value).toBeCloseTo(7, 12);
  });

  it('treats a non-finite value as +∞: x − 2 ln x, undefined below 0, has its minimum at 2', () => {
    const f = ([x]: readonly number[]) => ({ value: x! - 2 * Math.log(x!), gradient: [1 - 2 / x!] });
    const found = minimizeBounded(f, [0.1], { lower: -10, upper: 10 });
    expect(found.x[0]).toBeCloseTo(2, 12);
  });
});
