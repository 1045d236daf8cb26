import { describe, expect, it } from 'vitest';
import { median, ratio, repeat, summarize } from '../../bench/stats';

describe('stats', () => {
  it('takes the middle value of an odd count, the mean of the two middle ones of an even count', () => {
    // sorted: 1 2 3 → 2;  1 2 3 4 → (2 + 3) / 2
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses the median of nothing', () => {
    expect(() => median([])).toThrow(RangeError);
  });

  it('summarises runs as median, min, max and the runs in their order', () => {
    expect(summarize([120, 100, 400])).toEqual({ median: 120, min: 100, max: 400, runs: [120, 100, 400] });
  });

  it('divides medians, and gives no ratio without a peer figure', () => {
    // 300 / 120 = 2.5
    expect(ratio(summarize([300]), summarize([100, 120, 130]))).toBe(2.5);
    expect(ratio(summarize([300]), null)).toBeNull();
  });

  it('repeats a measurement and passes the run number', async () => {
    const seen: number[] = [];
    const f = await repeat(3, async (k) => {
      seen.push(k);
      return 10 * (k + 1);
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(f).toEqual({ median: 20, min: 10, max: 30, runs: [10, 20, 30] });
  });
});
