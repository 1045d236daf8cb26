/**
 * Longtail's side of one data set, in a tab of its own: imports (the app's pipeline against a bare
 * read_csv of the same File, alternated so neither always runs on a warmer engine), then the analyses
 * warm, then "run all" of every template notebook, then the tab's peak memory.
 *
 * Every call has a time limit. A call that passes it leaves the tab busy, so the tab is thrown away
 * and the next step gets a new one with the data set imported again (PageHost): one stuck analysis
 * costs its time limit, not the rest of the run.
 */
import type { DataFile, WorkspaceTable } from './data';
import { BENCH_ANALYSES } from './analyses';
import { bareCsvOptions } from './bare-csv';
import { formatRatio } from './format';
import { BenchPage } from './page-driver';
import { TimeLimitError } from './time-limit';
import type { BenchApi, EngineInfo, PageFailure, PipelineOptions, PipelineTiming, StartOptions } from './page/protocol';
import type { DataSetPlan } from './plan';
import type { Results } from './results';
import { ratio, summarize, type Figure } from './stats';
import { parseNotebook } from '../src/notebook/format';

export const PIPELINE = 'Import: app pipeline (drop → queryable table)';
export const BARE = 'Import: bare DuckDB-WASM read_csv (quote given), same page';
export const OVERHEAD = 'Import: pipeline ÷ bare read_csv';
/** The same pipeline on DuckDB's multi-threaded build, which the app does not run (src/engine/browser.ts). */
export const PIPELINE_THREADED = 'Import: app pipeline, multi-threaded build (file copied into memory)';
/** The churn models' fits against the SQL that feeds them (issue 16.4), the single-threaded build. */
export const FIT_SQL = 'churn model: SQL giving the grouped statistics (churnStatsSql)';
export const FIT = 'churn model: BG/NBD and Gamma-Gamma fits on those statistics (JS)';
export const threadedRow = (id: string) => `${id} (multi-threaded build)`;

/**
 * The 1 M workspace as the app keeps it (src/store/startup.ts): its tables in a DuckDB file in OPFS,
 * checkpointed at every commit, under the memory limit the engine sets (src/engine/memory.ts).
 */
export const APP_STORAGE: StartOptions = { build: 'single', path: 'opfs://bench-workspace.duckdb', settings: ["SET checkpoint_threshold = '1B'"] };

/** Above these, a step counts as stuck (the slowest expected, 5 M rows on a loaded machine, is well under). */
const ANALYSIS_LIMIT_MS = 60_000;
const NOTEBOOK_LIMIT_MS = 120_000;
const IMPORT_LIMIT_MS = 300_000;

export interface SetFiles {
  deals: DataFile;
  partners?: DataFile;
  workspace?: Record<WorkspaceTable, DataFile>;
}

export interface Template {
  file: string;
  text: string;
}

export interface PageSetDetails {
  engineVersion: string;
  engineStartMs: number;
  /** The DuckDB build, threads and memory limit the tab ran with. */
  engine: EngineInfo;
  phases: Record<'inspect' | 'preview' | 'import' | 'mapping', Figure | null>;
  peakMemoryBytes: number | null;
  /** Tabs used: more than one when a stuck step forced a new tab. */
  tabs: number;
}

/**
 * Analyses that failed in the page, by data set. An analysis that failed on a data set is not tried
 * on bigger ones (sets run smallest first), and a notebook calling it is not run on that set: both
 * would only fail again, slowly.
 */
export class FailedAnalyses {
  private readonly failed = new Map<string, string[]>();

  record(id: string, set: string): void {
    this.failed.set(id, [...(this.failed.get(id) ?? []), set]);
  }

  /** The first data set `id` failed on, if any. */
  first(id: string): string | undefined {
    return this.failed.get(id)?.[0];
  }

  on(id: string, set: string): boolean {
    return this.failed.get(id)?.includes(set) ?? false;
  }
}

/** Analyses a notebook's `analysis` cells call. */
export function analysesCalled(text: string): string[] {
  return parseNotebook(text)
    .cells.filter((c) => c.kind === 'analysis')
    .map((c) => /^\s*function\s*:\s*(\S+)/m.exec(c.source)?.[1])
    .filter((id): id is string => id !== undefined);
}

function ok(t: PipelineTiming | PageFailure, what: string): PipelineTiming {
  if ('failed' in t) throw new Error(`${what} failed after ${Math.round(t.elapsedMs)} ms: ${t.message} ${t.hint}`.trim());
  return t;
}

