import { describe, expect, it } from 'vitest';
import { targetRows, targetsTable } from '../../bench/targets';
import type { Row } from '../../bench/results';
import { summarize } from '../../bench/stats';

const f = (ms: number) => summarize([ms]);
const analysis = (what: string, data: string, longtail: number, native?: number): Row => ({
  section: 'Analytics, warm',
  what,
  data,
  unit: 'ms',
  longtail: f(longtail),
  ...(native === undefined ? {} : { native: f(native) }),
});

const rows: Row[] = [
  analysis('rfm.scores', '1 M', 260, 130),
  analysis('cohorts.retention', '1 M', 420, 240),
  analysis('pareto.curve', '1 M', 150, 120),
  analysis('rfm.scores (multi-threaded build)', '1 M', 140),
  analysis('cohorts.retention (multi-threaded build)', '1 M', 300),
  analysis('pareto.curve (multi-threaded build)', '1 M', 170),
  analysis('churn model: SQL giving the grouped statistics (churnStatsSql)', '1 M', 400),
  analysis('churn model: BG/NBD and Gamma-Gamma fits on those statistics (JS), 5012 groups', '1 M', 1000),
  analysis('churn model: SQL giving the grouped statistics (churnStatsSql)', '5 M', 1000),
  analysis('churn model: BG/NBD and Gamma-Gamma fits on those statistics (JS), 9000 groups', '5 M', 3500),
  { section: 'Import', what: 'Import: app pipeline (drop → queryable table)', data: '1 M', unit: 'ms', longtail: f(1000) },
  { section: 'Import', what: 'Import: app pipeline, multi-threaded build (file copied into memory)', data: '1 M', unit: 'ms', longtail: f(1200) },
  { section: 'Memory and size', what: 'Peak memory of the tab, the workspace as the app keeps it (OPFS database): x', data: '1 M', unit: 'bytes', longtail: f(0.9 * 1024 ** 3) },
];

const input = {
  rows,
  initialJsGzip: 180 * 1024,
  firstVisit: f(3000),
  laterVisit: f(1800),
  lastResults: null,
  bareLater: f(1500),
  largest: [
    { rows: 20_000_000, outcome: 'imported' as const, message: '20 M rows in 24 s' },
    { rows: 40_000_000, outcome: 'refused' as const, message: 'deals.csv is 4.2 GB… npx longtail run <notebook.md> --data deals.csv.' },
  ],
};

describe('targets of issue 16', () => {
  const out = targetRows(input);
  const find = (start: string) => out.find((r) => r.target.startsWith(start))!;

  it('compares each figure with its reference and says whether the goal is met', () => {
    expect(find('16.1 Live engine').ratio).toBeCloseTo(1800 / 1500, 10);
    expect(find('16.1 Live engine').met).toBe('yes');
    expect(find('16.2 Initial').ratio).toBeCloseTo(0.9, 10);
    expect(find('16.2 Initial').met).toBe('yes');
    expect(find('16.2 First visit').ratio).toBeCloseTo(1.2, 10);
    expect(find('16.2 First visit').met).toBe('no');
  });

  it('takes the worst SQL analysis, each build against the same native figure', () => {
    const single = find('16.3 SQL analyses ÷ native DuckDB, 1 M, single');
    // 260/130 = 2.0, 420/240 = 1.75, 150/120 = 1.25: rfm is the worst.
    expect(single.ratio).toBeCloseTo(2, 10);
    expect(single.measured).toMatch(/^rfm\.scores/);
    const threaded = find('16.3 SQL analyses ÷ native DuckDB, 1 M, multi');
    // 140/130, 300/240 = 1.25, 170/120 = 1.417: pareto is the worst, within 1.5.
    expect(threaded.ratio).toBeCloseTo(170 / 120, 10);
    expect(threaded.met).toBe('yes');
    expect(find('16.3 SQL analyses ÷ native DuckDB, 5 M, single').met).toBe('not measured');
  });

  it('compares the churn fits with the SQL that feeds them, at most 3×', () => {
    // 1000 / 400 = 2.5 is within 3×; 3500 / 1000 = 3.5 is not.
    expect(find('16.4 Churn model fits ÷ the SQL that feeds them, 1 M').ratio).toBeCloseTo(2.5, 10);
    expect(find('16.4 Churn model fits ÷ the SQL that feeds them, 1 M').met).toBe('yes');
    expect(find('16.4 Churn model fits ÷ the SQL that feeds them, 5 M').ratio).toBeCloseTo(3.5, 10);
    expect(find('16.4 Churn model fits ÷ the SQL that feeds them, 5 M').met).toBe('no');
  });

  it('compares the multi-threaded build with the single-threaded one', () => {
    // Analyses summed: (140 + 300 + 170) / (260 + 420 + 150) = 610 / 830.
    const sql = find('16.3 Multi-threaded ÷ single-threaded build, SQL analyses summed');
    expect(sql.ratio).toBeCloseTo(610 / 830, 10);
    expect(sql.met).toBe('yes');
    const imp = find('16.3 Multi-threaded ÷ single-threaded build, import pipeline, 1 M');
    // 1200 / 1000 = 1.2: slower, not adopted.
    expect(imp.ratio).toBeCloseTo(1.2, 10);
    expect(imp.met).toBe('no');
    expect(find('16.3 Multi-threaded ÷ single-threaded build, import pipeline, 5 M').met).toBe('not measured');
  });

  it('says "not measured" when the app marks no last-session result, never passes it', () => {
    const last = find('16.1 Last results');
    expect(last.met).toBe('not measured');
    expect(last.ratio).toBeNull();
    expect(last.measured).toMatch(/not measured/);
  });

  it('memory against 1 GiB, and the largest files as shipped', () => {
    expect(find('16.5 Peak memory of the tab, 1 M workspace, as the app').ratio).toBeCloseTo(0.9, 10);
    expect(find('16.5 Peak memory of the tab, 1 M workspace, bench page').met).toBe('not measured');
    expect(find('16.5 A 20 M-row').met).toBe('yes');
    expect(find('16.5 A larger').met).toBe('yes');
  });

  it('writes one Markdown row per target', () => {
    const table = targetsTable(out).split('\n');
    expect(table).toHaveLength(out.length + 2);
    expect(table[0]).toBe('| Target (issue 16) | Measured | Reference | Ratio | Goal | Met |');
  });
});
