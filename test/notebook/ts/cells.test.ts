/**
 * TypeScript cells in a notebook, through the real runner, engine and worker: dependencies tracked
 * both ways between TS and SQL cells, inputs as variables and parameters, results kept as tables
 * with the right SQL types, errors at the user's line and column, and runaway cells stopped without
 * touching anything else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTsTestEngine } from './engine';
import type { Engine } from '../../../src/engine/types';
import { Runner } from '../../../src/notebook/runner';
import { makeCell, type Cell } from '../../../src/notebook/model';
import { cellKinds } from '../../../src/app/kinds';
import { VARIABLE_ROW_CAP } from '../../../src/notebook/ts/scope-values';
import { nodeCellWorker } from './node-worker';
import { emptyBin, listBin } from '../../../src/store/bin';

let engine: Engine;
// One worker for the file's runners, as the app has one per page.
const kinds = cellKinds({ tsWorkers: nodeCellWorker });
beforeAll(async () => {
  engine = await createTsTestEngine();
  await engine.query(
    "CREATE TABLE deals AS SELECT * FROM (VALUES (1, 'A', 100.0, 'won'), (2, 'A', 50.0, 'won'), (3, 'B', 30.0, 'won'), (4, 'B', 999.0, 'lost'), (5, 'C', 20.0, 'won')) t(deal_id, partner, amount, status)",
  );
});

async function notebook(cells: Cell[]) {
  const runner = new Runner(engine, () => cells, kinds);
  await runner.init();
  return runner;
}

const rows = async (sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON());

function input(name: string, type: string, value: string): Cell {
  const c = makeCell('input', '', name);
  c.attrs = [
    { key: 'type', value: type },
    { key: 'value', value },
  ];
  return c;
}

/** Names of the cells in the order the runner started them. */
function runOrder(r: Runner, cells: Cell[]): string[] {
  const order: string[] = [];
  r.subscribe((id) => {
    if (id && r.state(id).status === 'running') order.push(cells.find((c) => c.id === id)!.name);
  });
  return order;
}

describe('dependencies across kinds', () => {
  it('a TS cell computes from a SQL result, and a SQL cell reads the TS result', async () => {
    const won = makeCell('sql', "SELECT partner, amount FROM deals WHERE status = 'won'", 'won');
    const shares = makeCell(
      'ts',
      [
        'const total: number = won.reduce((s: number, d: { amount: number }) => s + d.amount, 0);',
        'const by = new Map<string, number>();',
        'for (const d of won) by.set(d.partner, (by.get(d.partner) ?? 0) + d.amount);',
        'return [...by].map(([partner, revenue]) => ({ partner, revenue, share: revenue / total }));',
      ].join('\n'),
      'shares',
    );
    const top = makeCell('sql', 'SELECT partner, round(100 * share, 1) AS pct FROM shares WHERE share > 0.2 ORDER BY share DESC', 'top');
    // written out of order: the SQL reader first
    const cells = [top, shares, won];
    const r = await notebook(cells);
    await r.runAll();
    expect(r.state(shares.id).reads).toEqual(['won']);
    expect(r.state(top.id).reads).toEqual(['shares']);
    // won revenue: A 150, B 30, C 20 → total 200; shares 0.75, 0.15, 0.10
    expect(await rows('SELECT partner, revenue, share FROM shares ORDER BY partner')).toEqual([
      { partner: 'A', revenue: 150, share: 0.75 },
      { partner: 'B', revenue: 30, share: 0.15 },
      { partner: 'C', revenue: 20, share: 0.1 },
    ]);
    expect(await rows('SELECT * FROM top')).toEqual([{ partner: 'A', pct: 75 }]);
    expect(r.state(shares.id).result).toMatchObject({ relation: 'cells."shares"', rowCount: 3 });
  });

  it('re-runs exactly the dependants of an edited SQL cell, through the TS cell, in order', async () => {
    const base = makeCell('sql', 'SELECT 2 AS v', 'base');
    const ts = makeCell('ts', 'return base.map((b) => ({ v: b.v * 10 }));', 'times_ten');
    const after = makeCell('sql', 'SELECT v + 1 AS v FROM times_ten', 'plus_one');
    const other = makeCell('ts', 'return [{ v: 7 }];', 'independent');
    const cells = [after, other, ts, base];
    const r = await notebook(cells);
    await r.runAll();
    expect(await rows('SELECT v FROM plus_one')).toEqual([{ v: 21 }]);
    const otherFinished = r.state(other.id).result!.finishedAt;
    const order = runOrder(r, cells);
    base.source = 'SELECT 5 AS v';
    await r.run(base.id);
    expect(order).toEqual(['base', 'times_ten', 'plus_one']);
    expect(await rows('SELECT v FROM plus_one')).toEqual([{ v: 51 }]);
    expect(r.state(other.id).result!.finishedAt).toBe(otherFinished);
  });

  it('tracks the tables read by the static SQL of a sql`…` template', async () => {
    const upstream = makeCell('sql', 'SELECT 3 AS n', 'upstream_n');
    const ts = makeCell('ts', 'const r = await sql`SELECT n * ${2} AS m FROM upstream_n`;\nreturn r;', 'from_template');
    const cells = [ts, upstream];
    const r = await notebook(cells);
    await r.runAll();
    expect(r.state(ts.id).reads).toEqual(['upstream_n']);
    expect(await rows('SELECT m FROM from_template')).toEqual([{ m: 6 }]);
    const order = runOrder(r, cells);
    upstream.source = 'SELECT 4 AS n';
    await r.run(upstream.id);
    expect(order).toEqual(['upstream_n', 'from_template']);
    expect(await rows('SELECT m FROM from_template')).toEqual([{ m: 8 }]);
  });
});

