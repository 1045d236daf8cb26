/**
 * Channel conflict on a hand-worked fixture of six end customers. As of the day after the latest won deal
 * (2025-01-30 → 2025-01-31).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { conflictListSql, conflictMixSql, conflictSummarySql } from '../../src/analytics/conflict';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

const DEAL_ROWS: Cell[][] = [
  // Acme (written two ways): P1 and P2 70 days apart; later P1 and direct sales 29 days apart.
  // P1's own two deals never conflict with each other; D1–D4 is 264 days, D2–D3 165, D2–D4 194.
  ['D01', 'P1', 'Acme', '2024-01-10', 1000, 'won'],
  ['D02', 'P2', 'ACME', '2024-03-20', 2000, 'won'],
  ['D03', 'P1', 'Acme', '2024-09-01', 500, 'won'],
  ['D04', null, 'acme ', '2024-09-30', 3000, 'won'],
  // Beta: P1 twice, then direct sales 107 days after P1's second deal (121 after its first).
  ['D05', 'P1', 'Beta', '2024-02-01', 400, 'won'],
  ['D06', 'P1', 'Beta', '2024-02-15', 600, 'won'],
  ['D07', null, 'Beta', '2024-06-01', 800, 'won'],
  // Gamma: P2's deal was lost, so P3 had the customer alone.
  ['D08', 'P3', 'Gamma', '2024-05-01', 1500, 'won'],
  ['D09', 'P2', 'Gamma', '2024-05-10', 9000, 'lost'],
  // Delta: direct sales twice, one actor.
  ['D10', null, 'Delta', '2024-04-01', 700, 'won'],
  ['D10b', null, 'Delta', '2024-04-20', 300, 'won'],
  // Epsilon: three partners; P2–P3 89 days, P2–P4 exactly 90, P3–P4 1.
  ['D11', 'P2', 'Epsilon', '2024-11-01', 100, 'won'],
  ['D12', 'P3', 'Epsilon', '2025-01-29', 250, 'won'],
  ['D13', 'P4', 'Epsilon', '2025-01-30', 50, 'won'],
  // Zeta: P4 alone.
  ['D14', 'P4', 'Zeta', '2023-06-06', 200, 'won'],
  // No end customer: cannot conflict.
  ['D15', 'P1', null, '2024-07-07', 111, 'won'],
  ['D16', 'P2', ' ', '2024-07-07', 222, 'won'],
];

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR', [['P1', 'One'], ['P2', 'Two'], ['P3', 'Three'], ['P4', 'Four']]);
  await createTable(engine, 'deals', 'deal_id VARCHAR, partner_id VARCHAR, end_customer VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR', DEAL_ROWS);
});

describe('conflict.list', () => {
  it('lists each won deal another actor won for the same customer within 90 days', async () => {
    const rows = await rowsOf(engine, conflictListSql());
    expect(pick(rows, ['end_customer', 'deal_id', 'closed_at', 'channel', 'partner_id', 'partner_name', 'amount', 'conflicts_with', 'other_deals', 'nearest_gap_days'])).toEqual([
      { end_customer: 'Acme', deal_id: 'D01', closed_at: '2024-01-10', channel: 'partner', partner_id: 'P1', partner_name: 'One', amount: 1000, conflicts_with: ['P2'], other_deals: ['D02'], nearest_gap_days: 70 },
      { end_customer: 'ACME', deal_id: 'D02', closed_at: '2024-03-20', channel: 'partner', partner_id: 'P2', partner_name: 'Two', amount: 2000, conflicts_with: ['P1'], other_deals: ['D01'], nearest_gap_days: 70 },
      { end_customer: 'Acme', deal_id: 'D03', closed_at: '2024-09-01', channel: 'partner', partner_id: 'P1', partner_name: 'One', amount: 500, conflicts_with: ['(direct)'], other_deals: ['D04'], nearest_gap_days: 29 },
      { end_customer: 'acme ', deal_id: 'D04', closed_at: '2024-09-30', channel: 'direct', partner_id: null, partner_name: null, amount: 3000, conflicts_with: ['P1'], other_deals: ['D03'], nearest_gap_days: 29 },
      { end_customer: 'Epsilon', deal_id: 'D11', closed_at: '2024-11-01', channel: 'partner', partner_id: 'P2', partner_name: 'Two', amount: 100, conflicts_with: ['P3', 'P4'], other_deals: ['D12', 'D13'], nearest_gap_days: 89 },
      { end_customer: 'Epsilon', deal_id: 'D12', closed_at: '2025-01-29', channel: 'partner', partner_id: 'P3', partner_name: 'Three', amount: 250, conflicts_with: ['P2', 'P4'], other_deals: ['D11', 'D13'], nearest_gap_days: 1 },
      { end_customer: 'Epsilon', deal_id: 'D13', closed_at: '2025-01-30', channel: 'partner', partner_id: 'P4', partner_name: 'Four', amount: 50, conflicts_with: ['P2', 'P3'], other_deals: ['D11', 'D12'], nearest_gap_days: 1 },
    ]);
  });

  it('widens with the window and stops at the as-of date', async () => {
    const wide = await rowsOf(engine, ANALYSES['conflict.list']!.sql!({ deals: 'deals', partners: 'partners', as_of: null, window_days: 120 }));
    // Beta's direct deal is 107 days after D06 (121 after D05): D06 and D07 join the list.
    expect(wide.map((r) => r.deal_id)).toEqual(['D01', 'D02', 'D03', 'D04', 'D06', 'D07', 'D11', 'D12', 'D13']);
    // As of 2025-01-30, D13 is not yet won: D11–D12 remain (89 days).
    const earlier = await rowsOf(engine, conflictListSql({ asOf: '2025-01-30' }));
    expect(pick(earlier.slice(4), ['deal_id', 'conflicts_with'])).toEqual([
      { deal_id: 'D11', conflicts_with: ['P3'] },
      { deal_id: 'D12', conflicts_with: ['P2'] },
    ]);
  });
});

describe('conflict.summary', () => {
  it('counts customers, deals and revenue at stake', async () => {
    const [row] = await rowsOf(engine, conflictSummarySql());
    // Won deals with a customer: 14, 11,400 in all. In conflict: Acme's four (6,500) and Epsilon's three (400).
    expect(row).toEqual({
      as_of: '2025-01-31', window_days: 90, won_deals: 14, won_revenue: 11400, conflicted_customers: 2, conflict_deals: 7,
      revenue_at_stake: 6900, revenue_at_stake_share: 6900 / 11400, customers_with_direct: 1, customers_partners_only: 1,
      // This fixture's deals have no registered_at column: no registration, no registration conflict.
      registration_conflicts: 0, registration_conflict_customers: 0,
    });
  });
});

describe('conflict.mix', () => {
  it('splits each segment\'s customers\' revenue into partner and direct', async () => {
    await createTable(engine, 'segs', 'partner_id VARCHAR, segment VARCHAR', [['P1', 'Champions'], ['P2', 'Loyal'], ['P3', 'Champions']]);
    const rows = await rowsOf(engine, conflictMixSql({ segments: 'segs' }));
    // Main partners: Acme P2 (2000 against P1's 1500) → Loyal; Beta P1, Gamma P3, Epsilon P3 (250) → Champions;
    // Zeta P4, not in segs → (no segment); Delta → Direct only.
    expect(rows).toEqual([
      { segment: 'Loyal', customers: 1, partner_revenue: 3500, direct_revenue: 3000, direct_share: 3000 / 6500, conflicted_customers: 1, revenue_at_stake: 6500 },
      { segment: 'Champions', customers: 3, partner_revenue: 2900, direct_revenue: 800, direct_share: 800 / 3700, conflicted_customers: 1, revenue_at_stake: 400 },
      { segment: '(no segment)', customers: 1, partner_revenue: 200, direct_revenue: 0, direct_share: 0, conflicted_customers: 0, revenue_at_stake: 0 },
      { segment: 'Direct only', customers: 1, partner_revenue: 0, direct_revenue: 1000, direct_share: 1, conflicted_customers: 0, revenue_at_stake: 0 },
    ]);
  });
});
