/**
 * The workspace store's bytes in IndexedDB: one database, one object store, keys as given. Each put is
 * its own transaction with strict durability, so "saved" means flushed to disk, not just handed to the
 * browser — a browser or OS crash right after keeps it.
 */
import type { KeyValueStore } from './kv';

export const IDB_NAME = 'longtail';
const STORE = 'kv';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('The write was aborted.', 'AbortError'));
  });
}

export async function openIdbKv(name = IDB_NAME): Promise<IdbKv> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  return new IdbKv(db);
}

export class IdbKv implements KeyValueStore {
  constructor(private readonly db: IDBDatabase) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    const v = await request(this.db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
    return v instanceof Uint8Array ? v : undefined;
  }

  async put(key: string, value: Uint8Array, options: { durability?: 'strict' | 'relaxed' } = {}): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite', { durability: options.durability ?? 'strict' });
    tx.objectStore(STORE).put(value, key);
    await done(tx);
  }

  async delete(key: string): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(key);
    await done(tx);
  }

  async keys(prefix: string): Promise<string[]> {
    const range = IDBKeyRange.bound(prefix, prefix + '\uffff');
    const keys = await request(this.db.transaction(STORE, 'readonly').objectStore(STORE).getAllKeys(range));
    return keys.map(String);
  }

  close(): void {
    this.db.close();
  }
}
