/**
 * The Arquero peer computes the same analyses as the library's SQL: on a small demo workspace, every
 * row of its results equals the row DuckDB gives for the library's query at default parameters. (A
 * benchmark ratio means nothing if the two sides do not do the same work.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { Engine } from '../../src/engine/types';
import { createNodeEngine } from '../../src/engine/node';
import { plainObjects } from '../../src/engine/values';
import { generateDemo, loadTables } from '../../src/demo';
import { churnHistorySql, churnHistoryStatsSql, cohortRetentionSql, paretoCurveSql, rfmScoresSql } from '../../src/analytics';
import { churnHistories, cohortRetention, markHistories, paretoCurve, rfmScores, type ArqueroTables } from '../../bench/peers/arquero-analytics';

const demo = generateDemo({ scale: 0.05, seed: 7 });
let engine: Engine;
let tables: ArqueroTables;

const utcDay = (s: string | number | null) => (s == null ? null : new Date(`${s}T00:00:00Z`));

beforeAll(async () => {
  engine = await createNodeEngine();
  await loadTables(engine, demo);
  tables = {
    deals: aq.table({ ...demo.deals, closed_at: demo.deals.closed_at!.map(utcDay) }),
    partners: aq.table(demo.partners),
  };
});

afterAll(async () => {
  await engine?.close();
});

/** SQL rows with dates as epoch ms, the form the Arquero side is compared in. */
async function sqlRows(sql: string): Promise<Record<string, unknown>[]> {
  return plainObjects(await engine.query(sql)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v])));
}

/** undefined (Arquero's missing value) reads as null; sums may differ in the last bits. */
function expectSameRows(actual: Record<string, unknown>[], expected: Record<string, unknown>[], columns: Record<string, string>): void {
  expect(expected.length).toBeGreaterThan(0);
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i]!;
    for (const [sqlName, aqName] of Object.entries(columns)) {
      const want = e[sqlName] ?? null;
      const got = a[aqName] ?? null;
      const where = `row ${i}, ${sqlName}`;
      if (typeof want === 'number' && !Number.isInteger(want)) expect(got, where).toBeCloseTo(want, 6);
      else expect(got, where).toEqual(want);
    }
  });
}

describe('the Arquero peer', () => {
  it('gives the rows of rfm.scores', async () => {
    const expected = await sqlRows(rfmScoresSql());
    // Partners without a won deal are part of the result ("No purchase"): the check covers both kinds.
    expect(expected.some((r) => r.segment === 'No purchase')).toBe(true);
    expectSameRows(rfmScores(tables).objects() as Record<string, unknown>[], expected, {
      partner_id: 'partner_id',
      name: 'name',
      recency_days: 'recency_days',
      frequency: 'frequency',
      monetary: 'monetary',
      r_score: 'r_score',
      f_score: 'f_score',
      m_score: 'm_score',
      rfm: 'rfm',
      segment: 'segment',
    });
  });

  it('gives the rows of cohorts.retention', async () => {
    const expected = await sqlRows(cohortRetentionSql());
    expect(expected.some((r) => r.observed === false)).toBe(true);
    expectSameRows(cohortRetention(tables).objects() as Record<string, unknown>[], expected, {
      cohort: 'cohort_start',
      cohort_size: 'cohort_size',
      period: 'period',
      period_start: 'period_start',
      observed: 'observed',
      active_partners: 'active_partners',
      partner_retention: 'partner_retention',
      unbounded_partners: 'unbounded_partners',
      unbounded_retention: 'unbounded_retention',
      revenue: 'revenue',
      revenue_retention: 'revenue_retention',
    });
  });

  it('gives the rows of pareto.curve', async () => {
    const expected = await sqlRows(paretoCurveSql());
    expectSameRows(paretoCurve(tables).objects() as Record<string, unknown>[], expected, {
      rank: 'rank',
      partner_id: 'partner_id',
      name: 'name',
      tier: 'tier',
      revenue: 'revenue',
      revenue_share: 'revenue_share',
      partner_share_cum: 'partner_share_cum',
      revenue_share_cum: 'revenue_share_cum',
      in_tail: 'in_tail',
    });
  });

  it('gives the histories churn.bgnbd fits on', async () => {
    const expected = await sqlRows(churnHistorySql());
    const columns = Object.fromEntries(Object.keys(expected[0]!).map((k) => [k, k]));
    expectSameRows(churnHistories(tables), expected, columns);
  });

  // The regression behind a failed bench row: churn.bgnbd now asks for the histories marked with their
  // groups (churnHistoryStatsSql); the peer answered unmarked rows and the fit saw no partner.
  it('marks the histories as churnHistoryStatsSql does', async () => {
    const expected = await sqlRows(churnHistoryStatsSql());
    const columns = Object.fromEntries(Object.keys(expected[0]!).map((k) => [k, k]));
    const marked = markHistories(churnHistories(tables));
    expectSameRows(marked, expected, columns);
    expect(marked.filter((r) => r.history_first).length).toBeGreaterThan(0);
  });
});
