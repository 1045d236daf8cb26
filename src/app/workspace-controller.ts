/**
 * The workspace's logic, free of any UI framework: which tab owns the workspace, opening it (and saying
 * what a crash left), the notebooks (templates shown as they are until an edit makes one the user's;
 * new, rename, duplicate, delete to a bin, restore, reset to the template), the edit journal and
 * autosave, the table list with fingerprints, undo, export and import of the whole workspace, clearing
 * it, and handing it to another tab. The Svelte adapter (ui/workspace/workspace.svelte.ts) mirrors its
 * fields; the unit tests drive it on the Node engine with a store in memory.
 *
 * Everything the browser gives is passed in (`WorkspaceHost`): how to open storage and the engine, the
 * tab lock, the synchronous storage of the journal, a clock, downloading a file, reloading the page.
 *
 * Every edit of the open notebook is journaled at once (store/journal.ts) and saved by the autosave
 * within a second; the journal is replayed at the next start, so no edit is lost to a reload, a closed
 * tab or a killed browser.
 */
import type { Engine } from '../engine/types';
import type { CellKinds } from '../notebook/kinds/types';
import { exportWorkspace, importWorkspace, ARCHIVE_EXTENSION } from '../store/archive';
import { Autosave, type SaveState } from '../store/autosave';
import { fingerprintTable } from '../store/fingerprint';
import { startingNotebook } from '../store/first-run';
import { hasDemo, installDemo, migrateOldLayout } from '../model/demo';
import { refreshModel } from '../model/binding';
import type { TabRole } from '../store/leader';
import { Journal, PENDING, type JournalEntry, type SyncStorage } from '../store/journal';
import type { DbRecovery, OpenedWorkspace } from '../store/opened';
import { tableListSetting, TABLE_LIST_SETTING, type WorkspacePreview } from '../store/preview';
import { isQuotaError, storageFullMessage, type StorageStatus } from '../store/quota';
import { deleteTable, duplicateTable, listTables, renameTable, restoreTable, type DeletedTable, type TableSummary } from '../store/tables';
import { emptyBin as emptyTableBin, listBin, restoreFromBin, type BinEntry } from '../store/bin';
import { fileNameProblem, uniqueFile, type NotebookEntry, type WorkspaceStore } from '../store/workspace-store';
import { UNTRUSTED_SETTING, untrustedIds, withTrust } from '../notebook/trust';
import { Observable } from './observable';
import { resetToWorkshop, saveWorkshop, workshopArchive, workshopInfo, type WorkshopInfo } from '../store/workshop';
import { cellKeys, engineDataKey } from '../notebook/cell-keys';
import { captureLastResults, FIRST_PAGE_ROWS, slotOf, type LastResults } from '../notebook/last-results';
import { clearRunning, dropLastResults, markRunning, readLastResults, takeRunning, withInterrupted, writeLastResults, type RunningMark } from '../store/last-results';
import { plainRows, type Plain } from '../engine/values';
import { ident } from '../sql/quote';
import { relationName } from '../notebook/runner';
import { dropResultsExcept } from '../store/prepare';
import { SessionController } from './session-controller';
import { i18nFor, type I18n } from '../i18n';
import { errorText } from '../i18n/said';

export interface TableRow extends TableSummary {
  /** SHA-256 of the canonical content; null while being computed, '' when it cannot be read. */
  fingerprint: string | null;
  lastUsedAt: number | null;
}

export interface Notice {
  kind: 'error' | 'info' | 'warn';
  message: string;
}

export type Undo =
  | { kind: 'notebook'; id: string; label: string }
  | { kind: 'table'; deleted: DeletedTable; label: string }
  | { kind: 'reset'; id: string; text: string; label: string };

export interface NotebookTemplate {
  file: string;
  title: string;
  text: string;
}

/** What the workspace needs of the tab lock (store/leader.ts's Leadership). */
export interface TabLeadership {
  readonly role: TabRole;
  readonly ready: Promise<void>;
  subscribe(fn: (role: TabRole) => void): () => void;
  requestTakeOver(): void;
}

export interface Clock {
  now(): number;
  /** Runs `fn` after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** Flags that last as long as the tab (sessionStorage in the browser). */
export interface TabFlags {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface WorkspaceHost {
  /** Opens the store and the engine, with the repairs a crash calls for. */
  open(onProgress: (fraction: number) => void): Promise<OpenedWorkspace>;
  /**
   * Starts the engine's slow part (its WebAssembly) before the workspace is claimed and read, for the
   * next `open` to use; `cool` ends it when this tab will not open the workspace (it waits for another).
   */
  warm?(): void;
  cool?(): void;
  /** Takes the tab lock (or queues for it); absent where the browser has no locks: this tab owns the workspace. */
  claim?(release: () => Promise<void>): Promise<TabLeadership>;
  /** The cell kinds the session's runner runs. */
  kinds(): CellKinds;
  /** Builds the demo tables into `schema` (the generator is loaded on demand). */
  loadDemo(engine: Engine, schema: string): Promise<void>;
  templates: readonly NotebookTemplate[];
  /** The template a new workspace opens on. */
  welcome?: string;
  /** Where the edit journal is written synchronously (localStorage), or null. */
  journalStorage: SyncStorage | null;
  flags: TabFlags;
  clock: Clock;
  reload(): void;
  download(name: string, data: Blob): void;
  /** Removes everything stored for the origin (the database and store must be closed first). */
  clearAll(): Promise<void>;
  storage: { status(): Promise<StorageStatus | null>; persist(): Promise<boolean> };
  /** Reads the workspace without opening it: what a tab waiting for it shows. */
  preview?(): Promise<WorkspacePreview | null>;
  /** Files set aside by a recovery (store/db-open.ts): to save them, or remove them. */
  setAside?: { read(name: string): Promise<Blob | null>; remove(name: string): Promise<void> };
}

export type WorkspaceKey =
  | 'role'
  | 'workshop'
  | 'lastKept'
  | 'notebooks'
  | 'bin'
  | 'tableBin'
  | 'currentId'
  | 'currentTemplate'
  | 'tables'
  | 'listing'
  | 'listed'
  | 'storage'
  | 'saveState'
  | 'notice'
  | 'undo'
  | 'task'
  | 'tablesKept'
  | 'notebooksKept'
  | 'panelOpen'
  | 'recovery'
  | 'preview';

/** What the controller is given besides its host. */
export interface WorkspaceOptions {
  /**
   * The interface's language as it is now (the user can switch it at any time): notices, progress and
   * undo labels and name problems are written in it. English when absent.
   */
  i18n?: () => I18n;
}

const ENGLISH = i18nFor('en');

/** Set before reloading a tab that should take the workspace back from the tab that has it. */
export const TAKE_OVER_FLAG = 'longtail-take-over';

/** `name` as a notebook file name: `.md` added when missing. */
export function notebookFileName(name: string): string {
  const trimmed = name.trim();
  return /\.md$/i.test(trimmed) ? trimmed : `${trimmed}.md`;
}

export class WorkspaceController extends Observable<WorkspaceKey> {
  role: TabRole | 'starting' = 'starting';
  notebooks: readonly NotebookEntry[] = [];
  /** Deleted notebooks, newest first, until restored or the bin is emptied. */
  bin: readonly NotebookEntry[] = [];
  /** Tables and views in the bin (store/bin.ts): deleted here, or dropped or rewritten by a statement. */
  tableBin: readonly BinEntry[] = [];
  currentId: string | null = null;
  /** The template shown, when the session shows one that is not (yet) one of the user's notebooks. */
  currentTemplate: string | null = null;
  tables: readonly TableRow[] = [];
  /** Table listings under way: the panel says it is busy rather than show a list that may be stale. */
  listing = 0;
  /** Table listings finished (with their fingerprints): a test, or a screen reader, knows the list is current. */
  listed = 0;
  storage: StorageStatus | null = null;
  saveState: SaveState = 'saved';
  notice: Notice | null = null;
  undo: Undo | null = null;
  /** A long operation (export, import…) and how far it is. */
  task: { label: string; fraction: number } | null = null;
  tablesKept = true;
  notebooksKept = true;
  panelOpen = false;
  /** What opening the database had to do (a damaged file set aside), while the user has not dismissed it. */
  recovery: DbRecovery | null = null;
  /** The workspace as a waiting tab can read it (no database), until this tab owns it. */
  preview: WorkspacePreview | null = null;

