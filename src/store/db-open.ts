/**
 * Opening the workspace's database file, and what to do when it will not open. Framework- and
 * browser-free: the caller passes how to open the engine (on the file, or in memory), the files beside
 * it, and how to copy tables out of a file set aside. startup.ts gives the browser's (DuckDB-WASM on
 * OPFS); the tests give their own and the real engine's error messages.
 *
 * In order:
 * - the file is held by another DuckDB (a worker of a tab just closed lets go a moment later): try again
 *   a few times;
 * - the write-ahead log cannot be replayed (a browser killed while writing it, duckdb-wasm #2192 and
 *   the stale-log reports): set the log aside and open the file as of its last checkpoint, which the app
 *   makes after every commit, every import and on page hide;
 * - the file itself cannot be opened: set it aside, start a new one, and copy out of the old one every
 *   table that can still be read. Nothing is deleted: the damaged files stay in OPFS, to be downloaded
 *   or removed by the user;
 * - no file can be opened at all: the tables live in memory this time, and the user is told.
 */
import type { DbRecovery } from './opened';

export interface DbFiles {
  /** Bytes in the file, or null when there is none. Throws when the browser gives no file storage at all. */
  size(name: string): Promise<number | null>;
  rename(from: string, to: string): Promise<void>;
}

export interface DbOpener<E> {
  /** The engine on the database file. */
  persistent(): Promise<E>;
  /** The engine on a database in memory. */
  memory(): Promise<E>;
  /** Copies what can be read of a set-aside database file into the open engine; returns the tables copied. */
  salvage?(engine: E, file: string): Promise<string[]>;
}

export interface OpenOptions {
  /** The database file's name (its log is `<name>.wal`). */
  file: string;
  /** Suffix for the names of files set aside (a date and time). */
  stamp: string;
  /** Waits this long (between attempts while the file is still held). */
  wait(ms: number): Promise<void>;
  /** Attempts while the file is held by a worker letting go. */
  attempts?: number;
}

export interface OpenedDatabase<E> {
  engine: E;
  /** False when the tables live in memory. */
  kept: boolean;
  recovery: DbRecovery;
}

/** The file is in use by another DuckDB (or another tab): waiting may help, setting files aside would not. */
export function isHandleContention(err: unknown): boolean {
  return /Access Handles? cannot be created|NoModificationAllowed|is locked|being used by another/i.test(messageOf(err));
}

export function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // DuckDB reports as JSON (errors_as_json): keep its own words.
  const json = text.match(/\{"exception_type".*\}/s);
  if (json) {
    try {
      return (JSON.parse(json[0]) as { exception_message?: string }).exception_message ?? text;
    } catch {
      /* the text as it is */
    }
  }
  return text;
}

export async function openDatabase<E>(opener: DbOpener<E>, files: DbFiles, options: OpenOptions): Promise<OpenedDatabase<E>> {
  const wal = `${options.file}.wal`;
  const memory = async (error: string): Promise<OpenedDatabase<E>> => ({ engine: await opener.memory(), kept: false, recovery: { kind: 'memory', error } });
  try {
    await files.size(options.file);
  } catch (err) {
    return memory(messageOf(err));
  }
  const attempt = async (): Promise<{ engine: E } | { error: unknown }> => {
    let last: unknown = null;
    for (let k = 0; k < (options.attempts ?? 8); k++) {
      if (k) await options.wait(250 * k);
      try {
        return { engine: await opener.persistent() };
      } catch (err) {
        last = err;
        if (!isHandleContention(err)) break;
      }
    }
    return { error: last };
  };
  let opened = await attempt();
  if ('engine' in opened) return { engine: opened.engine, kept: true, recovery: { kind: 'none' } };
  const first = opened.error;
  // Still held after every attempt: another tab's DuckDB has it. Nothing is damaged; set nothing aside.
  if (isHandleContention(first)) return memory(messageOf(first));

  // Files set aside on the way: a log moved before the file itself turned out to be the problem.
  const moved: string[] = [];
  if (await sizeOrNull(files, wal)) {
    const kept = `${wal}.damaged-${options.stamp}`;
    if (await renamed(files, wal, kept, options)) {
      moved.push(kept);
      opened = await attempt();
      if ('engine' in opened) return { engine: opened.engine, kept: true, recovery: { kind: 'log-set-aside', kept, error: messageOf(first) } };
    }
  }
  if ((await sizeOrNull(files, options.file)) !== null) {
    const kept = `${options.file}.damaged-${options.stamp}`;
    if (await renamed(files, options.file, kept, options)) {
      const also = [...moved, ...((await sizeOrNull(files, wal)) !== null && (await renamed(files, wal, `${kept}.wal`, options)) ? [`${kept}.wal`] : [])];
      opened = await attempt();
      if ('engine' in opened) {
        const recovered = opener.salvage ? await opener.salvage(opened.engine, kept).catch(() => []) : [];
        return { engine: opened.engine, kept: true, recovery: { kind: 'file-set-aside', kept, error: messageOf(first), recovered, ...(also.length ? { also } : {}) } };
      }
    }
  }
  return memory(messageOf('error' in opened ? opened.error : first));
}

async function sizeOrNull(files: DbFiles, name: string): Promise<number | null> {
  try {
    return await files.size(name);
  } catch {
    return null;
  }
}

/** A worker that failed to open the file may still hold it for a moment: try the rename a few times. */
async function renamed(files: DbFiles, from: string, to: string, options: OpenOptions): Promise<boolean> {
  for (let k = 0; k < (options.attempts ?? 8); k++) {
    if (k) await options.wait(250 * k);
    try {
      await files.rename(from, to);
      return true;
    } catch {
      /* again */
    }
  }
  return false;
}
