/**
 * The analysis charts on small hand-made results with the analyses' output columns: each spec is valid
 * Vega-Lite, renders to SVG, and draws exactly the marks and labels worked out by hand below.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { prepareChart } from '../../src/charts/data-step';
import { withTheme } from '../../src/charts/theme';
import { withLocale } from '../../src/charts/locale';
import type { JsonObject } from '../../src/charts/json';
import { BAD, GOOD, INK, NEUTRAL, PRIMARY, SECONDARY } from '../../src/charts/palette';
import {
  benchmarkBandSpec,
  cohortHeatmapSpec,
  conflictSpec,
  npsSpec,
  pAliveSpec,
  engagementDistributionSpec,
  lorenzSpec,
  retentionCurvesSpec,
  rfmGridSpec,
  rfmSegmentBarsSpec,
  roiSpec,
} from '../../src/charts/specs';
import { render, texts, type Rendered } from './render';
import { schemaErrors } from './schema';

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
});

afterAll(async () => {
  await engine?.close();
});

async function table(name: string, sql: string): Promise<void> {
  await engine.query(`CREATE OR REPLACE TABLE ${name} AS ${sql}`);
}

/** Validates, prepares over DuckDB, themes and renders a spec in English. */
async function draw(spec: JsonObject): Promise<Rendered> {
  expect(schemaErrors(spec)).toEqual([]);
  const prepared = await prepareChart(engine, spec);
  const final = withLocale(withTheme(prepared.spec), 'en-US');
  expect(schemaErrors(final)).toEqual([]);
  const r = await render(final);
  expect(r.svg.startsWith('<svg')).toBe(true);
  return r;
}

const textsOf = (r: Rendered) => r.items.filter((i) => i.marktype === 'text').map((i) => i.text);

describe('RFM', () => {
  it('grid: one cell per (R, F) pair holding partners, labelled with count and revenue', async () => {
    // (5,5): p1 100 + p2 300; (1,5): p3 50; (3,2): p4 20; p5 has no purchase and stays off the grid.
    await table('rfm_scores', `SELECT * FROM (VALUES
      ('p1', 5, 5, 100.0), ('p2', 5, 5, 300.0), ('p3', 1, 5, 50.0), ('p4', 3, 2, 20.0), ('p5', NULL, NULL, NULL)
    ) v(partner_id, r_score, f_score, monetary)`);
    const r = await draw(rfmGridSpec());
    expect(r.marks).toEqual({ rect: 6, text: 6 });
    expect(textsOf(r).sort()).toEqual(['1', '1', '2', '20', '400', '50']);
    expect(texts(r.svg)).toEqual(expect.arrayContaining(['RFM grid: where the partners and the revenue are', 'Recency R (5 = most recent)', 'Frequency F (5 = most deals)']));
  });

  it('segment bars: two bars per segment, shares as labels, the tail in grey', async () => {
    // 10 partners: 2 Champions with 600 of 1,000 revenue, 5 At risk with 400, 3 No purchase.
    await table('rfm_segments', `SELECT * FROM (VALUES
      ('Champions', 2, 0.2, 600.0, 0.6, 'Reward them'),
      ('At risk', 5, 0.5, 400.0, 0.4, 'Call'),
      ('No purchase', 3, 0.3, 0.0, 0.0, 'The tail')
    ) v(segment, partners, partner_share, revenue, revenue_share, action)`);
    const r = await draw(rfmSegmentBarsSpec());
    expect(r.marks).toEqual({ rect: 6, text: 6 });
    expect(textsOf(r).sort()).toEqual(['0%', '20%', '30%', '40%', '50%', '60%']);
    const tail = r.items.filter((i) => i.marktype === 'rect' && i.datum.segment === 'No purchase');
    expect(tail.map((i) => i.fill)).toEqual([NEUTRAL, NEUTRAL]);
  });
});