  session: SessionController | null = null;
  private opened: OpenedWorkspace | null = null;
  private leadership: TabLeadership | null = null;
  private journal: Journal;
  private readonly autosave: Autosave;
  /** The workspace itself is opening or switching notebooks: the session's changes are not the user's edits. */
  private switching = false;
  private closing = false;
  /** The first edit of a notebook from outside the workspace is adding it. */
  private adopting: Promise<void> | null = null;
  /** A notebook from outside that the user let run before it was added. */
  private trustedBeforeAdded = false;
  private currentTrusted = true;
  private unsubscribe: (() => void)[] = [];
  private usedSoon = new Set<string>();
  private cancelUsed: (() => void) | null = null;
  private fingerprints = new Map<string, string>();
  private tableListJson = '';
  /** The workshop saved in this browser (issue 19.5), if any. */
  workshop: WorkshopInfo | null = null;
  /** When the open notebook's last results were last captured (ms since epoch; a test waits on it). */
  lastKept = 0;
  /** The cell that was running when the page last went away (read once, at start): kept stopped. */
  private interrupted: RunningMark | null = null;
  private cancelLastSave: (() => void) | null = null;
  /** Charts as drawn, by cell id and display index, that the host's chart view reports: kept with the last results. */
  private readonly drawings = new Map<string, (string | null)[]>();

  private readonly i18n: () => I18n;
  /** The notice saying the version before the last change was opened (the journal may make it moot). */
  private previousVersionNotice: Notice | null = null;
  /** The last "storage full" notice: a save that succeeds afterwards takes it away. */
  private storageFullNotice: Notice | null = null;
  /** The last error notice `failed` showed, with its English text (what the storage test below reads in any language). */
  private failure: { notice: Notice; english: string } | null = null;

  constructor(
    private readonly host: WorkspaceHost,
    options: WorkspaceOptions = {},
  ) {
    super();
    this.i18n = options.i18n ?? (() => ENGLISH);
    this.journal = new Journal(host.journalStorage, null, () => host.clock.now());
    this.autosave = new Autosave((id, text) => this.write(id, text));
    this.autosave.subscribe((s) => {
      this.set('saveState', s);
      if (s === 'failed') void this.failed(this.autosave.error);
      if (s === 'saved' && this.notice?.kind === 'error' && (this.notice === this.storageFullNotice || /storage/.test(this.notice === this.failure?.notice ? this.failure.english : this.notice.message))) this.set('notice', null);
    });
  }

  private set<K extends WorkspaceKey & keyof this>(key: K, value: this[K]): void {
    this[key] = value;
    this.emit(key);
  }

  /** A message in the interface's language of the moment (what was shown keeps the language it was made in). */
  private t: I18n['t'] = (key, params) => this.i18n().t(key, params);

  /** "3 notebooks and 1 table", in the interface's language. */
  private counts(notebooks: number, tables: number): { notebooks: string; tables: string } {
    return { notebooks: this.t('core.app.count.notebooks', { count: notebooks }), tables: this.t('core.app.count.tables', { count: tables }) };
  }

  private get store(): WorkspaceStore {
    return this.opened!.store;
  }

  private get engine(): Engine {
    return this.opened!.engine;
  }

  template(file: string): NotebookTemplate | undefined {
    return this.host.templates.find((t) => t.file.toLowerCase() === file.toLowerCase());
  }

  /**
   * Takes the workspace (or shows it read-only and waits for the tab that has it), opens it, replays the
   * journal, and shows the notebook to start on. `onsession` gets the session as soon as it exists,
   * before that notebook has run.
   */
  /** Starts the engine's WebAssembly now, beside whatever the page does before `start` (see WorkspaceHost.warm). */
  warm(): void {
    this.host.warm?.();
  }

