/**
 * The workspace as the UI sees it: which tab owns it, its notebooks and tables, autosave, storage, undo,
 * export and import. A thin reactive layer: the work is done by src/store (framework-free).
 *
 * Autosave follows the session: an effect serialises the open notebook after every change and hands the
 * text to the autosave, which writes it within a second. A notebook opened from outside the workspace
 * (a template, a dropped .md file) becomes a workspace notebook of its own.
 */
import { untrack } from 'svelte';
import type { BrowserEngine } from '../../engine/browser';
import { Session } from '../session.svelte';
import { TEMPLATES, type Template } from '../templates';
import { exportWorkspace, importWorkspace, ARCHIVE_EXTENSION } from '../../store/archive';
import { Autosave, type SaveState } from '../../store/autosave';
import { clearAllLocalData } from '../../store/clear';
import { fingerprintTable } from '../../store/fingerprint';
import { startingNotebook } from '../../store/first-run';
import { Leadership, type TabRole } from '../../store/leader';
import { isQuotaError, requestPersistence, storageFullMessage, storageStatus, type StorageStatus } from '../../store/quota';
import { openWorkspace, type OpenedWorkspace } from '../../store/startup';
import { deleteTable, duplicateTable, listTables, purgeDeletedTables, renameTable, restoreTable, type DeletedTable, type TableSummary } from '../../store/tables';
import { uniqueFile, type NotebookEntry, type WorkspaceStore } from '../../store/workspace-store';

export interface TableRow extends TableSummary {
  /** SHA-256 of the canonical content; null while being computed, '' when it cannot be read. */
  fingerprint: string | null;
  lastUsedAt: number | null;
}

export interface Notice {
  kind: 'error' | 'info' | 'warn';
  message: string;
}

export type Undo = { kind: 'notebook'; id: string; label: string } | { kind: 'table'; deleted: DeletedTable; label: string };

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Set before reloading a tab that should take the workspace back from the tab that has it. */
const TAKE_OVER_FLAG = 'longtail-take-over';

export class Workspace {
  role = $state<TabRole | 'starting'>('starting');
  notebooks = $state<NotebookEntry[]>([]);
  currentId = $state<string | null>(null);
  tables = $state<TableRow[]>([]);
  /** Table listings under way: the panel says it is busy rather than show a list that may be stale. */
  listing = $state(0);
  storage = $state<StorageStatus | null>(null);
  saveState = $state<SaveState>('saved');
  notice = $state<Notice | null>(null);
  undo = $state<Undo | null>(null);
  /** A long operation (export, import…) and how far it is. */
  task = $state<{ label: string; fraction: number } | null>(null);
  tablesKept = $state(true);
  notebooksKept = $state(true);
  panelOpen = $state(false);

  private opened: OpenedWorkspace | null = null;
  private session: Session | null = null;
  private leadership: Leadership | null = null;
  private readonly autosave = new Autosave((id, text) => this.write(id, text));
  /** The file the session shows for `currentId`; another file name there means a notebook came from outside. */
  private sessionFile = '';
  private switching = false;
  private stopWatching: (() => void) | null = null;
  private usedSoon = new Set<string>();
  private usedTimer: ReturnType<typeof setTimeout> | null = null;
  private fingerprints = new Map<string, string>();

  constructor() {
    this.autosave.subscribe((s) => {
      this.saveState = s;
      if (s === 'failed') void this.failed(this.autosave.error);
      if (s === 'saved' && this.notice?.kind === 'error' && /storage/.test(this.notice.message)) this.notice = null;
    });
  }

  private get store(): WorkspaceStore {
    return this.opened!.store;
  }

  private get engine(): BrowserEngine {
    return this.opened!.engine;
  }

  /**
   * Takes the workspace (or waits for the tab that has it), opens it, and shows the notebook to start
   * on. `onsession` gets the session as soon as it exists, before that notebook has run.
   */
  async start(onphase: (text: string, fraction: number) => void, onsession: (s: Session) => void): Promise<void> {
    if (navigator.locks) {
      this.leadership = await Leadership.claim(() => this.handOver());
      this.role = this.leadership.role;
      this.leadership.subscribe((r) => (this.role = r));
      if (this.role === 'waiting' && sessionStorage.getItem(TAKE_OVER_FLAG)) this.leadership.requestTakeOver();
      await this.leadership.ready;
      sessionStorage.removeItem(TAKE_OVER_FLAG);
    } else {
      this.role = 'leader';
    }
    onphase('Starting the SQL engine…', 0);
    this.opened = await openWorkspace((f) => onphase('Starting the SQL engine…', f * 0.7));
    this.tablesKept = this.opened.tablesKept;
    this.notebooksKept = this.opened.notebooksKept;
    this.explainOpening();
    const session = new Session(this.engine);
    await session.init();
    const welcome = TEMPLATES.find((t) => t.file === 'welcome.md') ?? TEMPLATES[0];
    const first = await startingNotebook(this.engine, this.store, {
      welcome: welcome && { file: welcome.file, text: welcome.text },
      onDemo: () => onphase('Building the demo workspace…', 0.75),
      loadDemo: async (engine) => (await import('../../demo/load')).loadDemo(engine),
    });
    await session.refreshTables();
    onphase('Opening the notebook…', 0.9);
    this.session = session;
    this.syncNotebooks();
    this.watch(session);
    onsession(session);
    if (first) await this.open(first.id);
    void requestPersistence().then(() => this.refreshStorage());
  }