/** The French export's headers are not the canonical ones: the dialog's mapping step makes `deals` of it. */
function dealsTarget(set: DataSetPlan): Pick<PipelineOptions, 'table' | 'mapTo'> {
  return set.locale === 'en' ? { table: 'deals' } : { table: 'deals_export', mapTo: 'deals' };
}

/** The tab of a data set, replaced by a new one (its tables imported again) after a stuck step. */
class PageHost {
  private page: BenchPage | null = null;
  private peak: number | null = null;
  private tablesLoaded = false;
  tabs = 0;

  constructor(
    private readonly url: string,
    private readonly set: DataSetPlan,
    private readonly files: SetFiles,
    private readonly start: StartOptions = { build: 'single' },
    /** Tables besides deals that the tab gets: all of the set's, or partners only (what the analyses read). */
    private readonly tables: 'all' | 'partners' = 'all',
  ) {}

  private workspace(): Record<string, DataFile> {
    return this.tables === 'all' ? (this.files.workspace ?? {}) : {};
  }

  private paths(): string[] {
    const f = this.files;
    return [f.deals.path, ...(f.partners ? [f.partners.path] : []), ...Object.values(this.workspace()).map((d) => d.path)];
  }

  /** Opens a tab and starts the engine; a replacement tab also gets the tables back. */
  async open(): Promise<EngineInfo> {
    this.page = await BenchPage.open(this.url, this.paths());
    this.tabs++;
    const engine = await this.page.call('start', [this.start]);
    if (this.tablesLoaded) {
      ok(await this.page.call('pipeline', [{ file: 0, ...dealsTarget(this.set) }], IMPORT_LIMIT_MS), `Import of ${this.set.label}`);
      await this.importOthers();
    }
    return engine;
  }

  /** The other tables go in through the pipeline too, untimed: they are the analyses' and notebooks' workspace. */
  async loadTables(): Promise<void> {
    await this.importOthers();
    this.tablesLoaded = true;
  }

  private async importOthers(): Promise<void> {
    const names = [...(this.files.partners ? ['partners'] : []), ...Object.keys(this.workspace())];
    for (const [k, table] of names.entries()) ok(await this.call('pipeline', [{ file: k + 1, table }], IMPORT_LIMIT_MS), `Import of ${table}`);
  }

  async call<M extends keyof BenchApi>(method: M, args: Parameters<BenchApi[M]>, limitMs: number): Promise<Awaited<ReturnType<BenchApi[M]>>> {
    if (!this.page) await this.open();
    try {
      return await this.page!.call(method, args, limitMs);
    } catch (err) {
      if (err instanceof TimeLimitError || this.page!.page.isClosed()) await this.discard();
      throw err;
    }
  }

  private async discard(): Promise<void> {
    if (!this.page) return;
    this.peak = Math.max(this.peak ?? 0, (await this.page.peakMemory()) ?? 0);
    await this.page.close();
    this.page = null;
  }

  /** The highest peak of the tabs used. */
  async peakMemory(): Promise<number | null> {
    if (this.page) this.peak = Math.max(this.peak ?? 0, (await this.page.peakMemory()) ?? 0);
    return this.peak || null;
  }

  async close(): Promise<void> {
    if (this.page?.pageErrors.length) console.error(`  page errors: ${this.page.pageErrors.join(' | ')}`);
    await this.page?.close();
    this.page = null;
  }
}

async function imports(host: PageHost, set: DataSetPlan, results: Results): Promise<PipelineTiming[]> {
  const target = dealsTarget(set);
  const timings: PipelineTiming[] = [];
  const bare: number[] = [];
  for (let k = 0; k < set.runs; k++) {
    bare.push((await host.call('bare', [0, 'bare_deals', bareCsvOptions(set.locale)], IMPORT_LIMIT_MS)).totalMs);
    await host.call('drop', [['bare_deals', 'deals', 'deals_export']], IMPORT_LIMIT_MS);
    // The last pipeline import stays: the analyses run on it.
    timings.push(ok(await host.call('pipeline', [{ file: 0, ...target }], IMPORT_LIMIT_MS), `Import of ${set.label}`));
  }
  const pipeline = summarize(timings.map((t) => t.totalMs));
  const bareFigure = summarize(bare);
  results.row('Import', PIPELINE, set.label, 'ms').longtail = pipeline;
  results.row('Import', BARE, set.label, 'ms').longtail = bareFigure;
  results.row('Import', OVERHEAD, set.label, 'ms').text = formatRatio(ratio(pipeline, bareFigure));
  return timings;
}