  async start(onphase: (text: string, fraction: number) => void, onsession: (s: SessionController) => void): Promise<void> {
    this.host.warm?.();
    if (this.host.claim) {
      this.leadership = await this.host.claim(() => this.handOver());
      this.set('role', this.leadership.role);
      if (this.role === 'waiting') this.host.cool?.();
      // Not in `unsubscribe`: a tab handing over must still hear that the workspace moved.
      this.leadership.subscribe((r) => this.set('role', r));
      if (this.role === 'waiting') {
        void this.refreshPreview();
        if (this.host.flags.get(TAKE_OVER_FLAG)) this.leadership.requestTakeOver();
      }
      await this.leadership.ready;
      this.host.flags.remove(TAKE_OVER_FLAG);
    } else {
      this.set('role', 'leader');
    }
    if (this.host.journalStorage) this.interrupted = takeRunning(this.host.journalStorage);
    // The last session's results on screen while the engine starts (issue 16.1): the store is read
    // without the database, as a waiting tab reads it.
    if (this.host.preview) {
      void this.host
        .preview()
        .then((p) => {
          if (!this.session && this.role === 'leader') this.set('preview', p);
        })
        .catch(() => undefined);
    }
    onphase(this.t('core.app.phase.engine'), 0);
    this.switching = true;
    // Marks for the bench and the browser's profiler: where a start spends its time.
    performance.mark('longtail:open-start');
    this.opened = await this.host.open((f) => onphase(this.t('core.app.phase.engine'), f * 0.7));
    this.journal = new Journal(this.host.journalStorage, this.opened.kv, () => this.host.clock.now());
    this.set('tablesKept', this.opened.tablesKept);
    this.set('notebooksKept', this.opened.notebooksKept);
    this.explainOpening();
    performance.mark('longtail:opened');
    // The demo lives in its own schema, built whenever it is absent; an older workspace's demo tables move there.
    const moved = await migrateOldLayout(this.engine).catch(() => []);
    if (moved.length) this.set('notice', { kind: 'info', message: moved.join(' ') });
    if (!(await hasDemo(this.engine))) {
      onphase(this.t('core.app.phase.demo'), 0.75);
      await installDemo(this.engine, (engine, schema) => this.host.loadDemo(engine, schema));
    } else await refreshModel(this.engine);
    performance.mark('longtail:model');
    const session = new SessionController(this.engine, this.host.kinds(), { i18n: this.i18n });
    await session.init();
    performance.mark('longtail:session');
    if ((await this.replayJournal()) > 0 && this.notice !== null && this.notice === this.previousVersionNotice) {
      // The journal had that change: nothing was lost after all.
      this.set('notice', null);
    }
    const first = startingNotebook(this.store, { welcome: this.host.welcome, templates: this.host.templates.map((t) => t.file) });
    onphase(this.t('core.app.phase.opening'), 0.9);
    this.session = session;
    session.ontrusted = () => this.trusted();
    this.syncNotebooks();
    this.watch(session);
    this.tablesListed();
    this.switching = false;
    this.set('preview', null);
    onsession(session);
    if (first?.kind === 'notebook') await this.open(first.entry.id);
    else if (first?.kind === 'template') await this.openTemplate(first.file);
    void this.host.storage.persist().then(() => this.refreshStorage());
    void this.refreshWorkshop();
  }

  /** A waiting tab reads the workspace again (the owner saved, or the tab became visible). */
  async refreshPreview(): Promise<void> {
    if (this.role === 'leader' || !this.host.preview) return;
    const preview = await this.host.preview().catch(() => null);
    // The role may have changed while reading.
    if ((this.role as string) !== 'leader' && preview) this.set('preview', preview);
  }

  private explainOpening(): void {
    const { store, importRecovery, dbRecovery } = this.opened!;
    if (dbRecovery.kind === 'log-set-aside' || dbRecovery.kind === 'file-set-aside') this.set('recovery', dbRecovery);
    if (dbRecovery.kind === 'memory' && this.opened!.notebooksKept) {
      this.set('notice', { kind: 'warn', message: this.t('core.app.notice.db_in_memory', { error: dbRecovery.error }) });
    } else if (!this.tablesKept || !this.notebooksKept) {
      const what = !this.notebooksKept ? (!this.tablesKept ? 'core.app.notice.not_kept.both' : 'core.app.notice.not_kept.notebooks') : 'core.app.notice.not_kept.tables';
      this.set('notice', { kind: 'warn', message: this.t(what) });
    } else if (store.recovery === 'previous-version') {
      this.previousVersionNotice = { kind: 'info', message: this.t('core.app.notice.previous_version') };
      this.set('notice', this.previousVersionNotice);
    } else if (importRecovery === 'completed') {
      this.set('notice', { kind: 'info', message: this.t('core.app.notice.import_completed') });
    } else if (importRecovery === 'undone') {
      this.set('notice', { kind: 'info', message: this.t('core.app.notice.import_undone') });
    }
  }

  /**
   * Edits the journal holds that the store does not: each goes into the store (a notebook the first
   * edit was adding is added), then leaves the journal. Entries for notebooks since deleted are dropped.
   */
  private async replayJournal(): Promise<number> {
    let replayed = 0;
    for (const { key, entry } of await this.journal.entries()) {
      try {
        if (await this.replay(key, entry)) replayed++;
        this.journal.settled(key, entry.text);
      } catch {
        // Storage full, say: the entry stays for the next start.
      }
    }
    await this.journal.idle();
    return replayed;
  }

  /** True when the store did not have the entry's text. */
  private async replay(key: string, entry: JournalEntry): Promise<boolean> {
    const id = entry.id ?? (key === PENDING ? null : key);
    const saved = id ? this.store.entry(id) : undefined;
    if (saved) {
      // An entry the store has since saved over (its removal may not have been kept): not a lost edit.
      if (entry.at < saved.updatedAt) return false;
      if ((await this.store.read(id!).catch(() => null)) === entry.text) return false;
      await this.store.save(id!, entry.text);
      return true;
    }
    if (id && this.store.deleted.some((n) => n.id === id)) return false;
    // Added by its first edit, but the store had not recorded it yet: it is added now, under the id the journal names.
    const made = await this.store.create(notebookFileName(entry.file), entry.text, { ...(entry.template ? { template: entry.template } : {}), ...(id ? { id } : {}) });
    if (!entry.trusted) await this.store.setSetting(UNTRUSTED_SETTING, withTrust(untrustedIds(this.store.settings), made.id, false));
    await this.store.opened(made.id);
    return true;
  }

  /** Autosave, notebooks from outside, tables' last use, the table list other tabs read. */
  private watch(session: SessionController): void {
    this.unsubscribe.push(
      session.onEdit(() => this.edited()),
      session.onOpen(() => {
        if (!this.switching) this.openedFromOutside();
      }),
      session.subscribe((key) => {
        if (key === 'tables') this.tablesListed();
      }),
      session.runner.subscribe((id) => {
        if (!id) {
          // A cell ended (or the runner is idle): it is no longer running, and the results are kept soon.
          if (this.host.journalStorage) clearRunning(this.host.journalStorage);
          this.scheduleLastSave();
          return;
        }
        const s = session.runner.state(id);
        if (s.status === 'running') this.markRunning(id);
        if (s.status === 'done') {
          this.fingerprints.clear();
          this.used(s.reads);
        }
      }),
    );
  }