  private explainOpening(): void {
    const { store, importRecovery } = this.opened!;
    if (!this.tablesKept || !this.notebooksKept) {
      const what = [!this.tablesKept && 'tables', !this.notebooksKept && 'notebooks'].filter(Boolean).join(' and ');
      this.notice = { kind: 'warn', message: `This browser does not let Longtail keep ${what} (a private window, or storage turned off): they will be gone when you close this tab. Export the workspace to keep them.` };
    } else if (store.recovery === 'previous-version') {
      this.notice = { kind: 'info', message: 'The last change before Longtail closed had not finished saving; the version before it was opened.' };
    } else if (importRecovery === 'completed') {
      this.notice = { kind: 'info', message: 'The workspace import that was under way when Longtail closed has been completed.' };
    } else if (importRecovery === 'undone') {
      this.notice = { kind: 'info', message: 'The workspace import that was under way when Longtail closed did not finish; your workspace is as it was before it.' };
    }
  }

  /** Autosave, the notebook coming from outside, tables' last use, and saving when the tab goes away. */
  private watch(session: Session): void {
    this.stopWatching = $effect.root(() => {
      $effect(() => {
        const file = session.fileName;
        const text = session.text();
        untrack(() => this.sessionChanged(file, text));
      });
      $effect(() => {
        const names = session.tables.map((t) => t.name);
        untrack(() => this.tablesListed(names));
      });
    });
    session.runner.subscribe((id) => {
      if (!id) return;
      const s = session.runner.state(id);
      if (s.status === 'done') {
        this.fingerprints.clear();
        this.used(s.reads);
      }
    });
    const flush = () => void this.autosave.flush();
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
  }

  private sessionChanged(file: string, text: string): void {
    if (this.switching || this.role !== 'leader' || !this.currentId) return;
    if (file === this.sessionFile) this.autosave.change(this.currentId, text);
    else void this.adopt(file, text);
  }

  /** A notebook opened from outside the workspace joins it, under a free name. */
  private async adopt(file: string, text: string): Promise<void> {
    this.switching = true;
    try {
      await this.autosave.flush();
      const name = uniqueFile(/\.md$/i.test(file) ? file : `${file}.md`, this.store.notebooks.map((n) => n.file));
      const entry = await this.store.create(name, text);
      await this.store.opened(entry.id);
      this.currentId = entry.id;
      this.sessionFile = entry.file;
      this.session!.fileName = entry.file;
      this.syncNotebooks();
    } catch (err) {
      await this.failed(err);
    } finally {
      this.switching = false;
    }
    // Edits made while it was being added were not seen: hand over the text as it is now.
    if (this.currentId) this.autosave.change(this.currentId, this.session!.text());
  }

  private async write(id: string, text: string): Promise<void> {
    if (!this.store.entry(id)) return;
    await this.store.save(id, text);
    this.syncNotebooks();
  }

  private syncNotebooks(): void {
    this.notebooks = [...this.store.notebooks];
  }

  /** Opens a workspace notebook and runs it. */
  async open(id: string): Promise<void> {
    const session = this.session!;
    this.switching = true;
    let ok = false;
    try {
      await this.autosave.flush();
      const entry = this.store.entry(id)!;
      ok = await session.open(await this.store.read(id), entry.file, false);
      if (ok) {
        this.currentId = id;
        this.sessionFile = entry.file;
        await this.store.opened(id);
        this.syncNotebooks();
      }
    } catch (err) {
      await this.failed(err);
    } finally {
      this.switching = false;
    }
    if (ok) await session.runAll();
  }

  /** Opens the workspace's copy of a template, making it on first use. */
  async openTemplate(t: Template): Promise<void> {
    const existing = this.store.byFile(t.file);
    if (existing) return this.open(existing.id);
    const entry = await this.guard(() => this.store.create(t.file, t.text));
    if (entry) await this.open(entry.id);
  }

