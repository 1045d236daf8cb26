/**
 * The bench page: the app's own modules (engine, import pipeline, analytics, notebook runner) without
 * its UI, driven from Node through `window.longtailBench`. Files arrive through a real file input
 * (`page.setInputFiles`), so the import starts from a `File` exactly as a drop in the app does.
 */
import { createBrowserEngine, type BrowserEngine } from '../../src/engine/browser';
import { THREADED_BUNDLE } from '../../src/engine/threaded-bundle';
import { plainObjects } from '../../src/engine/values';
import { createMappedView, ImportError, importFile, inspectFile, previewImport, proposeForTable, SIZE_LIMITS, type SizeLimits } from '../../src/ingest';
import { churnStatsSql, fitChurnModelFromStats, type AnalysisContext, type ParamValues } from '../../src/analytics';
import { defaultParams, definition } from '../analyses';
import { parseNotebook } from '../../src/notebook/format';
import { Runner } from '../../src/notebook/runner';
import type { BenchApi, PageFailure, PipelineOptions } from './protocol';
import { cellKinds } from '../../src/app/kinds';

let engine: BrowserEngine | null = null;

function need(): BrowserEngine {
  if (!engine) throw new Error('The engine is not started: call start() first.');
  return engine;
}

function fileAt(index: number): File {
  const input = document.querySelector<HTMLInputElement>('#files');
  const file = input?.files?.[index];
  if (!file) throw new Error(`No file #${index} in the file input.`);
  return file;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function count(relation: string): Promise<number> {
  const t = await need().query(`SELECT count(*) AS n FROM ${quoted(relation)}`);
  return Number(t.getChildAt(0)?.get(0));
}

function failure(err: unknown, started: number): PageFailure {
  const elapsedMs = performance.now() - started;
  if (err instanceof ImportError) return { failed: true, code: err.code, message: err.message, hint: err.hint, elapsedMs };
  return { failed: true, code: null, message: err instanceof Error ? err.message : String(err), hint: '', elapsedMs };
}

/** Without the guard: how far the engine itself goes (the largest-table probe). */
const NO_LIMITS: SizeLimits = Object.fromEntries(Object.keys(SIZE_LIMITS).map((k) => [k, Number.MAX_SAFE_INTEGER])) as unknown as SizeLimits;

/** The steps the import dialog takes for a dropped file: inspect, preview, import, and the mapping step. */
async function pipeline(o: PipelineOptions) {
  const db = need();
  const file = fileAt(o.file);
  const limits = o.unlimited ? NO_LIMITS : SIZE_LIMITS;
  const t0 = performance.now();
  try {
    const insp = await inspectFile(file, { limits });
    const t1 = performance.now();
    await previewImport(db, insp, insp.settings);
    const t2 = performance.now();
    const { table } = await importFile(db, insp, insp.settings, { table: o.table, replace: true, limits });
    const t3 = performance.now();
    let mappingMs: number | null = null;
    if (o.mapTo) {
      const proposal = await proposeForTable(db, table);
      await createMappedView(db, o.mapTo, table, proposal.mapping);
      mappingMs = performance.now() - t3;
    }
    const totalMs = performance.now() - t0;
    return { inspectMs: t1 - t0, previewMs: t2 - t1, importMs: t3 - t2, mappingMs, totalMs, rows: await count(o.mapTo ?? table) };
  } catch (err) {
    return failure(err, t0);
  }
}

/** What DuckDB-WASM does alone with the same File: register it, let read_csv detect (almost) everything. */
async function bare(index: number, table: string, options: string, via: 'handle' | 'buffer' = 'handle') {
  const db = need();
  const name = `bench_bare_${index}.csv`;
  const t0 = performance.now();
  if (via === 'handle') await db.registerBlob(name, fileAt(index));
  else await db.registerFile(name, new Uint8Array(await fileAt(index).arrayBuffer()));
  await db.query(`CREATE OR REPLACE TABLE ${quoted(table)} AS SELECT * FROM read_csv('${name}'${options})`);
  const totalMs = performance.now() - t0;
  await db.dropFile(name);
  return { totalMs, rows: await count(table) };
}

async function drop(relations: string[]) {
  for (const r of relations) {
    await need().query(`DROP VIEW IF EXISTS ${quoted(r)}`).catch(() => undefined);
    await need().query(`DROP TABLE IF EXISTS ${quoted(r)}`).catch(() => undefined);
  }
}

/** Rows as the notebook's analysis cells give them to TypeScript analyses (dates as epoch ms). */
const context: AnalysisContext = {
  rows: async (sql) =>
    plainObjects(await need().query(sql)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v]))),
};

/** One analysis of the library, its result brought into JS as an analysis cell receives it. */
async function analysis(id: string, overrides: ParamValues) {
  const def = definition(id);
  const params = defaultParams(id, overrides);
  const t0 = performance.now();
  let rows: number;
  if (def.sql) rows = (await need().query(def.sql(params))).numRows;
  else if (def.compute) rows = (await def.compute(params, context)).length;
  else throw new Error(`${id} has neither SQL nor a computation.`);
  return { ms: performance.now() - t0, rows };
}

/** The SQL feeding the churn models (brought into JS as an analysis receives rows), then both fits on it. */
async function fit() {
  const t0 = performance.now();
  const rows = await context.rows(churnStatsSql());
  const t1 = performance.now();
  fitChurnModelFromStats(rows);
  return { sqlMs: t1 - t0, fitMs: performance.now() - t1, groups: rows.length };
}

/** "Run all" of a notebook, with the runner the app's session uses. */
async function notebook(text: string) {
  const nb = parseNotebook(text);
  const runner = new Runner(need(), () => nb.cells, cellKinds());
  await runner.init();
  const t0 = performance.now();
  await runner.runAll();
  const ms = performance.now() - t0;
  const code = nb.cells.filter((c) => c.kind !== 'markdown');
  const problems = code
    .map((c) => ({ c, s: runner.state(c.id) }))
    .filter(({ s }) => s.status !== 'done')
    .map(({ c, s }) => ({ name: c.name, status: s.status, message: s.error?.message ?? '' }));
  for (const c of code) await runner.forget(c);
  return { ms, cells: code.length, problems };
}

const api: BenchApi = {
  async start(options = { build: 'single' }) {
    const t0 = performance.now();
    const { build, ...rest } = options;
    engine = await createBrowserEngine(undefined, { ...rest, ...(build === 'threaded' ? { threaded: THREADED_BUNDLE } : {}) });
    const startMs = performance.now() - t0;
    const memoryLimit = String((await engine.query("SELECT current_setting('memory_limit') AS m")).getChildAt(0)?.get(0));
    return { version: engine.version, startMs, ...engine.build, memoryLimit };
  },
  pipeline,
  bare,
  drop,
  analysis,
  notebook,
  fit,
  async memory() {
    const t = await need().query(
      "SELECT tag, round(memory_usage_bytes / 1048576) AS mib FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY memory_usage_bytes DESC",
    );
    return Object.fromEntries(t.toArray().map((r) => [String(r.tag), Number(r.mib)]));
  },
  async ping() {
    const t0 = performance.now();
    await need().query('SELECT 42');
    return performance.now() - t0;
  },
};

window.longtailBench = api;
document.body.dataset.ready = 'true';
