/**
 * A key-value store in memory, with the failures a browser can inflict made reproducible: a page killed
 * before or in the middle of a write, and storage running out. Used by the Node tests of the store's
 * protocol; the same `data` map handed to a new store plays the part of reopening after a crash.
 */
import type { KeyValueStore } from './kv';

/** What a crash does to the write in flight: nothing of it lands, or only its first half. */
export type CrashKind = 'lost' | 'torn';

export class PageCrashed extends Error {
  constructor() {
    super('The page was killed (simulated).');
    this.name = 'PageCrashed';
  }
}

/** Shaped like the browser's error so the store's quota handling sees the same thing in both places. */
export class QuotaExceeded extends Error {
  constructor() {
    super('The quota has been exceeded.');
    this.name = 'QuotaExceededError';
  }
}

export class MemoryKv implements KeyValueStore {
  private putsBeforeCrash = Infinity;
  private crashKind: CrashKind = 'lost';
  private dead = false;
  /** Total bytes of all values the store may hold. */
  quota = Infinity;
  puts = 0;

  constructor(readonly data: Map<string, Uint8Array> = new Map()) {}

  /** The page dies during the put after the next `n` successful ones. Every call after that fails. */
  crashAfter(n: number, kind: CrashKind = 'lost'): void {
    this.putsBeforeCrash = n;
    this.crashKind = kind;
  }

  used(): number {
    let n = 0;
    for (const v of this.data.values()) n += v.byteLength;
    return n;
  }

  private alive(): void {
    if (this.dead) throw new PageCrashed();
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    this.alive();
    const v = this.data.get(key);
    return v && v.slice();
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    this.alive();
    if (this.putsBeforeCrash === 0) {
      this.dead = true;
      if (this.crashKind === 'torn') this.data.set(key, value.slice(0, Math.floor(value.byteLength / 2)));
      throw new PageCrashed();
    }
    const previous = this.data.get(key)?.byteLength ?? 0;
    if (this.used() - previous + value.byteLength > this.quota) throw new QuotaExceeded();
    this.putsBeforeCrash -= 1;
    this.puts += 1;
    this.data.set(key, value.slice());
  }

  async delete(key: string): Promise<void> {
    this.alive();
    this.data.delete(key);
  }

  async keys(prefix: string): Promise<string[]> {
    this.alive();
    return [...this.data.keys()].filter((k) => k.startsWith(prefix));
  }
}