  /** Where the open notebook's last results are kept: its id, or the template it shows. */
  private get lastKey(): string | null {
    return this.currentId ?? (this.currentTemplate ? `template:${this.currentTemplate}` : null);
  }

  /** Written before the cell runs, synchronously: a page killed during the run leaves it (store/last-results.ts). */
  private markRunning(id: string): void {
    const session = this.session;
    const key = this.lastKey;
    if (!session || !key || !this.host.journalStorage || this.role !== 'leader') return;
    const index = session.notebook.cells.findIndex((c) => c.id === id);
    const cell = session.notebook.cells[index];
    if (cell) markRunning(this.host.journalStorage, { notebook: key, slot: slotOf(cell, index), kind: cell.kind });
  }

  /** A chart view drew display `index` of the cell named `name`: the drawing is kept with the last results. */
  chartDrawn(name: string, index: number, svg: string | null): void {
    const cellId = this.session?.notebook.cells.find((c) => c.name.toLowerCase() === name.toLowerCase())?.id;
    if (!cellId) return;
    const list = this.drawings.get(cellId) ?? [];
    list[index] = svg;
    this.drawings.set(cellId, list);
    this.scheduleLastSave();
  }

  private scheduleLastSave(): void {
    this.cancelLastSave?.();
    this.cancelLastSave = this.host.clock.after(400, () => {
      this.cancelLastSave = null;
      if (this.session?.runner.busy) return this.scheduleLastSave();
      void this.saveLastResults();
    });
  }

  /** Keeps what the open notebook shows now, with each cell's key, for the next open (issue 16.1). */
  async saveLastResults(): Promise<void> {
    const session = this.session;
    const key = this.lastKey;
    if (!session || !key || !this.opened || this.role !== 'leader' || this.closing) return;
    const cells = session.notebook.cells;
    try {
      const last = await session.exclusive(async (): Promise<LastResults> => {
        const g = await session.runner.graph();
        const keys = await cellKeys(cells, g, (id) => session.runner.state(id).reads, engineDataKey(this.engine, ident));
        const pages = new Map<string, Plain[][]>();
        for (const c of cells) {
          const st = session.runner.state(c.id);
          const rel = st.result?.relation;
          if (rel && st.status === 'done') pages.set(c.id, plainRows(await this.engine.query(`SELECT * FROM ${rel} LIMIT ${FIRST_PAGE_ROWS}`)));
        }
        return captureLastResults({ cells, state: (id) => session.runner.state(id), keys, firstPage: (c) => pages.get(c.id) ?? null, drawing: (c, i) => this.drawings.get(c.id)?.[i] ?? null });
      });
      // The notebook changed meanwhile: what was read belongs to no notebook now.
      if (key !== this.lastKey || cells !== session.notebook.cells) return;
      await writeLastResults(this.opened.kv, key, last);
      this.set('lastKept', last.savedAt);
    } catch {
      /* a cache: the next open runs the cells instead */
    }
  }

  /** Runs the notebook just opened, adopting what still holds from its last results. */
  private async runOpened(session: SessionController): Promise<void> {
    performance.mark('longtail:run-opened');
    const key = this.lastKey;
    let last = key && this.opened ? await readLastResults(this.opened.kv, key) : null;
    if (key && this.interrupted) {
      last = withInterrupted(last, key, this.interrupted);
      this.interrupted = null;
    }
    await session.runChanged(last, engineDataKey(this.engine, ident));
    performance.mark('longtail:ran-opened');
    // Results kept from notebooks other than this one (or from a crash) give their space back.
    const own = session.notebook.cells.map((c) => relationName(c));
    await session.exclusive(() => dropResultsExcept(this.engine, own)).catch(() => undefined);
  }

  /** The user changed the open notebook: journal it now, save it soon; a notebook from outside joins the workspace. */
  private edited(): void {
    const session = this.session!;
    if (this.role !== 'leader' || this.closing) return;
    const text = session.text();
    // Set by `adopt` only once the notebook is in the store: until then edits go to the pending entry.
    if (this.currentId) {
      this.journal.write(this.currentId, { id: this.currentId, file: session.fileName, text });
      this.autosave.change(this.currentId, text);
      return;
    }
    this.pendingId ??= crypto.randomUUID();
    this.journal.write(PENDING, { id: this.pendingId, file: session.fileName, text, ...(this.currentTemplate ? { template: this.currentTemplate } : {}), trusted: this.currentTrusted });
    this.adopting ??= this.adopt().finally(() => (this.adopting = null));
  }

  /** The id the notebook being added will have (the pending journal entry names it). */
  private pendingId: string | null = null;

  /** The session opened a notebook the workspace did not (a file, a snapshot duplicated): it joins the workspace now. */
  private openedFromOutside(): void {
    this.set('currentId', null);
    this.set('currentTemplate', null);
    this.currentTrusted = false;
    this.trustedBeforeAdded = false;
    if (this.role !== 'leader' || this.closing) return;
    this.pendingId ??= crypto.randomUUID();
    this.journal.write(PENDING, { id: this.pendingId, file: this.session!.fileName, text: this.session!.text(), trusted: false });
    this.adopting ??= this.adopt().finally(() => (this.adopting = null));
  }

  /** A notebook from outside the workspace (a template, a file) becomes one of its notebooks, named after it. */
  private async adopt(): Promise<void> {
    const session = this.session!;
    const template = this.currentTemplate;
    const trusted = this.currentTrusted;
    const id = (this.pendingId ??= crypto.randomUUID());
    try {
      const entry = await this.store.create(notebookFileName(session.fileName), session.text(), { ...(template ? { template } : {}), id });
      this.pendingId = null;
      if (!trusted && !this.trustedBeforeAdded) await this.setTrusted(entry.id, false);
      this.trustedBeforeAdded = false;
      await this.store.opened(entry.id);
      this.set('currentId', entry.id);
      this.set('currentTemplate', null);
      this.currentTrusted = true;
      session.setFileName(entry.file);
      this.syncNotebooks();
      // Edits made while it was being added are in the pending entry: they now belong to the notebook.
      const text = session.text();
      this.journal.write(entry.id, { id: entry.id, file: entry.file, text });
      this.journal.remove(PENDING);
      this.autosave.change(entry.id, text);
    } catch (err) {
      await this.failed(err);
    }
  }

