/**
 * Deal registrations on a hand-worked fixture, as of 2025-01-01, expiry 90 days, conflict window 90 days.
 *
 * Acme (written two ways): P1 registers 03-01 (open: expires 05-30); P2 19 days later while P1 holds it →
 * conflict, held by P1 (P2 then wins); P3 on 06-10: P1's has expired and is 101 days old, P2's is won and 82
 * days old → conflict, held by P2.
 * Beta: P1 registers 10-01 and loses 10-15; P2 registers 10-20, after P1 lost it → no conflict.
 * Gamma: P3 and P1 register the same day 11-01 → the first row (deal R6 before R7) holds: P1 in conflict;
 * P3 registers again on 12-01: its own earlier registration holds the customer → no conflict.
 * Not registrations: a deal without registered_at, a direct deal, one registered after the as-of date.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { ANALYSES } from '../../src/analytics';
import { conflictSummarySql } from '../../src/analytics/conflict';
import { registrationListSql, registrationSummarySql } from '../../src/analytics/registrations';
import { createTable, pick, rowsOf, type Cell } from './helpers';

let engine: Engine;

const DEALS: Cell[][] = [
  ['R1', 'P1', 'Acme', '2024-06-15', 1000, 'open', '2024-03-01'],
  ['R2', 'P2', 'ACME ', '2024-06-01', 2000, 'won', '2024-03-20'],
  ['R3', 'P3', 'Acme', '2024-07-01', 500, 'lost', '2024-06-10'],
  ['R4', 'P1', 'Beta', '2024-10-15', 700, 'lost', '2024-10-01'],
  ['R5', 'P2', 'Beta', '2025-02-01', 900, 'open', '2024-10-20'],
  ['R6', 'P3', 'Gamma', '2025-01-20', 300, 'open', '2024-11-01'],
  ['R7', 'P1', 'Gamma', '2025-01-20', 400, 'open', '2024-11-01'],
  ['R8', 'P3', 'Gamma', '2025-02-15', 600, 'open', '2024-12-01'],
  ['R9', 'P4', 'Delta', null, 100, 'open', null],
  ['R10', null, 'Gamma', '2024-11-05', 5000, 'won', '2024-10-01'],
  ['R11', 'P4', 'Epsilon', '2025-01-10', 50, 'open', '2025-01-05'],
];

beforeAll(async () => {
  engine = await createNodeEngine();
  await createTable(engine, 'partners', 'partner_id VARCHAR, name VARCHAR', [['P1', 'One'], ['P2', 'Two'], ['P3', 'Three'], ['P4', 'Four']]);
  await createTable(engine, 'deals', 'deal_id VARCHAR, partner_id VARCHAR, end_customer VARCHAR, closed_at DATE, amount DECIMAL(12,2), status VARCHAR, registered_at DATE', DEALS);
});

describe('registrations.list', () => {
  it('ages each registration, dates its expiry and names who held the customer first', async () => {
    const rows = await rowsOf(engine, registrationListSql({ asOf: '2025-01-01' }));
    // Ages to 2025-01-01: 03-01 → 306 days (2024 is a leap year), 03-20 → 287, 06-10 → 205, 10-01 → 92, 10-20 → 73,
    // 11-01 → 61, 12-01 → 31. Expiry = registration + 90 days unless won.
    expect(pick(rows, ['deal_id', 'partner_id', 'age_days', 'expires_on', 'state', 'in_conflict', 'held_by', 'holds_against'])).toEqual([
      { deal_id: 'R1', partner_id: 'P1', age_days: 306, expires_on: '2024-05-30', state: 'expired', in_conflict: false, held_by: null, holds_against: ['P2'] },
      { deal_id: 'R2', partner_id: 'P2', age_days: 287, expires_on: null, state: 'won', in_conflict: true, held_by: 'P1', holds_against: ['P3'] },
      { deal_id: 'R3', partner_id: 'P3', age_days: 205, expires_on: '2024-09-08', state: 'lost', in_conflict: true, held_by: 'P2', holds_against: [] },
      { deal_id: 'R4', partner_id: 'P1', age_days: 92, expires_on: '2024-12-30', state: 'lost', in_conflict: false, held_by: null, holds_against: [] },
      { deal_id: 'R5', partner_id: 'P2', age_days: 73, expires_on: '2025-01-18', state: 'active', in_conflict: false, held_by: null, holds_against: [] },
      { deal_id: 'R6', partner_id: 'P3', age_days: 61, expires_on: '2025-01-30', state: 'active', in_conflict: false, held_by: null, holds_against: ['P1'] },
      { deal_id: 'R7', partner_id: 'P1', age_days: 61, expires_on: '2025-01-30', state: 'active', in_conflict: true, held_by: 'P3', holds_against: [] },
      { deal_id: 'R8', partner_id: 'P3', age_days: 31, expires_on: '2025-03-01', state: 'active', in_conflict: false, held_by: null, holds_against: [] },
    ]);
    expect(rows[0]).toMatchObject({ name: 'One', end_customer: 'Acme', registered_at: '2024-03-01', as_of: '2025-01-01' });
  });

  it('narrows conflicts with the window: at 15 days only the same-day Gamma pair is left', async () => {
    // Acme's gaps are 19 and 82 days: both beyond 15.
    const rows = await rowsOf(engine, ANALYSES['registrations.list']!.sql!({ deals: 'deals', partners: 'partners', as_of: '2025-01-01', expiry_days: 90, window_days: 15 }));
    expect(rows.filter((r) => r.in_conflict).map((r) => r.deal_id)).toEqual(['R7']);
  });

  it('lets an expired registration go: with 10-day expiry, P2 registers Acme after P1\'s lapsed', async () => {
    // P1's expires 03-11, before P2's 03-20; R2 (won) still holds against P3 (82 days ≤ 90).
    const rows = await rowsOf(engine, registrationListSql({ asOf: '2025-01-01', expiryDays: 10 }));
    expect(rows.filter((r) => r.in_conflict).map((r) => `${String(r.deal_id)}<${String(r.held_by)}`)).toEqual(['R3<P2', 'R7<P3']);
  });
});

describe('registrations.summary', () => {
  it('counts per partner: active, expiring within 30 days, expired, won, lost, conversion, conflicts both ways', async () => {
    const rows = await rowsOf(engine, registrationSummarySql({ asOf: '2025-01-01' }));
    // Expiring soon: active and expiring by 2025-01-31 (R5 01-18, R6 and R7 01-30; not R8 03-01).
    // Conversion = won ÷ (won + lost + expired). Ties on conflicts (1 each) are ordered by registrations.
    expect(pick(rows, ['partner_id', 'registrations', 'active', 'expiring_soon', 'expired', 'won', 'lost', 'conversion', 'conflicts', 'conflicts_held', 'median_age_active_days'])).toEqual([
      { partner_id: 'P1', registrations: 3, active: 1, expiring_soon: 1, expired: 1, won: 0, lost: 1, conversion: 0, conflicts: 1, conflicts_held: 1, median_age_active_days: 61 },
      { partner_id: 'P3', registrations: 3, active: 2, expiring_soon: 1, expired: 0, won: 0, lost: 1, conversion: 0, conflicts: 1, conflicts_held: 1, median_age_active_days: 46 },
      { partner_id: 'P2', registrations: 2, active: 1, expiring_soon: 1, expired: 0, won: 1, lost: 0, conversion: 1, conflicts: 1, conflicts_held: 1, median_age_active_days: 73 },
    ]);
  });
});

describe('conflict.summary counts registration conflicts', () => {
  it('adds the three registrations in conflict, on two customers (Acme, Gamma)', async () => {
    // The won deals (R2 Acme by P2, R10 Gamma by direct sales) are on different customers: no deal conflict.
    const [row] = await rowsOf(engine, conflictSummarySql({ asOf: '2025-01-01' }));
    expect(pick([row!], ['conflict_deals', 'registration_conflicts', 'registration_conflict_customers'])).toEqual([
      { conflict_deals: 0, registration_conflicts: 3, registration_conflict_customers: 2 },
    ]);
  });
});
