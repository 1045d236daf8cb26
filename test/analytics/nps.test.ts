/**
 * NPS on a hand-worked fixture of eleven partners answering in 2024 and 2025.
 *
 * Interval (DOMAIN.md): var = (pP + pD − (pP − pD)²) / n, NPS ± 1.96·√var, in points (× 100).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { npsChangeSql, npsSummarySql } from '../../src/analytics/nps';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

// partner, sector, tier
const PARTNERS: Cell[][] = [
  ['N01', 'A', 'Gold'], ['N02', 'A', 'Gold'], ['N03', 'A', 'Silver'], ['N04', 'A', 'Silver'], ['N05', 'A', 'Silver'],
  ['N06', 'B', 'Silver'], ['N07', 'B', null], ['N08', 'B', ''], ['N09', 'B', null], ['N10', null, 'Gold'], ['N11', 'C', 'Silver'],
];

// 2024, latest answer per partner: N01 10 (its March 5 is older), N02 9, N03 8, N04 3, N05 6 (two answers
// on one day, 9 and 6: the lower counts), N06 7, N07 10, N10 0. N08's 11 and N09's missing score are not
// answers; nor is the row without partner. → 3 promoters, 2 passives, 3 detractors of 8.
// 2025: N01 10, N02 10, N03 9, N04 9, N05 8, N06 10, N07 10, N08 7, N09 9, N10 9, N11 10 → 9 P, 2 Pa, 0 D of 11.
const SURVEYS: Cell[][] = [
  ['N01', '2024-03-01', 5], ['N01', '2024-09-01', 10], ['N02', '2024-05-01', 9], ['N03', '2024-05-02', 8], ['N04', '2024-05-03', 3],
  ['N05', '2024-06-01', 9], ['N05', '2024-06-01', 6], ['N06', '2024-07-01', 7], ['N07', '2024-07-02', 10], ['N08', '2024-07-03', 11],
  ['N09', '2024-07-04', null], ['N10', '2024-12-31', 0], [null, '2024-08-01', 10],
  ['N01', '2025-04-01', 10], ['N02', '2025-04-02', 10], ['N03', '2025-04-03', 9], ['N04', '2025-04-04', 9], ['N05', '2025-04-05', 8],
  ['N06', '2025-04-06', 10], ['N07', '2025-04-07', 10], ['N08', '2025-04-08', 7], ['N09', '2025-04-09', 9], ['N10', '2025-04-10', 9],
  ['N11', '2025-04-11', 10],
];

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, sector VARCHAR, tier VARCHAR', PARTNERS);
  await createTable(engine, 'surveys', 'partner_id VARCHAR, answered_at DATE, score INTEGER, comment VARCHAR', SURVEYS.map((r) => [...r, null]));
  await createTable(engine, 'segs', 'partner_id VARCHAR, segment VARCHAR', [['N01', 'Champions'], ['N02', 'Champions'], ['N03', 'Loyal'], ['N04', 'Loyal'], ['N05', 'Loyal']]);
});

const near = (v: number) => expect.closeTo(v, 4);

describe('nps.summary', () => {
  it('computes NPS and its interval per year, overall, by sector and by tier', async () => {
    const rows = await rowsOf(engine, npsSummarySql());
    // std_error = 100·√var: e.g. 2024 overall pP = pD = 3/8: var = 0.75/8, SE 30.6186; sector B 2024 (1 P, 1 Pa):
    // var = (0.5 − 0.25)/2, SE 35.3553; a single respondent has var 0.
    expect(pick(rows, ['period', 'dimension', 'group_name', 'respondents', 'promoters', 'passives', 'detractors', 'nps', 'std_error'])).toEqual([
      { period: '2024', dimension: 'overall', group_name: 'All partners', respondents: 8, promoters: 3, passives: 2, detractors: 3, nps: 0, std_error: near(30.618622) },
      { period: '2024', dimension: 'sector', group_name: '(unknown)', respondents: 1, promoters: 0, passives: 0, detractors: 1, nps: -100, std_error: 0 },
      { period: '2024', dimension: 'sector', group_name: 'A', respondents: 5, promoters: 2, passives: 1, detractors: 2, nps: 0, std_error: near(40) },
      { period: '2024', dimension: 'sector', group_name: 'B', respondents: 2, promoters: 1, passives: 1, detractors: 0, nps: 50, std_error: near(35.355339) },
      { period: '2024', dimension: 'tier', group_name: '(unknown)', respondents: 1, promoters: 1, passives: 0, detractors: 0, nps: 100, std_error: 0 },
      { period: '2024', dimension: 'tier', group_name: 'Gold', respondents: 3, promoters: 2, passives: 0, detractors: 1, nps: near(33.333333), std_error: near(54.433105) },
      { period: '2024', dimension: 'tier', group_name: 'Silver', respondents: 4, promoters: 0, passives: 2, detractors: 2, nps: -50, std_error: near(25) },
      { period: '2025', dimension: 'overall', group_name: 'All partners', respondents: 11, promoters: 9, passives: 2, detractors: 0, nps: near(81.818182), std_error: near(11.62913) },
      { period: '2025', dimension: 'sector', group_name: '(unknown)', respondents: 1, promoters: 1, passives: 0, detractors: 0, nps: 100, std_error: 0 },
      { period: '2025', dimension: 'sector', group_name: 'A', respondents: 5, promoters: 4, passives: 1, detractors: 0, nps: 80, std_error: near(17.888544) },
      { period: '2025', dimension: 'sector', group_name: 'B', respondents: 4, promoters: 3, passives: 1, detractors: 0, nps: 75, std_error: near(21.650635) },
      { period: '2025', dimension: 'sector', group_name: 'C', respondents: 1, promoters: 1, passives: 0, detractors: 0, nps: 100, std_error: 0 },
      { period: '2025', dimension: 'tier', group_name: '(unknown)', respondents: 3, promoters: 2, passives: 1, detractors: 0, nps: near(66.666667), std_error: near(27.216553) },
      { period: '2025', dimension: 'tier', group_name: 'Gold', respondents: 3, promoters: 3, passives: 0, detractors: 0, nps: 100, std_error: 0 },
      { period: '2025', dimension: 'tier', group_name: 'Silver', respondents: 5, promoters: 4, passives: 1, detractors: 0, nps: 80, std_error: near(17.888544) },
    ]);
    // 95 % intervals of the overall rows: 0 ± 1.96 × 30.6186 = ±60.0125, and 81.8182 ± 1.96 × 11.6291 =
    // [59.0251, 104.6113], whose top is clamped to 100: no NPS can be above 100.
    expect(pick([rows[0]!, rows[7]!], ['period_start', 'promoter_pct', 'detractor_pct', 'ci_low', 'ci_high'])).toEqual([
      { period_start: '2024-01-01', promoter_pct: 37.5, detractor_pct: 37.5, ci_low: near(-60.012499), ci_high: near(60.012499) },
      { period_start: '2025-01-01', promoter_pct: near(81.818182), detractor_pct: 0, ci_low: near(59.025087), ci_high: 100 },
    ]);
  });

  it('clamps the interval to [−100, 100]: 9 promoters and 2 detractors of 11 do not reach 109.2', async () => {
    // pP = 9/11, pD = 2/11, NPS = 700/11 = 63.636364. var = (11/11 − (7/11)²) / 11 = (72/121) / 11 = 72/1331,
    // √var = 0.2325826, × 1.96 × 100 = 45.586190: [18.050174, 109.222553] → [18.050174, 100].
    // Mirror case, 2 promoters and 9 detractors: [−109.222553, −18.050174] → [−100, −18.050174].
    const scores = (p: number, d: number, year: number): Cell[][] => [
      ...Array.from({ length: p }, (_, k): Cell[] => [`Q${k}`, `${year}-05-01`, 10, null]),
      ...Array.from({ length: d }, (_, k): Cell[] => [`Q${p + k}`, `${year}-05-01`, 2, null]),
    ];
    await createTable(engine, 'surveys_11', 'partner_id VARCHAR, answered_at DATE, score INTEGER, comment VARCHAR', [...scores(9, 2, 2024), ...scores(2, 9, 2025)]);
    const rows = await rowsOf(engine, npsSummarySql({ surveys: 'surveys_11' }));
    expect(pick(rows.filter((r) => r.dimension === 'overall'), ['period', 'respondents', 'nps', 'ci_low', 'ci_high'])).toEqual([
      { period: '2024', respondents: 11, nps: near(63.636364), ci_low: near(18.050174), ci_high: 100 },
      { period: '2025', respondents: 11, nps: near(-63.636364), ci_low: -100, ci_high: near(-18.050174) },
    ]);
  });

  it('adds a segment breakdown from a segment relation, over all answers (each partner\'s latest)', async () => {
    const rows = await rowsOf(engine, ANALYSES['nps.summary']!.sql!({ surveys: 'surveys', partners: 'partners', segments: 'segs', period: 'all' }));
    // Latest answers overall are the 2025 ones. Champions N01, N02: 2 P. Loyal N03 P, N04 P, N05 Pa.
    // Not in segs: N06 P, N07 P, N08 Pa, N09 P, N10 P, N11 P.
    expect(pick(rows.filter((r) => r.dimension !== 'sector' && r.dimension !== 'tier'), ['period_start', 'period', 'dimension', 'group_name', 'respondents', 'nps', 'std_error'])).toEqual([
      { period_start: null, period: 'all', dimension: 'overall', group_name: 'All partners', respondents: 11, nps: near(81.818182), std_error: near(11.62913) },
      { period_start: null, period: 'all', dimension: 'segment', group_name: '(unknown)', respondents: 6, nps: near(83.333333), std_error: near(15.214515) },
      { period_start: null, period: 'all', dimension: 'segment', group_name: 'Champions', respondents: 2, nps: 100, std_error: 0 },
      { period_start: null, period: 'all', dimension: 'segment', group_name: 'Loyal', respondents: 3, nps: near(66.666667), std_error: near(27.216553) },
    ]);
    expect(rows).toHaveLength(1 + 3 + 4 + 3); // overall, segments, sectors ((unknown), A, B, C), tiers
  });
});

describe('nps.change', () => {
  // Change SE = √(SE_from² + SE_to²); significant when |change| > 1.96 × that.
  // Overall: 81.8182 − 0, margin 1.96 × √(30.6186² + 11.6291²) = 64.1952 → real, though the intervals overlap.
  // Sector A: 80 − 0, margin 1.96 × √(40² + 17.8885²) = 85.8829 → could be chance.
  // Tier Silver: 80 − (−50) = 130, margin 1.96 × √(25² + 17.8885²) = 60.2529; intervals [−99, −1] and [44.94, 115.06].
  // Sector (unknown): one detractor, then one promoter: 200 with a zero margin. Sector C answered only in 2025.
  const COLS = ['dimension', 'group_name', 'from_period', 'to_period', 'respondents_from', 'respondents_to', 'change', 'intervals_overlap', 'significant', 'verdict'] as const;
  const expected = [
    { dimension: 'overall', group_name: 'All partners', from_period: '2024', to_period: '2025', respondents_from: 8, respondents_to: 11, change: near(81.818182), intervals_overlap: true, significant: true, verdict: 'real rise' },
    { dimension: 'sector', group_name: '(unknown)', from_period: '2024', to_period: '2025', respondents_from: 1, respondents_to: 1, change: 200, intervals_overlap: false, significant: true, verdict: 'real rise' },
    { dimension: 'sector', group_name: 'A', from_period: '2024', to_period: '2025', respondents_from: 5, respondents_to: 5, change: 80, intervals_overlap: true, significant: false, verdict: 'could be chance' },
    { dimension: 'sector', group_name: 'B', from_period: '2024', to_period: '2025', respondents_from: 2, respondents_to: 4, change: 25, intervals_overlap: true, significant: false, verdict: 'could be chance' },
    { dimension: 'sector', group_name: 'C', from_period: '2024', to_period: '2025', respondents_from: null, respondents_to: 1, change: null, intervals_overlap: null, significant: null, verdict: 'no answers in one of the periods' },
    { dimension: 'tier', group_name: '(unknown)', from_period: '2024', to_period: '2025', respondents_from: 1, respondents_to: 3, change: near(-33.333333), intervals_overlap: true, significant: false, verdict: 'could be chance' },
    { dimension: 'tier', group_name: 'Gold', from_period: '2024', to_period: '2025', respondents_from: 3, respondents_to: 3, change: near(66.666667), intervals_overlap: true, significant: false, verdict: 'could be chance' },
    { dimension: 'tier', group_name: 'Silver', from_period: '2024', to_period: '2025', respondents_from: 4, respondents_to: 5, change: 130, intervals_overlap: false, significant: true, verdict: 'real rise' },
  ];

  it('compares the latest period with answers against the one before', async () => {
    const rows = await rowsOf(engine, npsChangeSql());
    expect(pick(rows, COLS)).toEqual(expected);
    expect(pick([rows[0]!], ['change_ci_low', 'change_ci_high'])).toEqual([{ change_ci_low: near(17.62297), change_ci_high: near(146.013394) }]);
  });

  it('takes the periods holding the given days', async () => {
    const rows = await rowsOf(engine, ANALYSES['nps.change']!.sql!({ surveys: 'surveys', partners: 'partners', segments: null, period: 'year', from: '2024-07-01', to: '2025-02-02' }));
    expect(pick(rows, COLS)).toEqual(expected);
  });

  it('compares quarters: 2024-Q3 against 2025-Q2 for the partners answering in both', async () => {
    const rows = await rowsOf(engine, npsChangeSql({ period: 'quarter', from: '2024-08-15' }));
    // 2024-Q3 latest answers: N01 10, N06 7, N07 10 (N08 11 and N09 no score are not answers): 2 P, 1 Pa → 66.67.
    // 2025-Q2 is all of 2025: 81.82.
    expect(pick(rows.slice(0, 1), ['from_period', 'to_period', 'respondents_from', 'nps_from', 'respondents_to', 'nps_to'])).toEqual([
      { from_period: '2024-Q3', to_period: '2025-Q2', respondents_from: 3, nps_from: near(66.666667), respondents_to: 11, nps_to: near(81.818182) },
    ]);
  });
});
