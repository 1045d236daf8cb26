/** Which parts a bench run measures: --cli runs the command line part alone, on the sets named. */
import { describe, expect, it } from 'vitest';
import { FULL, QUICK, planFor } from '../../bench/plan';

describe('planFor', () => {
  it('keeps the full and quick runs, each with their command line sets', () => {
    expect(planFor([])).toBe(FULL);
    expect(planFor(['--quick'])).toBe(QUICK);
    expect(FULL.cli.map((c) => [c.label, c.scale * c.copies])).toEqual([
      ['5 M', 100],
      ['20 M', 400],
      ['100 M', 2000],
    ]);
  });

  it('--cli runs the command line alone, on every set or on those named', () => {
    expect(planFor(['--cli'])).toMatchObject({ mode: 'cli', cli: FULL.cli });
    expect(planFor(['--cli=5M']).cli.map((c) => c.label)).toEqual(['5 M']);
    expect(planFor(['--cli=5M,100M']).cli.map((c) => c.label)).toEqual(['5 M', '100 M']);
    expect(planFor(['--quick', '--cli'])).toMatchObject({ mode: 'quick-cli', cli: QUICK.cli });
  });

  it('names the results file after what ran, so a partial run overwrites no other', async () => {
    const { resultsFile } = await import('../../bench/main');
    expect([[], ['--quick'], ['--cli'], ['--cli=100M'], ['--cli=5M,20M'], ['--quick', '--cli']].map((a) => resultsFile(planFor(a)))).toEqual([
      'latest.json',
      'latest-quick.json',
      'latest-cli.json',
      'latest-cli-100M.json',
      'latest-cli-5M-20M.json',
      'latest-quick-cli.json',
    ]);
  });

  it('says which options and sets exist', () => {
    expect(planFor(['--no-cli'])).toMatchObject({ mode: 'full', cli: [] });
    expect(planFor(['--cold'])).toMatchObject({ mode: 'cold' });
    expect(() => planFor(['--fast'])).toThrow('Unknown argument --fast: the options are --quick, --cold, --no-cli and --cli[=5M,20M,100M].');
    expect(() => planFor(['--cli=7M'])).toThrow('--cli=7M: the data sets are 5M, 20M, 100M.');
  });
});
