/**
 * Special functions against closed forms and classical constants, never against their own output.
 */
import { describe, expect, it } from 'vitest';
import { digamma, digammaDiff, hyp2f1, lnGamma, lnGammaRatio, logAddExp } from '../../src/analytics/special';

describe('lnGamma', () => {
  it('matches factorials and Γ(½) = √π', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(2)).toBeCloseTo(0, 14);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(lnGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 14);
  });

  it('matches ln(170!) summed term by term, far beyond where Γ itself overflows', () => {
    let lnFactorial = 0;
    for (let k = 2; k <= 170; k++) lnFactorial += Math.log(k);
    expect(lnGamma(171) / lnFactorial).toBeCloseTo(1, 14);
    // Γ(1000) overflows a double; the recurrence ln Γ(x + 1) = ln Γ(x) + ln x still holds to 1e-12.
    expect(lnGamma(1001) - lnGamma(1000)).toBeCloseTo(Math.log(1000), 10);
  });

  it('uses the reflection formula below ½: Γ(0.1) = 9.513507698668731836, Γ(⅓) = 2.678938534707747633', () => {
    expect(lnGamma(0.1)).toBeCloseTo(Math.log(9.513507698668731836), 13);
    expect(lnGamma(1 / 3)).toBeCloseTo(Math.log(2.678938534707747633), 13);
    // Γ(−½) = −2√π: the log of its absolute value.
    expect(lnGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13);
  });

  it('is infinite at the poles 0, −1, −2', () => {
    expect([lnGamma(0), lnGamma(-1), lnGamma(-2)]).toEqual([Infinity, Infinity, Infinity]);
  });
});

describe('digamma', () => {
  const EULER = 0.5772156649015329;

  it('matches ψ(1) = −γ, ψ(½) = −γ − 2 ln 2, ψ(n) = −γ + Σ 1/k, and ψ(¼) = −γ − π/2 − 3 ln 2', () => {
    expect(digamma(1)).toBeCloseTo(-EULER, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER - 2 * Math.log(2), 14);
    expect(digamma(10)).toBeCloseTo(-EULER + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, k) => s + 1 / k, 0), 14);
    expect(digamma(0.25)).toBeCloseTo(-EULER - Math.PI / 2 - 3 * Math.log(2), 13);
  });

  it('is the slope of lnGamma (central difference) from 1e-3 to 1e5', () => {
    for (const x of [1e-3, 0.07, 0.9, 3.3, 41, 1234.5, 1e5]) {
      const h = 1e-5 * x;
      const slope = (lnGamma(x + h) - lnGamma(x - h)) / (2 * h);
      expect({ x, relative: Math.abs(digamma(x) - slope) / Math.max(1, Math.abs(slope)) < 1e-7 }).toEqual({ x, relative: true });
    }
  });

  it('is NaN outside the positive axis', () => {
    expect([digamma(0), digamma(-1)].map(Number.isNaN)).toEqual([true, true]);
  });
});

describe('lnGammaRatio and digammaDiff', () => {
  it('are Σ ln(z + k) and Σ 1/(z + k) for a whole q, far out where ln Γ itself has lost the digits', () => {
    for (const z of [0.3, 9999, 10001, 3.3e6, 1e9]) {
      const rising = Math.log(z) + Math.log(z + 1) + Math.log(z + 2);
      const inverse = 1 / z + 1 / (z + 1) + 1 / (z + 2);
      expect({ z, ln: Math.abs(lnGammaRatio(z, 3) - rising) <= 1e-12 * Math.max(1, rising) }).toEqual({ z, ln: true });
      expect({ z, psi: Math.abs(digammaDiff(z, 3) / inverse - 1) < 1e-9 }).toEqual({ z, psi: true });
    }
  });

  it('agree with the plain differences either side of the switch at 10⁴, for a fractional q', () => {
    for (const [z, q] of [[9e3, 0.37], [1.1e4, 0.37], [2e4, 7.5]] as const) {
      expect(lnGammaRatio(z, q)).toBeCloseTo(lnGamma(z + q) - lnGamma(z), 9);
      expect(digammaDiff(z, q)).toBeCloseTo(digamma(z + q) - digamma(z), 13);
    }
  });
});

describe('logAddExp', () => {
  it('adds in log space without overflow and ignores −∞ terms', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logAddExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(-Infinity, 7)).toBe(7);
    expect(logAddExp(7, -Infinity)).toBe(7);
  });
});

describe('hyp2f1', () => {
  it('matches 2F1(1, 1; 2; z) = −ln(1 − z)/z, also close to 1', () => {
    for (const z of [0.1, 0.5, 0.9, 0.99]) expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 11);
  });

  it('matches 2F1(a, b; b; z) = (1 − z)^−a', () => {
    expect(hyp2f1(2.5, 0.7, 0.7, 0.9)).toBeCloseTo((1 - 0.9) ** -2.5, 8);
    expect(hyp2f1(0.243, 3.1, 3.1, 0.3)).toBeCloseTo(0.7 ** -0.243, 14);
  });

  it('matches arcsin and arctan: 2F1(½, ½; 3/2; z²) = asin(z)/z, 2F1(½, 1; 3/2; −z²) = atan(z)/z', () => {
    expect(hyp2f1(0.5, 0.5, 1.5, 0.64)).toBeCloseTo(Math.asin(0.8) / 0.8, 13);
    expect(hyp2f1(0.5, 1, 1.5, -0.25)).toBeCloseTo(Math.atan(0.5) / 0.5, 14);
  });

  it('ends a terminating series: 2F1(−2, b; c; z) = 1 − 2bz/c + b(b + 1)z²/(c(c + 1))', () => {
    const [b, c, z] = [1.5, 2.5, 0.4];
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 15);
  });

  it('accepts a negative non-integer c, and rejects |z| ≥ 1 and poles of c', () => {
    // 2F1(a, b; b; z) holds for any b, here c = b = −0.2.
    expect(hyp2f1(1.3, -0.2, -0.2, 0.5)).toBeCloseTo(0.5 ** -1.3, 13);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 0, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -3, 0.5)).toThrow(RangeError);
  });
});
