/**
 * Where a notebook's last results are kept (issue 16.1): beside the workspace's notebooks in the same
 * key-value store, one record per notebook (`last/<id>`, or `last/template:<file>` for a template shown
 * as it ships). They are a cache: losing one costs a run, never data, so a record that cannot be read
 * is ignored.
 *
 * Which cell was running is also written synchronously (a small `localStorage`-like record) when a cell
 * starts and cleared when it ends: a page killed during an endless query leaves it, and the next open
 * keeps that cell stopped instead of starting the query again.
 */
import type { KeyValueStore } from './kv';
import { isLastResults, LAST_RESULTS_VERSION, type LastCell, type LastResults } from '../notebook/last-results';

const lastKey = (notebook: string) => `last/${notebook}`;

export async function readLastResults(kv: KeyValueStore, notebook: string): Promise<LastResults | null> {
  try {
    const bytes = await kv.get(lastKey(notebook));
    if (!bytes) return null;
    const v: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return isLastResults(v) ? v : null;
  } catch {
    return null;
  }
}

export async function writeLastResults(kv: KeyValueStore, notebook: string, last: LastResults): Promise<void> {
  await kv.put(lastKey(notebook), new TextEncoder().encode(JSON.stringify(last)));
}

export async function dropLastResults(kv: KeyValueStore, notebook: string): Promise<void> {
  await kv.delete(lastKey(notebook)).catch(() => undefined);
}

/** The synchronous part of `Storage` this needs. */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const RUNNING_KEY = 'longtail-running';

export interface RunningMark {
  notebook: string;
  /** The cell's slot (last-results.ts slotOf). */
  slot: string;
  kind: LastCell['kind'];
}

/** A cell of `notebook` starts: written before it runs, so a kill during the run leaves it. */
export function markRunning(storage: SyncStorage, mark: RunningMark): void {
  try {
    storage.setItem(RUNNING_KEY, JSON.stringify(mark));
  } catch {
    /* a full storage: the cell may run again on the next open, as before */
  }
}

export function clearRunning(storage: SyncStorage): void {
  try {
    storage.removeItem(RUNNING_KEY);
  } catch {
    /* nothing to clear */
  }
}

/** The cell that was running when the page went away, if any (and forgets it). */
export function takeRunning(storage: SyncStorage): RunningMark | null {
  try {
    const raw = storage.getItem(RUNNING_KEY);
    storage.removeItem(RUNNING_KEY);
    const v = raw ? (JSON.parse(raw) as Partial<RunningMark>) : null;
    return v && typeof v.notebook === 'string' && typeof v.slot === 'string' && typeof v.kind === 'string' ? { notebook: v.notebook, slot: v.slot, kind: v.kind } : null;
  } catch {
    return null;
  }
}

/** The last results with the interrupted cell marked as still running (so it is kept stopped). */
export function withInterrupted(last: LastResults | null, notebook: string, mark: RunningMark | null): LastResults | null {
  if (!mark || mark.notebook !== notebook) return last;
  const base: LastResults = last ?? { version: LAST_RESULTS_VERSION, savedAt: 0, cells: {} };
  const cell: LastCell = base.cells[mark.slot] ?? { name: mark.slot.startsWith('#') ? '' : mark.slot, kind: mark.kind, status: 'running' };
  return { ...base, cells: { ...base.cells, [mark.slot]: { ...cell, kind: mark.kind, status: 'running' } } };
}