  /** Records whether a notebook may run by itself when opened (trust.ts). */
  private async setTrusted(id: string, trusted: boolean): Promise<void> {
    await this.guard(() => this.store.setSetting(UNTRUSTED_SETTING, withTrust(untrustedIds(this.store.settings), id, trusted)));
  }

  private trusted(): void {
    if (this.currentId && !this.adopting) void this.setTrusted(this.currentId, true);
    else {
      this.currentTrusted = true;
      this.trustedBeforeAdded = true;
    }
  }

  private async write(id: string, text: string): Promise<void> {
    if (!this.store.entry(id)) return;
    await this.store.save(id, text);
    this.journal.settled(id, text);
    this.syncNotebooks();
  }

  private syncNotebooks(): void {
    this.set('notebooks', [...this.store.notebooks]);
    this.set('bin', [...this.store.deleted]);
  }

  /** Shows notebook text in the session (the workspace's own doing, not an edit). */
  private async show(text: string, file: string): Promise<boolean> {
    const session = this.session!;
    this.switching = true;
    try {
      await this.autosave.flush();
      await this.adopting;
      this.drawings.clear();
      return await session.open(text, file, false);
    } finally {
      this.switching = false;
    }
  }

  /**
   * Opens a workspace notebook and runs it (or holds it, when it came from outside and has not been let
   * run); `inputs` set input cells' values first (a partner page's partner), kept as an edit.
   */
  async open(id: string, inputs?: Readonly<Record<string, string>>): Promise<void> {
    const session = this.session!;
    let ok = false;
    try {
      const entry = this.store.entry(id);
      if (!entry) return;
      ok = await this.show(await this.store.read(id), entry.file);
      if (ok) {
        this.set('currentId', id);
        this.set('currentTemplate', null);
        // An edit of this notebook: set once it is the current one, so that it is saved as its own.
        if (inputs) session.setInputs(inputs);
        this.currentTrusted = !untrustedIds(this.store.settings).includes(id);
        await this.store.opened(id);
        this.syncNotebooks();
      }
    } catch (err) {
      await this.failed(err);
    }
    // A notebook from outside waits for the user's go-ahead, on this load and every later one.
    if (ok && !this.currentTrusted) session.hold();
    else if (ok) await this.runOpened(session);
  }

  /**
   * Shows a template as it ships; the first edit makes it one of the user's notebooks (templateName.md).
   * `inputs` set input cells' values first without counting as an edit: the template stays one.
   */
  async openTemplate(file: string, inputs?: Readonly<Record<string, string>>): Promise<void> {
    const t = this.template(file);
    if (!t) return;
    const session = this.session!;
    try {
      if (!(await this.show(t.text, t.file))) return;
      if (inputs) session.setInputs(inputs, false);
      this.set('currentId', null);
      this.set('currentTemplate', t.file);
      this.currentTrusted = true;
      await this.guard(() => this.store.showingTemplate(t.file));
    } catch (err) {
      await this.failed(err);
    }
    await this.runOpened(session);
  }

  /**
   * The interface changed language: a template on screen (never edited, so not the user's text) is shown
   * again in that language, its inputs as they were. The user's own notebooks are left as written.
   */
  async followLanguage(): Promise<void> {
    const file = this.currentTemplate;
    const session = this.session;
    if (!file || !session) return;
    const inputs: Record<string, string> = {};
    for (const c of session.notebook.cells) {
      const value = c.kind === 'input' ? c.attrs.find((a) => a.key === 'value')?.value : undefined;
      if (typeof value === 'string' && c.name) inputs[c.name] = value;
    }
    await this.openTemplate(file, inputs);
  }

  /**
   * Sets input cells' values in the open notebook (a partner named in a result, on its partner page);
   * returns the ids of the cells that changed. On a template this is not an edit: it stays a template.
   */
  setInputs(values: Readonly<Record<string, string>>): string[] {
    return this.session?.setInputs(values, this.currentTemplate === null) ?? [];
  }

  /** A new notebook under the name the user gave; returns what is wrong with the name, or null. */
  async newNotebook(name: string): Promise<string | null> {
    if (!name.trim()) return this.t('core.app.name.empty');
    const file = notebookFileName(name);
    const problem = fileNameProblem(file, this.t);
    if (problem) return problem;
    if (this.store.byFile(file)) return this.t('core.app.name.notebook_taken', { file });
    const title = file.replace(/\.md$/i, '');
    const entry = await this.guard(() => this.store.create(file, `# ${title}\n`));
    if (!entry) return this.notice?.message ?? this.t('core.app.name.not_made');
    this.syncNotebooks();
    await this.open(entry.id);
    return null;
  }

  async renameNotebook(id: string, file: string): Promise<string | null> {
    // The store checks the name too (in English, for every caller); here the user reads it in their language.
    const problem =
      fileNameProblem(file, this.t) ??
      (this.store.notebooks.some((n) => n.id !== id && n.file.toLowerCase() === file.toLowerCase()) ? this.t('core.app.name.notebook_taken', { file }) : null);
    if (problem) return problem;
    try {
      const entry = await this.store.rename(id, file);
      if (id === this.currentId) this.session!.setFileName(entry.file);
      this.syncNotebooks();
      return null;
    } catch (err) {
      if (isQuotaError(err)) await this.failed(err);
      return errorText(this.t, err);
    }
  }

  async duplicateNotebook(id: string): Promise<void> {
    await this.autosave.flush();
    await this.guard(() => this.store.duplicate(id));
    this.syncNotebooks();
  }

  /** Moves a notebook to the bin (undo at once, or restore from the bin later). */
  async deleteNotebook(id: string): Promise<void> {
    await this.autosave.flush();
    const entry = await this.guard(() => this.store.remove(id));
    if (!entry) return;
    this.journal.remove(id);
    this.syncNotebooks();
    this.set('undo', { kind: 'notebook', id, label: this.t('core.app.undo.notebook', { file: entry.file }) });
    if (id === this.currentId) {
      this.set('currentId', null);
      const next = [...this.store.notebooks].sort((a, b) => b.lastUsedAt - a.lastUsedAt)[0];
      if (next) await this.open(next.id);
      else if (this.host.welcome) await this.openTemplate(this.host.welcome);
    }
  }

