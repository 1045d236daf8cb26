/**
 * One tab at a time owns the workspace. DuckDB's database file in OPFS can be opened by one tab only
 * (a second one fails, even read-only), and two tabs saving the same notebooks would overwrite each
 * other. So the tab holding a Web Lock is the only one that opens the database and writes anything.
 *
 * Another tab waits: it queues for the lock, so it opens the workspace by itself when the owner closes;
 * or the user asks it to take over, and the owner, told over a BroadcastChannel, saves everything,
 * closes its database and lets go of the lock, then says the workspace moved.
 */
export type TabRole = 'leader' | 'waiting' | 'handing-over' | 'moved';

const NAME = 'longtail-workspace';

type Message = { type: 'take-over' };

export class Leadership {
  role: TabRole = 'waiting';
  private letGo: (() => void) | null = null;
  private readonly channel: BroadcastChannel;
  private readonly listeners = new Set<(role: TabRole) => void>();
  private becameLeader!: () => void;
  /** Resolves when this tab owns the workspace. */
  readonly ready = new Promise<void>((resolve) => (this.becameLeader = resolve));

  /** `release` runs on the owner before it lets another tab take over: save, close the database. */
  private constructor(private readonly release: () => Promise<void>) {
    this.channel = new BroadcastChannel(NAME);
    this.channel.onmessage = (e: MessageEvent<Message>) => {
      if (e.data?.type === 'take-over' && this.role === 'leader') void this.handOver();
    };
  }

  /** Takes the workspace if no other tab has it; otherwise waits for it (see `ready`). */
  static async claim(release: () => Promise<void>): Promise<Leadership> {
    const l = new Leadership(release);
    const free = await new Promise<boolean>((resolve) => {
      void navigator.locks.request(NAME, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? l.hold() : undefined;
      });
    });
    if (!free) void navigator.locks.request(NAME, () => l.hold());
    return l;
  }

  subscribe(fn: (role: TabRole) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** From a waiting tab: asks the owner to save, close and let go. */
  requestTakeOver(): void {
    this.channel.postMessage({ type: 'take-over' } satisfies Message);
  }

  private hold(): Promise<void> {
    this.set('leader');
    this.becameLeader();
    return new Promise<void>((resolve) => (this.letGo = resolve));
  }

  private async handOver(): Promise<void> {
    this.set('handing-over');
    try {
      await this.release();
    } finally {
      this.letGo?.();
      this.letGo = null;
      this.set('moved');
    }
  }

  private set(role: TabRole): void {
    this.role = role;
    for (const fn of this.listeners) fn(role);
  }
}
