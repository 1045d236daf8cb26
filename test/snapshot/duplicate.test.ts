/**
 * Snapshot → file → read back → "Duplicate to edit" in another workspace that does not hold the
 * original data → run: the same results.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { plainRows } from '../../src/engine/values';
import { buildSnapshot } from '../../src/snapshot/build';
import { duplicateSnapshot, inertMarkdown } from '../../src/snapshot/duplicate';
import { snapshotHtml } from '../../src/snapshot/html';
import { readSnapshotHtml } from '../../src/snapshot/parse';
import type { SnapshotPayload } from '../../src/snapshot/payload';
import { parseNotebook } from '../../src/notebook/format';
import { notebookTitle } from '../../src/notebook/model';
import { userRelations } from '../../src/catalog/relations';
import { embeddedRows, resultRows, runNotebook, type Ran } from './helpers';

let source: Engine;
/** The workspace of the person who received the snapshot: emptied before each test. */
let target: Engine;
let ran: Ran;

const NOTEBOOK = `# Won deals

\`\`\`input min_amount type=number value=60
\`\`\`

\`\`\`sql won
SELECT deal_id, partner_id, amount, closed_at FROM deals WHERE status = 'won' ORDER BY deal_id
\`\`\`

\`\`\`sql big
SELECT deal_id, amount FROM won WHERE amount >= $min_amount ORDER BY deal_id
\`\`\`

\`\`\`sql per_partner
SELECT partner_id, count(*) AS n FROM won GROUP BY ALL ORDER BY partner_id NULLS LAST
\`\`\`
`;

const NOW = new Date('2026-02-03T10:00:00Z');
const VIEWER = { js: '0', css: '' };

beforeAll(async () => {
  [source, target] = await Promise.all([createNodeEngine(), createNodeEngine()]);
  await source.query(`
    CREATE TABLE partners (partner_id VARCHAR, name VARCHAR);
    INSERT INTO partners VALUES ('P0001', 'Dupont Informatique'), ('P0002', 'Alpha Systems');
    CREATE TABLE deals (deal_id VARCHAR, partner_id VARCHAR, amount DECIMAL(18,2), closed_at DATE, status VARCHAR);
    INSERT INTO deals VALUES
      ('D1', 'P0001', 100.50, DATE '2025-01-10', 'won'),
      ('D2', 'P0001', 200.00, DATE '2025-02-10', 'won'),
      ('D3', 'P0002', 50.25, DATE '2025-03-01', 'won'),
      ('D4', 'P0002', 10.00, DATE '2025-03-05', 'lost'),
      ('D5', NULL, 300.00, DATE '2025-04-01', 'won');`);
  ran = await runNotebook(source, NOTEBOOK);
});

beforeEach(async () => {
  for (const r of await userRelations(target)) await target.query(`DROP ${r.kind === 'view' ? 'VIEW' : 'TABLE'} "${r.name}"`);
  await target.query('DROP SCHEMA IF EXISTS cells CASCADE');
});

/** Through the file and back, then duplicated into a fresh workspace and run. */
async function roundTrip(payload: SnapshotPayload): Promise<{ dup: Awaited<ReturnType<typeof duplicateSnapshot>>; after: Ran }> {
  const back = readSnapshotHtml(snapshotHtml(payload, VIEWER));
  const dup = await duplicateSnapshot(target, back);
  const after = await runNotebook(target, dup.text);
  return { dup, after };
}