  async restoreNotebook(id: string): Promise<void> {
    const entry = await this.guard(() => this.store.restore(id));
    if (this.undo?.kind === 'notebook' && this.undo.id === id) this.set('undo', null);
    this.syncNotebooks();
    if (entry && !this.currentId && !this.currentTemplate) await this.open(entry.id);
  }

  async purgeNotebook(id: string): Promise<void> {
    await this.guard(() => this.store.purge(id));
    if (this.opened) await dropLastResults(this.opened.kv, id);
    if (this.undo?.kind === 'notebook' && this.undo.id === id) this.set('undo', null);
    this.syncNotebooks();
  }

  /** Empties the bin: its notebooks and its tables, for good. */
  async emptyBin(): Promise<void> {
    await this.guard(() => this.store.emptyBin());
    if (this.undo?.kind === 'notebook' || this.undo?.kind === 'table') this.set('undo', null);
    this.syncNotebooks();
    if (this.tableBin.length) {
      await this.guard(() => this.exclusive(() => emptyTableBin(this.engine)));
      await this.afterTablesChanged();
    }
  }

  /** Puts a table from the bin back under its name (what holds the name now goes to the bin in exchange). */
  async restoreBinTable(entry: Pick<BinEntry, 'schema' | 'hiddenAs'>): Promise<void> {
    await this.guard(() => this.exclusive(() => restoreFromBin(this.engine, entry)));
    if (this.undo?.kind === 'table' && this.undo.deleted.hiddenAs === entry.hiddenAs) this.set('undo', null);
    await this.afterTablesChanged();
  }

  async purgeBinTable(entry: Pick<BinEntry, 'schema' | 'hiddenAs'>): Promise<void> {
    await this.guard(() => this.exclusive(() => emptyTableBin(this.engine, [entry])));
    if (this.undo?.kind === 'table' && this.undo.deleted.hiddenAs === entry.hiddenAs) this.set('undo', null);
    await this.afterTablesChanged();
  }

  /** Puts a notebook made from a template back to the template's text (undo gives the edited text back). */
  async resetToTemplate(id: string): Promise<void> {
    const entry = this.store.entry(id);
    const t = entry?.template ? this.template(entry.template) : undefined;
    if (!entry || !t) return;
    await this.autosave.flush();
    const before = await this.guard(() => this.store.read(id));
    if (before === null) return;
    if (!(await this.guard(() => this.store.save(id, t.text)))) return;
    this.journal.remove(id);
    this.syncNotebooks();
    this.set('undo', { kind: 'reset', id, text: before, label: this.t('core.app.undo.reset', { file: entry.file, title: t.title }) });
    if (id === this.currentId) await this.open(id);
  }

  async undoDelete(): Promise<void> {
    const u = this.undo;
    this.set('undo', null);
    if (u?.kind === 'notebook') {
      await this.guard(() => this.store.restore(u.id));
      this.syncNotebooks();
    } else if (u?.kind === 'table') {
      await this.guard(() => this.exclusive(() => restoreTable(this.engine, u.deleted)));
      await this.afterTablesChanged();
    } else if (u?.kind === 'reset') {
      await this.guard(() => this.store.save(u.id, u.text));
      this.syncNotebooks();
      if (u.id === this.currentId) await this.open(u.id);
    }
  }

  /** Closes the undo offer; what was deleted stays in the bin. */
  async dismissUndo(): Promise<void> {
    this.set('undo', null);
  }

  dismissNotice(): void {
    this.set('notice', null);
  }

  setPanelOpen(open: boolean): void {
    if (open !== this.panelOpen) this.set('panelOpen', open);
  }

  async renameTable(from: string, to: string): Promise<string | null> {
    try {
      await this.exclusive(() => renameTable(this.engine, from, to, this.t));
      await this.store.tableRenamed(from, to);
      await this.afterTablesChanged();
      return null;
    } catch (err) {
      if (isQuotaError(err)) await this.failed(err);
      return errorText(this.t, err);
    }
  }

  async duplicateTable(name: string): Promise<void> {
    const copy = await this.guard(() => this.exclusive(() => duplicateTable(this.engine, name)));
    if (copy) await this.guard(() => this.store.tablesUsed([copy]));
    await this.afterTablesChanged();
  }

  async deleteTable(name: string): Promise<void> {
    if (this.undo?.kind === 'table') await this.dismissUndo();
    const deleted = await this.guard(() => this.exclusive(() => deleteTable(this.engine, name)));
    if (!deleted) return;
    this.set('undo', { kind: 'table', deleted, label: this.t(deleted.sql ? 'core.app.undo.view' : 'core.app.undo.table', { name }) });
    await this.afterTablesChanged();
  }

  private async afterTablesChanged(): Promise<void> {
    this.fingerprints.clear();
    await this.session?.refreshTables();
    await this.refreshTables();
  }

  /** Tables with sizes (after a checkpoint, so that the sizes are on disk), last use, then fingerprints. */
  async refreshTables(withFingerprints = true): Promise<void> {
    if (!this.opened || this.role !== 'leader') return;
    this.set('listing', this.listing + 1);
    try {
      await this.listTables(withFingerprints);
    } finally {
      this.set('listing', this.listing - 1);
      this.set('listed', this.listed + 1);
    }
  }

  private async listTables(withFingerprints: boolean): Promise<void> {
    await this.whenIdle();
    // Between the session's own work, never inside it: a listing sent while the model is rebuilt (after
    // an archive import or a workshop reset) ran inside that transaction, broke it, and listed nothing.
    const { list, bin } = await this.exclusive(async () => {
      await this.engine.query('CHECKPOINT').catch(() => undefined);
      return { list: await listTables(this.engine), bin: await listBin(this.engine).catch(() => this.tableBin) };
    });
    const use = this.store.tableUse;
    this.set('tableBin', bin);
    this.set(
      'tables',
      list.map((t) => ({ ...t, fingerprint: this.fingerprints.get(t.name) ?? null, lastUsedAt: use[t.name] ?? null })),
    );
    for (const row of this.tables) {
      // Handing over or clearing: the database is closing under us.
      if (this.closing) return;
      if (row.fingerprint || !withFingerprints) continue;
      const fp = await this.exclusive(() => fingerprintTable(this.engine, { schema: 'main', name: row.name })).catch(() => null);
      if (fp) this.fingerprints.set(row.name, fp.sha256);
      // A view whose table is gone cannot be read: it has no fingerprint, and says so.
      this.set(
        'tables',
        this.tables.map((t) => (t.name === row.name ? { ...t, fingerprint: fp ? fp.sha256 : '' } : t)),
      );
    }
    await this.refreshStorage();
  }

