/**
 * The quarter's review on the demo (scale 1, seed 42, as of 2026-01-01): the effects the generator planted
 * (truth.review) must be what the review's analyses find — the stalled pipeline, the Gold partner to demote,
 * the Bronze partner to promote, the under-used fund — and the review tables must be used as written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { defaultStageRows, healthSql, mdfProgramsSql, pipelineDealsSql, scorecardSql, tierAdviceSql, conflictSummarySql } from '../../src/analytics';
import { generateDemo, type DemoTruth } from '../../src/demo/generate';
import { loadTables } from '../../src/demo/load';
import { STAGES, STALLED } from '../../src/demo/model';
import { rowsOf, type Row } from '../analytics/helpers';

let engine: Engine;
let truth: DemoTruth['review'];

beforeAll(async () => {
  engine = await createNodeEngine();
  const demo = generateDemo();
  truth = demo.truth.review;
  await loadTables(engine, demo);
  const stages = defaultStageRows(STAGES);
  await engine.query(`CREATE TABLE pipeline_stages AS SELECT * FROM (VALUES ${stages.map((s) => `('${s.stage}', ${s.stage_order}, ${s.probability})`).join(', ')}) t(stage, stage_order, probability)`);
  await engine.query(`CREATE TABLE engagement_points AS SELECT * FROM (VALUES ('email_open', 1), ('site_visit', 3), ('email_click', 5), ('webinar', 10), ('trade_show', 10)) t(kind, points)`);
}, 120_000);

describe('the stalled pipeline', () => {
  let deals: Row[];
  beforeAll(async () => {
    deals = await rowsOf(engine, pipelineDealsSql({ stages: 'pipeline_stages' }));
  });

  it('flags every planted deal as stalled, at its stage, registered 230–330 days ago', () => {
    const planted = truth.stalledPipeline!;
    expect(planted.dealIds).toHaveLength(STALLED.deals);
    const rows = deals.filter((r) => planted.dealIds.includes(String(r.deal_id)));
    expect(rows.map((r) => r.deal_id).sort()).toEqual([...planted.dealIds].sort());
    for (const r of rows) {
      expect({ deal: r.deal_id, partner: r.partner_id, stage: r.stage, stalled: r.stalled, aged: Number(r.age_days) >= 230 && Number(r.age_days) <= 330 }).toEqual({
        deal: r.deal_id, partner: planted.partnerId, stage: planted.stage, stalled: true, aged: true,
      });
    }
  });

  it('makes the planted partner\'s open pipeline the oldest of all partners with three open deals or more', () => {
    const ages = new Map<string, number[]>();
    for (const r of deals) ages.set(String(r.partner_id), [...(ages.get(String(r.partner_id)) ?? []), Number(r.age_days)]);
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    const oldest = [...ages].filter(([, xs]) => xs.length >= 3).sort(([, a], [, b]) => median(b) - median(a))[0]![0];
    expect(oldest).toBe(truth.stalledPipeline!.partnerId);
  });
});

describe('tier advice', () => {
  let advice: Map<string, Row>;
  beforeAll(async () => {
    advice = new Map((await rowsOf(engine, tierAdviceSql({}))).map((r) => [String(r.partner_id), r]));
  });

  it('reads the tier rules the generator wrote', async () => {
    const rules = await rowsOf(engine, 'SELECT tier, rank, min_won_revenue, min_won_deals, min_certifications FROM tier_rules ORDER BY rank');
    expect(rules).toEqual(truth.tierRules.map((r) => ({ tier: r.tier, rank: r.rank, min_won_revenue: r.minWonRevenue, min_won_deals: r.minWonDeals, min_certifications: r.minCertifications })));
  });

  it('demotes the Gold partner that stopped selling, on its won revenue', () => {
    const d = truth.demote!;
    expect(d.wonRevenue2025).toBe(0);
    expect(advice.get(d.partnerId)).toMatchObject({ tier: 'Gold', won_revenue_4q: 0, advice: 'demote', decided_by: 'min_won_revenue', recommended_tier: d.to });
  });

  it('promotes the Bronze partner that meets a better tier\'s minimums', () => {
    const p = truth.promote!;
    expect(['Gold', 'Silver']).toContain(p.to);
    const row = advice.get(p.partnerId)!;
    expect(row).toMatchObject({ tier: 'Bronze', advice: 'promote', recommended_tier: p.to, won_deals_4q: p.wonDeals2025, certifications: p.certifications2025 });
    expect(Number(row.won_revenue_4q)).toBeCloseTo(p.wonRevenue2025, 2);
  });
});

describe('marketing development funds', () => {
  it('finds the under-used fund, paid out as the generator recorded', async () => {
    const rows = await rowsOf(engine, mdfProgramsSql({}));
    const byId = new Map(rows.map((r) => [r.program_id, r]));
    for (const f of truth.funds) {
      expect({ fund: f.programId, allocated: byId.get(f.programId)!.allocated, paid: byId.get(f.programId)!.paid }).toEqual({ fund: f.programId, allocated: f.allocated, paid: f.paid });
      expect(byId.get(f.programId)!.utilisation).toBeCloseTo(f.utilisation, 9);
    }
    const underused = rows.filter((r) => r.underused === true).map((r) => r.program_id);
    expect(underused).toEqual([truth.underusedFundId]);
    expect(Number(byId.get(truth.underusedFundId)!.utilisation)).toBeLessThan(0.15);
  });
});

describe('health and scorecard', () => {
  it('shows the demoted partner in red, pulled down by its revenue trend', async () => {
    const rows = await rowsOf(engine, healthSql({}));
    const d = rows.find((r) => r.partner_id === truth.demote!.partnerId)!;
    expect([d.status, d.revenue_last_4q, [d.reason_1, d.reason_2].includes('revenue trend')]).toEqual(['red', 0, true]);
  });

  it('gives the promoted partner its 2025 revenue over the four quarters, and the planted pipeline in its current quarter', async () => {
    const p = truth.promote!;
    const rows = await rowsOf(engine, scorecardSql({ partner: p.partnerId, quarters: 4 }));
    const revenue = rows.filter((r) => r.metric === 'won_revenue');
    expect(revenue.map((r) => r.quarter)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(revenue.reduce((s, r) => s + Number(r.value), 0)).toBeCloseTo(p.wonRevenue2025, 2);
    // A Bronze partner outside the 20 biggest of 2024 gets its tier's targets.
    expect(new Set(revenue.map((r) => r.target_source))).toEqual(new Set(['tier']));
    const stalled = await rowsOf(engine, scorecardSql({ partner: truth.stalledPipeline!.partnerId, quarters: 1 }));
    const open = stalled.find((r) => r.metric === 'open_pipeline_count')!;
    expect(Number(open.value)).toBeGreaterThanOrEqual(STALLED.deals);
  });

  it('counts registration conflicts in the channel-conflict summary', async () => {
    const [row] = await rowsOf(engine, conflictSummarySql({}));
    expect(Number(row!.registration_conflicts)).toBeGreaterThan(0);
    expect(Number(row!.registration_conflict_customers)).toBeLessThanOrEqual(Number(row!.registration_conflicts));
  });
});
