/**
 * The live editor's logic on the Node engine: opening notebook text, editing it (every change a new
 * notebook object, and an edit event), running cells in dependency order with their state in one place,
 * renaming and deleting cells with undo, the "Run this notebook?" hold, and a malformed file refused
 * with the notebook left as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { cellKinds } from '../../src/app/kinds';
import { SessionController, type SessionKey } from '../../src/app/session-controller';
import { attr } from '../../src/notebook/model';

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query('CREATE TABLE visits AS SELECT * FROM (VALUES (1, 12), (2, 7), (3, 3)) t(reseller, n)');
});

const NOTEBOOK = `# Visits

\`\`\`sql total
SELECT sum(n) AS total FROM visits
\`\`\`

\`\`\`sql doubled
SELECT total * 2 AS twice FROM total
\`\`\`
`;

async function session(): Promise<SessionController> {
  const s = new SessionController(engine, cellKinds());
  await s.init();
  return s;
}

const rows = (s: SessionController, name: string) => {
  const cell = s.notebook.cells.find((c) => c.name === name)!;
  return s.states[cell.id]?.status;
};

async function value(sql: string): Promise<unknown> {
  return (await engine.query(sql)).toArray()[0]!.toJSON();
}

describe('the session controller', () => {
  it('opens a notebook, runs it in dependency order, and keeps each cell state in `states`', async () => {
    const s = await session();
    const seen: SessionKey[] = [];
    s.subscribe((k) => seen.push(k));
    expect(await s.open(NOTEBOOK, 'visits.md')).toBe(true);
    expect(s.title).toBe('Visits');
    expect([rows(s, 'total'), rows(s, 'doubled')]).toEqual(['done', 'done']);
    // 12 + 7 + 3 = 22, doubled 44: read back from the result tables the runner made.
    expect(await value('SELECT twice FROM cells.doubled')).toEqual({ twice: 44 });
    expect(s.text()).toBe(NOTEBOOK);
    expect(seen).toEqual(expect.arrayContaining(['notebook', 'fileName', 'states', 'busy', 'tables']));
  });

  it('makes every change a new notebook object and an edit event; an unchanged text is no edit', async () => {
    const s = await session();
    await s.open(NOTEBOOK, 'visits.md', false);
    let edits = 0;
    s.onEdit(() => edits++);
    const before = s.notebook;
    const total = s.notebook.cells.find((c) => c.name === 'total')!;
    s.edit(total.id, total.source);
    expect([edits, s.notebook]).toEqual([0, before]);
    s.edit(total.id, 'SELECT max(n) AS total FROM visits');
    expect(edits).toBe(1);
    expect(s.notebook).not.toBe(before);
    // The old object is untouched: a host comparing by identity sees exactly what changed.
    expect(before.cells.find((c) => c.id === total.id)!.source).toBe('SELECT sum(n) AS total FROM visits');
    await s.run(total.id);
    expect(await value('SELECT twice FROM cells.doubled')).toEqual({ twice: 24 });
    const input = s.add('input', 0);
    s.setAttr(input.id, 'value', '5');
    s.setAttr(input.id, 'value', '6');
    expect(attr(s.cell(input.id)!, 'value')).toBe('6');
    s.setAttr(input.id, 'value', null);
    expect(attr(s.cell(input.id)!, 'value')).toBeUndefined();
    s.move(input.id, 1);
    expect(s.notebook.cells.map((c) => c.kind)).toEqual(['markdown', 'input', 'sql', 'sql']);
    // add, three attribute changes, move
    expect(edits).toBe(1 + 5);
  });

  it('deletes a cell with undo, in its place, and drops its result table', async () => {
    const s = await session();
    await s.open(NOTEBOOK, 'visits.md');
    const doubled = s.notebook.cells.find((c) => c.name === 'doubled')!;
    await s.remove(doubled.id);
    expect(s.canUndo).toBe(true);
    expect(s.banner?.message).toBe('Deleted "doubled".');
    expect(s.states[doubled.id]).toBeUndefined();
    await expect(engine.query('SELECT * FROM cells.doubled')).rejects.toThrow();
    s.undoDelete();
    expect(s.notebook.cells.map((c) => c.name)).toEqual(['', 'total', 'doubled']);
    expect([s.canUndo, s.banner]).toEqual([false, null]);
  });

  it('renames a cell unless the name is malformed, taken by a cell, or taken by a table', async () => {
    const s = await session();
    await s.open(NOTEBOOK, 'visits.md');
    const total = s.notebook.cells.find((c) => c.name === 'total')!;
    expect(await s.rename(total.id, '1st')).toBe('Use letters, digits and _, not starting with a digit.');
    expect(await s.rename(total.id, 'DOUBLED')).toBe('Another cell is already named DOUBLED.');
    expect(await s.rename(total.id, 'visits')).toBe('A table is already named visits.');
    expect(await s.rename(total.id, 'sum_of_visits')).toBeNull();
    expect(s.text()).toContain('```sql sum_of_visits');
    expect(s.states[total.id]?.status).toBe('idle');
    // Fresh names skip cells and tables alike.
    expect(s.freshName('visit')).toBe('visit1');
    expect(s.append('sql', 'SELECT 1').name).toBe('q1');
  });

  it('holds a notebook from outside until the user runs it, and says so to the workspace', async () => {
    const s = await session();
    let trusted = 0;
    s.ontrusted = () => trusted++;
    await s.open(NOTEBOOK, 'from-a-colleague.md', false);
    s.hold();
    expect(s.held).toEqual({ reads: ['visits'], runs: [{ kind: 'sql', count: 2 }] });
    expect(rows(s, 'total')).toBeUndefined();
    await s.runAll();
    expect([s.held, trusted, rows(s, 'total')]).toEqual([null, 1, 'done']);
  });

  it('refuses a malformed file with a message and keeps the open notebook', async () => {
    const s = await session();
    await s.open(NOTEBOOK, 'visits.md', false);
    const before = s.notebook;
    expect(await s.open('# Broken\n\n```sql oops\nSELECT 1\n', 'broken.md')).toBe(false);
    expect(s.notebook).toBe(before);
    expect(s.banner?.message).toMatch(/^broken\.md could not be opened: Line 3: the sql cell "oops" is never closed.* Your current notebook is unchanged\.$/);
  });
});
