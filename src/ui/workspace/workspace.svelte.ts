/**
 * The workspace for Svelte: a reactive mirror of the WorkspaceController (src/app), which does all the
 * work, started with the browser's host (src/app/browser-host.ts). Each field is copied when the
 * controller says it changed; methods are the controller's. The page's own events (hidden, closed, a
 * waiting tab's storage changing) are wired here.
 */
import { WorkspaceController, type Notice, type TableRow, type Undo, type WorkspaceKey } from '../../app/workspace-controller';
import { browserHost } from '../../app/browser-host';
import type { SaveState } from '../../store/autosave';
import type { TabRole } from '../../store/leader';
import type { DbRecovery } from '../../store/opened';
import type { BinEntry } from '../../store/bin';
import type { WorkspacePreview } from '../../store/preview';
import type { WorkshopInfo } from '../../store/workshop';
import type { StorageStatus } from '../../store/quota';
import type { NotebookEntry } from '../../store/workspace-store';
import { JOURNAL_PREFIX } from '../../store/journal';
import { Session } from '../session.svelte';
import { templatesIn } from '../templates';
import { chooseLanguage, i18nFor, type I18n } from '../../i18n';

/** localStorage when the browser allows it (the language kept there). */
function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export type { Notice, TableRow, Undo };

/** The interface's language, as the app chose it (kept in this browser, else the browser's). */
const interfaceLang = () => chooseLanguage({ storage: safeLocalStorage(), languages: navigator.languages });

