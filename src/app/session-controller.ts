/**
 * The live editor's logic, free of any UI framework: the open notebook, each cell's run state, the
 * workspace's tables and the partner model as bound now, deleting and restoring a cell, and the
 * "Run this notebook?" hold. The Svelte adapter (ui/session.svelte.ts) mirrors its fields; a test drives
 * it directly on the Node engine.
 *
 * Every field is replaced, never mutated in place (a changed cell is a new cell object in a new list),
 * and its name is emitted, so a host can mirror it by identity. Each cell's run state lives in one
 * place, `states`, fed by the runner: what a host shows of a cell, now or restored later, comes from
 * there.
 *
 * Every change the user makes to the notebook (text, attributes, cells added, moved, removed, renamed)
 * also reaches the edit listeners, synchronously: the workspace journals it before the next frame.
 */
import type { Engine } from '../engine/types';
import { parseNotebook, serializeNotebook } from '../notebook/format';
import { isValidName, makeCell, notebookTitle, type Cell, type CellKind, type Notebook } from '../notebook/model';
import { Runner, type RunnerOptions } from '../notebook/runner';
import { setInputValues } from '../notebook/inputs';
import type { CellKinds } from '../notebook/kinds/types';
import type { CellState } from '../notebook/state';
import { listTables, type TableInfo } from '../notebook/results';
import { userRelations } from '../catalog/relations';
import { rebuildAllMapped, refreshModel, setDataChoice, type DataChoice } from '../model/binding';
import { describeModel, type ModelState } from '../model/describe';
import { modelHooks } from '../model/hooks';
import { parseNeeds, unmetNeeds, type MissingNeed } from '../model/needs';
import { runPrompt, type RunPrompt } from '../notebook/trust';
import { Observable } from './observable';
import type { LastResults } from '../notebook/last-results';
import type { DataKey } from '../notebook/cell-keys';
import type { ProtectedChange } from '../notebook/guard';
import { errorText, i18nFor, type I18n } from '../i18n';

export interface Banner {
  kind: 'error' | 'info';
  message: string;
}

export interface SessionOptions {
  /** The interface's language as it is now (the user can switch it at any time); English when absent. */
  i18n?: () => I18n;
}

const ENGLISH = i18nFor('en');

export type SessionKey = 'notebook' | 'fileName' | 'states' | 'tables' | 'busy' | 'banner' | 'model' | 'held' | 'undo' | 'confirming';

export const EMPTY_NOTEBOOK: Notebook = Object.freeze({ frontMatter: null, cells: [], trail: '', finalNewline: true }) as Notebook;

/** The title a notebook shows: its own, or its file's name. */
export function titleOf(notebook: Notebook, fileName: string): string {
  return notebookTitle(notebook) || fileName.replace(/\.md$/, '');
}

/** What a notebook needs (`key` = needs) or reads when there (`uses`) of the model that the data lacks. */
export function unmetOf(notebook: Notebook, model: ModelState | null, key: 'needs' | 'uses' = 'needs'): MissingNeed[] {
  return model ? unmetNeeds(parseNeeds(notebook.frontMatter, key), model) : [];
}

export class SessionController extends Observable<SessionKey> {
  notebook: Notebook = EMPTY_NOTEBOOK;
  fileName = 'untitled.md';
  states: Readonly<Record<string, CellState>> = {};
  tables: readonly TableInfo[] = [];
  busy = false;
  banner: Banner | null = null;
  /** The partner model as bound now: where each table comes from (the Data panel, the notices). */
  model: ModelState | null = null;
  /** Set while a notebook from outside waits for the user's go-ahead: what it would read and run. */
  held: RunPrompt | null = null;
  /**
   * Set while a cell waits for the user's yes before it drops or rewrites imported or model tables
   * (issue 15.2): what it would change. `answer()` lets it run, or not.
   */
  confirming: readonly ProtectedChange[] | null = null;
  private answerConfirm: ((ok: boolean) => void) | null = null;
  /** Called when the user lets a held notebook run (the workspace remembers it). */
  ontrusted: (() => void) | null = null;
  readonly runner: Runner;
  private hooks: RunnerOptions = {};
  private lastDeleted: { cell: Cell; at: number } | null = null;
  private readonly editListeners = new Set<() => void>();
  private readonly openListeners = new Set<() => void>();
  private readonly i18n: () => I18n;

