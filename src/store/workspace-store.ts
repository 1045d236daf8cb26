/**
 * The workspace store: notebooks' text, settings and table use, kept in a key-value backend (IndexedDB
 * in the browser) so that they survive reloads, closed tabs and browser restarts.
 *
 * Every change is written new-then-swap: first the new text as a blob under its own SHA-256, then a new
 * head in the slot the current head does not occupy (head.ts). Until that head is fully written the
 * current one is what opens; a blob is checked against its hash when read. So a page killed at any
 * point leaves the last good version, never a half-written one. Blobs no head refers to are removed
 * after each change.
 *
 * Changes are applied one at a time, in call order. A failed change (storage full…) leaves the store
 * exactly as it was; the caller still has what it tried to save and can retry.
 */
import { parseNotebook } from '../notebook/format';
import { notebookTitle } from '../notebook/model';
import { fromUtf8, sha256Hex, utf8 } from '../crypto/sha256';
import { blobsOf, decodeHead, emptyHead, encodeHead, slotOf, SLOTS, type Head, type Json, type NotebookEntry, type PendingImport } from './head';
import type { KeyValueStore } from './kv';
import { i18nFor, type I18n } from '../i18n';
import { english, said, sayIn, type Said, type SaidError } from '../i18n/said';

export type { NotebookEntry, Json, PendingImport } from './head';

/** A change the store refuses (a name already taken…); `said` is for the user (`message`, its English). */
export class WorkspaceError extends Error implements SaidError {
  readonly said: Said;
  constructor(message: Said) {
    super(english(message));
    this.name = 'WorkspaceError';
    this.said = message;
  }
}

/** What opening found, for the UI to tell the user when it is not the plain case. */
export type Recovery = 'none' | 'previous-version' | 'unreadable';

export interface StoreOptions {
  now?: () => number;
  newId?: () => string;
}

const blobKey = (sha: string) => `blob/${sha}`;

export function titleOf(text: string, file: string): string {
  try {
    return notebookTitle(parseNotebook(text)) || file.replace(/\.md$/i, '');
  } catch {
    return file.replace(/\.md$/i, '');
  }
}

