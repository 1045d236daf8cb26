/**
 * The live editor's state for Svelte: a reactive mirror of the SessionController (src/app), which does
 * all the work. Each field is copied when the controller says it changed; methods are the controller's.
 */
import type { ProtectedChange } from '../notebook/guard';
import { SessionController, titleOf, unmetOf, type Banner, type SessionKey } from '../app/session-controller';
import type { Cell, CellKind, Notebook } from '../notebook/model';
import type { CellState } from '../notebook/state';
import type { TableInfo } from '../notebook/results';
import type { DataChoice } from '../model/binding';
import type { ModelState } from '../model/describe';
import type { MissingNeed } from '../model/needs';
import type { RunPrompt } from '../notebook/trust';
import type { Engine } from '../engine/types';
import type { Runner } from '../notebook/runner';

export type { Banner };

export class Session {
  #notebook = $state.raw<Notebook>({ frontMatter: null, cells: [], trail: '', finalNewline: true });
  #fileName = $state.raw('untitled.md');
  #states = $state.raw<Readonly<Record<string, CellState>>>({});
  #tables = $state.raw<readonly TableInfo[]>([]);
  #busy = $state.raw(false);
  #banner = $state.raw<Banner | null>(null);
  #model = $state.raw<ModelState | null>(null);
  #held = $state.raw<RunPrompt | null>(null);
  #canUndo = $state.raw(false);
  #confirming = $state.raw<readonly ProtectedChange[] | null>(null);
  readonly ctl: SessionController;

  constructor(ctl: SessionController) {
    this.ctl = ctl;
    this.#notebook = ctl.notebook;
    this.#fileName = ctl.fileName;
    this.#states = ctl.states;
    this.#tables = ctl.tables;
    this.#busy = ctl.busy;
    this.#banner = ctl.banner;
    this.#model = ctl.model;
    this.#held = ctl.held;
    this.#canUndo = ctl.canUndo;
    ctl.subscribe((key: SessionKey) => {
      switch (key) {
        case 'notebook':
          this.#notebook = ctl.notebook;
          break;
        case 'fileName':
          this.#fileName = ctl.fileName;
          break;
        case 'states':
          this.#states = ctl.states;
          break;
        case 'tables':
          this.#tables = ctl.tables;
          break;
        case 'busy':
          this.#busy = ctl.busy;
          break;
        case 'banner':
          this.#banner = ctl.banner;
          break;
        case 'model':
          this.#model = ctl.model;
          break;
        case 'held':
          this.#held = ctl.held;
          break;
        case 'undo':
          this.#canUndo = ctl.canUndo;
          break;
        case 'confirming':
          this.#confirming = ctl.confirming;
          break;
      }
    });
  }

  get notebook(): Notebook {
    return this.#notebook;
  }
  get fileName(): string {
    return this.#fileName;
  }
  get states(): Readonly<Record<string, CellState>> {
    return this.#states;
  }
  get tables(): readonly TableInfo[] {
    return this.#tables;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get banner(): Banner | null {
    return this.#banner;
  }
  set banner(banner: Banner | null) {
    this.ctl.setBanner(banner);
  }
  get model(): ModelState | null {
    return this.#model;
  }
  get held(): RunPrompt | null {
    return this.#held;
  }
  get canUndo(): boolean {
    return this.#canUndo;
  }
  /** A cell waiting for the user's yes before it drops or rewrites imported or model tables. */
  get confirming(): readonly ProtectedChange[] | null {
    return this.#confirming;
  }
  answer(ok: boolean): void {
    this.ctl.answer(ok);
  }
  get title(): string {
    return titleOf(this.#notebook, this.#fileName);
  }
  get unmetNeeds(): MissingNeed[] {
    return unmetOf(this.#notebook, this.#model);
  }
  get unmetUses(): MissingNeed[] {
    return unmetOf(this.#notebook, this.#model, 'uses');
  }
  get engine(): Engine {
    return this.ctl.engine;
  }
  get runner(): Runner {
    return this.ctl.runner;
  }

  refreshModel = (): Promise<void> => this.ctl.refreshModel();
  switchData = (choice: DataChoice): Promise<void> => this.ctl.switchData(choice);
  exclusive = <T>(fn: () => Promise<T>): Promise<T> => this.ctl.exclusive(fn);
  modelChangedQuietly = (): Promise<void> => this.ctl.modelChangedQuietly();
  modelChanged = (): Promise<void> => this.ctl.modelChanged();
  refreshTables = (): Promise<void> => this.ctl.refreshTables();
  open = (text: string, fileName: string, run = true): Promise<boolean> => this.ctl.open(text, fileName, run);
  hold = (): void => this.ctl.hold();
  text = (): string => this.ctl.text();
  run = (id: string): Promise<void> => this.ctl.run(id);
  runAll = (): Promise<void> => this.ctl.runAll();
  stop = (): Promise<void> => this.ctl.stop();
  cell = (id: string): Cell | undefined => this.#notebook.cells.find((c) => c.id === id);
  edit = (id: string, source: string): void => this.ctl.edit(id, source);
  setAttr = (id: string, key: string, value: string | null): void => this.ctl.setAttr(id, key, value);
  freshName = (prefix = 'q'): string => this.ctl.freshName(prefix);
  add = (kind: CellKind, at: number): Cell => this.ctl.add(kind, at);
  insertAfter = (id: string, kind: CellKind, source: string): Cell => this.ctl.insertAfter(id, kind, source);
  append = (kind: CellKind, source: string): Cell => this.ctl.append(kind, source);
  remove = (id: string): Promise<void> => this.ctl.remove(id);
  undoDelete = (): void => this.ctl.undoDelete();
  move = (id: string, delta: number): void => this.ctl.move(id, delta);
  rename = (id: string, name: string): Promise<string | null> => this.ctl.rename(id, name);
}
