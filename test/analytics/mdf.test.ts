/**
 * Marketing development funds on a hand-worked fixture, as of 2025-01-01. Margin = amount × 0.5.
 *
 * Programme G1 (2024-01-01 … 06-30: 182 days; pre-period 2023-07-03 … 12-31), cost 1,000 = its fund; A and B
 * enrolled → 500 each. G2 has no fund line: not a fund.
 * Margins in G1's pre-period → window: A 500 → 1,000 (change +500); B 0 → 0; C 200 → 300 (+100); E 0 → 0. Control
 * of G1: the partners not enrolled, but for D, enrolled in G2 which overlaps (roi.ts leaves such partners out):
 * C and E, mean change (100 + 0)/2 = 50.
 * Lines: A asks 400 (paid 400) and 200 (approved and paid 100); B asks nothing; E asks 300 outside any programme
 * on 2024-10-01 (paid 300); A's line of 2025-02-01 is after the as-of date.
 *   A: allocated 500, requested 600, approved 500, claimed 500, paid 500 → available 0, utilisation 1;
 *      naive 1,000, incremental 500 − 50 = 450; ROI naive (1,000 − 500)/500 = 1, incremental (450 − 500)/500 = −0.1.
 *   B: allocated 500, nothing asked: available 500, utilisation 0, under-used; incremental 0 − 50 = −50; ROI
 *      undefined (nothing paid).
 *   E: no allocation outside programmes. Window 2024-10-01 … 12-31 (92 days), pre-period 2024-07-01 … 09-30.
 *      E's margin 200 → 800 (+600). Controls: partners without any line: B, C, D; their margins: B 0.5 and C 150 in
 *      the window, D 300 in the pre-period → mean change (150.5 − 300)/3 = −149.5/3. Incremental 600 + 149.5/3 =
 *      649.83. ROI naive (800 − 300)/300 = 5/3, incremental (349.83)/300 = 1.1661.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { mdfFundsSql, mdfProgramsSql } from '../../src/analytics/mdf';
import { createTable, pick, rowsOf } from './helpers';

let engine: Engine;
const near = (v: number) => expect.closeTo(v, 9);

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR', ['A', 'B', 'C', 'D', 'E'].map((id) => [id, `Partner ${id}`]));
  await createTable(engine, 'deals', 'partner_id VARCHAR, closed_at DATE, amount DECIMAL(12,2), gross_margin DOUBLE, status VARCHAR', [
    ['A', '2023-09-01', 1000, 0.5, 'won'], ['A', '2024-03-15', 2000, 0.5, 'won'],
    ['C', '2023-10-01', 400, 0.5, 'won'], ['C', '2024-04-01', 600, 0.5, 'won'], ['C', '2024-11-01', 300, 0.5, 'won'],
    ['D', '2023-11-01', 200, 0.5, 'won'], ['D', '2024-08-01', 600, 0.5, 'won'],
    ['E', '2024-08-15', 400, 0.5, 'won'], ['E', '2024-11-15', 1600, 0.5, 'won'],
    ['E', '2024-12-31', 10, 0.5, 'lost'], ['B', '2024-12-31', 1, 0.5, 'won'],
  ]);
  await createTable(engine, 'programs', 'program_id VARCHAR, name VARCHAR, starts_on DATE, ends_on DATE, cost DOUBLE', [
    ['G1', 'Fonds 2024', '2024-01-01', '2024-06-30', 1000], ['G2', 'Other', '2024-01-01', '2024-12-31', 5000],
  ]);
  await createTable(engine, 'enrolments', 'program_id VARCHAR, partner_id VARCHAR', [['G1', 'A'], ['G1', 'B'], ['G2', 'D']]);
  await createTable(engine, 'mdf', 'partner_id VARCHAR, program_id VARCHAR, activity VARCHAR, requested_at DATE, requested DECIMAL(12,2), approved DECIMAL(12,2), claimed DECIMAL(12,2), paid DECIMAL(12,2)', [
    ['A', 'G1', 'Salon', '2024-02-01', 400, 400, 400, 400],
    ['A', 'G1', 'Emailing', '2024-03-01', 200, 100, 100, 100],
    ['E', null, 'Événement', '2024-10-01', 300, 300, 300, 300],
    ['A', 'G1', 'Late', '2025-02-01', 999, 999, 999, 999],
  ]);
});

describe('mdf.funds', () => {
  it('compares each partner\'s funds with its allocation and measures their return', async () => {
    const rows = await rowsOf(engine, mdfFundsSql({ asOf: '2025-01-01' }));
    expect(pick(rows, ['partner_id', 'program_id', 'program_name', 'allocated', 'requests', 'requested', 'approved', 'claimed', 'paid', 'available', 'utilisation', 'underused'])).toEqual([
      { partner_id: 'B', program_id: 'G1', program_name: 'Fonds 2024', allocated: 500, requests: 0, requested: 0, approved: 0, claimed: 0, paid: 0, available: 500, utilisation: 0, underused: true },
      { partner_id: 'A', program_id: 'G1', program_name: 'Fonds 2024', allocated: 500, requests: 2, requested: 600, approved: 500, claimed: 500, paid: 500, available: 0, utilisation: 1, underused: false },
      { partner_id: 'E', program_id: null, program_name: '(no programme)', allocated: null, requests: 1, requested: 300, approved: 300, claimed: 300, paid: 300, available: null, utilisation: null, underused: null },
    ]);
    expect(pick(rows, ['partner_id', 'window_start', 'window_end', 'margin_naive', 'margin_incremental', 'roi_naive', 'roi_incremental'])).toEqual([
      { partner_id: 'B', window_start: '2024-01-01', window_end: '2024-06-30', margin_naive: 0, margin_incremental: -50, roi_naive: null, roi_incremental: null },
      { partner_id: 'A', window_start: '2024-01-01', window_end: '2024-06-30', margin_naive: 1000, margin_incremental: 450, roi_naive: 1, roi_incremental: near(-0.1) },
      { partner_id: 'E', window_start: '2024-10-01', window_end: '2024-12-31', margin_naive: 800, margin_incremental: near(600 + 149.5 / 3), roi_naive: near(5 / 3), roi_incremental: near((300 + 149.5 / 3) / 300) },
    ]);
  });
});

describe('mdf.programs', () => {
  it('sums each fund, flags the under-used one and returns on what was paid', async () => {
    const rows = await rowsOf(engine, ANALYSES['mdf.programs']!.sql!({
      mdf: 'mdf', deals: 'deals', partners: 'partners', programs: 'programs', enrolments: 'enrolments', as_of: '2025-01-01', underused_below: 0.6,
    }));
    // G1: 1,000 allocated, 500 paid (utilisation 0.5 < 0.6: under-used); return over the partners paid: A only.
    expect(pick(rows, ['program_id', 'name', 'allocated', 'enrolled_partners', 'partners_requesting', 'requests', 'requested', 'approved', 'paid', 'available', 'utilisation', 'underused', 'margin_naive', 'margin_incremental', 'roi_naive', 'roi_incremental'])).toEqual([
      { program_id: 'G1', name: 'Fonds 2024', allocated: 1000, enrolled_partners: 2, partners_requesting: 1, requests: 2, requested: 600, approved: 500, paid: 500, available: 500, utilisation: 0.5, underused: true, margin_naive: 1000, margin_incremental: 450, roi_naive: 1, roi_incremental: near(-0.1) },
      { program_id: null, name: '(no programme)', allocated: null, enrolled_partners: null, partners_requesting: 1, requests: 1, requested: 300, approved: 300, paid: 300, available: null, utilisation: null, underused: null, margin_naive: 800, margin_incremental: near(600 + 149.5 / 3), roi_naive: near(5 / 3), roi_incremental: near((300 + 149.5 / 3) / 300) },
    ]);
  });

  it('takes the budget column of the programmes when there is one', async () => {
    await engine.query(`CREATE OR REPLACE TABLE programs_b AS SELECT *, CASE program_id WHEN 'G1' THEN 4000 END AS budget FROM programs`);
    const [g1] = await rowsOf(engine, mdfProgramsSql({ programs: 'programs_b', asOf: '2025-01-01' }));
    // 4,000 instead of the cost: 2,000 each, 500 paid → 12.5 %.
    expect(pick([g1!], ['allocated', 'available', 'utilisation', 'underused'])).toEqual([{ allocated: 4000, available: 3500, utilisation: 0.125, underused: true }]);
    const funds = await rowsOf(engine, mdfFundsSql({ programs: 'programs_b', asOf: '2025-01-01' }));
    expect(funds.filter((r) => r.program_id === 'G1').map((r) => r.allocated)).toEqual([2000, 2000]);
  });
});