/** Problems with a notebook file name, or null. Names become paths in an export: no folders. */
function fileNameRefusal(file: string): Said | null {
  if (!file.trim()) return said('core.app.name.empty');
  if (file !== file.trim()) return said('core.app.name.spaces');
  if (/[\\/:*?"<>|\u0000-\u001f]/.test(file)) return said('core.app.name.characters');
  if (!/\.md$/i.test(file)) return said('core.app.name.extension');
  if (file.length > 120) return said('core.app.name.too_long', { max: 120 });
  return null;
}

/** Problems with a notebook file name, or null, in `say`'s language (English by default). */
export function fileNameProblem(file: string, say: I18n['t'] = i18nFor('en').t): string | null {
  const problem = fileNameRefusal(file);
  return problem && sayIn(say, problem);
}

/** `base` if free, else `name-2.md`, `name-3.md`…, ignoring case. */
export function uniqueFile(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((f) => f.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  const stem = base.replace(/\.md$/i, '');
  for (let k = 2; ; k++) if (!used.has(`${stem}-${k}.md`.toLowerCase())) return `${stem}-${k}.md`;
}

export class WorkspaceStore {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private readonly newId: () => string;

  private constructor(
    private readonly kv: KeyValueStore,
    private head: Head,
    readonly recovery: Recovery,
    options: StoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /**
   * Opens the newest head whose blobs are all intact; an older one if the newest is damaged; an empty
   * workspace if there is none. Opening writes nothing (a second tab reads the workspace this way).
   */
  static async open(kv: KeyValueStore, options: StoreOptions = {}): Promise<WorkspaceStore> {
    const raw = await Promise.all(SLOTS.map((k) => kv.get(k)));
    const slots = await Promise.all(raw.map(decodeHead));
    const heads = slots.filter((h): h is Head => h !== null).sort((a, b) => b.seq - a.seq);
    // A slot that holds something unreadable is a change that did not finish being written.
    let recovery: Recovery = raw.some((bytes, k) => bytes && !slots[k]) ? 'previous-version' : 'none';
    for (const head of heads) {
      if (await intact(kv, head)) {
        return new WorkspaceStore(kv, head, recovery, options);
      }
      recovery = 'previous-version';
    }
    // Other keys (the edit journal's) are not the workspace's record.
    const anything = (await kv.keys('head/')).length + (await kv.keys('blob/')).length > 0;
    return new WorkspaceStore(kv, emptyHead(), anything ? 'unreadable' : 'none', options);
  }

  get notebooks(): readonly NotebookEntry[] {
    return this.head.notebooks.map(copy);
  }

  /** The bin: deleted notebooks, newest first, until restored or the bin is emptied. */
  get deleted(): readonly NotebookEntry[] {
    return [...this.head.deleted].sort((a, b) => b.deletedAt - a.deletedAt).map((d) => copy(d.entry));
  }

  get settings(): Readonly<Record<string, Json>> {
    return copy(this.head.settings);
  }

  get tableUse(): Readonly<Record<string, number>> {
    return copy(this.head.tableUse);
  }

  get pendingImport(): PendingImport | undefined {
    return copy(this.head.pendingImport);
  }

  /** Increases with every change: a cheap way to know something changed. */
  get version(): number {
    return this.head.seq;
  }

  entry(id: string): NotebookEntry | undefined {
    return copy(this.head.notebooks.find((n) => n.id === id));
  }

  byFile(file: string): NotebookEntry | undefined {
    return copy(this.head.notebooks.find((n) => n.file.toLowerCase() === file.toLowerCase()));
  }

  /** The text of a notebook (or of a deleted or pending one), checked against its hash. */
  async read(id: string): Promise<string> {
    const all = [...this.head.notebooks, ...this.head.deleted.map((d) => d.entry), ...(this.head.pendingImport?.notebooks ?? [])];
    const entry = all.find((n) => n.id === id);
    if (!entry) throw new WorkspaceError(said('core.store.notebook.gone'));
    return this.readBlob(entry.sha256);
  }

  private async readBlob(sha: string): Promise<string> {
    const bytes = await this.kv.get(blobKey(sha));
    if (!bytes || (await sha256Hex(bytes)) !== sha) throw new WorkspaceError(said('core.store.notebook.unreadable'));
    return fromUtf8(bytes);
  }

  /**
   * A new notebook under `file` (or a free variant of it); `template` records the template it was made
   * from; `id`, when given, is its id (chosen before it is written, so that a journal entry names it).
   */
  create(file: string, text: string, options: { template?: string; id?: string } = {}): Promise<NotebookEntry> {
    return this.change(async (head, blobs) => {
      const problem = fileNameRefusal(file);
      if (problem) throw new WorkspaceError(problem);
      if (options.id && [...head.notebooks, ...head.deleted.map((d) => d.entry)].some((n) => n.id === options.id)) throw new WorkspaceError(said('core.store.notebook.already_in'));
      const entry = await this.newEntry(uniqueFile(file, head.notebooks.map((n) => n.file)), text, blobs);
      if (options.id) entry.id = options.id;
      if (options.template) entry.template = options.template;
      head.notebooks.push(entry);
      return entry;
    });
  }

  /** Saves new text for a notebook; nothing is written when the text is unchanged. */
  save(id: string, text: string): Promise<NotebookEntry> {
    return this.change(async (head, blobs) => {
      const entry = find(head, id);
      const bytes = utf8(text);
      const sha = await sha256Hex(bytes);
      if (sha === entry.sha256) return entry;
      blobs.set(sha, bytes);
      Object.assign(entry, { sha256: sha, size: bytes.byteLength, title: titleOf(text, entry.file), updatedAt: this.now() });
      return entry;
    });
  }

  rename(id: string, file: string): Promise<NotebookEntry> {
    return this.change(async (head) => {
      const entry = find(head, id);
      const problem = fileNameRefusal(file);
      if (problem) throw new WorkspaceError(problem);
      if (head.notebooks.some((n) => n.id !== id && n.file.toLowerCase() === file.toLowerCase())) {
        throw new WorkspaceError(said('core.app.name.notebook_taken', { file }));
      }
      entry.file = file;
      return entry;
    });
  }

  duplicate(id: string): Promise<NotebookEntry> {
    return this.change(async (head, blobs) => {
      const source = find(head, id);
      const text = await this.readBlob(source.sha256);
      const file = uniqueFile(source.file.replace(/\.md$/i, '-copy.md'), head.notebooks.map((n) => n.file));
      const entry = await this.newEntry(file, text, blobs);
      head.notebooks.splice(head.notebooks.indexOf(source) + 1, 0, entry);
      return entry;
    });
  }

  /** Moves a notebook to the bin, from which `restore` brings it back until the bin is emptied. */
  remove(id: string): Promise<NotebookEntry> {
    return this.change(async (head) => {
      const entry = find(head, id);
      head.notebooks.splice(head.notebooks.indexOf(entry), 1);
      head.deleted.push({ entry, deletedAt: this.now() });
      if (head.settings.currentNotebook === id) delete head.settings.currentNotebook;
      return entry;
    });
  }

  restore(id: string): Promise<NotebookEntry> {
    return this.change(async (head) => {
      const at = head.deleted.findIndex((d) => d.entry.id === id);
      if (at < 0) throw new WorkspaceError(said('core.store.notebook.not_restorable'));
      const { entry } = head.deleted.splice(at, 1)[0]!;
      entry.file = uniqueFile(entry.file, head.notebooks.map((n) => n.file));
      head.notebooks.push(entry);
      return entry;
    });
  }

  /** Deletes a notebook in the bin for good. */
  purge(id: string): Promise<void> {
    return this.change(async (head) => {
      head.deleted = head.deleted.filter((d) => d.entry.id !== id);
    });
  }

  emptyBin(): Promise<void> {
    return this.purgeDeleted();
  }

  /** Records that a notebook was opened: last use, and the one to reopen next time. */
  opened(id: string): Promise<void> {
    return this.change(async (head) => {
      find(head, id).lastUsedAt = this.now();
      head.settings.currentNotebook = id;
      delete head.settings.currentTemplate;
    });
  }

  /** Records that a template is shown (not one of the workspace's notebooks): the one to reopen next time. */
  showingTemplate(file: string): Promise<void> {
    return this.change(async (head) => {
      head.settings.currentTemplate = file;
      delete head.settings.currentNotebook;
    });
  }

  setSetting(key: string, value: Json): Promise<void> {
    return this.change(async (head) => {
      head.settings[key] = value;
    });
  }

  tablesUsed(names: readonly string[]): Promise<void> {
    return this.change(async (head) => {
      const at = this.now();
      for (const n of names) head.tableUse[n] = at;
    });
  }

  /** Keeps a table's last use under its new name, or forgets it (`to` null) when the table is gone. */
  tableRenamed(from: string, to: string | null): Promise<void> {
    return this.change(async (head) => {
      const at = head.tableUse[from];
      delete head.tableUse[from];
      if (to !== null && at !== undefined) head.tableUse[to] = at;
    });
  }

  /**
   * Phase one of replacing the whole workspace (archive.ts): the new notebooks' texts are written and
   * the switch is recorded, to be completed by `finishImport` once the tables are swapped in DuckDB.
   */
  beginImport(
    pending: Omit<PendingImport, 'notebooks'> & { current?: string },
    notebooks: readonly { file: string; text: string; createdAt?: number; updatedAt?: number; lastUsedAt?: number }[],
  ): Promise<void> {
    return this.change(async (head, blobs) => {
      const entries: NotebookEntry[] = [];
      for (const n of notebooks) {
        const e = await this.newEntry(uniqueFile(n.file, entries.map((x) => x.file)), n.text, blobs);
        entries.push({ ...e, createdAt: n.createdAt ?? e.createdAt, updatedAt: n.updatedAt ?? e.updatedAt, lastUsedAt: n.lastUsedAt ?? e.lastUsedAt });
      }
      const { current, ...rest } = pending;
      const settings = { ...rest.settings };
      // Notebook ids are this machine's: the archive names the current notebook by its file.
      const currentId = entries.find((e) => e.file === current)?.id;
      if (currentId) settings.currentNotebook = currentId;
      else delete settings.currentNotebook;
      head.pendingImport = { ...rest, settings, notebooks: entries };
    });
  }

  /** Phase two: the imported notebooks, settings and table use become the workspace. */
  finishImport(): Promise<void> {
    return this.change(async (head) => {
      const p = head.pendingImport;
      if (!p) return;
      head.notebooks = p.notebooks;
      head.settings = p.settings;
      head.tableUse = p.tableUse;
      head.deleted = [];
      delete head.pendingImport;
    });
  }

  abandonImport(): Promise<void> {
    return this.change(async (head) => {
      delete head.pendingImport;
    });
  }

  private purgeDeleted(): Promise<void> {
    return this.change(async (head) => {
      head.deleted = [];
    });
  }

  /** Waits for every change asked for so far. */
  async idle(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  private async newEntry(file: string, text: string, blobs: Map<string, Uint8Array>): Promise<NotebookEntry> {
    const bytes = utf8(text);
    const sha = await sha256Hex(bytes);
    blobs.set(sha, bytes);
    const at = this.now();
    return { id: this.newId(), file, title: titleOf(text, file), sha256: sha, size: bytes.byteLength, createdAt: at, updatedAt: at, lastUsedAt: at };
  }

  /**
   * Runs `edit` on a copy of the head, then writes the blobs it added, then the new head. The change is
   * visible (and `this.head` replaced) only once the head is written.
   */
  private change<T>(edit: (head: Head, blobs: Map<string, Uint8Array>) => Promise<T>): Promise<T> {
    const run = this.chain.then(async () => {
      const next = structuredClone(this.head);
      const blobs = new Map<string, Uint8Array>();
      const result = copy(await edit(next, blobs));
      if (JSON.stringify(next) === JSON.stringify(this.head)) return result;
      for (const [sha, bytes] of blobs) if (!(await this.hasIntact(sha))) await this.kv.put(blobKey(sha), bytes);
      next.seq = this.head.seq + 1;
      await this.kv.put(slotOf(next.seq), await encodeHead(next));
      const previous = this.head;
      this.head = next;
      await this.collect(previous, next);
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** An intact blob is never written again: rewriting it could tear the copy the current head needs. */
  private async hasIntact(sha: string): Promise<boolean> {
    const bytes = await this.kv.get(blobKey(sha));
    return bytes !== undefined && (await sha256Hex(bytes)) === sha;
  }

  /** Removes blobs neither the new head nor the one before it (still in the other slot) refers to. */
  private async collect(previous: Head, next: Head): Promise<void> {
    const keep = new Set([...blobsOf(previous), ...blobsOf(next)].map(blobKey));
    try {
      for (const key of await this.kv.keys('blob/')) if (!keep.has(key)) await this.kv.delete(key);
    } catch {
      // Leftover blobs only cost space; the next change collects them.
    }
  }
}

/** Callers get copies: the head changes only through `change`. */
function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

function find(head: Head, id: string): NotebookEntry {
  const entry = head.notebooks.find((n) => n.id === id);
  if (!entry) throw new WorkspaceError(said('core.store.notebook.gone'));
  return entry;
}

async function intact(kv: KeyValueStore, head: Head): Promise<boolean> {
  for (const sha of blobsOf(head)) {
    const bytes = await kv.get(blobKey(sha));
    if (!bytes || (await sha256Hex(bytes)) !== sha) return false;
  }
  return true;
}
