/**
 * Benchmark comparison against hand-placed bands, and peer comparison on a hand-worked fixture.
 * Quantiles are DuckDB's interpolated ones: for sorted values x0…x(n−1), q-th = x at h = (n−1)·q,
 * interpolated linearly between x⌊h⌋ and x⌈h⌉.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { benchmarkRetentionSql } from '../../src/analytics/benchmark';
import { peerComparisonSql } from '../../src/analytics/peers';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
});

describe('benchmark.retention', () => {
  beforeAll(async () => {
    // DOMAIN.md's bands, as the template's editable cell holds them.
    await createTable(engine, 'benchmark_bands', 'sector VARCHAR, low_pct DOUBLE, high_pct DOUBLE', [
      ['SaaS B2B', 80, 85],
      ['Distribution', 70, 75],
      ['Financial services', 75, 80],
      ['Telecommunications', 65, 70],
    ]);
    // Rates chosen exact in binary so the points are exact too.
    await createTable(engine, 'annual_retention', 'year INTEGER, level VARCHAR, sector VARCHAR, partners_prev_year INTEGER, retained INTEGER, retention DOUBLE', [
      [2023, 'overall', null, 10, 5, 0.5],
      [2023, 'sector', 'SaaS B2B', 4, 2, 0.5],
      [2024, 'overall', null, 16, 13, 0.8125],
      [2024, 'sector', 'SaaS B2B', 8, 7, 0.875],
      [2024, 'sector', 'Distribution', 16, 11, 0.6875],
      [2024, 'sector', ' financial SERVICES', 4, 3, 0.75],
      [2024, 'sector', 'Telecommunications', 4, 3, 0.75],
      [2024, 'sector', 'Retail', 2, 1, 0.5],
      [2024, 'sector', null, 4, 1, 0.25],
    ]);
  });

  const COLS = ['year', 'level', 'sector', 'retention_pct', 'band', 'band_low_pct', 'band_high_pct', 'position', 'points_vs_band'] as const;

  it('places the latest year against the bands: below, within (edges included), above, or no band', async () => {
    const rows = await rowsOf(engine, benchmarkRetentionSql({ industry: 'saas b2b' }));
    expect(pick(rows, COLS)).toEqual([
      // 81.25 % is inside 80–85.
      { year: 2024, level: 'overall', sector: null, retention_pct: 81.25, band: 'SaaS B2B', band_low_pct: 80, band_high_pct: 85, position: 'within', points_vs_band: 0 },
      // Matched despite case and spaces; 75 % is the band's low edge.
      { year: 2024, level: 'sector', sector: ' financial SERVICES', retention_pct: 75, band: 'Financial services', band_low_pct: 75, band_high_pct: 80, position: 'within', points_vs_band: 0 },
      // 68.75 − 70 = −1.25 points.
      { year: 2024, level: 'sector', sector: 'Distribution', retention_pct: 68.75, band: 'Distribution', band_low_pct: 70, band_high_pct: 75, position: 'below', points_vs_band: -1.25 },
      { year: 2024, level: 'sector', sector: 'Retail', retention_pct: 50, band: null, band_low_pct: null, band_high_pct: null, position: null, points_vs_band: null },
      // 87.5 − 85 = +2.5 points.
      { year: 2024, level: 'sector', sector: 'SaaS B2B', retention_pct: 87.5, band: 'SaaS B2B', band_low_pct: 80, band_high_pct: 85, position: 'above', points_vs_band: 2.5 },
      // 75 − 70 = +5 points.
      { year: 2024, level: 'sector', sector: 'Telecommunications', retention_pct: 75, band: 'Telecommunications', band_low_pct: 65, band_high_pct: 70, position: 'above', points_vs_band: 5 },
      { year: 2024, level: 'sector', sector: null, retention_pct: 25, band: null, band_low_pct: null, band_high_pct: null, position: null, points_vs_band: null },
    ]);
  });

  it('compares a chosen year, and leaves the overall rate unplaced without an industry', async () => {
    const rows = await rowsOf(engine, ANALYSES['benchmark.retention']!.sql!({ annual: 'annual_retention', bands: 'benchmark_bands', year: 2023, industry: null }));
    expect(pick(rows, COLS)).toEqual([
      { year: 2023, level: 'overall', sector: null, retention_pct: 50, band: null, band_low_pct: null, band_high_pct: null, position: null, points_vs_band: null },
      { year: 2023, level: 'sector', sector: 'SaaS B2B', retention_pct: 50, band: 'SaaS B2B', band_low_pct: 80, band_high_pct: 85, position: 'below', points_vs_band: -30 },
    ]);
  });

  it('returns nothing for a year with no retention figure', async () => {
    expect(await rowsOf(engine, benchmarkRetentionSql({ year: 2019 }))).toEqual([]);
  });
});

describe('benchmark.peers', () => {
  // As of 2025-01-01 with a 365-day period: current = 2024-01-02 … 2024-12-31,
  // previous = 2023-01-03 … 2024-01-01.
  const DEALS: Cell[][] = (
    [
      ['A1', '2024-03-01', 100, 'x', 'won'],
      ['A1', '2023-06-01', 50, 'x', 'won'],
      ['A1', '2022-06-01', 999, 'x', 'won'], // before the previous period: ignored
      ['A2', '2024-02-01', 120, 'y', 'won'],
      ['A2', '2024-01-02', 80, 'z', 'won'], // first day of the current period
      ['A2', '2024-01-01', 150, 'y', 'won'], // last day of the previous period
      ['A2', '2023-01-03', 50, 'w', 'won'],
      ['A3', '2024-05-01', 300, 'v', 'won'],
      ['A3', '2024-06-01', 700, 'v', 'lost'],
      ['A4', '2023-09-01', 400, 'u', 'won'],
      ['A5', '2024-07-01', 60, 't', 'won'],
      ['A5', '2024-07-02', 40, null, 'won'], // revenue, but no customer to retain
      ['A5', '2023-07-01', 70, 't', 'won'],
      ['A5', '2023-08-01', 30, 's', 'won'],
      ['B1', '2024-04-01', 1000, 'c1', 'won'],
      ['B1', '2023-04-01', 500, 'c1', 'won'],
      ['B2', '2024-04-01', 600, 'c2', 'won'],
      ['B2', '2024-05-01', 400, 'c3', 'won'],
      ['B2', '2023-05-01', 2000, 'c4', 'won'],
      ['N1', '2024-12-31', 50, 'c9', 'won'],
      ['N1', '2023-12-31', 25, 'c9', 'won'],
      ['A1', '2025-01-01', 5000, 'x', 'won'], // on the as-of date: ignored
    ] as Cell[][]
  ).map((r, k) => [k + 1, ...r]);

  beforeAll(async () => {
    await createTable(engine, 'peer_partners', 'partner_id VARCHAR, name VARCHAR, sector VARCHAR, country VARCHAR, employees INTEGER', [
      ['A1', 'a1', 'SaaS B2B', 'France', 9],
      ['A2', 'a2', 'SaaS B2B', 'France', 10],
      ['A3', 'a3', 'SaaS B2B', 'France', 49],
      ['A4', 'a4', 'SaaS B2B', 'Belgium', 50],
      ['A5', 'a5', 'SaaS B2B', 'Belgium', 249],
      ['B1', 'b1', 'Distribution', 'France', 250],
      ['B2', 'b2', 'Distribution', 'France', null],
      ['B3', 'b3', 'Distribution', 'Spain', 1],
      ['N1', 'n1', null, 'Spain', 25000],
    ]);
    await createTable(engine, 'peer_deals', 'deal_id INTEGER, partner_id VARCHAR, closed_at DATE, amount DOUBLE, end_customer VARCHAR, status VARCHAR', DEALS);
  });

  type Expect = [number | null, number, number, number, number, number | null, string | null];
  // Per partner, per metric: value, peers, p25, median, p75, percentile, position.
  // SaaS revenue 0,100,100,200,300: h=1 → 100, h=2 → 100, h=3 → 200. Percentile = (strictly below +
  // (ties − 1)/2) / (n − 1): 0 → 0; 100 → (1 + ½)/4 = 37.5; 200 → 75; 300 → 100.
  // SaaS growth (A3 has no previous revenue) −1,0,0,1: h=.75 → −.25, h=1.5 → 0, h=2.25 → .25; 0 → (1 + ½)/3 = 50.
  // SaaS customer retention x 1/1, {y,w}→{y,z} 1/2, u 0/1, {t,s}→{t} 1/2: 0,.5,.5,1 → .375, .5, .625.
  // Distribution revenue 0,1000,1000 → 500, 1000, 1000; 1000 → (1 + ½)/2 = 75.
  // Distribution growth −.5, 1 → −.125, .25, .625; retention 0, 1 → .25, .5, .75.
  // N1 alone: its own value everywhere, no percentile.
  const expected: Record<string, Record<string, Expect>> = {
    B1: { revenue: [1000, 3, 500, 1000, 1000, 75, 'middle'], growth: [1, 2, -0.125, 0.25, 0.625, 100, 'top quartile'], customer_retention: [1, 2, 0.25, 0.5, 0.75, 100, 'top quartile'] },
    B2: { revenue: [1000, 3, 500, 1000, 1000, 75, 'middle'], growth: [-0.5, 2, -0.125, 0.25, 0.625, 0, 'bottom quartile'], customer_retention: [0, 2, 0.25, 0.5, 0.75, 0, 'bottom quartile'] },
    B3: { revenue: [0, 3, 500, 1000, 1000, 0, 'bottom quartile'], growth: [null, 2, -0.125, 0.25, 0.625, null, null], customer_retention: [null, 2, 0.25, 0.5, 0.75, null, null] },
    A1: { revenue: [100, 5, 100, 100, 200, 37.5, 'middle'], growth: [1, 4, -0.25, 0, 0.25, 100, 'top quartile'], customer_retention: [1, 4, 0.375, 0.5, 0.625, 100, 'top quartile'] },
    A2: { revenue: [200, 5, 100, 100, 200, 75, 'middle'], growth: [0, 4, -0.25, 0, 0.25, 50, 'middle'], customer_retention: [0.5, 4, 0.375, 0.5, 0.625, 50, 'middle'] },
    A3: { revenue: [300, 5, 100, 100, 200, 100, 'top quartile'], growth: [null, 4, -0.25, 0, 0.25, null, null], customer_retention: [null, 4, 0.375, 0.5, 0.625, null, null] },
    A4: { revenue: [0, 5, 100, 100, 200, 0, 'bottom quartile'], growth: [-1, 4, -0.25, 0, 0.25, 0, 'bottom quartile'], customer_retention: [0, 4, 0.375, 0.5, 0.625, 0, 'bottom quartile'] },
    A5: { revenue: [100, 5, 100, 100, 200, 37.5, 'middle'], growth: [0, 4, -0.25, 0, 0.25, 50, 'middle'], customer_retention: [0.5, 4, 0.375, 0.5, 0.625, 50, 'middle'] },
    N1: { revenue: [50, 1, 50, 50, 50, null, 'middle'], growth: [1, 1, 1, 1, 1, null, 'middle'], customer_retention: [1, 1, 1, 1, 1, null, 'middle'] },
  };
  const SECTOR: Record<string, string | null> = { A: 'SaaS B2B', B: 'Distribution', N: null };

  it('compares each partner with its sector on revenue, growth and customer retention', async () => {
    const rows = await rowsOf(engine, peerComparisonSql({ deals: 'peer_deals', partners: 'peer_partners', asOf: '2025-01-01' }));
    const want = Object.entries(expected).flatMap(([id, metrics]) =>
      Object.entries(metrics).map(([metric, [value, peers, p25, median, p75, percentile, position]]) => ({
        partner_id: id,
        peer_group: 'sector',
        peer_value: SECTOR[id[0]!],
        metric,
        value,
        peers,
        peer_p25: p25,
        peer_median: median,
        peer_p75: p75,
        vs_median: value === null ? null : value - median,
        percentile,
        position,
      })),
    );
    expect(pick(rows, ['partner_id', 'peer_group', 'peer_value', 'metric', 'value', 'peers', 'peer_p25', 'peer_median', 'peer_p75', 'vs_median', 'percentile', 'position'])).toEqual(want);
  });

  it('bands sizes at 10, 50 and 250 employees', async () => {
    const rows = await rowsOf(
      engine,
      `SELECT partner_id, peer_value, peers FROM (${peerComparisonSql({ deals: 'peer_deals', partners: 'peer_partners', asOf: '2025-01-01', peerGroup: 'size_band' })}) WHERE metric = 'revenue' ORDER BY partner_id`,
    );
    expect(rows).toEqual([
      { partner_id: 'A1', peer_value: '1-9', peers: 2 },
      { partner_id: 'A2', peer_value: '10-49', peers: 2 },
      { partner_id: 'A3', peer_value: '10-49', peers: 2 },
      { partner_id: 'A4', peer_value: '50-249', peers: 2 },
      { partner_id: 'A5', peer_value: '50-249', peers: 2 },
      { partner_id: 'B1', peer_value: '250+', peers: 2 },
      { partner_id: 'B2', peer_value: null, peers: 1 },
      { partner_id: 'B3', peer_value: '1-9', peers: 2 },
      { partner_id: 'N1', peer_value: '250+', peers: 2 },
    ]);
  });

  it('groups by country through the analysis definition', async () => {
    // France: A1 100, A2 200, A3 300, B1 1000, B2 1000 → median 300.
    const rows = await rowsOf(engine, ANALYSES['benchmark.peers']!.sql!({ deals: 'peer_deals', partners: 'peer_partners', as_of: '2025-01-01', window_days: 365, peer_group: 'country' }));
    const a1 = rows.find((r) => r.partner_id === 'A1' && r.metric === 'revenue');
    expect(a1).toMatchObject({ peer_group: 'country', peer_value: 'France', peers: 5, peer_median: 300, vs_median: -200, percentile: 0 });
  });
});