describe('inputs', () => {
  it('are variables in TS and bound parameters in its SQL; changing one re-runs exactly its dependants', async () => {
    const min = input('min_amount', 'number', '25');
    const who = input('who', 'text', "O'Brien; DROP TABLE deals; -- é 🚀");
    const ts = makeCell(
      'ts',
      'const big = await sql`SELECT deal_id FROM deals WHERE amount >= $min_amount AND status = ${"won"} ORDER BY deal_id`;\nreturn big.map((d) => ({ deal_id: d.deal_id, min: min_amount, who }));',
      'big_deals',
    );
    const unrelated = makeCell('ts', 'return [{ who }];', 'echo_who');
    const cells = [min, who, ts, unrelated];
    const r = await notebook(cells);
    await r.runAll();
    // the inputs it uses as variables, then the table its SQL reads
    expect(r.state(ts.id).reads).toEqual(['min_amount', 'who', 'deals']);
    // won deals of 25 or more: 1 (100), 2 (50), 3 (30)
    expect(await rows('SELECT deal_id, min, who FROM big_deals')).toEqual([
      { deal_id: 1, min: 25, who: "O'Brien; DROP TABLE deals; -- é 🚀" },
      { deal_id: 2, min: 25, who: "O'Brien; DROP TABLE deals; -- é 🚀" },
      { deal_id: 3, min: 25, who: "O'Brien; DROP TABLE deals; -- é 🚀" },
    ]);
    expect(await rows('SELECT count(*) AS n FROM deals')).toEqual([{ n: 5 }]);
    const order = runOrder(r, cells);
    min.attrs[1]!.value = '60';
    await r.run(min.id);
    expect(order).toEqual(['min_amount', 'big_deals']);
    expect(await rows('SELECT deal_id FROM big_deals')).toEqual([{ deal_id: 1 }]);
  });
});