  async refreshStorage(): Promise<void> {
    this.set('storage', await this.host.storage.status());
  }

  async persist(): Promise<void> {
    await this.host.storage.persist();
    await this.refreshStorage();
  }

  /** New tables (an import, a demo) count as used when they appear; other tabs learn the list. */
  private tablesListed(): void {
    const session = this.session!;
    const known = this.opened?.store.tableUse ?? {};
    const fresh = session.tables.map((t) => t.name).filter((n) => !(n in known));
    if (fresh.length) this.used(fresh);
    this.fingerprints.clear();
    const list = tableListSetting(session.tables.filter((t) => !t.name.startsWith('__longtail_')));
    const json = JSON.stringify(list);
    if (json !== this.tableListJson && this.role === 'leader' && !this.closing) {
      this.tableListJson = json;
      void this.guard(() => this.store.setSetting(TABLE_LIST_SETTING, list));
    }
  }

  private used(names: readonly string[]): void {
    const tables = this.session?.tables ?? [];
    for (const n of names) {
      const match = tables.find((t) => t.name.toLowerCase() === n.toLowerCase());
      if (match) this.usedSoon.add(match.name);
    }
    if (this.usedSoon.size === 0 || this.cancelUsed) return;
    // One head write for a whole run of cells, not one per cell.
    this.cancelUsed = this.host.clock.after(1000, () => {
      const batch = [...this.usedSoon];
      this.usedSoon.clear();
      this.cancelUsed = null;
      if (this.role === 'leader' && !this.closing) void this.guard(() => this.store.tablesUsed(batch));
    });
  }

  /** Runs database work between cell runs, never inside a cell's transaction (Runner.exclusive). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.session ? this.session.exclusive(fn) : fn();
  }

  /** Waits until no cell runs: workspace changes must not land inside a cell's transaction. */
  private async whenIdle(): Promise<void> {
    const s = this.session;
    while (s?.runner.busy) {
      await new Promise<void>((resolve) => {
        const off = s.runner.subscribe(() => {
          if (!s.runner.busy) {
            off();
            resolve();
          }
        });
      });
    }
  }

  /** Runs a store or table change; a failure becomes a notice (storage full: what to delete). */
  private async guard<T>(fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (err) {
      await this.failed(err);
      return null;
    }
  }

  private async failed(err: unknown): Promise<void> {
    if (!err) return;
    const status = await this.host.storage.status().catch(() => null);
    // DuckDB-WASM does not always say "no space" when a write fails for lack of it: the browser's own
    // figures decide then.
    const full = isQuotaError(err) || (status !== null && status.quota > 0 && status.used >= 0.95 * status.quota);
    if (!full) {
      const notice: Notice = { kind: 'error', message: errorText(this.t, err) };
      this.failure = { notice, english: err instanceof Error ? err.message : String(err) };
      this.set('notice', notice);
      return;
    }
    await this.refreshTables(false).catch(() => undefined);
    const items = [
      ...this.tables.map((t) => ({ kind: 'table' as const, name: t.name, bytes: t.bytes })),
      ...this.notebooks.map((n) => ({ kind: 'notebook' as const, name: n.file, bytes: n.size })),
    ];
    this.storageFullNotice = { kind: 'error', message: storageFullMessage(items, status, this.i18n()) };
    this.set('notice', this.storageFullNotice);
  }

  private progress = (fraction: number, label: string) => this.set('task', { label, fraction });

