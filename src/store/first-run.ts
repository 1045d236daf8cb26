/**
 * Which notebook to show when Longtail starts: a new workspace shows the welcome template (it becomes
 * one of the user's notebooks on the first edit); a returning user gets back what they had open — one
 * of their notebooks, or the template they were reading. (The demo's tables live apart, in their own
 * schema, and are built by src/model/demo.ts whenever they are absent.)
 */
import type { NotebookEntry, WorkspaceStore } from './workspace-store';

export type Starting = { kind: 'notebook'; entry: NotebookEntry } | { kind: 'template'; file: string } | null;

export interface FirstRunOptions {
  /** The template a new workspace starts on. */
  welcome?: string;
  /** The templates there are (a template that is no longer shipped is not reopened). */
  templates?: readonly string[];
}

export function startingNotebook(store: WorkspaceStore, options: FirstRunOptions): Starting {
  const { currentNotebook, currentTemplate } = store.settings;
  const entry = store.notebooks.find((n) => n.id === currentNotebook);
  if (entry) return { kind: 'notebook', entry };
  if (typeof currentTemplate === 'string' && (options.templates ?? []).includes(currentTemplate)) return { kind: 'template', file: currentTemplate };
  const byUse = [...store.notebooks].sort((a, b) => b.lastUsedAt - a.lastUsedAt)[0];
  if (byUse) return { kind: 'notebook', entry: byUse };
  return options.welcome ? { kind: 'template', file: options.welcome } : null;
}
