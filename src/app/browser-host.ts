/**
 * What the browser gives the workspace controller: IndexedDB and the OPFS database (store/startup.ts),
 * the Web Locks tab lock, localStorage for the edit journal, sessionStorage for the take-over flag, a
 * download, a reload. The one place these browser objects are named; the controllers only see the
 * WorkspaceHost interface, which the Node tests fill with their own.
 */
import type { Engine } from '../engine/types';
import type { I18n } from '../i18n/i18n';
import { sandboxedWorkerFactory } from '../notebook/ts/sandbox';
import { clearAllLocalData } from '../store/clear';
import { openIdbKv } from '../store/idb-kv';
import { Journal, type SyncStorage } from '../store/journal';
import { Leadership } from '../store/leader';
import { readPreview } from '../store/preview';
import { requestPersistence, storageStatus } from '../store/quota';
import type { WarmEngine } from '../engine/browser';
import { cellKinds } from './kinds';

// DuckDB-WASM, Arrow and the engine load beside the first paint, not before it: the last session's results
// are drawn from IndexedDB while they arrive (issue 16.2).
const startup = () => import('../store/startup');
import type { NotebookTemplate, WorkspaceHost } from './workspace-controller';

/** localStorage, or null when the browser refuses it (storage turned off). */
function localStore(): SyncStorage | null {
  try {
    const s = window.localStorage;
    s.getItem('longtail-probe');
    return s;
  } catch {
    return null;
  }
}

/** `loadDemo`: how the page gets the demo workspace (the prebuilt database the build ships, ui/demo.ts). */
/** `templates`: read at each use, so that they follow the interface's language; `t` too (chart notes). */
export function browserHost(templates: () => readonly NotebookTemplate[], welcome?: string, loadDemo?: WorkspaceHost['loadDemo'], t?: () => I18n['t']): WorkspaceHost {
  const journalStorage = localStore();
  let warming: Promise<WarmEngine | null> | null = null;
  return {
    warm() {
      if (warming) return;
      performance.mark('longtail:warm-start');
      warming = startup()
        .then((s) => s.warmBrowserEngine())
        .then((w) => (performance.mark('longtail:warm'), w))
        .catch(() => null);
    },
    cool() {
      const w = warming;
      warming = null;
      void w?.then((e) => e?.terminate());
    },
    open: async (onProgress) => {
      const w = warming;
      warming = null;
      return (await startup()).openWorkspace(onProgress, w ?? undefined);
    },
    claim: navigator.locks ? (release) => Leadership.claim(release) : undefined,
    kinds: () => cellKinds({ tsWorkers: sandboxedWorkerFactory(document), ...(t ? { t } : {}) }),
    loadDemo: loadDemo ?? (async (engine: Engine, schema: string) => (await import('../demo/load')).loadDemo(engine, undefined, schema)),
    get templates() {
      return templates();
    },
    welcome,
    journalStorage,
    flags: {
      get: (key) => sessionStorage.getItem(key),
      set: (key, value) => sessionStorage.setItem(key, value),
      remove: (key) => sessionStorage.removeItem(key),
    },
    clock: {
      now: () => Date.now(),
      after(ms, fn) {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      },
    },
    reload: () => location.reload(),
    download(name, data) {
      const url = URL.createObjectURL(data);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    clearAll: () => clearAllLocalData(),
    storage: { status: () => storageStatus(), persist: () => requestPersistence() },
    // A tab waiting for the workspace reads IndexedDB and the journal, then lets go of the database at
    // once: an open connection would block "Clear all local data" in the tab that owns it.
    async preview() {
      const kv = await openIdbKv();
      try {
        return await readPreview(kv, new Journal(journalStorage, kv));
      } finally {
        kv.close();
      }
    },
    setAside: { read: async (name) => (await startup()).opfsFiles.read(name), remove: async (name) => (await startup()).opfsFiles.remove(name) },
  };
}
