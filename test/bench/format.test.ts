import { describe, expect, it } from 'vitest';
import { formatFigure, formatRatio, formatRows, formatValue } from '../../bench/format';

const fig = (median: number, min: number, max: number) => ({ median, min, max, runs: [min, median, max] });

describe('format', () => {
  it('writes min and max in the unit the median chose', () => {
    // 980 ms would read "980 ms" alone, but next to a 1.23 s median it is 0.98 (s).
    expect(formatFigure(fig(1234, 980, 1310), 'ms')).toBe('1.23 s (0.98–1.31)');
    expect(formatFigure(fig(48.25, 44, 52.5), 'ms')).toBe('48.3 ms (44.0–52.5)');
  });

  it('writes one run without a range, and nothing as a dash', () => {
    expect(formatFigure({ median: 250, min: 250, max: 250, runs: [250] }, 'ms')).toBe('250 ms');
    expect(formatFigure(null, 'ms')).toBe('—');
  });

  it('writes sizes in binary units', () => {
    // 525,107 B / 1024 = 512.8 KiB;  3 × 2^30 B = 3.00 GiB
    expect(formatValue(525_107, 'bytes')).toBe('512.8 KiB');
    expect(formatValue(3 * 2 ** 30, 'bytes')).toBe('3.00 GiB');
  });

  it('writes ratios with two decimals below 10', () => {
    expect(formatRatio(1.756)).toBe('1.76×');
    expect(formatRatio(23.4)).toBe('23×');
    expect(formatRatio(null)).toBe('—');
  });

  it('names row counts as the issue does', () => {
    expect(formatRows(100_008)).toBe('100 k');
    expect(formatRows(1_000_077)).toBe('1 M');
    expect(formatRows(5_012_345)).toBe('5.01 M');
    expect(formatRows(20_000_968)).toBe('20 M');
  });
});
