/**
 * A WorkspaceHost for Node: the real engine (DuckDB-WASM's Node bundle), the workspace store on a
 * key-value store in memory (shared between "tabs" and "restarts" by handing the same map on), the
 * journal's synchronous storage in memory, the tab lock from FakeLocks, and a record of what the app
 * asked the browser to do (downloads, reloads, clearing).
 */
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { cellKinds } from '../../src/app/kinds';
import type { NotebookTemplate, WorkspaceHost } from '../../src/app/workspace-controller';
import { loadDemo } from '../../src/demo/load';
import { Journal, MemoryStorage } from '../../src/store/journal';
import { Leadership, type Locks } from '../../src/store/leader';
import { MemoryKv } from '../../src/store/memory-kv';
import type { DbRecovery, OpenedWorkspace } from '../../src/store/opened';
import { prepareWorkspace } from '../../src/store/prepare';
import { readPreview } from '../../src/store/preview';
import { WorkspaceStore } from '../../src/store/workspace-store';
import { FakeLocks } from '../store/fake-locks';

export const TEMPLATES: NotebookTemplate[] = [
  { file: 'welcome.md', title: 'Welcome', text: '# Welcome\n\n```sql partner_count\nSELECT count(*) AS n FROM partners\n```\n' },
  { file: 'rfm.md', title: 'RFM', text: '---\ntitle: RFM\n---\n\n```sql deal_count\nSELECT count(*) AS n FROM deals\n```\n' },
  { file: 'partner.md', title: 'Partner', text: '# Partner\n\n```input partner value=P1 label="Partner"\n```\n\n```sql who\nSELECT $partner AS p\n```\n' },
];

/**
 * What a browser keeps across a restart: the store's bytes, localStorage, the tab lock (a new one after
 * a crash: a dead tab holds nothing), and the database — its own engine, or the one the test file
 * shares (starting an engine and building the demo costs seconds), emptied of the user's tables when a
 * new profile first opens it.
 */
export interface Profile {
  kv: Map<string, Uint8Array>;
  local: MemoryStorage;
  locks: FakeLocks;
  engine?: Promise<Engine>;
  opened?: boolean;
}

let shared: Promise<Engine> | null = null;

export function newProfile(options: { ownEngine?: boolean } = {}): Profile {
  return { kv: new Map(), local: new MemoryStorage(), locks: new FakeLocks(), ...(options.ownEngine ? { engine: createNodeEngine() } : {}) };
}

/** A fresh profile's database holds none of the user's tables. */
async function emptied(engine: Engine): Promise<void> {
  const rows = (await engine.query(`SELECT table_name AS t, table_type AS k FROM information_schema.tables WHERE table_schema = 'main'`)).toArray();
  for (const r of rows) await engine.query(`DROP ${String(r.k) === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS main."${String(r.t)}"`);
}

export interface NodeHost extends WorkspaceHost {
  downloads: { name: string; data: Blob }[];
  reloads: number;
  cleared: number;
  flags: WorkspaceHost['flags'] & { data: Map<string, string> };
  /** The engine the last `open` made. */
  engine: Engine | null;
  kv: MemoryKv | null;
}

export interface HostOptions {
  /** Reuse an engine (its tables) instead of starting one: the database file survived. */
  engine?: Engine;
  /** What opening the database should report. */
  dbRecovery?: DbRecovery;
  /** Files a recovery set aside, by name. */
  setAside?: Map<string, Blob>;
  /** Without the tab lock (a browser without Web Locks): this tab owns the workspace. */
  noLocks?: boolean;
}

export function nodeHost(profile: Profile, options: HostOptions = {}): NodeHost {
  const flags = new Map<string, string>();
  const host: NodeHost = {
    downloads: [],
    reloads: 0,
    cleared: 0,
    engine: null,
    kv: null,
    async open(): Promise<OpenedWorkspace> {
      const kv = new MemoryKv(profile.kv);
      const store = await WorkspaceStore.open(kv);
      const engine = options.engine ?? (await (profile.engine ?? (shared ??= createNodeEngine())));
      if (!profile.opened && !options.engine && !profile.engine) await emptied(engine);
      profile.opened = true;
      host.engine = engine;
      host.kv = kv;
      const importRecovery = await prepareWorkspace(engine, store);
      return {
        engine,
        store,
        kv,
        tablesKept: true,
        notebooksKept: true,
        importRecovery,
        dbRecovery: options.dbRecovery ?? { kind: 'none' },
        checkpoint: async () => void (await engine.query('CHECKPOINT')),
        // The engine outlives the "tab": it plays the database file, which a restart opens again.
        close: async () => store.idle(),
      };
    },
    claim: options.noLocks ? undefined : (release) => Leadership.claim(release, profile.locks as unknown as Locks),
    kinds: () => cellKinds(),
    loadDemo: (engine, schema) => loadDemo(engine, { scale: 0.03, seed: 7 }, schema),
    templates: TEMPLATES,
    welcome: 'welcome.md',
    journalStorage: profile.local,
    flags: { data: flags, get: (k) => flags.get(k) ?? null, set: (k, v) => void flags.set(k, v), remove: (k) => void flags.delete(k) },
    clock: {
      now: () => Date.now(),
      after(ms, fn) {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      },
    },
    reload: () => void host.reloads++,
    download: (name, data) => void host.downloads.push({ name, data }),
    clearAll: async () => {
      host.cleared++;
      profile.kv.clear();
      profile.local.data.clear();
    },
    storage: { status: async () => ({ used: 1000, quota: 1_000_000_000, persisted: true }), persist: async () => true },
    preview: async () => readPreview(new MemoryKv(profile.kv), new Journal(profile.local, new MemoryKv(profile.kv))),
    setAside: {
      read: async (name) => options.setAside?.get(name) ?? null,
      remove: async (name) => void options.setAside?.delete(name),
    },
  };
  return host;
}