describe('results', () => {
  it('keeps returned records with the SQL types their values imply', async () => {
    const ts = makeCell(
      'ts',
      [
        'return [',
        "  { i: 1, f: 1.5, s: 'é', b: true, d: new Date(Date.UTC(2025, 0, 31)), t: new Date(Date.UTC(2025, 0, 31, 12, 30)), n: null },",
        '  { i: -2, f: 2, s: null, b: false, d: null, t: new Date(Date.UTC(2025, 0, 1)), n: null },',
        '];',
      ].join('\n'),
      'typed',
    );
    const r = await notebook([ts]);
    await r.runAll();
    expect(r.state(ts.id).status).toBe('done');
    const types = await rows("SELECT column_name AS c, column_type AS t FROM (DESCRIBE cells.typed)");
    // f mixes 1.5 and 2: a DOUBLE; t mixes a midnight and a 12:30: TIMESTAMP; n is only nulls: VARCHAR
    expect(types).toEqual([
      { c: 'i', t: 'BIGINT' },
      { c: 'f', t: 'DOUBLE' },
      { c: 's', t: 'VARCHAR' },
      { c: 'b', t: 'BOOLEAN' },
      { c: 'd', t: 'DATE' },
      { c: 't', t: 'TIMESTAMP' },
      { c: 'n', t: 'VARCHAR' },
    ]);
    expect(await rows('SELECT i, f, s, b, CAST(d AS VARCHAR) AS d, CAST(t AS VARCHAR) AS t, n FROM typed ORDER BY i DESC')).toEqual([
      { i: 1, f: 1.5, s: 'é', b: true, d: '2025-01-31', t: '2025-01-31 12:30:00', n: null },
      { i: -2, f: 2, s: null, b: false, d: null, t: '2025-01-01 00:00:00', n: null },
    ]);
  });

  it('keeps a list of plain values as one column, and an empty list as an empty table', async () => {
    const values = makeCell('ts', "return ['a', null, 'c'];", 'plain_values');
    const empty = makeCell('ts', 'return [];', 'nothing_back');
    const reader = makeCell('sql', 'SELECT (SELECT count(*) FROM nothing_back) AS n, (SELECT string_agg(value, \',\') FROM plain_values) AS v', 'reads_both');
    const r = await notebook([values, empty, reader]);
    await r.runAll();
    expect(r.state(empty.id).result).toMatchObject({ relation: 'cells."nothing_back"', rowCount: 0 });
    // string_agg skips the null
    expect(await rows('SELECT * FROM reads_both')).toEqual([{ n: 0, v: 'a,c' }]);
  });

  it('passes dates of other cells in as Date objects', async () => {
    const dated = makeCell('sql', "SELECT DATE '2025-03-01' AS d", 'dated');
    const ts = makeCell('ts', 'return dated.map((r) => ({ is_date: r.d instanceof Date, day: r.d.toISOString().slice(0, 10) }));', 'day_of');
    const r = await notebook([dated, ts]);
    await r.runAll();
    expect(await rows('SELECT * FROM day_of')).toEqual([{ is_date: true, day: '2025-03-01' }]);
  });

  it('shows displays and a returned non-table value, keeping no table', async () => {
    const ts = makeCell('ts', "display('**bold**');\nconsole.log('a');\nconsole.log('b');\ndisplay([{ x: 1 }, { x: 2 }]);\nreturn 6 * 7;", 'shown');
    const r = await notebook([ts]);
    await r.runAll();
    expect(r.state(ts.id).result).toMatchObject({
      relation: null,
      displays: [
        { kind: 'markdown', text: '**bold**' },
        { kind: 'text', text: 'a\nb' },
        { kind: 'table', rows: [[1], [2]], rowCount: 2, columns: [{ name: 'x', kind: 'integer' }] },
        { kind: 'text', text: '42' },
      ],
    });
  });

  it('refuses a column that mixes types, naming it', async () => {
    const ts = makeCell('ts', "return [{ v: 1 }, { v: 'two' }];", 'mixed');
    const r = await notebook([ts]);
    await r.runAll();
    expect(r.state(ts.id).error).toMatchObject({ message: 'Column "v" of the result of mixed mixes numbers and text (row 2).' });
  });

  it('refuses to copy a very large relation into a variable, pointing to sql', async () => {
    await engine.query(`CREATE TABLE big AS SELECT range AS id FROM range(${VARIABLE_ROW_CAP + 1})`);
    const ts = makeCell('ts', 'return [{ n: big.length }];', 'too_big');
    const r = await notebook([ts]);
    await r.runAll();
    expect(r.state(ts.id).error).toMatchObject({
      message: 'big has 100,001 rows, more than the 100,000 a TypeScript cell takes as a variable.',
      hint: expect.stringContaining('sql`SELECT … FROM big'),
    });
    await engine.query('DROP TABLE big');
  });
});

