/**
 * Programme ROI on a hand-worked fixture, as of 2024-03-01. Margins are amount × gross_margin; the
 * amounts and margins are chosen so every figure below is exact.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { DAYS_PER_MONTH, programRoiSql } from '../../src/analytics/roi';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

// E1 E2 E3 are enrolled in PRG1, C1 … C4 are not. C3 never sells.
const PARTNERS: Cell[][] = ['E1', 'E2', 'E3', 'C1', 'C2', 'C3', 'C4'].map((id) => [id, id.toLowerCase()]);

// [partner, closed_at, amount, gross_margin, status] → margin in the comment.
const DEALS: Cell[][] = (
  [
    ['E1', '2023-12-21', 2000, 0.5, 'won'], // 1000, the day before PRG1's pre-period
    ['E1', '2023-12-28', 200, 0.5, 'won'], // 100, PRG1 before
    ['E1', '2024-01-03', 800, 0.5, 'won'], // 400, PRG1 during
    ['E1', '2024-01-11', 2000, 0.5, 'won'], // 1000, the day after PRG1
    ['E2', '2024-01-08', 400, 0.5, 'won'], // 200, PRG1 during
    ['E2', '2024-01-04', 9999, 0.5, 'lost'],
    ['E3', '2023-12-30', 200, 0.25, 'won'], // 50, PRG1 before
    ['E3', '2024-01-09', 600, 0.25, 'won'], // 150, PRG1 during
    ['E3', '2024-02-15', 60, 0.5, 'won'], // 30, PRG5 before
    ['C1', '2023-12-24', 200, 0.5, 'won'], // 100, PRG1 before
    ['C1', '2024-01-07', 300, 0.5, 'won'], // 150, PRG1 during
    ['C1', '2024-02-03', 80, 0.5, 'won'], // 40, PRG3 during
    ['C2', '2023-12-31', 100, 0.5, 'won'], // 50, PRG1 before (its last day)
    ['C2', '2024-01-10', 100, 0.5, 'won'], // 50, PRG1 during (its last day)
    ['C2', '2024-02-05', 160, 0.5, 'won'], // 80, PRG3 during
    ['C4', '2023-12-22', 100, 0.5, 'won'], // 50, PRG1 before (its first day)
    [null, '2024-01-05', 5000, 0.5, 'won'], // direct sale
  ] as Cell[][]
).map((r, k) => [k + 1, ...r]);

const PROGRAMS: Cell[][] = [
  ['PRG1', 'Ten days', '2024-01-01', '2024-01-10', 1000],
  ['PRG2', 'Nobody enrolled, free', '2024-01-05', '2024-01-06', 0],
  ['PRG3', 'Free', '2024-02-01', '2024-02-10', 0],
  ['PRG4', 'Not started', '2024-06-01', '2024-12-31', 500],
  ['PRG5', 'Still running', '2024-02-20', '2024-03-31', 100],
];

const ENROLMENTS: Cell[][] = [
  ['PRG1', 'E1', '2023-12-15'],
  ['PRG1', 'E1', '2023-12-16'], // enrolled twice: counted once
  ['PRG1', 'E2', '2023-12-15'],
  ['PRG1', 'E3', '2023-12-30'],
  ['PRG3', 'C2', '2024-01-20'],
  ['PRG4', 'E1', '2024-05-01'],
  ['PRG5', 'E2', '2024-02-01'],
  ['PRG5', 'E3', '2024-02-01'],
];

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR', PARTNERS);
  await createTable(engine, 'deals', 'deal_id INTEGER, partner_id VARCHAR, closed_at DATE, amount DOUBLE, gross_margin DOUBLE, status VARCHAR', DEALS);
  await createTable(engine, 'programs', 'program_id VARCHAR, name VARCHAR, starts_on DATE, ends_on DATE, cost DOUBLE', PROGRAMS);
  await createTable(engine, 'enrolments', 'program_id VARCHAR, partner_id VARCHAR, enrolled_on DATE', ENROLMENTS);
});

const COLS = [
  'program_id', 'measured_until', 'window_days', 'pre_start', 'enrolled_partners', 'control_partners',
  'enrolled_daily_margin_before', 'enrolled_daily_margin_during', 'control_daily_margin_before', 'control_daily_margin_during',
  'incremental_daily_margin', 'margin_naive', 'margin_incremental', 'margin_incremental_low', 'margin_incremental_high',
  'roi_naive', 'roi_incremental', 'payback_months_incremental', 'note',
] as const;

const close = (x: number) => expect.closeTo(x, 9);

describe('roi.programs', () => {
  it('computes naive and incremental margin, both ROIs and payback, programme by programme', async () => {
    const rows = await rowsOf(engine, programRoiSql({ asOf: '2024-03-01' }));
    expect(pick(rows, COLS)).toEqual([
      // PRG1: 10 days against 2023-12-22 … 12-31. Changes (during − before): enrolled E1 400 − 100 = 300,
      // E2 200, E3 150 − 50 = 100 → mean 200, sample variance (100² + 0 + 100²)/2 = 10000. Control C1 +50,
      // C2 0, C3 0, C4 −50 → mean 0, variance 5000/3. Incremental = (200 − 0) × 3 = 600; standard error
      // 3 × √(10000/3 + 5000/3/4) = 3 × √3750; interval 600 ± 1.96 × that. Naive = 400 + 200 + 150 = 750.
      // Daily: enrolled (100 + 0 + 50)/3/10 = 5 before, 750/3/10 = 25 during; control 200/4/10 = 5 both.
      {
        program_id: 'PRG1', measured_until: '2024-01-10', window_days: 10, pre_start: '2023-12-22',
        enrolled_partners: 3, control_partners: 4,
        enrolled_daily_margin_before: 5, enrolled_daily_margin_during: 25, control_daily_margin_before: 5, control_daily_margin_during: 5,
        incremental_daily_margin: 20, margin_naive: 750, margin_incremental: 600,
        margin_incremental_low: close(600 - 1.96 * 3 * Math.sqrt(3750)), margin_incremental_high: close(600 + 1.96 * 3 * Math.sqrt(3750)),
        roi_naive: -0.25, roi_incremental: -0.4, payback_months_incremental: close(1000 / (60 * DAYS_PER_MONTH)),
        note: null,
      },
      // PRG2: nobody enrolled, so no incremental margin; cost 0, so no ROI. PRG1's partners overlap it
      // and are left out of its control group: C1 … C4, who sell nothing on 01-03 … 01-06.
      {
        program_id: 'PRG2', measured_until: '2024-01-06', window_days: 2, pre_start: '2024-01-03',
        enrolled_partners: 0, control_partners: 4,
        enrolled_daily_margin_before: null, enrolled_daily_margin_during: null, control_daily_margin_before: 0, control_daily_margin_during: 0,
        incremental_daily_margin: null, margin_naive: 0, margin_incremental: null, margin_incremental_low: null, margin_incremental_high: null,
        roi_naive: null, roi_incremental: null, payback_months_incremental: null,
        note: 'no enrolled partner; cost is 0: ROI undefined',
      },
      // PRG3: C2 enrolled (0 before, 80 during); control = the six others (C1 +40).
      // DiD = 80 − 40/6 = 220/3 over 10 days. One enrolled partner: no variance, no interval.
      // Cost 0: ROI undefined, paid back at once.
      {
        program_id: 'PRG3', measured_until: '2024-02-10', window_days: 10, pre_start: '2024-01-22',
        enrolled_partners: 1, control_partners: 6,
        enrolled_daily_margin_before: 0, enrolled_daily_margin_during: 8, control_daily_margin_before: 0, control_daily_margin_during: close(4 / 6),
        incremental_daily_margin: close(22 / 3), margin_naive: 80, margin_incremental: close(220 / 3),
        margin_incremental_low: null, margin_incremental_high: null,
        roi_naive: null, roi_incremental: null, payback_months_incremental: 0,
        note: 'cost is 0: ROI undefined',
      },
      // PRG5, still running: 02-20 … 02-29 against 02-10 … 02-19. Enrolled E2 0, E3 −30 → mean −15,
      // variance 450; control E1 C1 C3 C4 all 0 (C2, in PRG3 which ends on 02-10, is left out).
      // Incremental −30, standard error 2 × √(450/2) = 30: the interval includes 0. No payback.
      {
        program_id: 'PRG5', measured_until: '2024-02-29', window_days: 10, pre_start: '2024-02-10',
        enrolled_partners: 2, control_partners: 4,
        enrolled_daily_margin_before: 1.5, enrolled_daily_margin_during: 0, control_daily_margin_before: 0, control_daily_margin_during: 0,
        incremental_daily_margin: -1.5, margin_naive: 0, margin_incremental: -30,
        margin_incremental_low: close(-30 - 1.96 * 30), margin_incremental_high: close(-30 + 1.96 * 30),
        roi_naive: -1, roi_incremental: -1.3, payback_months_incremental: null,
        note: 'still running: measured up to 2024-02-29; the 95 % interval includes 0: no effect cannot be ruled out',
      },
      {
        program_id: 'PRG4', measured_until: '2024-02-29', window_days: 0, pre_start: '2024-06-01',
        enrolled_partners: 1, control_partners: 6,
        enrolled_daily_margin_before: null, enrolled_daily_margin_during: null, control_daily_margin_before: null, control_daily_margin_during: null,
        incremental_daily_margin: null, margin_naive: null, margin_incremental: null, margin_incremental_low: null, margin_incremental_high: null,
        roi_naive: null, roi_incremental: null, payback_months_incremental: null,
        note: 'not started before the as-of date',
      },
    ]);
  });

  it('defaults the as-of date to the day after the latest won deal and warns about a pre-period without data', async () => {
    // Without deals before 2023-12-25 the data starts on 2023-12-28, inside PRG1's pre-period; the latest
    // won deal is 2024-02-15, so the as-of date is 2024-02-16 and PRG5 has not started.
    await engine.query("CREATE OR REPLACE VIEW late_deals AS SELECT * FROM deals WHERE closed_at >= DATE '2023-12-25'");
    const rows = await rowsOf(
      engine,
      ANALYSES['roi.programs']!.sql!({ deals: 'late_deals', partners: 'partners', programs: 'programs', enrolments: 'enrolments', as_of: null }),
    );
    expect(pick(rows, ['program_id', 'measured_until', 'note'])).toEqual([
      { program_id: 'PRG1', measured_until: '2024-01-10', note: 'pre-period starts before the first deal in the data' },
      { program_id: 'PRG2', measured_until: '2024-01-06', note: 'no enrolled partner; cost is 0: ROI undefined' },
      { program_id: 'PRG3', measured_until: '2024-02-10', note: 'cost is 0: ROI undefined' },
      { program_id: 'PRG5', measured_until: '2024-02-15', note: 'not started before the as-of date' },
      { program_id: 'PRG4', measured_until: '2024-02-15', note: 'not started before the as-of date' },
    ]);
  });
});