export class Workspace {
  /** The interface's language as it is now: what the controller writes its notices and labels in. */
  #lang: () => I18n = () => i18nFor(interfaceLang());
  readonly ctl = new WorkspaceController(browserHost(() => templatesIn(interfaceLang()), 'welcome.md', async (engine, schema) => (await import('../demo')).loadDemoWorkspace(engine, schema), () => i18nFor(interfaceLang()).t), { i18n: () => this.#lang() });

  #role = $state.raw<TabRole | 'starting'>('starting');
  #notebooks = $state.raw<readonly NotebookEntry[]>([]);
  #bin = $state.raw<readonly NotebookEntry[]>([]);
  #tableBin = $state.raw<readonly BinEntry[]>([]);
  #currentId = $state.raw<string | null>(null);
  #currentTemplate = $state.raw<string | null>(null);
  #tables = $state.raw<readonly TableRow[]>([]);
  #listing = $state.raw(0);
  #listed = $state.raw(0);
  #storage = $state.raw<StorageStatus | null>(null);
  #saveState = $state.raw<SaveState>('saved');
  #notice = $state.raw<Notice | null>(null);
  #undo = $state.raw<Undo | null>(null);
  #task = $state.raw<{ label: string; fraction: number } | null>(null);
  #tablesKept = $state.raw(true);
  #notebooksKept = $state.raw(true);
  #panelOpen = $state.raw(false);
  #recovery = $state.raw<DbRecovery | null>(null);
  #preview = $state.raw<WorkspacePreview | null>(null);
  #lastKept = $state(0);
  #workshop = $state.raw<WorkshopInfo | null>(null);

  /** `lang`: the app's language of the moment (its LangState's `current`); else the one kept in this browser. */
  constructor(lang?: () => I18n) {
    if (lang) this.#lang = lang;
    const c = this.ctl;
    const copy: Record<WorkspaceKey, () => void> = {
      role: () => (this.#role = c.role),
      notebooks: () => (this.#notebooks = c.notebooks),
      bin: () => (this.#bin = c.bin),
      tableBin: () => (this.#tableBin = c.tableBin),
      currentId: () => (this.#currentId = c.currentId),
      currentTemplate: () => (this.#currentTemplate = c.currentTemplate),
      tables: () => (this.#tables = c.tables),
      listing: () => (this.#listing = c.listing),
      listed: () => (this.#listed = c.listed),
      storage: () => (this.#storage = c.storage),
      saveState: () => (this.#saveState = c.saveState),
      notice: () => (this.#notice = c.notice),
      undo: () => (this.#undo = c.undo),
      task: () => (this.#task = c.task),
      tablesKept: () => (this.#tablesKept = c.tablesKept),
      notebooksKept: () => (this.#notebooksKept = c.notebooksKept),
      panelOpen: () => (this.#panelOpen = c.panelOpen),
      recovery: () => (this.#recovery = c.recovery),
      preview: () => (this.#preview = c.preview),
      lastKept: () => (this.#lastKept = c.lastKept),
      workshop: () => (this.#workshop = c.workshop),
    };
    c.subscribe((key) => copy[key]());
  }

  get role() {
    return this.#role;
  }
  get notebooks() {
    return this.#notebooks;
  }
  get bin() {
    return this.#bin;
  }
  get tableBin() {
    return this.#tableBin;
  }
  get currentId() {
    return this.#currentId;
  }
  get currentTemplate() {
    return this.#currentTemplate;
  }
  get tables() {
    return this.#tables;
  }
  get listing() {
    return this.#listing;
  }
  get listed() {
    return this.#listed;
  }
  get storage() {
    return this.#storage;
  }
  get saveState() {
    return this.#saveState;
  }
  get notice() {
    return this.#notice;
  }
  set notice(n: Notice | null) {
    if (n === null) this.ctl.dismissNotice();
  }
  get undo() {
    return this.#undo;
  }
  get task() {
    return this.#task;
  }
  get tablesKept() {
    return this.#tablesKept;
  }
  get notebooksKept() {
    return this.#notebooksKept;
  }
  get panelOpen() {
    return this.#panelOpen;
  }
  set panelOpen(open: boolean) {
    this.ctl.setPanelOpen(open);
  }
  get recovery() {
    return this.#recovery;
  }
  /** The workshop saved in this browser, if any. */
  get workshop() {
    return this.#workshop;
  }
  saveAsWorkshop() {
    return this.ctl.saveAsWorkshop();
  }
  resetToWorkshop() {
    return this.ctl.resetToWorkshop();
  }
  downloadWorkshop() {
    return this.ctl.downloadWorkshop();
  }
  /** When the open notebook's last results were last captured (ms since epoch). */
  get lastKept() {
    return this.#lastKept;
  }
  get preview() {
    return this.#preview;
  }

  /**
   * Takes the workspace (or shows it read-only and waits for the tab that has it), opens it, and shows
   * the notebook to start on. `onsession` gets the session as soon as it exists, before that notebook has run.
   */
  async start(onphase: (text: string, fraction: number) => void, onsession: (s: Session) => void): Promise<void> {
    const hidden = () => this.ctl.pageHidden();
    addEventListener('pagehide', hidden);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') hidden();
      else void this.ctl.refreshPreview();
    });
    // A waiting tab follows the owner's edits (the journal is in localStorage, whose changes other tabs hear).
    addEventListener('storage', (e: StorageEvent) => {
      if (e.key === null || e.key.startsWith(JOURNAL_PREFIX)) void this.ctl.refreshPreview();
    });
    await this.ctl.start(onphase, (s) => onsession(new Session(s)));
  }

  open = (id: string, inputs?: Readonly<Record<string, string>>) => this.ctl.open(id, inputs);
  openTemplate = (file: string, inputs?: Readonly<Record<string, string>>) => this.ctl.openTemplate(file, inputs);
  setInputs = (values: Readonly<Record<string, string>>) => this.ctl.setInputs(values);
  newNotebook = (name: string) => this.ctl.newNotebook(name);
  renameNotebook = (id: string, file: string) => this.ctl.renameNotebook(id, file);
  duplicateNotebook = (id: string) => this.ctl.duplicateNotebook(id);
  deleteNotebook = (id: string) => this.ctl.deleteNotebook(id);
  restoreNotebook = (id: string) => this.ctl.restoreNotebook(id);
  purgeNotebook = (id: string) => this.ctl.purgeNotebook(id);
  emptyBin = () => this.ctl.emptyBin();
  restoreBinTable = (entry: BinEntry) => this.ctl.restoreBinTable(entry);
  purgeBinTable = (entry: BinEntry) => this.ctl.purgeBinTable(entry);
  resetToTemplate = (id: string) => this.ctl.resetToTemplate(id);
  templateOf = (file: string) => this.ctl.template(file);
  undoDelete = () => this.ctl.undoDelete();
  dismissUndo = () => this.ctl.dismissUndo();
  renameTable = (from: string, to: string) => this.ctl.renameTable(from, to);
  duplicateTable = (name: string) => this.ctl.duplicateTable(name);
  deleteTable = (name: string) => this.ctl.deleteTable(name);
  refreshTables = (withFingerprints = true) => this.ctl.refreshTables(withFingerprints);
  refreshStorage = () => this.ctl.refreshStorage();
  persist = () => this.ctl.persist();
  exportToFile = () => this.ctl.exportToFile();
  importFromFile = (file: File) => this.ctl.importFromFile(file);
  saveSetAside = () => this.ctl.saveSetAside();
  removeSetAside = () => this.ctl.removeSetAside();
  dismissRecovery = () => this.ctl.dismissRecovery();
  clearAll = () => this.ctl.clearAll();
  flush = () => this.ctl.flush();
  requestTakeOver = () => this.ctl.requestTakeOver();
  takeBack = () => this.ctl.takeBack();
}
