/**
 * exp and log written with + − × / only. ECMAScript lets engines approximate Math.exp and Math.log
 * (V8 and SpiderMonkey ship fdlibm, JavaScriptCore the system libm), so a last-bit difference could
 * round an amount to another cent or tip a Poisson draw. The four basic operations are exactly
 * rounded everywhere, so these give the same bits in every engine, which is what a seeded demo needs.
 * Accuracy is a few ulp, plenty for sampling.
 */

const LN2_HI = 6.93147180369123816490e-1; // low bits zero, so k * LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const SQRT2 = 1.41421356237309504880;

const bits = new DataView(new ArrayBuffer(8));

/** 2^k for an integer k in [−1022, 1023], built from its bit pattern (exact). */
function pow2(k: number): number {
  bits.setUint32(0, (k + 1023) << 20);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}

export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO; // |r| ≤ ln2/2: the Taylor series below converges to < 1 ulp
  const p =
    1 +
    r *
      (1 +
        r *
          (1 / 2 +
            r *
              (1 / 6 +
                r *
                  (1 / 24 +
                    r *
                      (1 / 120 +
                        r *
                          (1 / 720 +
                            r *
                              (1 / 5040 +
                                r *
                                  (1 / 40320 +
                                    r *
                                      (1 / 362880 +
                                        r * (1 / 3628800 + r * (1 / 39916800 + r * (1 / 479001600 + r / 6227020800))))))))))));
  // Subnormal results need two steps because 2^k alone would underflow.
  if (k < -1021) return p * pow2(k + 600) * pow2(-600);
  if (k > 1023) return p * pow2(k - 600) * pow2(600);
  return p * pow2(k);
}

export function detLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54 lifts subnormals into the normal range
    e = -54;
  }
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  bits.setUint32(0, (hi & 0x800fffff) | (1023 << 20)); // same mantissa, exponent 0: m in [1, 2)
  let m = bits.getFloat64(0);
  if (m > SQRT2) {
    m /= 2; // exact; keeps |f| below 0.172 so the series is short
    e += 1;
  }
  const f = (m - 1) / (m + 1);
  const s = f * f;
  // log(m) = 2·atanh(f) = 2f(1 + s/3 + s²/5 + …); s ≤ 0.0295, so 12 terms reach < 1e-18.
  const series =
    1 +
    s *
      (1 / 3 +
        s *
          (1 / 5 +
            s *
              (1 / 7 +
                s * (1 / 9 + s * (1 / 11 + s * (1 / 13 + s * (1 / 15 + s * (1 / 17 + s * (1 / 19 + s * (1 / 21 + s / 23))))))))));
  return e * LN2_HI + (2 * f * series + e * LN2_LO);
}

/** base^exponent for base > 0. */
export function detPow(base: number, exponent: number): number {
  return detExp(exponent * detLog(base));
}
