/**
 * The runner: keeps each cell's state, works out the dependency graph from what each cell reads, and
 * runs cells in dependency order — a cell and exactly its dependants, or everything. One run at a time
 * (later requests queue); Stop cancels the query in flight and drops what was queued. It knows nothing
 * of the UI: the UI subscribes to state changes.
 */
import type { Engine } from '../engine/types';
import { describeEngineError } from '../engine/errors';
import type { Cell } from './model';
import { buildGraph, downstream, upstream, type Graph } from './graph';
import { CellInputError, type ExecContext } from './kinds/context';
import { RESULTS_SCHEMA } from './kinds/sql-cell';
import { KINDS } from './kinds';
import { paramNames } from './sql-text';
import type { CellError, CellResult, CellState } from './state';
import { inputValue } from './kinds/input-cell';

export type Listener = (id: string | null) => void;

/** Internal relation name for a cell without a name, so even unnamed results page through DuckDB. */
export function relationName(cell: Cell): string {
  return cell.name || `_unnamed_${cell.id}`;
}

export class Runner {
  private readonly states = new Map<string, CellState>();
  private readonly listeners = new Set<Listener>();
  private readonly readsCache = new Map<string, string[]>();
  private chain: Promise<void> = Promise.resolve();
  private generation = 0;
  private current: string | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly cells: () => readonly Cell[],
  ) {}

  async init(): Promise<void> {
    await this.engine.query(`CREATE SCHEMA IF NOT EXISTS ${RESULTS_SCHEMA}`);
    // Cell results live in their own schema so they never mix with imported data; names still resolve.
    await this.engine.query(`SET search_path = 'main,${RESULTS_SCHEMA}'`);
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
    const t = await this.engine.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema NOT IN ('${RESULTS_SCHEMA}', 'longtail', 'information_schema', 'pg_catalog')`,
    );
    return t.toArray().map((r) => String(r.table_name));
  }

  private context(known: string[]): ExecContext {
    return { engine: this.engine, param: (n) => this.param(n), knownNames: known };
  }

  private async reads(cell: Cell, ctx: ExecContext): Promise<string[]> {
    // Known names are part of the key: a TypeScript cell reads a name only once a cell or table has it.
    const key = `${cell.kind}\u0000${cell.source}\u0000${ctx.knownNames.join(',')}`;
    let reads = this.readsCache.get(key);
    if (!reads) {
      try {
        reads = await KINDS[cell.kind]?.reads(cell, ctx);
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
    const known = [...base, ...cells.map((c) => c.name).filter(Boolean)];
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

  /** Cancels the query in flight and everything queued. Results already made stay. */
  async stop(): Promise<void> {
    this.generation++;
    for (const [id, s] of this.states) if (s.status === 'queued') this.set(id, { status: s.result ? 'stale' : 'idle' });
    for (const kind of Object.values(KINDS)) kind?.stop?.();
    if (this.current) await this.engine.cancel().catch(() => false);
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
    await this.engine.query(`DROP TABLE IF EXISTS ${RESULTS_SCHEMA}."${relationName(cell).replace(/"/g, '""')}"`).catch(() => undefined);
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
      if (problem) {
        failed.add(id);
        this.set(id, { status: 'error', error: { message: problem.message, hint: '', kind: problem.kind } });
        continue;
      }
      const blocker = (g.deps.get(id) ?? []).find((d) => failed.has(d) || ['error', 'blocked'].includes(this.state(d).status));
      if (blocker) {
        failed.add(id);
        const name = byId.get(blocker)?.name || 'an earlier cell';
        this.set(id, {
          status: 'blocked',
          error: { message: `Waiting for "${name}", which did not run.`, hint: `Fix "${name}" and run it again; this cell follows.`, kind: 'blocked' },
        });
        continue;
      }
      if (!KINDS[cell.kind]) {
        this.set(id, { status: 'done', error: undefined });
        continue;
      }
      const ok = await this.executeOne(cell);
      if (!ok) failed.add(id);
    }
  }

  private async executeOne(cell: Cell): Promise<boolean> {
    this.current = cell.id;
    this.set(cell.id, { status: 'running' });
    const started = performance.now();
    const ctx = this.context([...this.cells().map((c) => c.name).filter(Boolean)]);
    try {
      const name = relationName(cell);
      const partial = await KINDS[cell.kind]!.run(cell, ctx, name);
      const result: CellResult = { ...partial, elapsedMs: performance.now() - started, finishedAt: Date.now() };
      this.set(cell.id, { status: 'done', result, error: undefined });
      return true;
    } catch (err) {
      const error: CellError =
        err instanceof CellInputError ? { message: err.message, hint: err.hint, kind: 'input' } : describeEngineError(err);
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
