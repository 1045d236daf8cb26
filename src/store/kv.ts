/**
 * The storage the workspace store is written against: bytes by key. Two implementations: IndexedDB in
 * the browser (idb-kv.ts) and memory (memory-kv.ts, for Node tests, with crashes and a quota to inject).
 *
 * Nothing is asked of a backend beyond get/put/delete: a crash may lose a put or leave it half-written.
 * The store's own protocol (workspace-store.ts) is what keeps the last good version readable.
 */
export interface KeyValueStore {
  get(key: string): Promise<Uint8Array | undefined>;
  /**
   * `relaxed`: the write may be acknowledged before it is flushed to disk (it still reaches the OS at
   * once, so a killed browser keeps it; a power cut may not). The default waits for the flush.
   */
  put(key: string, value: Uint8Array, options?: { durability?: 'strict' | 'relaxed' }): Promise<void>;
  delete(key: string): Promise<void>;
  /** Keys that start with `prefix`, in no particular order. */
  keys(prefix: string): Promise<string[]>;
}
