/**
 * "Clear all local data": everything Longtail stored for this site — the database file(s) in OPFS, the
 * workspace store in IndexedDB, and any local or session storage. The app's own code, cached by the
 * service worker so that it opens offline, stays: it holds no data of the user's.
 *
 * The caller first closes the database (the OPFS file cannot be removed while DuckDB holds it) and the
 * IndexedDB connection (deleting the database waits for open connections to close).
 */
import { StoreError } from './store-error';
import { said } from '../i18n/said';

export async function clearAllLocalData(): Promise<void> {
  if (navigator.storage?.getDirectory) {
    const root = await navigator.storage.getDirectory();
    const names: string[] = [];
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    for (const name of names) await root.removeEntry(name, { recursive: true });
  }
  const databases = (await indexedDB.databases?.()) ?? [];
  for (const db of databases) {
    if (!db.name) continue;
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.deleteDatabase(db.name!);
      r.onsuccess = () => resolve();
      r.onerror = () => reject(r.error);
      r.onblocked = () => reject(new StoreError(said('core.store.clear.blocked')));
    });
  }
  localStorage.clear();
  sessionStorage.clear();
}

/** What is left after clearing, for the confirmation: OPFS entries and IndexedDB databases. */
export async function remainingLocalData(): Promise<{ files: string[]; databases: string[] }> {
  const files: string[] = [];
  if (navigator.storage?.getDirectory) {
    const root = await navigator.storage.getDirectory();
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) files.push(name);
  }
  const databases = ((await indexedDB.databases?.()) ?? []).map((d) => d.name ?? '').filter(Boolean);
  return { files, databases };
}
