import { describe, it, expect, beforeAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { Runner } from '../../src/notebook/runner';
import { makeCell, type Cell } from '../../src/notebook/model';
import { cellKinds } from '../../src/app/kinds';
import { engineDataKey } from '../../src/notebook/cell-keys';
import { captureLastResults, isLastResults, type LastResults } from '../../src/notebook/last-results';
import { ident } from '../../src/sql/quote';
import { plainRows } from '../../src/engine/values';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query('CREATE TABLE sales AS SELECT * FROM (VALUES (1, 10.5), (2, 20.0), (3, 5.25)) t(id, amount)');
  await engine.query('CREATE TABLE other AS SELECT 1 AS x');
});

const dataKey = () => engineDataKey(engine, ident);

/** A runner over `cells`, with a counter of how many times each cell ran. */
async function session(cells: Cell[]) {
  const runs = new Map<string, number>();
  const kinds = cellKinds();
  const counting = { ...kinds, sql: { ...kinds.sql!, run: async (...a: Parameters<NonNullable<typeof kinds.sql>['run']>) => { runs.set(a[0].name, (runs.get(a[0].name) ?? 0) + 1); return kinds.sql!.run(...a); } } };
  const runner = new Runner(engine, () => cells, counting);
  await runner.init();
  return { runner, runs };
}

/** What a host keeps when it saves: the runner's states, each cell's key, and the first rows. */
async function capture(runner: Runner, cells: Cell[]): Promise<LastResults> {
  const g = await runner.graph();
  const { cellKeys } = await import('../../src/notebook/cell-keys');
  const keys = await cellKeys(cells, g, (id) => runner.state(id).reads, dataKey());
  const pages = new Map<string, unknown[][]>();
  for (const c of cells) {
    const rel = runner.state(c.id).result?.relation;
    if (rel) pages.set(c.id, plainRows(await engine.query(`SELECT * FROM ${rel} LIMIT 2`)) as unknown[][]);
  }
  // Through JSON, as storage keeps it.
  const kept = JSON.parse(JSON.stringify(captureLastResults({ cells, state: (id) => runner.state(id), keys, firstPage: (c) => (pages.get(c.id) as never) ?? null })));
  expect(isLastResults(kept)).toBe(true);
  return kept;
}

/** The same notebook text opened again: new cell objects (new ids), same names and code. */
const reopen = (cells: Cell[]) => cells.map((c) => ({ ...makeCell(c.kind, c.source, c.name), attrs: c.attrs }));

