/**
 * A partner's page from a snapshot's rows: a scorecard (one row per figure and quarter) turns into one
 * row per figure with a column per quarter and the current quarter's target; a result the snapshot holds
 * only in part says so, whether or not the partner is among its rows; long tables keep their first rows.
 */
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/engine/values';
import { NO_FILTERS, partnerIndex } from '../../src/snapshot/narrow';
import { partnerPage } from '../../src/snapshot/partner-page';
import type { CodeSnapshotCell, JsonValue, SnapshotPayload, SnapshotResult } from '../../src/snapshot/payload';

const s = (name: string): Column => ({ name, kind: 'string', sqlType: 'VARCHAR' });
const n = (name: string, sqlType = 'DOUBLE'): Column => ({ name, kind: 'number', sqlType });
const i = (name: string): Column => ({ name, kind: 'integer', sqlType: 'BIGINT' });

const result = (columns: Column[], rows: JsonValue[][], rowCount = rows.length): SnapshotResult => ({
  columns, rows, rowCount, totals: null, note: null, displays: [], elapsedMs: 0, finishedAt: 0, generatedSql: null, provenance: null,
});
const cell = (name: string, r: SnapshotResult): CodeSnapshotCell => ({ kind: 'sql', name, attrs: [], source: null, reads: [], status: 'done', error: null, result: r });

const partners = {
  columns: [s('partner_id'), s('name'), s('sector'), s('region'), s('tier'), s('country'), { name: 'since', kind: 'date', sqlType: 'DATE' } as Column],
  rows: [['P1', 'Alpha', 'Software', 'North', 'Gold', 'FR', null], ['P2', 'Beta', 'Retail', 'South', 'Silver', null, null]] as JsonValue[][],
};

// Two figures over three quarters for P1 (current quarter 2025-Q4, quarters_back 0), one row for P2.
const scorecardCols = [s('partner_id'), s('name'), s('quarter'), i('quarters_back'), s('metric_label'), { name: 'metric_order', kind: 'integer', sqlType: 'INTEGER' } as Column, n('value'), n('target'), s('target_status')];
const scorecard: JsonValue[][] = [
  ['P1', 'Alpha', '2025-Q2', 2, 'Won deals', 2, 3, null, 'no target set'],
  ['P1', 'Alpha', '2025-Q3', 1, 'Won deals', 2, 4, 5, 'below target'],
  ['P1', 'Alpha', '2025-Q4', 0, 'Won deals', 2, 6, 5, 'on target'],
  ['P1', 'Alpha', '2025-Q2', 2, 'Won revenue', 1, 1000, null, 'no target set'],
  ['P1', 'Alpha', '2025-Q3', 1, 'Won revenue', 1, null, null, 'no target set'],
  ['P1', 'Alpha', '2025-Q4', 0, 'Won revenue', 1, 2500, 2000, 'on target'],
  ['P2', 'Beta', '2025-Q4', 0, 'Won deals', 2, 1, null, 'no target set'],
];

const payload = (cells: CodeSnapshotCell[]): SnapshotPayload => ({
  format: 'longtail-snapshot', version: 1, title: 'T', fileName: 't.md', createdAt: '2026-01-01T00:00:00Z', frontMatter: null,
  cells, fingerprints: [], hidden: { code: true, cells: [], pseudonymised: null, capped: [] }, provenance: null, currency: 'EUR', partners,
});

describe('a partner page', () => {
  it('shows a scorecard as figures by quarter, in the figures\' order, with the current target and standing', () => {
    const p = payload([cell('scorecard', result(scorecardCols, scorecard))]);
    const page = partnerPage(p, partnerIndex(partners), 'P1', NO_FILTERS)!;
    expect(page.sections).toEqual([
      {
        kind: 'table',
        cell: 'scorecard',
        columns: [s('figure'), n('2025-Q2'), n('2025-Q3'), n('2025-Q4'), n('target'), s('against target')],
        rows: [
          ['Won revenue', 1000, null, 2500, 2000, 'on target'],
          ['Won deals', 3, 4, 6, 5, 'on target'],
        ],
        total: 2,
        note: null,
      },
    ]);
    // Narrowed by period to Q3 onwards: the Q2 column goes.
    const q3 = partnerPage(p, partnerIndex(partners), 'P1', { ...NO_FILTERS, from: '2025-Q3' })!;
    const t = q3.sections[0]!;
    if (t.kind !== 'table') throw new Error('expected a table');
    expect(t.columns.map((c) => c.name)).toEqual(['figure', '2025-Q3', '2025-Q4', 'target', 'against target']);
    expect(t.note).toBe('Narrowed by period.');
  });

  it('says when a result is in the snapshot only in part, with or without the partner\'s rows', () => {
    const health = result([s('partner_id'), n('score')], [['P2', 40]], 2000);
    const p = payload([cell('health', health)]);
    expect(partnerPage(p, partnerIndex(partners), 'P1', NO_FILTERS)!.sections).toEqual([
      { kind: 'missing', cell: 'health', note: 'health is in this snapshot by its first 1 of 2,000 rows, without this partner\'s.' },
    ]);
    expect(partnerPage(p, partnerIndex(partners), 'P2', NO_FILTERS)!.sections).toEqual([
      { kind: 'record', cell: 'health', fields: [{ column: n('score'), value: 40 }], note: 'health is in this snapshot by its first 1 of 2,000 rows: this partner may have more.' },
    ]);
  });

  it('keeps the first rows of a long table, and leaves out results that name no partner', () => {
    const deals = result([s('deal_id'), s('partner_id'), n('amount')], Array.from({ length: 11 }, (_, k) => [`D${k + 1}`, 'P1', k] as JsonValue[]));
    const totals = result([s('sector'), n('revenue')], [['Software', 10]]);
    const p = payload([cell('deals', deals), cell('totals', totals)]);
    const [t, ...rest] = partnerPage(p, partnerIndex(partners), 'P1', NO_FILTERS, 4)!.sections;
    expect(rest).toEqual([]);
    if (t?.kind !== 'table') throw new Error('expected a table');
    expect(t.rows).toEqual([['D1', 0], ['D2', 1], ['D3', 2], ['D4', 3]]);
    expect(t.total).toBe(11);
    expect(t.note).toBe('The first 4 of 11 rows; the notebook view has them all.');
  });
});
