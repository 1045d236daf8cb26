/**
 * detExp / detLog against the engine's Math.exp / Math.log (a second, independent implementation):
 * they must agree to a few units in the last place everywhere the generator uses them.
 */
import { describe, expect, it } from 'vitest';
import { detExp, detLog, detPow } from '../../src/demo/detmath';

/** |a − b| in units of b's last place. */
function ulps(a: number, b: number): number {
  return Math.abs(a - b) / (Math.abs(b) * Number.EPSILON || Number.MIN_VALUE);
}

describe('detExp', () => {
  it('gives the exact values where exp is known exactly', () => {
    expect([detExp(0), detExp(-Infinity), detExp(Infinity), detExp(800), detExp(-800)]).toEqual([1, 0, Infinity, Infinity, 0]);
    expect(Number.isNaN(detExp(NaN))).toBe(true);
  });

  it('agrees with Math.exp within 2 ulp from −700 to 700', () => {
    let worst = 0;
    for (let x = -700; x <= 700; x += 0.0137) worst = Math.max(worst, ulps(detExp(x), Math.exp(x)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('reaches subnormal results: exp(−740) ≈ 4.2e−322', () => {
    // exp(−740) = 4.2e−322 (tables), far below the smallest normal double 2.2e−308.
    expect(detExp(-740) / 4.2e-322).toBeCloseTo(1, 1);
  });
});

describe('detLog', () => {
  it('gives the exact values where log is known exactly', () => {
    expect([detLog(1), detLog(0), detLog(Infinity)]).toEqual([0, -Infinity, Infinity]);
    expect([Number.isNaN(detLog(-1)), Number.isNaN(detLog(NaN))]).toEqual([true, true]);
  });

  it('log(2) and log(10) equal the published constants to the last place', () => {
    expect(detLog(2)).toBe(Math.LN2); // 0.6931471805599453
    expect(ulps(detLog(10), Math.LN10)).toBeLessThanOrEqual(1);
  });

  it('agrees with Math.log within 2 ulp (absolute 1e−16 near 1) across 600 orders of magnitude', () => {
    let worst = 0;
    for (let e = -300; e <= 300; e += 0.0731) {
      const x = 10 ** e;
      const diff = Math.abs(detLog(x) - Math.log(x));
      worst = Math.max(worst, Math.abs(Math.log(x)) > 1 ? diff / (Math.abs(Math.log(x)) * Number.EPSILON) : diff / 1e-16);
    }
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('handles subnormal inputs: log(5e−324) = −744.44', () => {
    // 5e−324 = 2^−1074, so its log is −1074·ln 2 = −744.4400719213812.
    expect(detLog(5e-324)).toBeCloseTo(-744.4400719213812, 10);
  });
});

describe('detPow', () => {
  it('computes powers: 2^10 = 1024, 10^0.5 = √10, 8^(1/3) = 2', () => {
    expect(detPow(2, 10)).toBeCloseTo(1024, 10);
    expect(detPow(10, 0.5)).toBeCloseTo(Math.sqrt(10), 14);
    expect(detPow(8, 1 / 3)).toBeCloseTo(2, 14);
  });
});