describe('cohorts', () => {
  // Cohort A: periods 0 and 1 observed (100 %, 50 %), period 2 not yet over; cohort B: period 0 only.
  beforeAll(async () => {
    await table('cohort_retention', `SELECT * FROM (VALUES
      ('2024-Q1', 4, 0, true, 4, 1.0, 4, 1.0, 1.0),
      ('2024-Q1', 4, 1, true, 2, 0.5, 3, 0.75, 0.8),
      ('2024-Q1', 4, 2, false, NULL, NULL, NULL, NULL, NULL),
      ('2024-Q2', 2, 0, true, 2, 1.0, 2, 1.0, 1.0),
      ('2024-Q2', 2, 1, false, NULL, NULL, NULL, NULL, NULL)
    ) v(cohort_label, cohort_size, period, observed, active_partners, partner_retention, unbounded_partners, unbounded_retention, revenue_retention)`);
  });

  it('heatmap: a labelled cell per observed (cohort, period), blanks for periods not over', async () => {
    const r = await draw(cohortHeatmapSpec());
    expect(r.marks).toEqual({ rect: 3, text: 3 });
    expect(textsOf(r).sort()).toEqual(['100%', '100%', '50%']);
  });

  it('heatmap of revenue retention labels that measure', async () => {
    const r = await draw(cohortHeatmapSpec({ measure: 'revenue_retention' }));
    expect(textsOf(r).sort()).toEqual(['100%', '100%', '80%']);
  });

  it('curves: one line per cohort through its observed periods', async () => {
    const r = await draw(retentionCurvesSpec());
    // line items are the points of the lines: 2 for A, 1 for B; the point overlay draws the same 3
    expect(r.marks).toEqual({ line: 3, symbol: 3 });
    const a = r.items.filter((i) => i.marktype === 'line' && i.datum.cohort_label === '2024-Q1').map((i) => i.datum.unbounded_retention);
    expect(a).toEqual([1, 0.75]);
  });
});

describe('benchmark', () => {
  it('a band per sector that has one, a point per rate, coloured and shaped by position', async () => {
    // overall 86 % against SaaS 80–85 (above), Distribution 71 % in 70–75 (within), Retail 50 % (no band:
    // no grey bar, and a grey point).
    await table('retention_vs_benchmark', `SELECT * FROM (VALUES
      (2025, 'overall', NULL, 100, 86.0, 'SaaS B2B', 80, 85, 'above', 1.0),
      (2025, 'sector', 'Distribution', 40, 71.0, 'Distribution', 70, 75, 'within', 0.0),
      (2025, 'sector', 'Retail', 10, 50.0, NULL, NULL, NULL, NULL, NULL)
    ) v(year, level, sector, partners_prev_year, retention_pct, band, band_low_pct, band_high_pct, position, points_vs_band)`);
    const r = await draw(benchmarkBandSpec());
    expect(r.marks).toEqual({ rect: 2, symbol: 3, text: 3 });
    expect(textsOf(r)).toEqual(['86.0', '71.0', '50.0']);
    const fill = Object.fromEntries(r.items.filter((i) => i.marktype === 'symbol').map((i) => [i.datum.group, i.fill]));
    expect(fill).toEqual({ 'All partners': GOOD, Distribution: PRIMARY, Retail: NEUTRAL });
    expect(texts(r.svg)).toEqual(expect.arrayContaining(['All partners', 'Distribution', 'Retail', 'Annual partner retention (%)', 'no range']));
  });
});

