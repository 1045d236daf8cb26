/**
 * The Web Locks API is not in Node: a small stand-in with its semantics (one holder, a queue served in
 * order, `ifAvailable`, `query`) plays the browser for the leadership and workspace tests.
 */
type Callback = (lock: Lock | null) => Promise<unknown> | unknown;

export class FakeLocks {
  /** Resolves once the owner has looked `n` times. */
  async looked(n: number): Promise<void> {
    while (this.looks < n) await new Promise<void>((r) => this.lookers.push(r));
  }

  private holder: { name: string } | null = null;
  private readonly queue: { name: string; callback: Callback }[] = [];

  request(name: string, a: LockOptions | Callback, b?: Callback): Promise<unknown> {
    const options = typeof a === 'function' ? {} : a;
    const callback = (typeof a === 'function' ? a : b)!;
    if (this.holder) {
      if (options.ifAvailable) return Promise.resolve(callback(null));
      this.queue.push({ name, callback });
      return Promise.resolve();
    }
    return this.grant(name, callback);
  }

  private grant(name: string, callback: Callback): Promise<unknown> {
    this.holder = { name };
    const held = Promise.resolve(callback({ name, mode: 'exclusive' } as Lock));
    void held.finally(() => {
      this.holder = null;
      const next = this.queue.shift();
      if (next) void this.grant(next.name, next.callback);
    });
    return held;
  }

  /** How many times the owner looked at the locks. */
  looks = 0;
  private readonly lookers: (() => void)[] = [];

  async query(): Promise<LockManagerSnapshot> {
    this.looks++;
    this.lookers.splice(0).forEach((f) => f());
    return {
      held: this.holder ? [{ name: this.holder.name, mode: 'exclusive' }] : [],
      pending: this.queue.map((q) => ({ name: q.name, mode: 'exclusive' as const })),
    };
  }
}