  async newNotebook(): Promise<void> {
    const file = uniqueFile('untitled.md', this.store.notebooks.map((n) => n.file));
    const entry = await this.guard(() => this.store.create(file, '# Untitled\n'));
    if (entry) await this.open(entry.id);
  }

  async renameNotebook(id: string, file: string): Promise<string | null> {
    try {
      const entry = await this.store.rename(id, file);
      if (id === this.currentId) {
        this.sessionFile = entry.file;
        this.session!.fileName = entry.file;
      }
      this.syncNotebooks();
      return null;
    } catch (err) {
      if (isQuotaError(err)) await this.failed(err);
      return (err as Error).message;
    }
  }

  async duplicateNotebook(id: string): Promise<void> {
    await this.autosave.flush();
    await this.guard(() => this.store.duplicate(id));
    this.syncNotebooks();
  }

  async deleteNotebook(id: string): Promise<void> {
    await this.autosave.flush();
    const entry = await this.guard(() => this.store.remove(id));
    if (!entry) return;
    this.syncNotebooks();
    this.undo = { kind: 'notebook', id, label: `Deleted notebook ${entry.file}.` };
    if (id === this.currentId) {
      this.currentId = null;
      const next = [...this.store.notebooks].sort((a, b) => b.lastUsedAt - a.lastUsedAt)[0];
      if (next) await this.open(next.id);
      else await this.newNotebook();
    }
  }

  async undoDelete(): Promise<void> {
    const u = this.undo;
    this.undo = null;
    if (u?.kind === 'notebook') {
      await this.guard(() => this.store.restore(u.id));
      this.syncNotebooks();
    } else if (u?.kind === 'table') {
      await this.whenIdle();
      await this.guard(() => restoreTable(this.engine, u.deleted));
      await this.afterTablesChanged();
    }
  }

  /** Closes the undo offer; a deleted table's space is given back to the database now. */
  async dismissUndo(): Promise<void> {
    const u = this.undo;
    this.undo = null;
    if (u?.kind === 'table') await purgeDeletedTables(this.engine, u.deleted).catch(() => undefined);
  }

  async renameTable(from: string, to: string): Promise<string | null> {
    await this.whenIdle();
    try {
      await renameTable(this.engine, from, to);
      await this.store.tableRenamed(from, to);
      await this.afterTablesChanged();
      return null;
    } catch (err) {
      if (isQuotaError(err)) await this.failed(err);
      return (err as Error).message;
    }
  }

  async duplicateTable(name: string): Promise<void> {
    await this.whenIdle();
    const copy = await this.guard(() => duplicateTable(this.engine, name));
    if (copy) await this.guard(() => this.store.tablesUsed([copy]));
    await this.afterTablesChanged();
  }

  async deleteTable(name: string): Promise<void> {
    await this.whenIdle();
    if (this.undo?.kind === 'table') await this.dismissUndo();
    const deleted = await this.guard(() => deleteTable(this.engine, name));
    if (!deleted) return;
    this.undo = { kind: 'table', deleted, label: `Deleted ${deleted.sql ? 'view' : 'table'} ${name}.` };
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
    this.listing++;
    try {
      await this.listTables(withFingerprints);
    } finally {
      this.listing--;
    }
  }

  private async listTables(withFingerprints: boolean): Promise<void> {
    await this.whenIdle();
    await this.engine.query('CHECKPOINT').catch(() => undefined);
    const use = this.store.tableUse;
    const list = await listTables(this.engine);
    this.tables = list.map((t) => ({ ...t, fingerprint: this.fingerprints.get(t.name) ?? null, lastUsedAt: use[t.name] ?? null }));
    for (const row of this.tables) {
      // Handing over or clearing: the database is closing under us.
      if (this.switching) return;
      if (row.fingerprint || !withFingerprints) continue;
      const fp = await fingerprintTable(this.engine, { schema: 'main', name: row.name }).catch(() => null);
      const live = this.tables.find((t) => t.name === row.name);
      if (fp) this.fingerprints.set(row.name, fp.sha256);
      // A view whose table is gone cannot be read: it has no fingerprint, and says so.
      if (live) live.fingerprint = fp ? fp.sha256 : '';
    }
    await this.refreshStorage();
  }

  async refreshStorage(): Promise<void> {
    this.storage = await storageStatus();
  }

  /** New tables (an import, a demo) count as used when they appear. */
  private tablesListed(names: string[]): void {
    const known = this.opened?.store.tableUse ?? {};
    const fresh = names.filter((n) => !(n in known));
    if (fresh.length) this.used(fresh);
    this.fingerprints.clear();
  }

