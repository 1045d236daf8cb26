/**
 * The runner: keeps each cell's state, works out the dependency graph from what each cell reads, and
 * runs cells in dependency order — a cell and exactly its dependants, or everything. One run at a time
 * (later requests queue); Stop cancels the query in flight and drops what was queued. It knows nothing
 * of the UI: the UI subscribes to state changes.
 */
import type { Engine } from '../engine/types';
import { describeEngineError } from '../engine/errors';
import { i18nFor, type I18n } from '../i18n/i18n';
import { errorText, hintText, said, shown } from '../i18n/said';
import { inputError } from '../i18n/said-error';
import { attr, type Cell } from './model';
import { buildGraph, downstream, upstream, type Graph } from './graph';
import { CellInputError, type ExecContext } from './kinds/context';
import { RESULTS_SCHEMA, SEARCH_PATH } from '../catalog/schemas';
import { visibleRelations } from '../catalog/relations';
import { qualified } from '../sql/quote';
import type { CellKindRunner, CellKinds } from './kinds/types';
import { isQuery, paramNames, splitStatements } from './sql-text';
import { plainRows } from '../engine/values';
import type { CellError, CellResult, CellState, DataProvenance } from './state';
import { inputValue } from './kinds/input-cell';
import type { ConfirmDestructive } from './guard';
import { cellKeysInOrder, type DataKey } from './cell-keys';
import { asCellState, lastOf, wasInterrupted, type LastResults } from './last-results';

export type Listener = (id: string | null) => void;

/** What the host knows of the data that the runner does not: which tables could exist, and what a read reads. */
export interface RunnerOptions {
  /**
   * Why a table a cell reads does not exist, when the host knows (a table of the partner model that the
   * current data lacks, and how to bring it): the cell is then `missing`, not an error.
   */
  explainMissing?(name: string): { message: string; hint: string } | null;
  /** The data that reading these tables (not cell results) reads, for the result's provenance. */
  provenance?(reads: readonly string[]): DataProvenance | null;
  /** Tables that may be read though they do not exist now (the model's), so that reading one is seen. */
  possibleTables?(): readonly string[];
  /**
   * Asked before a cell drops or rewrites an imported or model table (guard.ts): the changes, each with
   * its table and rows. Resolve true to run the cell (the tables' current versions go to the bin), false
   * to leave everything as it is. Without it such cells are refused: the app shows a dialog, a test or a
   * command line decides by itself.
   */
  confirmDestructive?: ConfirmDestructive;
  /**
   * The reader's language, read each time the runner writes a cell's error or a kind writes a notice
   * (the interface's translator in the app); English without it (the command line, tests).
   */
  t?: () => I18n['t'];
}

let englishT: I18n['t'] | null = null;
const english = (): I18n['t'] => (englishT ??= i18nFor('en').t);

/** Internal relation name for a cell without a name, so even unnamed results page through DuckDB. */
export function relationName(cell: Cell): string {
  return cell.name || `_unnamed_${cell.id}`;
}