describe('opening on the last results', () => {
  it('adopts every unchanged cell without running it, with its result as it was', async () => {
    const cells = [makeCell('sql', 'SELECT id, amount * 2 AS doubled FROM sales', 'lr_doubled'), makeCell('sql', 'SELECT sum(doubled) AS total FROM lr_doubled', 'lr_total')];
    const first = await session(cells);
    await first.runner.runAll();
    const last = await capture(first.runner, cells);
    expect(last.cells['lr_total']).toMatchObject({ status: 'done', result: { rowCount: 1, firstPage: [[71.5]] } });

    const again = reopen(cells);
    const second = await session(again);
    const adopted = await second.runner.runChanged(last, dataKey());
    expect(adopted).toEqual(again.map((c) => c.id));
    expect(second.runs.size).toBe(0);
    expect(second.runner.state(again[1]!.id)).toMatchObject({ status: 'done', result: { relation: 'cells."lr_total"', rowCount: 1 } });
  });

  it('runs a cell whose table changed, and what reads it; leaves the rest', async () => {
    const cells = [
      makeCell('sql', 'SELECT count(*) AS n FROM sales', 'lr_n'),
      makeCell('sql', 'SELECT n * 10 AS n10 FROM lr_n', 'lr_n10'),
      makeCell('sql', 'SELECT x FROM other', 'lr_x'),
    ];
    const first = await session(cells);
    await first.runner.runAll();
    const last = await capture(first.runner, cells);

    // Same row count, one value changed: the key sees it (the sum of the rows' hashes).
    await engine.query('UPDATE sales SET amount = 11 WHERE id = 1');
    const again = reopen(cells);
    const second = await session(again);
    await second.runner.runChanged(last, dataKey());
    expect(Object.fromEntries(second.runs)).toEqual({ lr_n: 1, lr_n10: 1 });
    expect(second.runner.state(again[2]!.id).status).toBe('done');
  });

  it('runs a cell whose code or input changed', async () => {
    const input = makeCell('input', '', 'lr_k');
    input.attrs = [{ key: 'type', value: 'number' }, { key: 'value', value: '2' }];
    const cells = [input, makeCell('sql', 'SELECT $lr_k * 2 AS v', 'lr_v'), makeCell('sql', 'SELECT 5 AS w', 'lr_w')];
    const first = await session(cells);
    await first.runner.runAll();
    const last = await capture(first.runner, cells);

    const again = reopen(cells);
    again[0]!.attrs = [{ key: 'type', value: 'number' }, { key: 'value', value: '3' }];
    again[2]!.source = 'SELECT 6 AS w';
    const second = await session(again);
    await second.runner.runChanged(last, dataKey());
    expect(Object.fromEntries(second.runs)).toEqual({ lr_v: 1, lr_w: 1 });
    expect(plainRows(await engine.query('SELECT v FROM cells.lr_v'))).toEqual([[6]]);
  });

  it('runs a cell whose kept table is gone', async () => {
    const cells = [makeCell('sql', 'SELECT 7 AS seven', 'lr_seven')];
    const first = await session(cells);
    await first.runner.runAll();
    const last = await capture(first.runner, cells);
    await engine.query('DROP TABLE cells.lr_seven');
    const again = reopen(cells);
    const second = await session(again);
    expect(await second.runner.runChanged(last, dataKey())).toEqual([]);
    expect(Object.fromEntries(second.runs)).toEqual({ lr_seven: 1 });
  });

  it('does not run again a cell that was stopped, nor one still running when the page went away, nor what reads them', async () => {
    const cells = [makeCell('sql', 'SELECT 1 AS a', 'lr_stopped'), makeCell('sql', 'SELECT a FROM lr_stopped', 'lr_after'), makeCell('sql', 'SELECT 2 AS b', 'lr_killed')];
    const first = await session(cells);
    await first.runner.runAll();
    const last = await capture(first.runner, cells);
    // As the host keeps them: one stopped by the user, one marked running when the page was killed.
    last.cells['lr_stopped'] = { ...last.cells['lr_stopped']!, status: 'error', error: { kind: 'cancelled', message: 'The query was stopped.', hint: '' } };
    last.cells['lr_killed'] = { ...last.cells['lr_killed']!, status: 'running' };

    const again = reopen(cells);
    const second = await session(again);
    await second.runner.runChanged(last, dataKey());
    expect(second.runs.size).toBe(0);
    expect(second.runner.state(again[0]!.id)).toMatchObject({ status: 'error', error: { kind: 'cancelled' } });
    expect(second.runner.state(again[1]!.id)).toMatchObject({ status: 'blocked' });
    expect(second.runner.state(again[2]!.id)).toMatchObject({ status: 'error', error: { kind: 'cancelled', message: /still running when the page was closed/ } });

    // The user asks: it runs.
    await second.runner.runAll();
    expect(Object.fromEntries(second.runs)).toEqual({ lr_stopped: 1, lr_after: 1, lr_killed: 1 });
  });

  it('runs a cell whose chart was kept only as a picture (its data too large to keep)', async () => {
    const cells = [makeCell('sql', 'SELECT 3 AS three', 'lr_pictured')];
    const first = await session(cells);
    await first.runner.runAll();
    const last = await capture(first.runner, cells);
    last.cells['lr_pictured']!.result!.displays = [{ kind: 'drawing', svg: '<svg></svg>' }];
    const again = reopen(cells);
    const second = await session(again);
    expect(await second.runner.runChanged(last, dataKey())).toEqual([]);
    expect(Object.fromEntries(second.runs)).toEqual({ lr_pictured: 1 });
  });

  it('keeps a chart as its drawing, and drops displays too large to keep', () => {
    const cell = makeCell('chart', 'mark: bar', 'lr_chart');
    const spec = { title: 'Revenue', data: { values: [{ a: 1 }] } };
    const big = { title: 'Big', data: { values: Array.from({ length: 50_000 }, (_, i) => ({ a: i, b: 'x'.repeat(10) })) } };
    const state = { status: 'done' as const, reads: [], result: { relation: null, rowCount: 0, columns: [], elapsedMs: 1, finishedAt: 1, displays: [{ kind: 'vega-lite' as const, spec }, { kind: 'vega-lite' as const, spec: big }, { kind: 'vega-lite' as const, spec: big }] } };
    const kept = captureLastResults({ cells: [cell], state: () => state, keys: new Map([[cell.id, 'k']]), firstPage: () => null, drawing: (_c, i) => (i === 2 ? null : `<svg id="d${i}"></svg>`) });
    expect(kept.cells['lr_chart']!.result!.displays).toEqual([
      { kind: 'vega-lite', spec, drawing: '<svg id="d0"></svg>' },
      { kind: 'drawing', svg: '<svg id="d1"></svg>', title: 'Big' },
    ]);
  });
});
