/**
 * The edit journal: the text of every notebook with edits not yet in the workspace store, written on
 * each edit and replayed into the store at the next start. The store (IndexedDB, new-then-swap) stays
 * the record; the journal covers the time between an edit and the store's write, which a reload, a
 * closed tab or a killed browser would otherwise lose.
 *
 * Each entry is written twice, because no one browser storage survives everything (measured on
 * Chromium 156, test/e2e/journal.e2e.ts):
 * - synchronously, in `sync` (localStorage): kept by a reload or a closed tab, where an IndexedDB write
 *   still in flight when the page goes is dropped; but Chromium commits localStorage to disk lazily,
 *   and a killed browser process lost a value written 6 s before;
 * - at once, in `durable` (an IndexedDB put started in the same task as the edit, or, while one is on
 *   its way for that notebook, as soon as it lands, for the newest text only): kept by
 *   a browser killed right after the edit. They are `relaxed`: handed to the OS without waiting for the
 *   disk's flush, which a killed browser process does not undo and which made them several times
 *   quicker on a loaded machine (an edit 250 ms before the kill was lost with `strict`); the store's
 *   own write, strict, follows within a second.
 *
 * Either copy may outlive its removal (localStorage commits lazily, so a killed browser forgets that an
 * entry was removed): an entry is replayed only when it is newer than what the store holds (`at`
 * against the notebook's `updatedAt`), and an entry for a notebook not yet in the store names the id
 * the notebook will have, so that it is never added twice.
 *
 * One small entry per notebook, keyed by its id (or `pending` for a notebook shown from outside the
 * workspace — a template, a file — that the first edit is making one of the user's): its file name, its
 * text and when it was written. An entry is removed once the store holds that same text.
 */

/** The part of the Web Storage API the journal uses (localStorage; a Map-backed stand-in in tests). */
import type { KeyValueStore } from './kv';
import { utf8 } from '../crypto/sha256';

export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export const JOURNAL_PREFIX = 'longtail-journal/';
/** The notebook shown is not yet in the workspace: the first edit is adding it. */
export const PENDING = 'pending';

export interface JournalEntry {
  /** The notebook's id in the store (for the pending entry, the id it is being added under). */
  id: string | null;
  file: string;
  text: string;
  /** The template it was made from, when it was one. */
  template?: string;
  /** Trusted to run by itself when opened (a template, or a file the user already ran). */
  trusted?: boolean;
  at: number;
}

function isEntry(v: unknown): v is JournalEntry {
  const e = v as JournalEntry;
  return !!e && typeof e === 'object' && (e.id === null || typeof e.id === 'string') && typeof e.file === 'string' && typeof e.text === 'string' && typeof e.at === 'number';
}

function parse(raw: string | null | undefined): JournalEntry | null {
  try {
    const v: unknown = raw ? JSON.parse(raw) : null;
    return isEntry(v) ? v : null;
  } catch {
    return null;
  }
}

export class Journal {
  /** Durable writes not yet acknowledged. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Keys with a durable write on its way, and the newest write waiting behind it. */
  private readonly writing = new Set<string>();
  private readonly waiting = new Map<string, () => Promise<void>>();
  /** The text last journaled per key in this session. */
  private readonly latest = new Map<string, string>();

  constructor(
    private readonly sync: SyncStorage | null,
    private readonly durable: KeyValueStore | null = null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes the entry: synchronously where it can, and starts the durable write. False when both refused. */
  write(key: string, entry: Omit<JournalEntry, 'at'>): boolean {
    const json = JSON.stringify({ ...entry, at: this.now() });
    this.latest.set(key, entry.text);
    let ok = false;
    try {
      if (this.sync) {
        this.sync.setItem(JOURNAL_PREFIX + key, json);
        ok = true;
      }
    } catch {
      /* full or refused: the durable copy still goes */
    }
    if (this.durable) {
      this.durably(key, () => this.durable!.put(JOURNAL_PREFIX + key, utf8(json), { durability: 'relaxed' }));
      ok = true;
    }
    return ok;
  }

  /**
   * Starts the write in this task when none is on its way for `key`; otherwise the write waits, and a
   * later one for the same key takes its place. One write per keystroke queued behind one another: on a
   * loaded machine a burst of typing left the last keys' writes still queued when the browser was killed
   * (test/e2e/journal.e2e.ts lost "er_ms" of "killed_after_ms"); now the last text is at most one write
   * behind.
   */
  private durably(key: string, write: () => Promise<void>): void {
    if (this.writing.has(key)) {
      this.waiting.set(key, write);
      return;
    }
    this.writing.add(key);
    const run = (w: () => Promise<void>) => {
      const p = w()
        .catch(() => undefined)
        .finally(() => {
          this.inFlight.delete(p);
          const next = this.waiting.get(key);
          this.waiting.delete(key);
          if (next) run(next);
          else this.writing.delete(key);
        });
      this.inFlight.add(p);
    };
    run(write);
  }

  /** Resolves when every durable write asked for so far has landed. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  read(key: string): JournalEntry | null {
    try {
      return parse(this.sync?.getItem(JOURNAL_PREFIX + key));
    } catch {
      return null;
    }
  }

  /** Every entry, the newest copy of each key, oldest first; unreadable ones are dropped. */
  async entries(): Promise<{ key: string; entry: JournalEntry }[]> {
    const found = new Map<string, JournalEntry>();
    const keep = (key: string, entry: JournalEntry | null) => {
      const had = found.get(key);
      if (entry && (!had || entry.at >= had.at)) found.set(key, entry);
    };
    if (this.sync) {
      const keys: string[] = [];
      for (let k = 0; k < this.sync.length; k++) {
        const key = this.sync.key(k);
        if (key?.startsWith(JOURNAL_PREFIX)) keys.push(key.slice(JOURNAL_PREFIX.length));
      }
      for (const key of keys) keep(key, this.read(key));
    }
    if (this.durable) {
      try {
        for (const full of await this.durable.keys(JOURNAL_PREFIX)) {
          const bytes = await this.durable.get(full);
          keep(full.slice(JOURNAL_PREFIX.length), bytes ? parse(new TextDecoder().decode(bytes)) : null);
        }
      } catch {
        /* what the synchronous copy has */
      }
    }
    return [...found].map(([key, entry]) => ({ key, entry })).sort((a, b) => a.entry.at - b.entry.at);
  }

  remove(key: string): void {
    this.latest.delete(key);
    try {
      this.sync?.removeItem(JOURNAL_PREFIX + key);
    } catch {
      /* an entry left over is replayed as a no-op */
    }
    if (this.durable) this.durably(key, () => this.durable!.delete(JOURNAL_PREFIX + key));
  }

  /** The store now holds `text` for `key`: the entry goes, unless an edit since has made it newer. */
  settled(key: string, text: string): void {
    const latest = this.latest.get(key);
    if (latest !== undefined && latest !== text) return;
    this.remove(key);
  }
}

/** A Map behind the SyncStorage interface: Node tests, and browsers that refuse localStorage. */
export class MemoryStorage implements SyncStorage {
  readonly data = new Map<string, string>();
  /** Refuses writes past this many characters in all, as a full localStorage does. */
  quota = Infinity;

  get length(): number {
    return this.data.size;
  }

  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    let used = value.length;
    for (const [k, v] of this.data) if (k !== key) used += v.length;
    if (used > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.data.set(key, value);
  }

  removeItem(key: string): void {
    this.data.delete(key);
  }
}
