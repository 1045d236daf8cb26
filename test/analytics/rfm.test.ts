/**
 * RFM on a hand-worked fixture of twelve partners, and on one where 46 % of the partners tie at the bottom.
 *
 * Score rule (DOMAIN.md, quintileScoreExpr): with n scored partners and b partners strictly worse,
 * score = min(5, 1 + ⌊5 · b / n⌋).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { rfmScoresSql, rfmSegmentExpr, rfmSegmentsSql } from '../../src/analytics/rfm';
import { createTable, pick, rowsOf, type Cell } from './helpers';
import { SEGMENT_GRID } from './reference';

let engine: Engine;

const PARTNERS = 'partner_id VARCHAR, name VARCHAR, sector VARCHAR';
const DEALS = 'deal_id INTEGER, partner_id VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR';

function monthly(partner: string, dates: string[], amount: number): Cell[][] {
  return dates.map((d) => [0, partner, d, amount, 'won']);
}

// Last won deals are chosen to give recencies (days to 2025-01-01) of 1, 1, 10, 40, 90, 90, 180, 365,
// 545, 1096; frequencies 6, 2, 3, 6, 1, 4, 1, 2, 8, 1; monetary 6000, 3000, 3000, 12000, 500, 1000,
// 20000, 3000, 8000, 100. P11 has only a lost deal, P12 only an open one: "No purchase".
const DEAL_ROWS: Cell[][] = [
  ...monthly('P01', ['2024-12-31', '2024-11-01', '2024-09-01', '2024-07-01', '2024-05-01', '2024-03-01'], 1000),
  [0, 'P02', '2024-12-31', 2000, 'won'],
  [0, 'P02', '2024-06-15', 1000, 'Won'], // status case must not matter
  ...monthly('P03', ['2024-12-22', '2024-08-01', '2024-04-01'], 1000),
  ...monthly('P04', ['2024-11-22', '2024-10-01', '2024-08-01', '2024-06-01', '2024-04-01', '2024-02-01'], 2000),
  [0, 'P05', '2024-10-03', 500, 'won'],
  ...monthly('P06', ['2024-10-03', '2024-09-03', '2024-08-03', '2024-07-03'], 250),
  [0, 'P07', '2024-07-05', 20000, 'won'],
  [0, 'P08', '2024-01-02', 1500, 'won'],
  [0, 'P08', '2024-01-01', 1500, 'won'],
  ...monthly('P09', ['2023-07-06', '2023-06-06', '2023-05-06', '2023-04-06', '2023-03-06', '2023-02-06', '2023-01-06', '2022-12-06'], 1000),
  [0, 'P10', '2022-01-01', 100, 'won'],
  [0, 'P11', '2025-03-01', 5000, 'lost'],
  [0, 'P12', '2025-06-30', 9000, 'open'],
  [0, null, '2025-02-01', 7000, 'won'], // a direct sale: neither a partner nor a reason to move the as-of date
].map((r, k) => [k + 1, ...r.slice(1)]);

const PARTNER_ROWS: Cell[][] = Array.from({ length: 12 }, (_, k) => {
  const id = `P${String(k + 1).padStart(2, '0')}`;
  return [id, `Partner ${id}`, 'SaaS B2B'];
});

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', PARTNERS, PARTNER_ROWS);
  await createTable(engine, 'deals', DEALS, DEAL_ROWS);
});

const SCORE_COLS = ['partner_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'rfm', 'segment'] as const;

describe('rfm.scores, all history', () => {
  // n = 10 scored partners: score = 1 + ⌊5b/10⌋ = 1 + ⌊b/2⌋.
  // R, worst first: 1096 b0 → 1; 545 b1 → 1; 365 b2 → 2; 180 b3 → 2; 90 ×2 b4 → 3; 40 b6 → 4; 10 b7 → 4;
  //   1 ×2 b8 → 5.
  // F: 1 ×3 b0 → 1; 2 ×2 b3 → 2; 3 b5 → 3; 4 b6 → 4; 6 ×2 b7 → 4; 8 b9 → 5.
  // M: 100 b0 → 1; 500 b1 → 1; 1000 b2 → 2; 3000 ×3 b3 → 2; 6000 b6 → 4; 8000 b7 → 4; 12000 b8 → 5;
  //   20000 b9 → 5.
  const expected = [
    { partner_id: 'P07', recency_days: 180, frequency: 1, monetary: 20000, r_score: 2, f_score: 1, m_score: 5, rfm: '215', segment: 'Hibernating' },
    { partner_id: 'P04', recency_days: 40, frequency: 6, monetary: 12000, r_score: 4, f_score: 4, m_score: 5, rfm: '445', segment: 'Loyal' },
    { partner_id: 'P09', recency_days: 545, frequency: 8, monetary: 8000, r_score: 1, f_score: 5, m_score: 4, rfm: '154', segment: "Can't lose" },
    { partner_id: 'P01', recency_days: 1, frequency: 6, monetary: 6000, r_score: 5, f_score: 4, m_score: 4, rfm: '544', segment: 'Champions' },
    { partner_id: 'P02', recency_days: 1, frequency: 2, monetary: 3000, r_score: 5, f_score: 2, m_score: 2, rfm: '522', segment: 'Potential loyalists' },
    { partner_id: 'P03', recency_days: 10, frequency: 3, monetary: 3000, r_score: 4, f_score: 3, m_score: 2, rfm: '432', segment: 'Potential loyalists' },
    { partner_id: 'P08', recency_days: 365, frequency: 2, monetary: 3000, r_score: 2, f_score: 2, m_score: 2, rfm: '222', segment: 'Hibernating' },
    { partner_id: 'P06', recency_days: 90, frequency: 4, monetary: 1000, r_score: 3, f_score: 4, m_score: 2, rfm: '342', segment: 'Loyal' },
    { partner_id: 'P05', recency_days: 90, frequency: 1, monetary: 500, r_score: 3, f_score: 1, m_score: 1, rfm: '311', segment: 'About to sleep' },
    { partner_id: 'P10', recency_days: 1096, frequency: 1, monetary: 100, r_score: 1, f_score: 1, m_score: 1, rfm: '111', segment: 'Hibernating' },
    { partner_id: 'P11', recency_days: null, frequency: null, monetary: null, r_score: null, f_score: null, m_score: null, rfm: null, segment: 'No purchase' },
    { partner_id: 'P12', recency_days: null, frequency: null, monetary: null, r_score: null, f_score: null, m_score: null, rfm: null, segment: 'No purchase' },
  ];

  it('scores every partner with an explicit as-of date', async () => {
    const rows = await rowsOf(engine, rfmScoresSql({ asOf: '2025-01-01' }));
    expect(pick(rows, SCORE_COLS)).toEqual(expected);
    expect(rows[0]).toMatchObject({ name: 'Partner P07', last_deal_on: '2024-07-05', as_of: '2025-01-01', window_start: null });
  });

  it('defaults the as-of date to the day after the latest won partner deal (2024-12-31 → 2025-01-01)', async () => {
    const rows = await rowsOf(engine, ANALYSES['rfm.scores']!.sql!({ deals: 'deals', partners: 'partners', as_of: null, window_days: null }));
    expect(pick(rows, SCORE_COLS)).toEqual(expected);
    expect(rows.every((r) => r.as_of === '2025-01-01')).toBe(true);
  });

  it('summarises segments with revenue, shares and the partners behind each', async () => {
    await engine.query(`CREATE OR REPLACE TABLE rfm_scores AS ${rfmScoresSql({ asOf: '2025-01-01' })}`);
    const rows = await rowsOf(engine, rfmSegmentsSql({ scores: 'rfm_scores' }));
    // Total revenue 56600 over 12 partners.
    const T = 56600;
    expect(pick(rows, ['segment', 'partners', 'partner_share', 'revenue', 'revenue_share', 'partner_ids'])).toEqual([
      { segment: 'Champions', partners: 1, partner_share: 1 / 12, revenue: 6000, revenue_share: 6000 / T, partner_ids: ['P01'] },
      { segment: 'Loyal', partners: 2, partner_share: 2 / 12, revenue: 13000, revenue_share: 13000 / T, partner_ids: ['P04', 'P06'] },
      { segment: 'Potential loyalists', partners: 2, partner_share: 2 / 12, revenue: 6000, revenue_share: 6000 / T, partner_ids: ['P02', 'P03'] },
      { segment: 'New', partners: 0, partner_share: 0, revenue: 0, revenue_share: 0, partner_ids: [] },
      { segment: 'Promising', partners: 0, partner_share: 0, revenue: 0, revenue_share: 0, partner_ids: [] },
      { segment: 'Needs attention', partners: 0, partner_share: 0, revenue: 0, revenue_share: 0, partner_ids: [] },
      { segment: 'About to sleep', partners: 1, partner_share: 1 / 12, revenue: 500, revenue_share: 500 / T, partner_ids: ['P05'] },
      { segment: "Can't lose", partners: 1, partner_share: 1 / 12, revenue: 8000, revenue_share: 8000 / T, partner_ids: ['P09'] },
      { segment: 'At risk', partners: 0, partner_share: 0, revenue: 0, revenue_share: 0, partner_ids: [] },
      { segment: 'Hibernating', partners: 3, partner_share: 3 / 12, revenue: 23100, revenue_share: 23100 / T, partner_ids: ['P07', 'P08', 'P10'] },
      { segment: 'No purchase', partners: 2, partner_share: 2 / 12, revenue: 0, revenue_share: 0, partner_ids: ['P11', 'P12'] },
    ]);
    expect(rows[0]!.partner_names).toEqual(['Partner P01']);
  });
});

describe('rfm.scores, 365-day window', () => {
  // Window 2024-01-02 … 2024-12-31: P09 and P10 drop to "No purchase", P08 keeps only its 2024-01-02 deal.
  // n = 8: score = 1 + ⌊5b/8⌋, so b0–1 → 1, b2–3 → 2, b4 → 3, b5–6 → 4, b7 → 5.
  // R: 365 b0 → 1; 180 b1 → 1; 90 ×2 b2 → 2; 40 b4 → 3; 10 b5 → 4; 1 ×2 b6 → 4 (a tie of two at the top
  //   stays below 5: 5·6/8 = 3.75).
  // F: 1 ×3 b0 → 1; 2 b3 → 2; 3 b4 → 3; 4 b5 → 4; 6 ×2 b6 → 4.
  // M: 500 b0 → 1; 1000 b1 → 1; 1500 b2 → 2; 3000 ×2 b3 → 2; 6000 b5 → 4; 12000 b6 → 4; 20000 b7 → 5.
  it('keeps only deals inside the window and re-ranks among the partners left', async () => {
    const rows = await rowsOf(engine, rfmScoresSql({ asOf: '2025-01-01', windowDays: 365 }));
    expect(pick(rows, SCORE_COLS)).toEqual([
      { partner_id: 'P07', recency_days: 180, frequency: 1, monetary: 20000, r_score: 1, f_score: 1, m_score: 5, rfm: '115', segment: 'Hibernating' },
      { partner_id: 'P04', recency_days: 40, frequency: 6, monetary: 12000, r_score: 3, f_score: 4, m_score: 4, rfm: '344', segment: 'Loyal' },
      { partner_id: 'P01', recency_days: 1, frequency: 6, monetary: 6000, r_score: 4, f_score: 4, m_score: 4, rfm: '444', segment: 'Loyal' },
      { partner_id: 'P02', recency_days: 1, frequency: 2, monetary: 3000, r_score: 4, f_score: 2, m_score: 2, rfm: '422', segment: 'Potential loyalists' },
      { partner_id: 'P03', recency_days: 10, frequency: 3, monetary: 3000, r_score: 4, f_score: 3, m_score: 2, rfm: '432', segment: 'Potential loyalists' },
      { partner_id: 'P08', recency_days: 365, frequency: 1, monetary: 1500, r_score: 1, f_score: 1, m_score: 2, rfm: '112', segment: 'Hibernating' },
      { partner_id: 'P06', recency_days: 90, frequency: 4, monetary: 1000, r_score: 2, f_score: 4, m_score: 1, rfm: '241', segment: 'At risk' },
      { partner_id: 'P05', recency_days: 90, frequency: 1, monetary: 500, r_score: 2, f_score: 1, m_score: 1, rfm: '211', segment: 'Hibernating' },
      { partner_id: 'P09', recency_days: null, frequency: null, monetary: null, r_score: null, f_score: null, m_score: null, rfm: null, segment: 'No purchase' },
      { partner_id: 'P10', recency_days: null, frequency: null, monetary: null, r_score: null, f_score: null, m_score: null, rfm: null, segment: 'No purchase' },
      { partner_id: 'P11', recency_days: null, frequency: null, monetary: null, r_score: null, f_score: null, m_score: null, rfm: null, segment: 'No purchase' },
      { partner_id: 'P12', recency_days: null, frequency: null, monetary: null, r_score: null, f_score: null, m_score: null, rfm: null, segment: 'No purchase' },
    ]);
    expect(rows[0]!.window_start).toBe('2024-01-02');
  });

  it('an empty window puts every partner in "No purchase" and leaves revenue shares undefined', async () => {
    // 2022-05-02 … 2022-11-30 holds no deal at all (P10's is 2022-01-01, P09's first 2022-12-06).
    await engine.query(`CREATE OR REPLACE TABLE rfm_empty AS ${rfmScoresSql({ asOf: '2022-12-01', windowDays: 183 })}`);
    const scores = await rowsOf(engine, 'SELECT DISTINCT segment FROM rfm_empty');
    expect(scores).toEqual([{ segment: 'No purchase' }]);
    const seg = await rowsOf(engine, rfmSegmentsSql({ scores: 'rfm_empty' }));
    expect(seg).toHaveLength(11);
    expect(pick(seg.slice(-2), ['segment', 'partners', 'partner_share', 'revenue', 'revenue_share'])).toEqual([
      { segment: 'Hibernating', partners: 0, partner_share: 0, revenue: 0, revenue_share: null },
      { segment: 'No purchase', partners: 12, partner_share: 1, revenue: 0, revenue_share: null },
    ]);
  });
});

describe('rfm edge cases', () => {
  it('all partners tied are the worst group: score 1 on R, F and M, hence "Hibernating"', async () => {
    // b = 0 for everyone: 1 + ⌊0⌋ = 1.
    await createTable(engine, 'tied_partners', PARTNERS, [['A', 'a', null], ['B', 'b', null], ['C', 'c', null], ['D', 'd', null]]);
    await createTable(engine, 'tied_deals', DEALS, ['A', 'B', 'C', 'D'].map((p, k) => [k, p, '2024-05-01', 100, 'won']));
    const rows = await rowsOf(engine, rfmScoresSql({ deals: 'tied_deals', partners: 'tied_partners' }));
    expect(pick(rows, ['partner_id', 'recency_days', 'rfm', 'segment'])).toEqual(
      ['A', 'B', 'C', 'D'].map((id) => ({ partner_id: id, recency_days: 1, rfm: '111', segment: 'Hibernating' })),
    );
  });

  it('a single partner with a single deal has nobody below it (111); an id known only from deals is kept', async () => {
    await createTable(engine, 'solo_partners', PARTNERS, [['A', 'a', null]]);
    await createTable(engine, 'solo_deals', DEALS, [[1, 'Z', '2024-05-01', 250, 'won']]);
    const rows = await rowsOf(engine, rfmScoresSql({ deals: 'solo_deals', partners: 'solo_partners', asOf: '2024-05-11' }));
    expect(pick(rows, ['partner_id', 'name', 'recency_days', 'frequency', 'monetary', 'rfm', 'segment'])).toEqual([
      { partner_id: 'Z', name: null, recency_days: 10, frequency: 1, monetary: 250, rfm: '111', segment: 'Hibernating' },
      { partner_id: 'A', name: 'a', recency_days: null, frequency: null, monetary: null, rfm: null, segment: 'No purchase' },
    ]);
  });

  it('a bottom tie of 46 % scores F = 1, so recent one-deal partners are New and Promising', async () => {
    // 13 partners, 6 of them (46 %) with one won deal of 1000. n = 13: score = 1 + ⌊5b/13⌋, so
    // b0–2 → 1, b3–5 → 2, b6–7 → 3, b8–10 → 4, b11–12 → 5.
    // F (deals): 1 ×6 b0 → 1; 2 ×2 b6 → 3; 3 b8 → 4; 4 b9 → 4; 5 b10 → 4; 6 b11 → 5; 8 b12 → 5.
    // M = 1000 × F, so M scores = F scores.
    // R (days to 2025-01-01), worst first: F 300 b0 → 1; E 200 b1 → 1; M 100 b2 → 1; L 60 b3 → 2; K 50 b4 → 2;
    //   J 40 b5 → 2; I 30 b6 → 3; H 20 b7 → 3; D 10 b8 → 4; G 4 b9 → 4; C 3 b10 → 4; B 2 b11 → 5; A 1 b12 → 5.
    // The mid-rank rule would give the one-deal partners F = ⌈5 · (0 + 6/2) / 13⌉ = ⌈1.15⌉ = 2, turning A, B
    // (New) and C, D (Promising) into Potential loyalists.
    const plan: [id: string, deals: number, recency: number][] = [
      ['A', 1, 1], ['B', 1, 2], ['C', 1, 3], ['D', 1, 10], ['E', 1, 200], ['F', 1, 300],
      ['G', 2, 4], ['H', 2, 20], ['I', 3, 30], ['J', 4, 40], ['K', 5, 50], ['L', 6, 60], ['M', 8, 100],
    ];
    const asOf = Date.UTC(2025, 0, 1);
    const day = (daysBefore: number) => new Date(asOf - daysBefore * 86_400_000).toISOString().slice(0, 10);
    // The last deal sets the recency; earlier ones are a week apart before it.
    const deals = plan.flatMap(([id, n, r]) => Array.from({ length: n }, (_, k): Cell[] => [0, id, day(r + 7 * k), 1000, 'won']));
    await createTable(engine, 'tie_partners', PARTNERS, plan.map(([id]) => [id, id, null]));
    await createTable(engine, 'tie_deals', DEALS, deals.map((r, k) => [k + 1, ...r.slice(1)]));
    const rows = await rowsOf(engine, rfmScoresSql({ deals: 'tie_deals', partners: 'tie_partners', asOf: '2025-01-01' }));
    const byId = Object.fromEntries(rows.map((r) => [r.partner_id, `${String(r.rfm)} ${String(r.segment)}`]));
    expect(byId).toEqual({
      A: '511 New', B: '511 New', C: '411 Promising', D: '411 Promising', E: '111 Hibernating', F: '111 Hibernating',
      G: '433 Potential loyalists', H: '333 Needs attention', I: '344 Loyal', J: '244 At risk', K: '244 At risk',
      L: "255 Can't lose", M: "155 Can't lose",
    });
  });

  it('maps every (R, F) pair of 1..5 × 1..5 to the segment of DOMAIN.md', async () => {
    const rows = await rowsOf(
      engine,
      `SELECT r, f, ${rfmSegmentExpr('r', 'f')} AS segment FROM range(1, 6) a(r), range(1, 6) b(f) ORDER BY r DESC, f`,
    );
    const expected = [5, 4, 3, 2, 1].flatMap((r) => SEGMENT_GRID[r]!.map((segment, k) => ({ r, f: k + 1, segment })));
    expect(rows).toEqual(expected);
    expect(await rowsOf(engine, `SELECT ${rfmSegmentExpr('NULL', 'NULL')} AS s`)).toEqual([{ s: 'No purchase' }]);
  });
});
