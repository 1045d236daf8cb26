/**
 * The differential test: every template notebook, run on the demo workspace by the same runner on
 * DuckDB-WASM (src/engine/node.ts, the browser's engine build) and on native DuckDB (src/engine/native.ts),
 * gives the same result in every cell — same status, same columns and types, same rows, same chart data.
 *
 * Rows are compared in order where the cell's query ends with ORDER BY (rows tied on the sort may swap),
 * as multisets otherwise; DOUBLE values may differ by a relative 1e-9, where native DuckDB sums in
 * another order on several threads; chart specs compare their inline data the same way (see
 * compare.ts). Nothing else is tolerated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load';
import { createNativeEngine } from '../../src/engine/native';
import type { Engine } from '../../src/engine/types';
import { plainRows } from '../../src/engine/values';
import { parseNotebook } from '../../src/notebook/format';
import type { Cell } from '../../src/notebook/model';
import { Runner } from '../../src/notebook/runner';
import { cellKinds } from '../../src/app/kinds';
import { createTsTestEngine } from '../notebook/ts/engine';
import { compareResults, hasTopLevelOrderBy, sameJson, TOLERANCE } from './compare';

const TEMPLATES = readdirSync(new URL('../../notebooks/', import.meta.url)).filter((f) => f.endsWith('.md')).sort();

let wasm: Engine;
let native: Engine;
beforeAll(async () => {
  [wasm, native] = await Promise.all([createTsTestEngine(), createNativeEngine()]);
  await Promise.all([loadDemo(wasm), loadDemo(native)]);
}, 300_000);
afterAll(async () => {
  await native?.close();
  await wasm?.close();
});

async function runAll(engine: Engine, cells: Cell[]): Promise<Runner> {
  const runner = new Runner(engine, () => cells, cellKinds());
  await runner.init();
  await runner.runAll();
  return runner;
}

it('finds the templates', () => {
  expect(TEMPLATES.length).toBeGreaterThanOrEqual(11);
  expect(TOLERANCE).toBe(1e-9);
});

describe.each(TEMPLATES)('%s on wasm and native', (file) => {
  const notebook = parseNotebook(readFileSync(new URL(`../../notebooks/${file}`, import.meta.url), 'utf8'));
  const code = notebook.cells.filter((c) => c.kind !== 'markdown');
  let left: Runner;
  let right: Runner;
  beforeAll(async () => {
    left = await runAll(wasm, notebook.cells);
    right = await runAll(native, notebook.cells);
  }, 300_000);

  it('every cell ends the same way (all done on the demo)', () => {
    const outcome = (r: Runner) => code.map((c) => ({ cell: c.name || c.kind, status: r.state(c.id).status, error: r.state(c.id).error?.message }));
    expect(outcome(right)).toEqual(outcome(left));
    expect(outcome(left).filter((o) => o.status !== 'done')).toEqual([]);
  });

  it('every cell gives the same rows', async () => {
    let compared = 0;
    for (const cell of code) {
      const [a, b] = [left.state(cell.id).result, right.state(cell.id).result];
      if (!a || !b) continue;
      expect({ cell: cell.name, rowCount: b.rowCount }).toEqual({ cell: cell.name, rowCount: a.rowCount });
      const rowsOf = async (engine: Engine, relation: string | null, inline: unknown) =>
        relation ? plainRows(await engine.query(`SELECT * FROM ${relation}`)) : ((inline as ReturnType<typeof plainRows>) ?? []);
      const sql = cell.kind === 'sql' ? cell.source : (a.generatedSql ?? '');
      const diff = compareResults(
        { columns: a.columns, rows: await rowsOf(wasm, a.relation, a.inline) },
        { columns: b.columns, rows: await rowsOf(native, b.relation, b.inline) },
        hasTopLevelOrderBy(sql),
      );
      expect({ cell: cell.name, diff }).toEqual({ cell: cell.name, diff: null });
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('every chart draws the same data', () => {
    for (const cell of code.filter((c) => c.kind === 'chart')) {
      const spec = (r: Runner) => r.state(cell.id).result?.displays?.find((d) => d.kind === 'vega-lite');
      const [a, b] = [spec(left), spec(right)];
      expect({ cell: cell.name, drawn: !!a && !!b }).toEqual({ cell: cell.name, drawn: true });
      if (a?.kind !== 'vega-lite' || b?.kind !== 'vega-lite') continue;
      expect({ cell: cell.name, same: sameJson(a.spec, b.spec) }).toEqual({ cell: cell.name, same: true });
    }
  });
});
