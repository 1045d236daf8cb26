/**
 * A peer running in a child process (bench/peer-child.mjs), seen as a plain Peer. Each call has a
 * time limit; past it the child is ended (JavaScript stuck in a loop cannot be stopped any other
 * way) and the call fails. The next call starts a new child and loads the same files again, untimed,
 * before it runs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CsvLocale } from '../../src/demo';
import type { BenchAnalysis } from '../analyses';
import { TimeLimitError, withTimeLimit } from '../time-limit';
import type { Peer } from './peer';
import type { PeerHello, PeerKind, PeerReply, PeerRequest } from './peer-service';

const CHILD = fileURLToPath(new URL('../peer-child.mjs', import.meta.url));
const START_LIMIT_MS = 60_000;
const IMPORT_LIMIT_MS = 300_000;
/** The slowest expected analysis (5 M rows on a loaded machine) is well under this. */
const ANALYSIS_LIMIT_MS = 60_000;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class RemotePeer implements Peer {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** What the child has loaded, to load again in a new child. */
  private loaded: { deals?: [string, CsvLocale]; partners?: string } = {};
  name = '';
  version = '';
  threads = 0;

  private constructor(private readonly kind: PeerKind) {}

  /** Starts the peer's process; throws with the peer's own message when it cannot open (not installed…). */
  static async open(kind: PeerKind): Promise<RemotePeer> {
    const peer = new RemotePeer(kind);
    await peer.start();
    return peer;
  }

  private async start(): Promise<void> {
    const child = fork(CHILD, [this.kind], { execArgv: ['--max-old-space-size=8192'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    const hello = new Promise<PeerHello>((resolve, reject) => {
      child.once('message', (m) => resolve(m as PeerHello));
      child.once('exit', (code, signal) => reject(new Error(`the ${this.kind} peer's process ended before it started (${signal ?? code})`)));
    });
    const h = await withTimeLimit(hello, START_LIMIT_MS, `Starting the ${this.kind} peer`).catch((err) => {
      this.stop();
      throw err;
    });
    if (!h.ready) {
      this.stop();
      throw new Error(h.message);
    }
    Object.assign(this, { name: h.name, version: h.version, threads: h.threads });
    child.on('message', (m) => {
      const reply = m as PeerReply;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new Error(reply.message));
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      for (const p of this.pending.values()) p.reject(new Error(`the ${this.kind} peer's process ended (${signal ?? `exit code ${code}`}), out of memory perhaps`));
      this.pending.clear();
    });
  }

  private stop(): void {
    const child = this.child;
    this.child = null;
    child?.kill('SIGKILL');
  }

  private send(method: PeerRequest['method'], args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child!.send({ id, method, args } satisfies PeerRequest);
    });
  }

  private async call(method: PeerRequest['method'], args: unknown[], limitMs: number): Promise<unknown> {
    if (!this.child) {
      await this.start();
      if (this.loaded.deals) await this.send('importDeals', this.loaded.deals);
      if (this.loaded.partners) await this.send('loadPartners', [this.loaded.partners]);
    }
    try {
      return await withTimeLimit(this.send(method, args), limitMs, `${method} on ${this.name}`);
    } catch (err) {
      if (err instanceof TimeLimitError) this.stop();
      throw err;
    }
  }

  async importDeals(path: string, locale: CsvLocale): Promise<number> {
    const rows = (await this.call('importDeals', [path, locale], IMPORT_LIMIT_MS)) as number;
    this.loaded.deals = [path, locale];
    return rows;
  }

  async loadPartners(path: string): Promise<void> {
    await this.call('loadPartners', [path], IMPORT_LIMIT_MS);
    this.loaded.partners = path;
  }

  async analysis(id: BenchAnalysis): Promise<number> {
    return (await this.call('analysis', [id], ANALYSIS_LIMIT_MS)) as number;
  }

  async reset(): Promise<void> {
    this.loaded = {};
    // A child ended by a time limit has nothing loaded: no need to start one just to empty it.
    if (this.child) await this.call('reset', [], IMPORT_LIMIT_MS);
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    await withTimeLimit(exited, 10_000, `Closing the ${this.kind} peer`).catch(() => child.kill('SIGKILL'));
  }
}
