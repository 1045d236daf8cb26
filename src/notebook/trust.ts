/**
 * Notebooks that came from outside — opened from a file, duplicated from a snapshot, brought in by a
 * workspace import — do not run by themselves: they open with their last results (or none) and a
 * "Run this notebook?" prompt that says what they would read and run. This module is that prompt's
 * content and the list of notebooks still waiting for the user's go-ahead, kept in the workspace's
 * settings so the wait survives a reload.
 */
import type { Cell, CellKind } from './model';
import { mentionedNames } from './sql-text';

/** What a notebook would do if run: the tables it reads and the kinds of cells it runs. */
export interface RunPrompt {
  /** Workspace tables its code names (cells' own results excluded), in order of first mention. */
  reads: string[];
  /** Cells that would run, by kind, in order of first appearance. */
  runs: { kind: CellKind; count: number }[];
}

/** Cells that run no code: input cells hold a value, Markdown is text. Every other kind runs. */
const NOT_RUNNING: ReadonlySet<CellKind> = new Set<CellKind>(['markdown', 'input']);

export function runPrompt(cells: readonly Cell[], tables: readonly string[]): RunPrompt {
  const own = new Set(cells.map((c) => c.name.toLowerCase()).filter(Boolean));
  const readable = tables.filter((t) => !own.has(t.toLowerCase()));
  const reads: string[] = [];
  const counts = new Map<CellKind, number>();
  for (const c of cells) {
    if (NOT_RUNNING.has(c.kind)) continue;
    counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
    for (const t of mentionedNames(c.source, readable)) if (!reads.includes(t)) reads.push(t);
  }
  return { reads, runs: [...counts].map(([kind, count]) => ({ kind, count })) };
}

const KIND_WORDS: Partial<Record<CellKind, [string, string]>> = {
  sql: ['SQL cell', 'SQL cells'],
  analysis: ['analysis cell', 'analysis cells'],
  ts: ['TypeScript cell', 'TypeScript cells'],
  chart: ['chart cell', 'chart cells'],
  input: ['input cell', 'input cells'],
  markdown: ['text cell', 'text cells'],
};

function joined(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "3 SQL cells, 1 TypeScript cell and 1 chart cell", or '' when nothing would run. */
export function describeRuns(p: RunPrompt): string {
  return joined(p.runs.map(({ kind, count }) => `${count} ${(KIND_WORDS[kind] ?? [`${kind} cell`, `${kind} cells`])[count === 1 ? 0 : 1]}`));
}

/** The workspace setting that lists the notebooks (by id) waiting for the user's go-ahead. */
export const UNTRUSTED_SETTING = 'untrustedNotebooks';

/** The ids in the setting; anything malformed there counts as nothing waiting. */
export function untrustedIds(settings: Readonly<Record<string, unknown>>): string[] {
  const v = settings[UNTRUSTED_SETTING];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The list with `id` added (it waits) or removed (the user let it run). */
export function withTrust(ids: readonly string[], id: string, trusted: boolean): string[] {
  const rest = ids.filter((x) => x !== id);
  return trusted ? rest : [...rest, id];
}