describe('programme ROI', () => {
  it('naive and incremental bars per programme, the incremental range as a line, and break-even', async () => {
    // P1: cost 100; naive margin 300 → ROI 2; incremental 150 → 0.5, its range 50…250 → −0.5…1.5.
    // P2: cost 200; naive 400 → 1; incremental 150 → −0.25, no range (too few partners).
    await table('program_roi', `SELECT * FROM (VALUES
      ('P1', 'Club', 100.0, 300.0, 150.0, 50.0, 250.0, 2.0, 0.5, 4.0, NULL),
      ('P2', 'Accelerator', 200.0, 400.0, 150.0, NULL, NULL, 1.0, -0.25, NULL, 'no range')
    ) v(program_id, name, cost, margin_naive, margin_incremental, margin_incremental_low, margin_incremental_high, roi_naive, roi_incremental, payback_months_incremental, note)`);
    const r = await draw(roiSpec());
    expect(r.marks).toEqual({ rect: 4, rule: 2 });
    const bars = r.items.filter((i) => i.marktype === 'rect').map((i) => [i.datum.name, i.datum.attribution, i.datum.roi]);
    expect(bars).toEqual([
      ['Club', 'Naive ROI', 2],
      ['Club', 'Incremental ROI', 0.5],
      ['Accelerator', 'Naive ROI', 1],
      ['Accelerator', 'Incremental ROI', -0.25],
    ]);
    const range = r.items.find((i) => i.marktype === 'rule' && i.datum.name === 'Club')!;
    expect([range.datum.roi_low, range.datum.roi_high]).toEqual([-0.5, 1.5]);
    expect(texts(r.svg)).toEqual(expect.arrayContaining(['Naive ROI', 'Incremental ROI', 'Return on investment (0 % = break-even)']));
  });
});

describe('long tail', () => {
  it('the concentration curve with the top-20 % marks at the share the head makes', async () => {
    // revenues 50, 30, 10, 5, 5 of 100: cumulative 50 %, 80 %, 90 %, 95 %, 100 % at 20 %, 40 % … 100 %;
    // the top 20 % (one partner) make 50 %.
    await table('pareto_curve', `SELECT * FROM (VALUES
      (1, 'p1', 'A', 50.0, 0.2, 0.5), (2, 'p2', 'B', 30.0, 0.4, 0.8), (3, 'p3', 'C', 10.0, 0.6, 0.9),
      (4, 'p4', 'D', 5.0, 0.8, 0.95), (5, 'p5', 'E', 5.0, 1.0, 1.0)
    ) v(rank, partner_id, name, revenue, partner_share_cum, revenue_share_cum)`);
    const r = await draw(lorenzSpec());
    // area: 5 points; lines: the diagonal's 2 points and the area's outline of 5; rules: the 20 % cut
    // and the head's share; one point and one label at (20 %, 50 %).
    expect(r.marks).toEqual({ line: 7, area: 5, rule: 2, symbol: 1, text: 1 });
    expect(textsOf(r)).toEqual(['50%']);
  });
});

describe('engagement', () => {
  it('a histogram in 5-point bins, bars from the threshold in colour, and the threshold line', async () => {
    // scores 0 0 0 3 | 12 | 20 | 25 | 47 → bins [0,5) 4, [10,15) 1, [20,25) 1, [25,30) 1, [45,50) 1;
    // call now from 20: the last three bins.
    await table('engagement_scores', `SELECT s AS score, s >= 20 AS call_now FROM (VALUES (0), (0), (0), (3), (12), (20), (25), (47)) v(s)`);
    const r = await draw(engagementDistributionSpec());
    expect(r.marks).toEqual({ rect: 5, rule: 1, text: 1 });
    const bars = r.items.filter((i) => i.marktype === 'rect').map((i) => [i.datum.bin_step_5_score, i.fill]);
    expect(bars.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [0, NEUTRAL],
      [10, NEUTRAL],
      [20, PRIMARY],
      [25, PRIMARY],
      [45, PRIMARY],
    ]);
    expect(textsOf(r)).toEqual(['Call now from 20 points']);
  });
});