  constructor(
    readonly engine: Engine,
    kinds: CellKinds,
    sessionOptions: SessionOptions = {},
  ) {
    super();
    this.i18n = sessionOptions.i18n ?? (() => ENGLISH);
    // The runner asks the model through hooks that follow it as it changes (an import, the switch).
    const options: RunnerOptions = {
      explainMissing: (name) => this.hooks.explainMissing?.(name) ?? null,
      provenance: (reads) => this.hooks.provenance?.(reads) ?? null,
      possibleTables: () => this.hooks.possibleTables?.() ?? [],
      // Cell errors and notices in the interface's language of the moment.
      t: () => this.t,
      confirmDestructive: (changes) =>
        new Promise<boolean>((resolve) => {
          this.answerConfirm?.(false);
          this.answerConfirm = resolve;
          this.set('confirming', changes);
        }),
    };
    this.runner = new Runner(engine, () => this.notebook.cells, kinds, options);
    this.runner.subscribe((id) => {
      if (id) this.set('states', { ...this.states, [id]: this.runner.state(id) });
      if (this.busy !== this.runner.busy) this.set('busy', this.runner.busy);
    });
  }

  private set<K extends SessionKey & keyof this>(key: K, value: this[K]): void {
    this[key] = value;
    this.emit(key);
  }

  /** A message in the interface's language of the moment (a banner keeps the language it was made in). */
  private t: I18n['t'] = (key, params) => this.i18n().t(key, params);

  /** Called after every change the user makes to the notebook's text (not on opening one). */
  onEdit(fn: () => void): () => void {
    this.editListeners.add(fn);
    return () => this.editListeners.delete(fn);
  }

  /** Called when a notebook is opened (whoever opened it), before it runs. */
  onOpen(fn: () => void): () => void {
    this.openListeners.add(fn);
    return () => this.openListeners.delete(fn);
  }

  private edited(notebook: Notebook): void {
    this.set('notebook', notebook);
    for (const fn of [...this.editListeners]) fn();
  }

  get title(): string {
    return titleOf(this.notebook, this.fileName);
  }

  get unmetNeeds(): MissingNeed[] {
    return unmetOf(this.notebook, this.model);
  }

  get unmetUses(): MissingNeed[] {
    return unmetOf(this.notebook, this.model, 'uses');
  }

  get canUndo(): boolean {
    return this.lastDeleted !== null;
  }

  setBanner(banner: Banner | null): void {
    this.set('banner', banner);
  }

  /** The name the notebook is saved under (the workspace names it; not an edit of its text). */
  setFileName(fileName: string): void {
    if (fileName !== this.fileName) this.set('fileName', fileName);
  }

  async init(): Promise<void> {
    await this.runner.init();
    await this.refreshModel();
    await this.refreshTables();
  }

  /** Reads the model's bindings again (after an import, a mapping edit, the switch). */
  async refreshModel(): Promise<void> {
    const mine = (await userRelations(this.engine)).map((r) => r.name);
    const state = await describeModel(this.engine);
    this.hooks = modelHooks(state, mine, this.t);
    this.set('model', state);
  }

  /** One click: every notebook reads the demo, or the user's data; the open one runs again on it. */
  async switchData(choice: DataChoice): Promise<void> {
    await this.runner.stop();
    await this.exclusive(() => setDataChoice(this.engine, choice));
    await this.modelChanged();
  }

  /** Work on the database between cell runs (an import, a change to the model): see Runner.exclusive. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.runner.exclusive(fn);
  }

  /** The workspace was replaced (an archive): the model is rebuilt from its bookkeeping, nothing runs. */
  async modelChangedQuietly(): Promise<void> {
    await this.exclusive(async () => {
      await rebuildAllMapped(this.engine);
      await this.refreshModel();
    });
  }

