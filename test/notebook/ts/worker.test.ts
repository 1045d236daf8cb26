/**
 * The worker protocol, with the real worker code in a Node worker thread: a run message in, `sql`
 * requests answered by the host, displays, the returned value or the error with its position in the
 * code; a time limit and Stop end a runaway worker, and the next run gets a fresh one.
 * The code here is plain JavaScript, so positions are those of the code as written.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { CellWorkerHost, RunAborted, type RunRequest, type SqlRequest } from '../../../src/notebook/ts/worker-host';
import type { WorkerDisplay } from '../../../src/notebook/ts/protocol';
import { nodeCellWorker } from './node-worker';

const host = new CellWorkerHost(nodeCellWorker);
afterAll(() => host.dispose());

function request(code: string, extra: Partial<RunRequest> = {}): RunRequest & { sql: SqlRequest[]; shown: WorkerDisplay[] } {
  const sql: SqlRequest[] = [];
  const shown: WorkerDisplay[] = [];
  return {
    code,
    names: [],
    values: [],
    timeoutMs: 10_000,
    onSql: async (r) => {
      sql.push(r);
      return [];
    },
    onDisplay: (d) => shown.push(d),
    sql,
    shown,
    ...extra,
  };
}

describe('a run', () => {
  it('sees the variables it is given and returns records', async () => {
    const r = request('return won.map((d) => ({ partner: d.partner, doubled: d.amount * factor }));', {
      names: ['won', 'factor'],
      values: [[{ partner: 'A', amount: 10 }, { partner: 'B', amount: 2.5 }], 2],
    });
    expect(await host.run(r)).toEqual({ ok: true, value: { kind: 'rows', rows: [{ partner: 'A', doubled: 20 }, { partner: 'B', doubled: 5 }] } });
  });

  it('sends each sql call as its literal parts and values, and gets the host answer back', async () => {
    const r = request("const n = 3;\nconst rows = await sql`SELECT * FROM deals WHERE amount > ${n} AND who = ${\"O'Brien\"}`;\nreturn rows;", {
      onSql: async (req) => {
        r.sql.push(req);
        return [{ amount: 4, who: "O'Brien" }];
      },
    });
    expect(await host.run(r)).toEqual({ ok: true, value: { kind: 'rows', rows: [{ amount: 4, who: "O'Brien" }] } });
    expect(r.sql).toHaveLength(1);
    expect(r.sql[0]).toMatchObject({
      type: 'sql',
      strings: ['SELECT * FROM deals WHERE amount > ', ' AND who = ', ''],
      values: [3, "O'Brien"],
      positional: false,
    });
  });

  it('sends sql.query(text, values) as one text with positional values', async () => {
    const r = request("await sql.query('SELECT $1 AS x', [7]);");
    expect(await host.run(r)).toEqual({ ok: true, value: { kind: 'none' } });
    expect(r.sql[0]).toMatchObject({ strings: ['SELECT $1 AS x'], values: [7], positional: true });
  });

  it('turns a failed sql call into an error at the call, with the host message', async () => {
    const r = request('const a = 1;\n  await sql`SELEC 1`;', {
      onSql: async () => {
        throw new Error('Parser Error: syntax error at or near "SELEC"');
      },
    });
    // V8 places a tagged call at its template: the backquote is the 12th character of "  await sql`SELEC 1`;"
    expect(await host.run(r)).toEqual({
      ok: false,
      error: { name: 'SQLError', message: 'Parser Error: syntax error at or near "SELEC"', at: { line: 2, column: 12 }, phase: 'run' },
    });
  });

  it('lets the cell catch a failed sql call', async () => {
    const r = request("try { await sql`SELECT nope`; } catch (e) { return e.message; }", {
      onSql: async () => {
        throw new Error('column nope not found');
      },
    });
    expect(await host.run(r)).toEqual({ ok: true, value: { kind: 'text', text: 'column nope not found' } });
  });

  it('sends displays and log lines in order', async () => {
    const r = request(
      "console.log('rows:', 2, { a: 1 });\ndisplay('# Title');\ndisplay([{ x: 1 }]);\ndisplay({ mark: 'bar', data: { values: [] } });\ndisplay(42);",
    );
    await host.run(r);
    expect(r.shown).toEqual([
      { kind: 'log', text: 'rows: 2 {\n  "a": 1\n}' },
      { kind: 'markdown', text: '# Title' },
      { kind: 'rows', rows: [{ x: 1 }] },
      { kind: 'vega-lite', spec: { mark: 'bar', data: { values: [] } } },
      { kind: 'text', text: '42' },
    ]);
  });

  it('returns an Arrow table as IPC bytes, built in the worker with apache-arrow', async () => {
    // apache-arrow compiles small functions with new Function: it must still work after the lockdown
    const out = await host.run(request("return arrow.tableFromArrays({ id: Int32Array.from([1, 2]), name: arrow.vectorFromArray(['a', null]) });"));
    expect(out.ok && out.value.kind).toBe('arrow');
    const t = tableFromIPC((out as { value: { ipc: Uint8Array } }).value.ipc);
    expect(t.toArray().map((row) => row.toJSON())).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: null },
    ]);
  });

  it('has the analytics library in scope', async () => {
    const out = await host.run(request("return typeof analytics.ANALYSES['rfm.scores'].sql;"));
    expect(out).toEqual({ ok: true, value: { kind: 'text', text: 'function' } });
  });
});

describe('errors', () => {
  it('reports a thrown error with the line and column of the throw', async () => {
    // "  throw new Error(…)": V8 points at `new`, the 9th character
    expect(await host.run(request('const a = 1;\n  throw new Error("boom")'))).toEqual({
      ok: false,
      error: { name: 'Error', message: 'boom', at: { line: 2, column: 9 }, phase: 'run' },
    });
  });

  it('reports a ReferenceError at the unknown name', async () => {
    expect(await host.run(request('let x = 1;\n  undefinedThing(x);'))).toMatchObject({
      error: { name: 'ReferenceError', message: 'undefinedThing is not defined', at: { line: 2, column: 3 } },
    });
  });

  it('reports an error inside a callback at the cell’s own frame, not the library’s', async () => {
    // toFixed throws natively; the first frame of the cell is the arrow, at `toFixed` (25th character)
    expect(await host.run(request('return [1].map((v) => v.toFixed(200));'))).toMatchObject({
      error: { name: 'RangeError', at: { line: 1, column: 25 } },
    });
  });

  it('reports a thrown non-error value without a position', async () => {
    expect(await host.run(request("throw 'plain text';"))).toEqual({
      ok: false,
      error: { name: 'Error', message: 'The cell threw plain text', at: null, phase: 'run' },
    });
  });

  it('reports a value that cannot be sent back', async () => {
    const out = await host.run(request('return [{ f: () => 1 }];'));
    expect(out).toMatchObject({ ok: false, error: { name: 'ReturnError' } });
  });
});

describe('runaway code', () => {
  it('ends an infinite loop at the time limit, then runs the next cell in a fresh worker', async () => {
    const started = Date.now();
    const run = host.run(request('while (true) {}', { timeoutMs: 300 }));
    await expect(run).rejects.toBeInstanceOf(RunAborted);
    await expect(run).rejects.toMatchObject({ reason: 'timeout', message: 'Stopped after 0.3 s, the time limit of this cell.' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await host.run(request('return [{ after: 1 }];'))).toEqual({ ok: true, value: { kind: 'rows', rows: [{ after: 1 }] } });
  });

  it('ends an infinite loop on Stop', async () => {
    const run = host.run(request('let n = 0;\nfor (;;) n++;'));
    setTimeout(() => host.stop(), 200);
    await expect(run).rejects.toMatchObject({ reason: 'stopped', message: 'Stopped.' });
    expect(host.stop()).toBe(false);
    expect(await host.run(request('return 1 + 1;'))).toEqual({ ok: true, value: { kind: 'text', text: '2' } });
  });

  it('runs cells one after the other when asked at once', async () => {
    const outs = await Promise.all([host.run(request('return [{ k: 1 }];')), host.run(request('return [{ k: 2 }];'))]);
    expect(outs.map((o) => (o.ok && o.value.kind === 'rows' ? o.value.rows : null))).toEqual([[{ k: 1 }], [{ k: 2 }]]);
  });
});