export class Runner {
  private readonly states = new Map<string, CellState>();
  private readonly listeners = new Set<Listener>();
  private readonly readsCache = new Map<string, string[]>();
  private chain: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private current: string | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly cells: () => readonly Cell[],
    private readonly kinds: CellKinds,
    private readonly options: RunnerOptions = {},
  ) {}

  async init(): Promise<void> {
    // Cell results live in their own schema so they never mix with imported data, and the partner model in
    // its own; bare names still resolve, the user's tables first.
    for (const schema of SEARCH_PATH) await this.engine.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await this.engine.query(`SET search_path = '${SEARCH_PATH.join(',')}'`);
  }

  /** The reader's language now. */
  private t(): I18n['t'] {
    return this.options.t?.() ?? english();
  }

  private kindOf(cell: Cell): CellKindRunner | undefined {
    return cell.kind === 'markdown' ? undefined : this.kinds[cell.kind];
  }

  state(id: string): CellState {
    let s = this.states.get(id);
    if (!s) {
      s = { status: 'idle', reads: [] };
      this.states.set(id, s);
    }
    return s;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(id: string, patch: Partial<CellState>): void {
    this.states.set(id, { ...this.state(id), ...patch });
    for (const fn of this.listeners) fn(id);
  }

  get busy(): boolean {
    return this.current !== null;
  }

  private param(name: string): unknown {
    const cell = this.cells().find((c) => c.kind === 'input' && c.name.toLowerCase() === name.toLowerCase());
    return cell ? inputValue(cell) : undefined;
  }

  private async baseTables(): Promise<string[]> {
    return [...(await visibleRelations(this.engine, { results: false })).values()].map((r) => r.name);
  }

  private context(known: string[]): ExecContext {
    const confirm = this.options.confirmDestructive;
    return { engine: this.engine, param: (n) => this.param(n), knownNames: known, t: this.t(), ...(confirm ? { confirmDestructive: confirm } : {}) };
  }

  private async reads(cell: Cell, ctx: ExecContext): Promise<string[]> {
    // Known names are part of the key: a TypeScript cell reads a name only once a cell or table has it.
    const key = `${cell.kind}\u0000${cell.source}\u0000${ctx.knownNames.join(',')}`;
    let reads = this.readsCache.get(key);
    if (!reads) {
      try {
        reads = await this.kindOf(cell)?.reads(cell, ctx);
      } catch {
        /* the run reports the problem */
      }
      reads ??= [];
      this.readsCache.set(key, reads);
    }
    // `$name` makes the cell depend on the input cell of that name; an undefined one is reported at run.
    const inputs = new Set(this.cells().filter((c) => c.kind === 'input').map((c) => c.name.toLowerCase()));
    const params = [...paramNames(cell.source), ...[...cell.source.matchAll(/:\s*\$([A-Za-z_]\w*)/g)].map((m) => m[1]!)];
    const extra = params.filter((p) => inputs.has(p.toLowerCase()) && !reads!.includes(p));
    return [...reads, ...new Set(extra)];
  }

  /** The current dependency graph (and each cell's reads). */
  async graph(): Promise<Graph> {
    const cells = this.cells().filter((c) => c.kind !== 'markdown');
    const base = await this.baseTables();
    const known = [...base, ...cells.map((c) => c.name).filter(Boolean), ...(this.options.possibleTables?.() ?? [])];
    const ctx = this.context(known);
    const nodes = [];
    for (const c of cells) {
      const reads = await this.reads(c, ctx);
      if (this.state(c.id).reads.join() !== reads.join()) this.set(c.id, { reads });
      nodes.push({ id: c.id, name: c.name, reads });
    }
    return buildGraph(nodes, base);
  }

  /** Runs a cell and everything that depends on it (and any upstream cell that has no result yet). */
  run(id: string): Promise<void> {
    return this.enqueue(async (g) => {
      const before = upstream(g, id).filter((u) => this.state(u).status !== 'done');
      return [...before, ...downstream(g, id)];
    });
  }

  runAll(): Promise<void> {
    return this.enqueue(async (g) => g.order.concat([...g.problems.keys()]));
  }

  /**
   * Opens on the last session (issue 16.1): a cell whose key (cell-keys.ts) is what it was, and whose
   * kept result table is still there, is adopted as it was instead of running; one that was stopped or
   * still running when the page went away stays stopped (and what reads it waits); the rest run, and a
   * cell runs whenever a cell it reads runs. Resolves to the ids adopted.
   */
  runChanged(last: LastResults | null, dataKey: DataKey): Promise<string[]> {
    const adopted: string[] = [];
    return this.enqueue(async (g) => {
      const cells = this.cells();
      const index = new Map(cells.map((c, i) => [c.id, i]));
      const held = new Set<string>();
      const run: string[] = [];
      // Each cell is decided as soon as its key is known: the first ones show as current while the
      // tables only later cells read are still being summarised.
      for await (const [id, key] of cellKeysInOrder(cells, g, (id) => this.state(id).reads, dataKey)) {
        const cell = cells[index.get(id) ?? -1];
        const kept = cell ? lastOf(last, cell, index.get(id)!) : null;
        const deps = g.deps.get(id) ?? [];
        const depsKept = deps.every((d) => adopted.includes(d) || held.has(d));
        const sameKey = !!kept?.key && kept.key === key;
        // Stopped or cut off: kept stopped whatever changed since; the user runs it when ready.
        if (cell && kept && depsKept && wasInterrupted(kept)) {
          held.add(id);
          this.set(id, asCellState(kept, this.state(id).reads, this.t()));
        } else if (cell && deps.some((d) => held.has(d))) {
          held.add(id);
          const t = this.t();
          const name = cells.find((c) => c.id === deps.find((d) => held.has(d)))?.name || t('core.notebook.an_earlier_cell');
          this.set(id, { status: 'blocked', error: { kind: 'blocked', message: t('core.notebook.waiting_stopped', { name }), hint: t('core.notebook.waiting_stopped_hint', { name }) } });
        } else if (cell && kept && sameKey && depsKept && kept.status === 'done' && !keptOnlyAsPicture(kept) && (await this.stillThere(kept.result?.relation ?? null, kept.result?.rowCount ?? 0))) {
          adopted.push(id);
          this.set(id, asCellState(kept, this.state(id).reads));
        } else {
          run.push(id);
        }
      }
      return run.concat([...g.problems.keys()]);
    }).then(() => adopted);
  }

  /** Whether a kept result table still holds what it held (its row count). */
  private async stillThere(relation: string | null, rows: number): Promise<boolean> {
    if (relation === null) return true;
    try {
      const [row] = plainRows(await this.engine.query(`SELECT count(*)::DOUBLE AS n FROM ${relation}`));
      return row?.[0] === rows;
    } catch {
      return false;
    }
  }

  /**
   * Runs `fn` between cells, never during one: the engine has one connection, and a cell's transaction
   * would take in (or roll back) whatever else ran meanwhile — an import's table, a change to the model.
   * `fn` must not wait for a run itself (it would wait for itself).
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const job = this.chain.then(fn);
    this.chain = job.catch(() => undefined);
    return job;
  }

  /**
   * The choices of a select input: the first column of its query (the `options` attribute, or the cell's
   * body). It runs between cells, never inside a cell's transaction, as one read-only statement rolled
   * back afterwards — a notebook from elsewhere cannot change anything through its inputs' lists.
   */
  inputOptions(cell: Cell): Promise<string[]> {
    const sql = (attr(cell, 'options') ?? cell.source).trim();
    return this.exclusive(async () => {
      const statements = splitStatements(sql);
      if (statements.length !== 1 || !isQuery(statements[0]!)) {
        throw inputError(said('core.notebook.choices_one_query'), said('core.notebook.choices_one_query_hint'));
      }
      await this.engine.query('BEGIN TRANSACTION');
      try {
        const t = await this.engine.query(statements[0]!);
        return plainRows(t).map((r) => (r[0] === null || r[0] === undefined ? '' : String(r[0])));
      } finally {
        await this.engine.query('ROLLBACK').catch(() => undefined);
      }
    });
  }

  /** Cancels the query in flight and everything queued. Results already made stay. */
  async stop(): Promise<void> {
    this.generation++;
    for (const [id, s] of this.states) if (s.status === 'queued') this.set(id, { status: s.result ? 'stale' : 'idle' });
    for (const kind of Object.values(this.kinds)) kind?.stop?.();
    const running = this.current;
    if (!running) return;
    await this.engine.cancel().catch(() => false);
    // A statement sent just after the cancel would run on: cancel again while the same run goes on.
    for (let k = 0; k < 40 && this.current === running; k++) {
      await new Promise((r) => setTimeout(r, 100));
      if (this.current === running) await this.engine.cancel().catch(() => false);
    }
  }

  /** Marks a cell's result as out of date after an edit (it stays visible until re-run). */
  edited(id: string): void {
    const s = this.state(id);
    if (s.status === 'done' || s.status === 'error') this.set(id, { status: 'stale' });
  }

  /** Drops the result table of a deleted or renamed cell. */
  async forget(cell: Cell): Promise<void> {
    this.states.delete(cell.id);
    await this.chain;
    await this.engine.query(`DROP TABLE IF EXISTS ${qualified(RESULTS_SCHEMA, relationName(cell))}`).catch(() => undefined);
  }

  private enqueue(pick: (g: Graph) => Promise<string[]>): Promise<void> {
    const gen = this.generation;
    const job = this.chain.then(async () => {
      if (gen !== this.generation) return;
      const g = await this.graph();
      const ids = [...new Set(await pick(g))];
      for (const id of ids) this.set(id, { status: 'queued' });
      await this.execute(g, ids, gen);
    });
    this.chain = job.catch(() => undefined);
    return job;
  }

  private async execute(g: Graph, ids: string[], gen: number): Promise<void> {
    const byId = new Map(this.cells().map((c) => [c.id, c]));
    const failed = new Set<string>();
    for (const id of ids) {
      const cell = byId.get(id);
      if (!cell) continue;
      if (gen !== this.generation) return;
      const problem = g.problems.get(id);
      const missing = problem?.kind === 'unknown' ? this.missing(problem.names ?? []) : null;
      if (missing) {
        failed.add(id);
        this.set(id, { status: 'missing', error: { ...missing, kind: 'missing' } });
        continue;
      }
      if (problem) {
        failed.add(id);
        this.set(id, { status: 'error', error: { message: shown(this.t(), g.said.get(id), problem.message), hint: '', kind: problem.kind } });
        continue;
      }
      const blocker = (g.deps.get(id) ?? []).find((d) => failed.has(d) || ['error', 'blocked', 'missing'].includes(this.state(d).status));
      if (blocker) {
        failed.add(id);
        const t = this.t();
        const name = byId.get(blocker)?.name || t('core.notebook.an_earlier_cell');
        const upstream = this.state(blocker);
        if (upstream.status === 'missing' && upstream.error) {
          // Not an error to fix here: the data is not there yet, and the notice says how to bring it.
          const thisCell = `${t('core.notebook.this_cell')} `;
          const readsPrefix = t('core.notebook.reads_missing', { name: '\u0000', rest: '' }).split('\u0000')[0]!;
          // Through a chain of cells, the message names the one whose data is missing, not each link.
          if (upstream.error.message.startsWith(readsPrefix)) {
            this.set(id, { status: 'missing', error: { ...upstream.error } });
            continue;
          }
          const rest = upstream.error.message.startsWith(thisCell) ? upstream.error.message.slice(thisCell.length) : upstream.error.message;
          this.set(id, { status: 'missing', error: { ...upstream.error, message: t('core.notebook.reads_missing', { name, rest }) } });
          continue;
        }
        this.set(id, {
          status: 'blocked',
          error: { message: t('core.notebook.waiting_failed', { name }), hint: t('core.notebook.waiting_failed_hint', { name }), kind: 'blocked' },
        });
        continue;
      }
      if (!this.kindOf(cell)) {
        this.set(id, { status: 'done', error: undefined });
        continue;
      }
      const ok = await this.executeOne(cell, g, gen);
      if (!ok) failed.add(id);
    }
  }

  /** The explanation when every unknown name is a table the host knows to be missing from the data. */
  private missing(names: readonly string[]): { message: string; hint: string } | null {
    if (!this.options.explainMissing || names.length === 0) return null;
    const all = names.map((n) => this.options.explainMissing!(n));
    if (all.some((x) => !x)) return null;
    return { message: all.map((x) => x!.message).join(' '), hint: [...new Set(all.map((x) => x!.hint))].join(' ') };
  }

  /** What the cell read: the data behind the tables it reads, and what the cells it reads had read. */
  private provenance(cell: Cell, g: Graph): DataProvenance | undefined {
    const cellNames = new Set(this.cells().map((c) => c.name.toLowerCase()).filter(Boolean));
    const base = this.state(cell.id).reads.filter((r) => !cellNames.has(r.toLowerCase()));
    let out = this.options.provenance?.(base) ?? null;
    for (const d of g.deps.get(cell.id) ?? []) out = mergeProvenance(out, this.state(d).result?.provenance);
    return out ?? undefined;
  }

  /**
   * The engine as a cell's run sees it: once the run is stopped, no further statement of it starts (a
   * stop that lands between two statements has nothing in flight to cancel), except the rollback.
   */
  private runEngine(gen: number): Engine {
    const e = this.engine;
    const stopped = () => gen !== this.generation;
    return {
      query: async (sql, params) => {
        if (stopped() && !/^\s*ROLLBACK\b/i.test(sql)) throw inputError(said('core.engine.stopped'), said('core.notebook.stopped_hint'), 'cancelled');
        return e.query(sql, params);
      },
      cancel: () => e.cancel(),
      tableNames: (sql) => e.tableNames(sql),
      registerFile: (name, bytes) => e.registerFile(name, bytes),
      registerBlob: (name, blob) => e.registerBlob(name, blob),
      dropFile: (name) => e.dropFile(name),
      copyFileToBuffer: (name) => e.copyFileToBuffer(name),
      insertArrow: (table, name, options) => e.insertArrow(table, name, options),
      close: () => e.close(),
    };
  }

  private async executeOne(cell: Cell, g: Graph, gen: number = this.generation): Promise<boolean> {
    this.current = cell.id;
    this.set(cell.id, { status: 'running' });
    const started = performance.now();
    const ctx = { ...this.context([...this.cells().map((c) => c.name).filter(Boolean)]), engine: this.runEngine(gen) };
    try {
      const name = relationName(cell);
      const partial = await this.kindOf(cell)!.run(cell, ctx, name);
      const provenance = this.provenance(cell, g);
      const result: CellResult = { ...partial, elapsedMs: performance.now() - started, finishedAt: Date.now(), ...(provenance ? { provenance } : {}) };
      this.set(cell.id, { status: 'done', result, error: undefined });
      return true;
    } catch (err) {
      // A table that vanished between the graph and the run (or that the parser could not see): missing data, not an error.
      const absent = /Table with name ([^\s]+) does not exist/.exec(err instanceof Error ? err.message : '')?.[1];
      const missing = absent ? this.missing([absent.replace(/^"|"$/g, '')]) : null;
      if (missing) {
        this.set(cell.id, { status: 'missing', error: { ...missing, kind: 'missing' } });
        return false;
      }
      // In the reader's language: said errors by their keys, the engine's by describeEngineError.
      const t = this.t();
      const error: CellError =
        err instanceof CellInputError
          ? { message: errorText(t, err), hint: hintText(t, err), kind: err.kind }
          : describeEngineError(err, t);
      // The previous result (if any) stays: a failed run never destroys what was there.
      this.set(cell.id, { status: 'error', error });
      return false;
    } finally {
      this.current = null;
      // Tell listeners the runner is idle again (`busy` reads `current`).
      for (const fn of this.listeners) fn(null);
    }
  }
}

/** A chart kept only as its picture (its data was too large to keep) cannot be live again without a run. */
function keptOnlyAsPicture(kept: LastResults['cells'][string]): boolean {
  return (kept.result?.displays ?? []).some((d) => d.kind === 'drawing');
}

/** Two provenances as one: demo if either read the demo, the files and tables of both. */
export function mergeProvenance(a: DataProvenance | null | undefined, b: DataProvenance | null | undefined): DataProvenance | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const same = (f: DataProvenance['files'][number], g: DataProvenance['files'][number]) => f.sha256 === g.sha256 && f.name === g.name;
  return {
    demo: a.demo || b.demo,
    files: [...a.files, ...b.files.filter((f) => !a.files.some((g) => same(f, g)))],
    tables: [...a.tables, ...b.tables.filter((t) => !a.tables.includes(t))],
  };
}