async function analyses(host: PageHost, set: DataSetPlan, failed: FailedAnalyses, results: Results, rowName: (id: string) => string = (id) => id): Promise<void> {
  for (const id of BENCH_ANALYSES) {
    const row = results.row('Analytics, warm', rowName(id), set.label, 'ms');
    const before = failed.first(id);
    if (before) {
      results.failCell(row, 'longtail', new Error(`not tried: it failed on ${before}`));
      failed.record(id, set.label);
      continue;
    }
    try {
      await host.call('analysis', [id, {}], ANALYSIS_LIMIT_MS);
      const runs: number[] = [];
      for (let k = 0; k < set.runs; k++) runs.push((await host.call('analysis', [id, {}], ANALYSIS_LIMIT_MS)).ms);
      row.longtail = summarize(runs);
    } catch (err) {
      failed.record(id, set.label);
      results.failCell(row, 'longtail', err);
    }
  }
}

/** The churn models' SQL and fits timed apart, a warm-up first. */
async function fits(host: PageHost, set: DataSetPlan, results: Results): Promise<void> {
  const sqlRow = results.row('Analytics, warm', FIT_SQL, set.label, 'ms');
  const fitRow = results.row('Analytics, warm', FIT, set.label, 'ms');
  try {
    await host.call('fit', [], ANALYSIS_LIMIT_MS);
    const runs = [];
    for (let k = 0; k < set.runs; k++) runs.push(await host.call('fit', [], ANALYSIS_LIMIT_MS));
    sqlRow.longtail = summarize(runs.map((r) => r.sqlMs));
    fitRow.longtail = summarize(runs.map((r) => r.fitMs));
    fitRow.what = `${FIT}, ${runs[0]!.groups} groups`;
  } catch (err) {
    results.failCell(sqlRow, 'longtail', err);
    results.failCell(fitRow, 'longtail', err);
  }
}

async function notebooks(host: PageHost, set: DataSetPlan, templates: readonly Template[], runs: number, failed: FailedAnalyses, results: Results): Promise<void> {
  for (const t of templates) {
    const row = results.row('Notebooks, run all', t.file, set.label, 'ms');
    const blocker = analysesCalled(t.text).find((id) => failed.on(id, set.label));
    if (blocker) {
      results.failCell(row, 'longtail', new Error(`not run: it calls ${blocker}, which failed on ${set.label}`));
      continue;
    }
    try {
      const times: number[] = [];
      for (let k = 0; k < runs; k++) {
        const r = await host.call('notebook', [t.text], NOTEBOOK_LIMIT_MS);
        if (r.problems.length) throw new Error(r.problems.map((p) => `cell ${p.name || '(unnamed)'} ${p.status}: ${p.message}`).join('; '));
        times.push(r.ms);
      }
      row.longtail = summarize(times);
    } catch (err) {
      results.failCell(row, 'longtail', err);
    }
  }
}

function phase(timings: readonly PipelineTiming[], pick: (t: PipelineTiming) => number | null): Figure | null {
  const values = timings.map(pick).filter((v): v is number => v !== null);
  return values.length ? summarize(values) : null;
}

export async function measurePage(
  url: string,
  set: DataSetPlan,
  files: SetFiles,
  templates: readonly Template[],
  notebookRuns: number,
  failed: FailedAnalyses,
  results: Results,
): Promise<PageSetDetails> {
  const host = new PageHost(url, set, files);
  try {
    const engine = await host.open();
    let timings: PipelineTiming[] = [];
    try {
      timings = await imports(host, set, results);
    } catch (err) {
      results.failCell(results.row('Import', PIPELINE, set.label, 'ms'), 'longtail', err);
    }
    if (timings.length && (set.analytics || set.notebooks)) {
      await host.loadTables();
      if (set.analytics) {
        await analyses(host, set, failed, results);
        await fits(host, set, results);
      }
      if (set.notebooks) await notebooks(host, set, templates, notebookRuns, failed, results);
    }
    const peakMemoryBytes = await host.peakMemory();
    if (peakMemoryBytes !== null) {
      const what = `Peak memory of the tab (${['imports', set.analytics && 'analyses', set.notebooks && 'notebooks'].filter(Boolean).join(', ')})`;
      results.row('Memory and size', what, set.label, 'bytes').longtail = summarize([peakMemoryBytes]);
    }
    return {
      engineVersion: engine.version,
      engineStartMs: engine.startMs,
      engine,
      phases: {
        inspect: phase(timings, (t) => t.inspectMs),
        preview: phase(timings, (t) => t.previewMs),
        import: phase(timings, (t) => t.importMs),
        mapping: phase(timings, (t) => t.mappingMs),
      },
      peakMemoryBytes,
      tabs: host.tabs,
    };
  } finally {
    await host.close();
  }
}