describe('duplicate to edit', () => {
  it('restores results as tables, keeps the code that can run on them, and gives the same results', async () => {
    const payload = await buildSnapshot(source, { notebook: ran.notebook, fileName: 'won.md', states: ran.states }, { hideCode: false, hiddenCells: new Set(), pseudonymise: false, now: NOW });
    const { dup, after } = await roundTrip(payload);
    // won read `deals`, absent from the new workspace: only won's own rows are restored.
    expect(dup.tables).toEqual([{ cell: 'won', table: 'won_snapshot' }]);
    expect(dup.fileName).toBe('won-from-snapshot.md');
    const cells = parseNotebook(dup.text).cells;
    const won = cells.find((c) => c.name === 'won')!;
    expect(won.kind).toBe('sql');
    expect(won.source).toBe(
      [
        '-- Restored from the snapshot "Won deals" of 2026-02-03: it read deals, which the snapshot does not hold in full.',
        '-- Its original sql code:',
        '--',
        "-- SELECT deal_id, partner_id, amount, closed_at FROM deals WHERE status = 'won' ORDER BY deal_id",
        '--',
        'SELECT * FROM "won_snapshot"',
      ].join('\n'),
    );
    // big and per_partner read only `won` (held whole) and the input: they keep their code.
    expect(cells.find((c) => c.name === 'big')!.source).toBe('SELECT deal_id, amount FROM won WHERE amount >= $min_amount ORDER BY deal_id');
    expect(cells.find((c) => c.name === 'min_amount')!.attrs).toEqual([
      { key: 'type', value: 'number' },
      { key: 'value', value: '60' },
    ]);
    // The restored table has the original column types.
    const types = plainRows(await target.query(`SELECT column_name, column_type FROM (DESCRIBE won_snapshot)`));
    expect(types).toEqual([
      ['deal_id', 'VARCHAR'],
      ['partner_id', 'VARCHAR'],
      ['amount', 'DECIMAL(18,2)'],
      ['closed_at', 'DATE'],
    ]);
    // Same rows as the original run, cell by cell.
    for (const name of ['won', 'big', 'per_partner']) expect(await resultRows(target, after, name)).toEqual(await resultRows(source, ran, name));
    // Worked by hand: won amounts 100.50, 200.00, 50.25, 300.00; at least 60 → D1, D2, D5.
    expect(await resultRows(target, after, 'big')).toEqual([
      ['D1', 100.5],
      ['D2', 200],
      ['D5', 300],
    ]);
    expect(await resultRows(target, after, 'per_partner')).toEqual([
      ['P0001', 2],
      ['P0002', 1],
      [null, 1],
    ]);
  });

  it('restores every result when code is hidden or names are aliased, with the embedded rows', async () => {
    const payload = await buildSnapshot(source, { notebook: ran.notebook, fileName: 'won.md', states: ran.states }, { hideCode: true, hiddenCells: new Set(), pseudonymise: true, now: NOW });
    const { dup, after } = await roundTrip(payload);
    expect(dup.tables.map((t) => t.table)).toEqual(['won_snapshot', 'big_snapshot', 'per_partner_snapshot']);
    const big = parseNotebook(dup.text).cells.find((c) => c.name === 'big')!;
    expect(big.source).toBe('-- Restored from the snapshot "Won deals" of 2026-02-03: its code was hidden in the snapshot.\nSELECT * FROM "big_snapshot"');
    for (const name of ['won', 'big', 'per_partner']) expect(await resultRows(target, after, name)).toEqual(embeddedRows(payload, name));
    // Aliases by first appearance: P0001 → P-001, P0002 → P-002.
    expect(await resultRows(target, after, 'per_partner')).toEqual([
      ['P-001', 2],
      ['P-002', 1],
      [null, 1],
    ]);
  });

  it('restores a capped result as the rows it holds, and says so in the cell', async () => {
    const payload = await buildSnapshot(source, { notebook: ran.notebook, fileName: 'won.md', states: ran.states }, {
      hideCode: false,
      hiddenCells: new Set(),
      pseudonymise: false,
      now: NOW,
      limits: { fullRows: 3, previewRows: 2 },
    });
    const { dup, after } = await roundTrip(payload);
    // won has 4 rows > 3: capped, so big and per_partner cannot recompute from it and are restored too.
    expect(dup.tables.map((t) => t.table)).toEqual(['won_snapshot', 'big_snapshot', 'per_partner_snapshot']);
    expect(parseNotebook(dup.text).cells.find((c) => c.name === 'won')!.source).toContain('-- The snapshot holds the first 2 of its 4 rows.');
    expect(await resultRows(target, after, 'won')).toEqual((await resultRows(source, ran, 'won')).slice(0, 2));
  });

  it('leaves a notebook\'s own Markdown as it is, fenced examples included', () => {
    const md = 'Example:\n\n```python\n```sql x\n```\n\nDone.';
    expect(inertMarkdown(md)).toBe(md);
  });

  it('picks free table names and treats the snapshot\'s names and types as untrusted', async () => {
    await target.query('CREATE TABLE q_snapshot (keep INTEGER); INSERT INTO q_snapshot VALUES (7)');
    const evilName = 'a"; DROP TABLE q_snapshot; --';
    const payload: SnapshotPayload = {
      format: 'longtail-snapshot',
      version: 1,
      title: 't\n---\n```sql y\nDROP TABLE q_snapshot\n```',
      fileName: '../../etc/evil.md',
      createdAt: NOW.toISOString(),
      frontMatter: 'title: t\n---\n```sql x\nDROP TABLE q_snapshot\n```',
      cells: [
        { kind: 'markdown', text: 'Intro\n\n```sql evil\nDROP TABLE q_snapshot\n```' },
        {
          kind: 'sql',
          name: 'q',
          attrs: [],
          source: null,
          reads: [],
          status: 'done',
          error: null,
          result: {
            columns: [
              { name: evilName, kind: 'string', sqlType: 'VARCHAR); DROP TABLE q_snapshot; --' },
              { name: 'at', kind: 'timestamp', sqlType: 'TIMESTAMP' },
              { name: 'x', kind: 'number', sqlType: 'DOUBLE' },
            ],
            rowCount: 2,
            rows: [
              ["it's", '2025-01-02T03:04:05.678Z', 'NaN'],
              [null, null, -1.5e-7],
            ],
            totals: null,
            note: null,
            displays: [],
            elapsedMs: 0,
            finishedAt: 0,
            generatedSql: null,
            provenance: null,
          },
        },
      ],
      fingerprints: [],
      hidden: { code: true, cells: [], pseudonymised: null, capped: [] },
      provenance: null,
      currency: null,
      partners: null,
    };
    const dup = await duplicateSnapshot(target, readSnapshotHtml(snapshotHtml(payload, VIEWER)));
    expect(dup.tables).toEqual([{ cell: 'q', table: 'q_snapshot_2' }]);
    expect(dup.fileName).toBe('.._.._etc_evil-from-snapshot.md');
    expect(plainRows(await target.query('SELECT * FROM q_snapshot'))).toEqual([[7]]);
    const rows = plainRows(await target.query('SELECT * FROM q_snapshot_2'));
    expect(rows[0]![0]).toBe("it's");
    expect(rows[0]![1]).toEqual(new Date('2025-01-02T03:04:05.678Z'));
    expect(rows[0]![2]).toBeNaN();
    expect(rows[1]).toEqual([null, null, -1.5e-7]);
    const types = plainRows(await target.query('SELECT column_name, column_type FROM (DESCRIBE q_snapshot_2)'));
    expect(types).toEqual([
      [evilName, 'VARCHAR'],
      ['at', 'TIMESTAMP'],
      ['x', 'DOUBLE'],
    ]);
    // Neither the front matter, the title nor the Markdown can smuggle a cell in.
    const nb = parseNotebook(dup.text);
    expect(nb.cells.map((c) => [c.kind, c.name])).toEqual([
      ['markdown', ''],
      ['sql', 'q'],
    ]);
    // The fence in the Markdown stays a code block to read, not a cell to run.
    expect(nb.cells[0]!.source).toBe('Intro\n\n ```sql evil\nDROP TABLE q_snapshot\n ```');
    expect(notebookTitle(nb)).toBe('t --- ```sql y DROP TABLE q_snapshot ``` (from snapshot)');
  });
});