describe('errors and runaway code', () => {
  it('shows a runtime error at the line and column of the TypeScript source', async () => {
    // line 3 is "const n: number = (null as any).x;" — V8 points at `x`, the 33rd character of the source
    // line (the transpiled line, without the types, is shorter)
    const ts = makeCell('ts', 'const a: number = 1;\nconst b: string = "x";\nconst n: number = (null as any).x;\nreturn [];', 'broken');
    const r = await notebook([ts]);
    await r.runAll();
    expect(r.state(ts.id).error).toMatchObject({
      message: "Line 3, column 33: TypeError: Cannot read properties of null (reading 'x')",
      hint: expect.stringContaining('at line 3, column 33'),
    });
  });

  it('shows a syntax error at its position without running anything', async () => {
    const ts = makeCell('ts', 'const a = [1, 2;\nreturn a;', 'unparsable');
    const r = await notebook([ts]);
    await r.runAll();
    // "const a = [1, 2;": the ";" is the 16th character; the parser wanted another element or "]"
    expect(r.state(ts.id).error).toMatchObject({ message: 'Line 1, column 16: Unexpected token, expected ","' });
  });

  it('explains a refused network request at its position', async () => {
    const ts = makeCell('ts', "const page = await fetch('https://example.com/');\nreturn [];", 'phones_home');
    const r = await notebook([ts]);
    await r.runAll();
    // `fetch` is the 20th character of the first line
    expect(r.state(ts.id).error).toMatchObject({
      message: 'Line 1, column 20: NetworkDisabledError: fetch is not available. Longtail keeps your data on this machine: network access is disabled in cells.',
      hint: expect.stringMatching(/^The code at line 1, column 20 tried to reach the network\. Longtail keeps your data on this machine/),
    });
  });

  it('stops an infinite loop at the time limit, keeping the previous result, other results and the data', async () => {
    const keep = makeCell('sql', 'SELECT 1 AS kept', 'kept');
    const loop = makeCell('ts', 'return [{ v: 1 }];', 'loops');
    loop.attrs = [{ key: 'timeout', value: '0.5' }];
    const cells = [keep, loop];
    const r = await notebook(cells);
    await r.runAll();
    loop.source = 'let i = 0;\nwhile (true) i++;';
    await r.run(loop.id);
    expect(r.state(loop.id)).toMatchObject({ status: 'error', error: { message: 'Stopped after 0.5 s, the time limit of this cell.' } });
    expect(r.state(loop.id).result!.relation).toBe('cells."loops"');
    expect(await rows('SELECT * FROM loops')).toEqual([{ v: 1 }]);
    expect(await rows('SELECT * FROM kept')).toEqual([{ kept: 1 }]);
    expect(await rows('SELECT count(*) AS n FROM deals')).toEqual([{ n: 5 }]);
    // the notebook keeps working: a fresh worker runs the next TS cell
    loop.source = 'return [{ v: 2 }];';
    await r.run(loop.id);
    expect(await rows('SELECT * FROM loops')).toEqual([{ v: 2 }]);
  });

  it('Stop on the runner reaches the worker', async () => {
    const loop = makeCell('ts', 'for (;;) {}', 'spin');
    const after = makeCell('sql', 'SELECT 1 AS x', 'after_spin');
    const r = await notebook([loop, after]);
    const running = new Promise<void>((resolve) => r.subscribe((id) => id === loop.id && r.state(loop.id).status === 'running' && resolve()));
    const run = r.runAll();
    await running;
    await new Promise((res) => setTimeout(res, 100));
    await r.stop();
    await run;
    expect(r.state(loop.id)).toMatchObject({ status: 'error', error: { message: 'Stopped.' } });
    // Stop drops what was queued
    expect(r.state(after.id).status).toBe('idle');
    await r.run(after.id);
    expect(r.state(after.id).status).toBe('done');
  });
});

describe('the guard (issue 15.2) holds for sql`…` calls too', () => {
  it('asks before a TS cell deletes rows of an imported table, keeps the version before, and refuses with no one to ask', async () => {
    await engine.query('CREATE OR REPLACE TABLE guarded AS SELECT * FROM (VALUES (1, 10.0), (2, 20.0), (3, 30.0)) t(id, amount)');
    const cell = makeCell('ts', 'await sql`DELETE FROM guarded WHERE id = ${1}`;\nreturn (await sql`SELECT count(*) AS n FROM guarded`)[0].n;', 'tsdel');
    const asked: string[] = [];
    const r = new Runner(engine, () => [cell], kinds, {
      confirmDestructive: async (changes) => {
        asked.push(...changes.map((c) => `${c.action} ${c.name} ${c.rows}`));
        return true;
      },
    });
    await r.init();
    await r.runAll();
    expect(r.state(cell.id).status).toBe('done');
    expect(asked).toEqual(['delete guarded 3']);
    expect(await rows('SELECT sum(amount) AS s FROM guarded')).toEqual([{ s: 50 }]);
    const [kept] = await listBin(engine);
    expect(kept).toMatchObject({ name: 'guarded', reason: 'delete', rows: 3 });
    await emptyBin(engine);

    const refused = new Runner(engine, () => [cell], kinds);
    await refused.init();
    await refused.runAll();
    expect(refused.state(cell.id).status).toBe('error');
    expect(refused.state(cell.id).error?.message).toMatch(/would delete rows of table guarded \(2 rows\), and nothing here can ask you first/);
    expect(await rows('SELECT count(*) AS n FROM guarded')).toEqual([{ n: 2 }]);
    await engine.query('DROP TABLE guarded');
  });
});