  /** The model's data changed (a mapping, an import taken out): the notebook runs again on it. */
  async modelChanged(): Promise<void> {
    await this.exclusive(async () => {
      await refreshModel(this.engine);
      await this.refreshModel();
      await this.refreshTables();
    });
    await this.runAll();
  }

  async refreshTables(): Promise<void> {
    this.set('tables', await listTables(this.engine));
  }

  /** Opens notebook text; a malformed file leaves the current notebook as it is. */
  async open(text: string, fileName: string, run = true): Promise<boolean> {
    let nb: Notebook;
    try {
      nb = parseNotebook(text);
    } catch (err) {
      this.setBanner({ kind: 'error', message: this.t('core.app.banner.open_failed', { file: fileName, message: errorText(this.t, err) }) });
      return false;
    }
    await this.runner.stop();
    for (const c of this.notebook.cells) await this.runner.forget(c);
    this.lastDeleted = null;
    this.set('states', {});
    this.set('notebook', nb);
    this.set('fileName', fileName);
    this.set('banner', null);
    this.set('held', null);
    this.emit('undo');
    for (const fn of [...this.openListeners]) fn();
    if (run) await this.runAll();
    return true;
  }

  /** Keeps the open notebook from running by itself until the user says so (trust.ts). */
  hold(): void {
    this.set(
      'held',
      runPrompt(
        this.notebook.cells,
        this.tables.map((t) => t.name),
      ),
    );
  }

  text(): string {
    return serializeNotebook(this.notebook);
  }

  async run(id: string): Promise<void> {
    await this.runner.run(id);
    await this.refreshTables();
  }

  async runAll(): Promise<void> {
    if (this.held) {
      this.set('held', null);
      this.ontrusted?.();
    }
    await this.runner.runAll();
    await this.refreshTables();
  }

  /**
   * Opening: cells whose result from the last session still holds are adopted as they were, the rest
   * run (issue 16.1); stopped and interrupted cells stay stopped. Without kept results, everything runs.
   */
  async runChanged(last: LastResults | null, dataKey: DataKey): Promise<string[]> {
    if (!last) {
      await this.runAll();
      return [];
    }
    const adopted = await this.runner.runChanged(last, dataKey);
    await this.refreshTables();
    return adopted;
  }

  /** The user's answer to `confirming`: run the cell (the tables' current versions go to the bin), or not. */
  answer(ok: boolean): void {
    const resolve = this.answerConfirm;
    this.answerConfirm = null;
    this.set('confirming', null);
    resolve?.(ok);
  }

  async stop(): Promise<void> {
    if (this.answerConfirm) this.answer(false);
    await this.runner.stop();
  }

  cell(id: string): Cell | undefined {
    return this.notebook.cells.find((c) => c.id === id);
  }

  private withCells(cells: Cell[]): Notebook {
    return { ...this.notebook, cells };
  }

  private replaceCell(id: string, change: (c: Cell) => Cell): Cell | undefined {
    const at = this.notebook.cells.findIndex((c) => c.id === id);
    if (at < 0) return undefined;
    const cells = [...this.notebook.cells];
    cells[at] = change(cells[at]!);
    this.edited(this.withCells(cells));
    return cells[at];
  }

  edit(id: string, source: string): void {
    const c = this.cell(id);
    if (!c || c.source === source) return;
    this.replaceCell(id, (cell) => ({ ...cell, source }));
    this.runner.edited(id);
  }

  /** Sets (or, with null, removes) a fence attribute: an input's value, type, label or bounds. */
  setAttr(id: string, key: string, value: string | null): void {
    const c = this.cell(id);
    if (!c) return;
    const has = c.attrs.find((a) => a.key === key);
    if (value === null ? !has : has?.value === value) return;
    const attrs = value === null ? c.attrs.filter((a) => a.key !== key) : has ? c.attrs.map((a) => (a.key === key ? { key, value } : a)) : [...c.attrs, { key, value }];
    this.replaceCell(id, (cell) => ({ ...cell, attrs }));
  }