  async exportToFile(): Promise<void> {
    await this.autosave.flush();
    await this.whenIdle();
    this.set('task', { label: this.t('core.app.task.exporting'), fraction: 0 });
    try {
      const { bytes, manifest } = await this.exclusive(() => exportWorkspace(this.engine, this.store, this.progress, this.t));
      const date = new Date(this.host.clock.now()).toISOString().slice(0, 10);
      this.host.download(`longtail-workspace-${date}${ARCHIVE_EXTENSION}`, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
      this.set('notice', { kind: 'info', message: this.t('core.app.notice.exported', this.counts(manifest.notebooks.length, manifest.tables.length)) });
    } catch (err) {
      await this.failed(err);
    } finally {
      this.set('task', null);
    }
  }

  /** Replaces the workspace with an export; nothing changes unless every fingerprint matches. */
  /** Reads whether a workshop is saved in this browser (issue 19.5). */
  async refreshWorkshop(): Promise<void> {
    if (this.opened) this.set('workshop', await workshopInfo(this.opened.kv).catch(() => null));
  }

  /** Saves the workspace as it is now (notebooks, their inputs, tables, bindings) as the workshop. */
  async saveAsWorkshop(): Promise<void> {
    await this.autosave.flush();
    await this.whenIdle();
    this.set('task', { label: this.t('core.app.task.saving_workshop'), fraction: 0 });
    try {
      const info = await this.exclusive(() => saveWorkshop(this.engine, this.store, this.opened!.kv, () => new Date(this.host.clock.now())));
      this.set('workshop', info);
      this.set('notice', { kind: 'info', message: this.t('core.app.notice.workshop_saved', this.counts(info.notebooks, info.tables)) });
    } catch (err) {
      await this.failed(err);
    } finally {
      this.set('task', null);
    }
  }

  /** Puts the workspace back to the saved workshop: what the session added or changed is gone. */
  async resetToWorkshop(): Promise<boolean> {
    await this.autosave.flush();
    await this.whenIdle();
    this.set('task', { label: this.t('core.app.task.resetting_workshop'), fraction: 0 });
    try {
      const report = await this.exclusive(() => resetToWorkshop(this.engine, this.store, this.opened!.kv));
      await this.replaced();
      this.set('notice', { kind: 'info', message: this.workshopBack(report.notebooks, report.tables.length) });
      this.set('panelOpen', false);
      await this.session!.refreshTables();
      // The consultant's own notebooks, saved by them: they run as before.
      await this.store.setSetting(UNTRUSTED_SETTING, []);
      await this.reopenReplaced();
      return true;
    } catch (err) {
      await this.failed(err);
      return false;
    } finally {
      this.set('task', null);
    }
  }

  /** What the user reads once the workshop is back: when it was saved (as the browser writes dates in English), what it holds. */
  private workshopBack(notebooks: number, tables: number): string {
    const i18n = this.i18n();
    const counts = this.counts(notebooks, tables);
    if (!this.workshop) return this.t('core.app.notice.workshop_back_undated', counts);
    const saved = new Date(this.workshop.savedAt);
    return this.t('core.app.notice.workshop_back', { ...counts, when: i18n.lang === 'en' ? saved.toLocaleString() : i18n.dateTime(saved) });
  }

  /** The saved workshop as a file to hand to participants (the workspace archive format). */
  async downloadWorkshop(): Promise<void> {
    const bytes = this.opened ? await workshopArchive(this.opened.kv) : null;
    if (!bytes) return;
    const day = new Date(this.host.clock.now()).toISOString().slice(0, 10);
    this.host.download(`longtail-workshop-${day}${ARCHIVE_EXTENSION}`, new Blob([bytes as BlobPart], { type: 'application/zip' }));
  }

  /** The replaced workspace's model is rebuilt and its starting notebook opened (run, or held if untrusted). */
  private async reopenReplaced(): Promise<void> {
    await this.session!.modelChangedQuietly();
    const first = startingNotebook(this.store, { welcome: this.host.welcome, templates: this.host.templates.map((t) => t.file) });
    if (first?.kind === 'notebook') await this.open(first.entry.id);
    else if (first?.kind === 'template') await this.openTemplate(first.file);
    void this.refreshTables();
  }

  /** After the whole workspace was replaced (an archive, the workshop): nothing of the old one is shown or replayed. */
  private async replaced(): Promise<void> {
    await this.opened!.checkpoint().catch(() => undefined);
    this.set('currentId', null);
    this.set('currentTemplate', null);
    this.set('undo', null);
    this.fingerprints.clear();
    // The list shown was the workspace replaced: never show it again, even for a moment.
    this.set('tables', []);
    // Edits journaled for the replaced notebooks must not come back at the next start.
    for (const { key } of await this.journal.entries()) this.journal.remove(key);
    this.syncNotebooks();
  }

  async importFromFile(file: Blob & { name: string }): Promise<boolean> {
    await this.autosave.flush();
    await this.whenIdle();
    this.set('task', { label: this.t('core.app.task.reading', { file: file.name }), fraction: 0 });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const report = await this.exclusive(() => importWorkspace(this.engine, this.store, bytes, this.progress, this.t));
      await this.replaced();
      this.set('notice', { kind: 'info', message: this.t('core.app.notice.imported', this.counts(report.notebooks, report.tables.length)) });
      // Back to the notebook, which now runs on the imported tables.
      this.set('panelOpen', false);
      await this.session!.refreshTables();
      // Every notebook of the archive came from outside: none runs before the user says so.
      await this.store.setSetting(UNTRUSTED_SETTING, this.store.notebooks.map((n) => n.id));
      await this.reopenReplaced();
      return true;
    } catch (err) {
      await this.failed(err);
      return false;
    } finally {
      this.set('task', null);
    }
  }

  /** The file a recovery set aside, saved where the user chooses (to send, or to open elsewhere). */
  async saveSetAside(): Promise<void> {
    const r = this.recovery;
    if (!r || r.kind === 'none' || r.kind === 'memory' || !this.host.setAside) return;
    const blob = await this.host.setAside.read(r.kept);
    if (blob) this.host.download(r.kept, blob);
    else this.set('notice', { kind: 'error', message: this.t('core.app.notice.set_aside_gone', { file: r.kept }) });
  }

  /** Removes the file a recovery set aside (it takes space), and the offer with it. */
  async removeSetAside(): Promise<void> {
    const r = this.recovery;
    if (!r || r.kind === 'none' || r.kind === 'memory') return;
    try {
      for (const name of [r.kept, ...(r.kind === 'file-set-aside' ? (r.also ?? []) : [])]) await this.host.setAside?.remove(name);
      this.set('recovery', null);
    } catch (err) {
      this.set('notice', { kind: 'error', message: this.t('core.app.notice.set_aside_not_removed', { file: r.kept, message: errorText(this.t, err) }) });
    }
  }

  dismissRecovery(): void {
    this.set('recovery', null);
  }

  /** Removes everything Longtail stored in this browser, then starts afresh. */
  async clearAll(): Promise<void> {
    this.set('task', { label: this.t('core.app.task.clearing'), fraction: 0.5 });
    this.closing = true;
    this.stopWatching();
    try {
      await this.session?.stop();
      await this.opened?.close();
      await this.host.clearAll();
      this.host.reload();
    } catch (err) {
      this.set('task', null);
      this.set('notice', { kind: 'error', message: this.t('core.app.notice.not_cleared', { message: errorText(this.t, err) }) });
    }
  }

  /** Writes what is pending now (a notebook being added, the autosave, the journal): before an update reloads the page, before handing over. */
  async flush(): Promise<boolean> {
    await this.adopting;
    // Results waiting to be kept are kept now, not after (a later write could be another tab's older view).
    if (this.cancelLastSave) {
      this.cancelLastSave();
      this.cancelLastSave = null;
      if (!this.session?.runner.busy) await this.saveLastResults();
    }
    const ok = await this.autosave.flush();
    await this.journal.idle();
    await this.opened?.store.idle();
    return ok;
  }

  /**
   * The page is going away (or hidden, which on a phone may be the last thing it sees): the journal
   * already holds every edit; start the store's write and write DuckDB's log into its file.
   */
  pageHidden(): void {
    if (this.role !== 'leader' || this.closing || !this.opened) return;
    void this.autosave.flush();
    void this.opened.checkpoint().catch(() => undefined);
  }

  private stopWatching(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.cancelLastSave?.();
    this.cancelLastSave = null;
    this.cancelUsed?.();
    this.cancelUsed = null;
  }

  /** Another tab takes over: save, stop, close the database, and stop writing. */
  private async handOver(): Promise<void> {
    this.closing = true;
    this.stopWatching();
    await this.adopting;
    await this.autosave.flush();
    await this.journal.idle();
    await this.session?.stop();
    await this.opened?.close();
  }

  requestTakeOver(): void {
    this.leadership?.requestTakeOver();
  }

  /** From the tab the workspace moved away from: reload, and ask for it back. */
  takeBack(): void {
    this.host.flags.set(TAKE_OVER_FLAG, '1');
    this.host.reload();
  }
}
