/**
 * The quarter's review charts on small hand-made results with the analyses' output columns: each spec is
 * valid Vega-Lite, renders to SVG, and draws the marks worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { prepareChart } from '../../src/charts/data-step';
import { withTheme } from '../../src/charts/theme';
import { withLocale } from '../../src/charts/locale';
import type { JsonObject } from '../../src/charts/json';
import { healthStatusSpec, healthStatusSummarySql, mdfFundsSpec, pipelineStagesSpec, pipelineStagesSummarySql, scorecardTrendSpec, tierAdviceSpec, tierAdviceSummarySql } from '../../src/charts/specs';
import { BAD } from '../../src/charts/palette';
import { render, type Rendered } from './render';
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

async function draw(spec: JsonObject): Promise<Rendered> {
  expect(schemaErrors(spec)).toEqual([]);
  const prepared = await prepareChart(engine, spec);
  const final = withLocale(withTheme(prepared.spec), 'en-US');
  expect(schemaErrors(final)).toEqual([]);
  const r = await render(final);
  expect(r.svg.startsWith('<svg')).toBe(true);
  return r;
}

const bars = (r: Rendered) => r.items.filter((i) => i.marktype === 'rect');

describe('review charts', () => {
  it('health by tier: one bar segment per (tier, status) present', async () => {
    // Gold: green, green, red; no tier: amber → three segments (Gold green ×2, Gold red, (no tier) amber).
    await table('health', `SELECT * FROM (VALUES ('a', 'Gold', 'green', 90.0), ('b', 'Gold', 'green', 85.0), ('c', 'Gold', 'red', 20.0),
      ('d', NULL, 'amber', 60.0)) t(partner_id, tier, status, health_score)`);
    await table('health_tiers', healthStatusSummarySql('health'));
    const r = await draw(healthStatusSpec({ data: 'health_tiers' }));
    const segments = bars(r).map((b) => `${String(b.datum.tier_label)} ${String(b.datum.status)} ${String(b.datum.partners)} ${String(b.datum.mean_score)}`).sort();
    expect(segments).toEqual(['(no tier) amber 1 60', 'Gold green 2 87.5', 'Gold red 1 20']);
  });

  it('tier advice: partners per (tier, advice)', async () => {
    await table('tier_advice', `SELECT * FROM (VALUES ('a', 'Gold', 'demote'), ('b', 'Gold', 'keep'), ('c', 'Bronze', 'promote'), ('d', 'Bronze', 'promote'),
      ('e', NULL, 'assign')) t(partner_id, tier, advice)`);
    await table('tier_advice_counts', tierAdviceSummarySql('tier_advice'));
    const r = await draw(tierAdviceSpec({ data: 'tier_advice_counts' }));
    expect(bars(r).map((b) => `${String(b.datum.tier_label)} ${String(b.datum.advice)} ${String(b.datum.partners)}`).sort()).toEqual([
      '(no tier) assign 1', 'Bronze promote 2', 'Gold demote 1', 'Gold keep 1',
    ]);
  });

  it('pipeline by stage: stalled and moving amounts summed over partners, one forecast tick per stage', async () => {
    // Proposal: 1,000 open (400 stalled) + 500 (0) → stalled 400, moving 1,100, forecast 300 + 200 = 500.
    // No stage: 300, all stalled, forecast 150.
    await table('pipeline', `SELECT * FROM (VALUES
      ('p1', 'Proposal', 2, 2, 1000.0, 300.0, 400.0), ('p2', 'Proposal', 2, 1, 500.0, 200.0, 0.0), ('p2', NULL, NULL, 1, 300.0, 150.0, 300.0)
    ) t(partner_id, stage, stage_order, open_deals, open_amount, weighted_forecast, stalled_amount)`);
    await table('pipeline_stage_totals', pipelineStagesSummarySql('pipeline'));
    const r = await draw(pipelineStagesSpec({ data: 'pipeline_stage_totals' }));
    // Ticks are drawn as rects too: the bar segments are the rects of a part (stalled or moving).
    const parts = bars(r).filter((b) => b.datum.part !== undefined);
    expect(parts.map((b) => `${String(b.datum.stage_label)} ${String(b.datum.part)} ${String(b.datum.part_amount)}`).sort()).toEqual([
      '(no stage) Moving 0', '(no stage) Stalled 300', 'Proposal Moving 1100', 'Proposal Stalled 400',
    ]);
    const ticks = bars(r).filter((b) => b.datum.part === undefined).map((i) => `${String(i.datum.stage_label)} ${String(i.datum.weighted_forecast)}`).sort();
    expect(ticks).toEqual(['(no stage) 150', 'Proposal 500']);
  });

  it('funds: an allocation bar and a paid bar per fund, a utilisation label where there is an allocation', async () => {
    await table('mdf_programs', `SELECT * FROM (VALUES ('PRG01', 'Fund A', 1000.0, 100.0, 120.0, 0.1, 3, -0.5),
      (NULL, '(no programme)', NULL, 300.0, 300.0, NULL, 1, 1.2)) t(program_id, name, allocated, paid, approved, utilisation, partners_requesting, roi_incremental)`);
    const r = await draw(mdfFundsSpec({ data: 'mdf_programs' }));
    // Allocation bars: Fund A only (the other has none, so its bar is not drawn); paid bars: both.
    expect(r.marks.rect).toBe(3);
    expect(r.items.filter((i) => i.marktype === 'text').map((i) => i.text)).toEqual(['10%']);
  });

  it('scorecard trend: one small chart per metric, a point per quarter with a value, targets where set', async () => {
    await table('scorecard', `SELECT * FROM (VALUES
      ('Won revenue', 1, '2025-Q3', 100.0, NULL, 90.0), ('Won revenue', 1, '2025-Q4', 200.0, 150.0, 120.0),
      ('Win rate', 3, '2025-Q3', 0.5, NULL, 0.4), ('Win rate', 3, '2025-Q4', NULL, NULL, 0.5)
    ) t(metric_label, metric_order, quarter, value, target, peer_median)`);
    const r = await draw(scorecardTrendSpec({ data: 'scorecard' }));
    // Values: 100, 200, 0.5 → three points on the partner's lines; one target point.
    expect(r.marks.symbol).toBe(4);
    const targets = r.items.filter((i) => i.marktype === 'symbol' && i.fill === BAD);
    expect(targets.map((i) => `${String(i.datum.quarter)} ${String(i.datum.target)}`)).toEqual(['2025-Q4 150']);
  });
});
