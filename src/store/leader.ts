/**
 * One tab at a time owns the workspace. DuckDB's database file in OPFS can be opened by one tab only
 * (a second one fails, even read-only), and two tabs saving the same notebooks would overwrite each
 * other. So the tab holding a Web Lock is the only one that opens the database and writes anything.
 *
 * Another tab waits: it queues for the lock, so it opens the workspace by itself when the owner closes;
 * or the user asks it to take over, and the owner, told over a BroadcastChannel, saves everything,
 * closes its database and lets go of the lock, then says the workspace moved.
 *
 * The channel is open to any script of the origin, so a message is not believed on its word: it must
 * have the shape Longtail sends, come from another tab, and the owner hands over only when the browser
 * itself shows a tab queued for the lock — one that will take the workspace at once. A stray
 * `take-over` (once posted by a cell, before cells ran in their sandbox) can no longer leave the
 * workspace with no owner, and a Longtail tab can always ask for it back.
 */
export type TabRole = 'leader' | 'waiting' | 'handing-over' | 'moved';

export const LOCK_NAME = 'longtail-workspace';
const NAME = LOCK_NAME;

/** What Longtail tabs say to each other: `tab` is the sender's id, to ignore one's own echo. */
export type LeaderMessage = { type: 'take-over'; tab: string };

/** The message, when it is one Longtail sends; null for anything else. */
export function leaderMessage(data: unknown): LeaderMessage | null {
  if (data === null || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  if (m.type !== 'take-over' || typeof m.tab !== 'string' || !/^[\w-]{8,64}$/.test(m.tab) || Object.keys(m).length !== 2) return null;
  return { type: 'take-over', tab: m.tab };
}

/** The parts of the Web Locks API used here (a stand-in can be given in tests). */
export type Locks = Pick<LockManager, 'request' | 'query'>;

export class Leadership {
  role: TabRole = 'waiting';
  private letGo: (() => void) | null = null;
  private readonly channel: BroadcastChannel;
  private readonly listeners = new Set<(role: TabRole) => void>();
  private becameLeader!: () => void;
  /** Resolves when this tab owns the workspace. */
  readonly ready = new Promise<void>((resolve) => (this.becameLeader = resolve));

  private readonly tab = crypto.randomUUID();

  /** `release` runs on the owner before it lets another tab take over: save, close the database. */
  private constructor(
    private readonly release: () => Promise<void>,
    private readonly locks: Locks,
  ) {
    this.channel = new BroadcastChannel(NAME);
    this.channel.onmessage = (e: MessageEvent<unknown>) => {
      const m = leaderMessage(e.data);
      if (m && m.tab !== this.tab && this.role === 'leader') void this.takeOverAsked();
    };
  }

  /** Takes the workspace if no other tab has it; otherwise waits for it (see `ready`). */
  static async claim(release: () => Promise<void>, locks: Locks = navigator.locks): Promise<Leadership> {
    const l = new Leadership(release, locks);
    const free = await new Promise<boolean>((resolve) => {
      void locks.request(NAME, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? l.hold() : undefined;
      });
    });
    if (!free) void locks.request(NAME, () => l.hold());
    return l;
  }

  /**
   * Hands over only to a tab the browser shows queued for the lock; any other message is ignored. The
   * asking tab queued before it asked, but the two reach the browser by different paths: look a few times.
   */
  private async takeOverAsked(): Promise<void> {
    for (let look = 0; look < 5 && this.role === 'leader'; look++) {
      if (look) await new Promise((r) => setTimeout(r, 100));
      const state = await this.locks.query();
      if ((state.pending ?? []).some((p) => p.name === NAME)) {
        if (this.role === 'leader') await this.handOver();
        return;
      }
    }
  }

  subscribe(fn: (role: TabRole) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** From a waiting tab: asks the owner to save, close and let go. */
  requestTakeOver(): void {
    this.channel.postMessage({ type: 'take-over', tab: this.tab } satisfies LeaderMessage);
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