  /**
   * Sets input cells' values from outside (a partner page opened on a partner); returns the ids of the
   * cells that changed. `asEdit` false changes what is shown without it counting as the user's edit:
   * a template stays a template (nothing is added to the list, nothing journaled).
   */
  setInputs(values: Readonly<Record<string, string>>, asEdit = true): string[] {
    const cells = this.notebook.cells.map((c) => (c.kind === 'input' ? { ...c, attrs: c.attrs.map((a) => ({ ...a })) } : c));
    const changed = setInputValues(cells, values).map((c) => c.id);
    if (!changed.length) return changed;
    if (asEdit) this.edited(this.withCells(cells));
    else this.set('notebook', this.withCells(cells));
    return changed;
  }

  /** A fresh name like q1, q2… not used by any cell or table. */
  freshName(prefix = 'q'): string {
    const taken = new Set([...this.notebook.cells.map((c) => c.name.toLowerCase()), ...this.tables.map((t) => t.name.toLowerCase())]);
    for (let k = 1; ; k++) if (!taken.has(`${prefix}${k}`)) return `${prefix}${k}`;
  }

  add(kind: CellKind, at: number, source = ''): Cell {
    const cell = makeCell(kind, source, kind === 'markdown' ? '' : this.freshName(kind === 'sql' ? 'q' : kind));
    const cells = [...this.notebook.cells];
    cells.splice(Math.max(0, Math.min(at, cells.length)), 0, cell);
    this.edited(this.withCells(cells));
    return cell;
  }

  /** A new cell right after another, holding `source` (a chart made from a result goes under it). */
  insertAfter(id: string, kind: CellKind, source: string): Cell {
    const at = this.notebook.cells.findIndex((c) => c.id === id);
    return this.add(kind, at < 0 ? this.notebook.cells.length : at + 1, source);
  }

  /** A new cell at the end (a query made from the side panel). */
  append(kind: CellKind, source: string): Cell {
    return this.add(kind, this.notebook.cells.length, source);
  }

  async remove(id: string): Promise<void> {
    const at = this.notebook.cells.findIndex((c) => c.id === id);
    if (at < 0) return;
    const cell = this.notebook.cells[at]!;
    this.edited(this.withCells(this.notebook.cells.filter((c) => c.id !== id)));
    this.lastDeleted = { cell, at };
    this.emit('undo');
    this.setBanner({ kind: 'info', message: cell.name ? this.t('core.app.banner.cell_deleted', { name: cell.name }) : this.t('core.app.banner.cell_deleted_unnamed') });
    await this.runner.forget(cell);
    const { [id]: _gone, ...rest } = this.states;
    this.set('states', rest);
  }

  undoDelete(): void {
    if (!this.lastDeleted) return;
    const { cell, at } = this.lastDeleted;
    const cells = [...this.notebook.cells];
    cells.splice(Math.min(at, cells.length), 0, cell);
    this.lastDeleted = null;
    this.edited(this.withCells(cells));
    this.emit('undo');
    this.setBanner(null);
  }

  move(id: string, delta: number): void {
    const cells = [...this.notebook.cells];
    const from = cells.findIndex((c) => c.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= cells.length) return;
    const [cell] = cells.splice(from, 1);
    cells.splice(to, 0, cell!);
    this.edited(this.withCells(cells));
  }

  /** Returns an error message, or null when renamed. */
  async rename(id: string, name: string): Promise<string | null> {
    const cell = this.cell(id);
    if (!cell || cell.name === name) return null;
    if (!isValidName(name)) return this.t('core.app.cell_name.invalid');
    if (this.notebook.cells.some((c) => c.id !== id && c.name.toLowerCase() === name.toLowerCase())) return this.t('core.app.cell_name.cell_taken', { name });
    if (this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase())) return this.t('core.app.cell_name.table_taken', { name });
    await this.runner.forget(cell);
    this.replaceCell(id, (c) => ({ ...c, name }));
    this.set('states', { ...this.states, [id]: this.runner.state(id) });
    return null;
  }
}