  private used(names: readonly string[]): void {
    const tables = new Set(this.session?.tables.map((t) => t.name.toLowerCase()));
    for (const n of names) {
      const match = this.session?.tables.find((t) => t.name.toLowerCase() === n.toLowerCase());
      if (match && tables.has(n.toLowerCase())) this.usedSoon.add(match.name);
    }
    if (this.usedSoon.size === 0 || this.usedTimer) return;
    // One head write for a whole run of cells, not one per cell.
    this.usedTimer = setTimeout(() => {
      const batch = [...this.usedSoon];
      this.usedSoon.clear();
      this.usedTimer = null;
      if (this.role === 'leader') void this.guard(() => this.store.tablesUsed(batch));
    }, 1000);
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
    const status = await storageStatus();
    // DuckDB-WASM does not always say "no space" when a write fails for lack of it: the browser's own
    // figures decide then.
    const full = isQuotaError(err) || (status !== null && status.quota > 0 && status.used >= 0.95 * status.quota);
    if (!full) {
      this.notice = { kind: 'error', message: (err as Error).message };
      return;
    }
    await this.refreshTables(false).catch(() => undefined);
    const items = [
      ...this.tables.map((t) => ({ kind: 'table' as const, name: t.name, bytes: t.bytes })),
      ...this.notebooks.map((n) => ({ kind: 'notebook' as const, name: n.file, bytes: n.size })),
    ];
    this.notice = { kind: 'error', message: storageFullMessage(items, status) };
  }

  async exportToFile(): Promise<void> {
    await this.autosave.flush();
    await this.whenIdle();
    this.task = { label: 'Exporting the workspace…', fraction: 0 };
    try {
      const { bytes, manifest } = await exportWorkspace(this.engine, this.store, (fraction, label) => (this.task = { label, fraction }));
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `longtail-workspace-${new Date().toISOString().slice(0, 10)}${ARCHIVE_EXTENSION}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.notice = { kind: 'info', message: `Exported ${count(manifest.notebooks.length, 'notebook')} and ${count(manifest.tables.length, 'table')}, each with its fingerprint.` };
    } catch (err) {
      await this.failed(err);
    } finally {
      this.task = null;
    }
  }

  /** Replaces the workspace with an export; nothing changes unless every fingerprint matches. */
  async importFromFile(file: File): Promise<boolean> {
    await this.autosave.flush();
    await this.whenIdle();
    this.task = { label: `Reading ${file.name}…`, fraction: 0 };
    try {
      const report = await importWorkspace(this.engine, this.store, new Uint8Array(await file.arrayBuffer()), (fraction, label) => (this.task = { label, fraction }));
      this.currentId = null;
      this.undo = null;
      this.fingerprints.clear();
      // The list shown was the workspace replaced: never show it again, even for a moment.
      this.tables = [];
      this.syncNotebooks();
      this.notice = { kind: 'info', message: `Imported ${count(report.notebooks, 'notebook')} and ${count(report.tables.length, 'table')}; every fingerprint matches the export.` };
      // Back to the notebook, which now runs on the imported tables.
      this.panelOpen = false;
      await this.session!.refreshTables();
      const first = await startingNotebook(this.engine, this.store, { loadDemo: async () => {} });
      if (first) await this.open(first.id);
      void this.refreshTables();
      return true;
    } catch (err) {
      await this.failed(err);
      return false;
    } finally {
      this.task = null;
    }
  }

  /** Removes everything Longtail stored in this browser, then starts afresh. */
  async clearAll(): Promise<void> {
    this.task = { label: 'Clearing all local data…', fraction: 0.5 };
    this.switching = true;
    this.stopWatching?.();
    try {
      await this.session?.stop();
      await this.opened?.close();
      await clearAllLocalData();
      location.reload();
    } catch (err) {
      this.task = null;
      this.notice = { kind: 'error', message: `Not everything could be cleared: ${(err as Error).message}` };
    }
  }

  /** Writes what is pending now: before an update reloads the page, before handing over. */
  flush(): Promise<boolean> {
    return this.autosave.flush();
  }

  /** Another tab takes over: save, stop, close the database, and stop writing. */
  private async handOver(): Promise<void> {
    this.switching = true;
    this.stopWatching?.();
    await this.autosave.flush();
    await this.session?.stop();
    await this.opened?.close();
  }

  requestTakeOver(): void {
    this.leadership?.requestTakeOver();
  }

  /** From the tab the workspace moved away from: reload, and ask for it back. */
  takeBack(): void {
    sessionStorage.setItem(TAKE_OVER_FLAG, '1');
    location.reload();
  }
}