describe('NPS', () => {
  it('the latest period only, overall first then segments from best to worst, with n and the interval', async () => {
    // 2024 rows must not show; in 2025: overall +20 (n 100), Loyal +40 (n 30), At risk −10 (n 12);
    // a sector row must not show either.
    await table('nps_by_segment', `SELECT * FROM (VALUES
      ('2024', 'overall', 'All partners', 90, 10.0, 0.0, 20.0, 30.0, 20.0),
      ('2025', 'overall', 'All partners', 100, 20.0, 10.0, 30.0, 40.0, 20.0),
      ('2025', 'segment', 'At risk', 12, -10.0, -50.0, 30.0, 25.0, 35.0),
      ('2025', 'segment', 'Loyal', 30, 40.0, 15.0, 65.0, 55.0, 15.0),
      ('2025', 'sector', 'Retail', 20, 0.0, -40.0, 40.0, 30.0, 30.0)
    ) v(period, dimension, group_name, respondents, nps, ci_low, ci_high, promoter_pct, detractor_pct)`);
    const r = await draw(npsSpec());
    // one zero line, three intervals, three points, three labels
    expect(r.marks).toEqual({ rule: 4, symbol: 3, text: 3 });
    expect(textsOf(r).sort()).toEqual(['+20', '+40', '-10']);
    const intervals = r.items.filter((i) => i.marktype === 'rule' && i.datum.group_name).map((i) => [i.datum.group_name, i.datum.ci_low, i.datum.ci_high]);
    expect(intervals).toEqual([
      ['All partners', 10, 30],
      ['At risk', -50, 30],
      ['Loyal', 15, 65],
    ]);
    // the y axis lists the groups in reading order, each with its respondents
    const labels = texts(r.svg);
    const order = ['All partners (n = 100)', 'Loyal (n = 30)', 'At risk (n = 12)'].map((l) => labels.indexOf(l));
    expect(order.every((k) => k >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const overall = r.items.find((i) => i.marktype === 'symbol' && i.datum.dimension === 'overall')!;
    expect(overall.fill).toBe(INK);
  });
});

describe('churn risk', () => {
  it('a point per partner, those below the threshold marked as probably stopped', async () => {
    // A: 0.9 active; B: 0.2 stopped; C: 0.5 exactly is not below the threshold.
    await table('churn_risk', `SELECT * FROM (VALUES
      ('A', 'Alpha', 120000.0, 0.9, 12, 3.0, 4.0),
      ('B', 'Beta', 800000.0, 0.2, 30, 40.0, 2.0),
      ('C', 'Gamma', 5000.0, 0.5, 2, 20.0, 30.0)
    ) v(partner_id, name, revenue, p_alive, won_deals, weeks_since_last_deal, typical_gap_weeks)`);
    const r = await draw(pAliveSpec());
    expect(r.marks).toEqual({ symbol: 3, rule: 1, text: 1 });
    const fill = Object.fromEntries(r.items.filter((i) => i.marktype === 'symbol').map((i) => [i.datum.partner_id, i.fill]));
    expect(fill).toEqual({ A: PRIMARY, B: BAD, C: PRIMARY });
    expect(textsOf(r)).toEqual(['Call now: big sellers gone quiet']);
  });
});

describe('channel conflict', () => {
  it('revenue at stake per segment, and the partner / direct split with the direct share', async () => {
    // Champions: 900 through partners, 100 direct (10 %), 50 at stake; Direct only: 0 / 400 (100 %).
    await table('conflict_mix', `SELECT * FROM (VALUES
      ('Champions', 20, 900.0, 100.0, 0.1, 2, 50.0),
      ('Direct only', 5, 0.0, 400.0, 1.0, 0, 0.0)
    ) v(segment, customers, partner_revenue, direct_revenue, direct_share, conflicted_customers, revenue_at_stake)`);
    const r = await draw(conflictSpec());
    // left: 2 bars and 2 labels; right: 2 × 2 stacked parts and 2 labels
    expect(r.marks).toEqual({ rect: 6, text: 4 });
    expect(textsOf(r)).toEqual(['50', '0', '10%', '100%']);
    const parts = r.items
      .filter((i) => i.marktype === 'rect' && i.datum.channel)
      .map((i) => [i.datum.segment, i.datum.channel, i.datum.channel_revenue, i.fill]);
    expect(parts).toEqual([
      ['Champions', 'Through partners', 900, PRIMARY],
      ['Champions', 'Direct sales', 100, SECONDARY],
      ['Direct only', 'Through partners', 0, PRIMARY],
      ['Direct only', 'Direct sales', 400, SECONDARY],
    ]);
  });
});