export interface ThreadedDetails {
  engine: EngineInfo | null;
  peakMemoryBytes: number | null;
}

/**
 * DuckDB's multi-threaded build on the same data set, in a tab of its own (the page cross-origin
 * isolated): the import pipeline and the analyses, in rows beside the single-threaded ones. Measured to
 * tell whether the app should run it; the app does not (why: src/engine/browser.ts).
 */
export async function measureThreaded(url: string, set: DataSetPlan, files: SetFiles, failed: FailedAnalyses, results: Results): Promise<ThreadedDetails> {
  const host = new PageHost(url, set, files, { build: 'threaded' }, 'partners');
  const importRow = results.row('Import', PIPELINE_THREADED, set.label, 'ms');
  try {
    const engine = await host.open();
    if (engine.bundle !== 'coi') throw new Error(`the multi-threaded build did not start: ${engine.reason}`);
    const timings: number[] = [];
    for (let k = 0; k < set.runs; k++) timings.push(ok(await host.call('pipeline', [{ file: 0, ...dealsTarget(set) }], IMPORT_LIMIT_MS), `Import of ${set.label}`).totalMs);
    importRow.longtail = summarize(timings);
    if (set.analytics) {
      await host.loadTables();
      await analyses(host, set, failed, results, threadedRow);
    }
    return { engine, peakMemoryBytes: await host.peakMemory() };
  } catch (err) {
    results.failCell(importRow, 'longtail', err);
    return { engine: null, peakMemoryBytes: await host.peakMemory().catch(() => null) };
  } finally {
    await host.close();
  }
}

export const APP_MEMORY = 'Peak memory of the tab, the workspace as the app keeps it (OPFS database): imports, analyses, notebooks';

/**
 * The tab's peak for a workspace kept as the app keeps it (APP_STORAGE), everything run once: the
 * import pipeline for every table, the analyses, the template notebooks. Its own row; a notebook that
 * fails is listed in the row, not counted as a failed measurement (the notebook rows say so already).
 */
export async function measureAppMemory(url: string, set: DataSetPlan, files: SetFiles, templates: readonly Template[], failed: FailedAnalyses, results: Results): Promise<EngineInfo | null> {
  const host = new PageHost(url, set, files, APP_STORAGE);
  const row = results.row('Memory and size', APP_MEMORY, set.label, 'bytes');
  try {
    const engine = await host.open();
    ok(await host.call('pipeline', [{ file: 0, ...dealsTarget(set) }], IMPORT_LIMIT_MS), `Import of ${set.label}`);
    await host.loadTables();
    const problems: string[] = [];
    for (const id of BENCH_ANALYSES) {
      if (failed.on(id, set.label)) continue;
      await host.call('analysis', [id, {}], ANALYSIS_LIMIT_MS).catch((e: unknown) => problems.push(`${id}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`));
    }
    for (const t of templates) {
      if (analysesCalled(t.text).some((id) => failed.on(id, set.label))) continue;
      const r = await host.call('notebook', [t.text], NOTEBOOK_LIMIT_MS).catch((e: unknown) => ({ problems: [{ name: '', status: 'error', message: String(e) }] }));
      if (r.problems.length) problems.push(`${t.file} (${r.problems.length} cells not done)`);
    }
    const peak = await host.peakMemory();
    if (peak === null) throw new Error('the tab\'s peak memory could not be read');
    row.longtail = summarize([peak]);
    row.what = `${APP_MEMORY} (DuckDB memory_limit ${engine.memoryLimit})${problems.length ? `; not done: ${problems.join(', ')}` : ''}`;
    return engine;
  } catch (err) {
    results.failCell(row, 'longtail', err);
    return null;
  } finally {
    await host.close();
  }
}
