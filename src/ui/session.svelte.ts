/**
 * The live editor's state, made reactive for Svelte: the open notebook, each cell's run state, the
 * workspace's tables. All real work is delegated to the framework-free core (runner, format, engine).
 */
import type { Engine } from '../engine/types';
import { parseNotebook, serializeNotebook } from '../notebook/format';
import { isValidName, makeCell, notebookTitle, type Cell, type CellKind, type Notebook } from '../notebook/model';
import { Runner } from '../notebook/runner';
import type { CellState } from '../notebook/state';
import { listTables, type TableInfo } from '../notebook/results';

export interface Banner {
  kind: 'error' | 'info';
  message: string;
}

export class Session {
  notebook = $state<Notebook>({ frontMatter: null, cells: [], trail: '', finalNewline: true });
  fileName = $state('untitled.md');
  states = $state<Record<string, CellState>>({});
  tables = $state<TableInfo[]>([]);
  busy = $state(false);
  banner = $state<Banner | null>(null);
  readonly runner: Runner;

  constructor(readonly engine: Engine) {
    this.runner = new Runner(engine, () => this.notebook.cells);
    this.runner.subscribe((id) => {
      if (id) this.states[id] = this.runner.state(id);
      this.busy = this.runner.busy;
    });
  }

  get title(): string {
    return notebookTitle(this.notebook) || this.fileName.replace(/\.md$/, '');
  }

  async init(): Promise<void> {
    await this.runner.init();
    await this.refreshTables();
  }

  async refreshTables(): Promise<void> {
    this.tables = await listTables(this.engine);
  }

  /** Opens notebook text; a malformed file leaves the current notebook as it is. */
  async open(text: string, fileName: string, run = true): Promise<boolean> {
    let nb: Notebook;
    try {
      nb = parseNotebook(text);
    } catch (err) {
      this.banner = {
        kind: 'error',
        message: `${fileName} could not be opened: ${(err as Error).message} Your current notebook is unchanged.`,
      };
      return false;
    }
    await this.runner.stop();
    for (const c of this.notebook.cells) await this.runner.forget(c);
    this.states = {};
    this.notebook = nb;
    this.fileName = fileName;
    this.banner = null;
    if (run) await this.runAll();
    return true;
  }

  text(): string {
    return serializeNotebook($state.snapshot(this.notebook) as Notebook);
  }

  async run(id: string): Promise<void> {
    await this.runner.run(id);
    await this.refreshTables();
  }

  async runAll(): Promise<void> {
    await this.runner.runAll();
    await this.refreshTables();
  }

  async stop(): Promise<void> {
    await this.runner.stop();
  }

  cell(id: string): Cell | undefined {
    return this.notebook.cells.find((c) => c.id === id);
  }

  edit(id: string, source: string): void {
    const c = this.cell(id);
    if (!c || c.source === source) return;
    c.source = source;
    this.runner.edited(id);
  }

  /** A fresh name like q1, q2… not used by any cell or table. */
  freshName(prefix = 'q'): string {
    const taken = new Set([...this.notebook.cells.map((c) => c.name.toLowerCase()), ...this.tables.map((t) => t.name.toLowerCase())]);
    for (let k = 1; ; k++) if (!taken.has(`${prefix}${k}`)) return `${prefix}${k}`;
  }

  add(kind: CellKind, at: number): Cell {
    const cell = makeCell(kind, '', kind === 'markdown' ? '' : this.freshName(kind === 'sql' ? 'q' : kind));
    this.notebook.cells.splice(at, 0, cell);
    return this.notebook.cells[at]!;
  }

  /** A new cell right after another, holding `source` (a chart made from a result goes under it). */
  insertAfter(id: string, kind: CellKind, source: string): Cell {
    const at = this.notebook.cells.findIndex((c) => c.id === id);
    const cell = this.add(kind, at < 0 ? this.notebook.cells.length : at + 1);
    cell.source = source;
    return cell;
  }

  private lastDeleted: { cell: Cell; at: number } | null = null;

  async remove(id: string): Promise<void> {
    const at = this.notebook.cells.findIndex((c) => c.id === id);
    if (at < 0) return;
    const [cell] = this.notebook.cells.splice(at, 1);
    this.lastDeleted = { cell: $state.snapshot(cell!) as Cell, at };
    this.banner = { kind: 'info', message: `Deleted ${cell!.name ? `"${cell!.name}"` : 'a cell'}.` };
    await this.runner.forget(cell!);
    delete this.states[id];
  }

  undoDelete(): void {
    if (!this.lastDeleted) return;
    const { cell, at } = this.lastDeleted;
    this.notebook.cells.splice(Math.min(at, this.notebook.cells.length), 0, cell);
    this.lastDeleted = null;
    this.banner = null;
  }

  get canUndo(): boolean {
    return this.lastDeleted !== null;
  }

  move(id: string, delta: number): void {
    const cells = this.notebook.cells;
    const from = cells.findIndex((c) => c.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= cells.length) return;
    const [cell] = cells.splice(from, 1);
    cells.splice(to, 0, cell!);
  }

  /** Returns an error message, or null when renamed. */
  async rename(id: string, name: string): Promise<string | null> {
    const cell = this.cell(id);
    if (!cell || cell.name === name) return null;
    if (!isValidName(name)) return 'Use letters, digits and _, not starting with a digit.';
    if (this.notebook.cells.some((c) => c.id !== id && c.name.toLowerCase() === name.toLowerCase())) return `Another cell is already named ${name}.`;
    if (this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase())) return `A table is already named ${name}.`;
    await this.runner.forget($state.snapshot(cell) as Cell);
    cell.name = name;
    this.states[id] = this.runner.state(id);
    return null;
  }
}
