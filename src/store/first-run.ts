/**
 * Which notebook to show when Longtail starts. A first start (no notebooks and no tables) builds the
 * demo workspace; a returning user gets their own workspace back, on the notebook they had open.
 */
import type { Engine } from '../engine/types';
import { tableNames } from './tables';
import type { NotebookEntry, WorkspaceStore } from './workspace-store';

export interface FirstRunOptions {
  /** The notebook a new workspace starts with. */
  welcome?: { file: string; text: string };
  /** Builds the demo tables; run only when the workspace has neither notebooks nor tables. */
  loadDemo: (engine: Engine) => Promise<void>;
  onDemo?: () => void;
}

export async function startingNotebook(engine: Engine, store: WorkspaceStore, options: FirstRunOptions): Promise<NotebookEntry | null> {
  if (store.notebooks.length === 0) {
    // Tables without notebooks are the user's data (an emptied notebook list): never overwrite them.
    if ((await tableNames(engine)).length === 0) {
      options.onDemo?.();
      await options.loadDemo(engine);
    }
    if (options.welcome) return store.create(options.welcome.file, options.welcome.text);
    return null;
  }
  const current = store.settings.currentNotebook;
  const byUse = [...store.notebooks].sort((a, b) => b.lastUsedAt - a.lastUsedAt);
  return store.notebooks.find((n) => n.id === current) ?? byUse[0] ?? null;
}
