/**
 * Autosave: edits are written shortly after the user pauses, and at the latest `maxWaitMs` after the
 * first unsaved edit, so that a killed tab loses at most that long of typing even while the user types
 * on. Only the latest value of each key is written. A failed write (storage full…) keeps the value and
 * tries again later; nothing the user typed is dropped.
 */
export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

export interface AutosaveOptions {
  /** Write after this long without a new edit. */
  quietMs?: number;
  /** …and never later than this after the first unsaved edit. */
  maxWaitMs?: number;
  /** After a failure, try again after this long (sooner if the user edits again). */
  retryMs?: number;
}

export class Autosave {
  private readonly pending = new Map<string, string>();
  private quietTimer: ReturnType<typeof setTimeout> | null = null;
  private maxTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<boolean> = Promise.resolve(true);
  private readonly listeners = new Set<(state: SaveState) => void>();
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly retryMs: number;
  state: SaveState = 'saved';
  error: unknown = null;

  constructor(
    private readonly write: (key: string, value: string) => Promise<void>,
    options: AutosaveOptions = {},
  ) {
    this.quietMs = options.quietMs ?? 300;
    this.maxWaitMs = options.maxWaitMs ?? 1000;
    this.retryMs = options.retryMs ?? 5000;
  }

  subscribe(fn: (state: SaveState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** True while something typed is not yet written. */
  get dirty(): boolean {
    return this.pending.size > 0 || this.state === 'saving';
  }

  change(key: string, value: string): void {
    this.pending.set(key, value);
    if (this.state !== 'saving') this.set(this.state === 'failed' ? 'failed' : 'pending');
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => void this.flush(), this.quietMs);
    this.maxTimer ??= setTimeout(() => void this.flush(), this.maxWaitMs);
  }

  /** Writes everything pending now. Resolves true when all of it is written. */
  flush(): Promise<boolean> {
    this.clearTimers();
    this.running = this.running.then(() => this.drain());
    return this.running;
  }

  private async drain(): Promise<boolean> {
    for (const [key, value] of this.pending) {
      this.pending.delete(key);
      this.set('saving');
      try {
        await this.write(key, value);
      } catch (err) {
        // An edit made during the failed write is newer: keep that one.
        if (!this.pending.has(key)) this.pending.set(key, value);
        this.error = err;
        this.set('failed');
        this.retryTimer = setTimeout(() => void this.flush(), this.retryMs);
        return false;
      }
    }
    this.error = null;
    this.set('saved');
    return true;
  }

  private clearTimers(): void {
    for (const t of [this.quietTimer, this.maxTimer, this.retryTimer]) if (t) clearTimeout(t);
    this.quietTimer = this.maxTimer = this.retryTimer = null;
  }

  private set(state: SaveState): void {
    if (state === this.state) return;
    this.state = state;
    for (const fn of this.listeners) fn(state);
  }
}
