/**
 * Running the notebook: the app's runner (every cell in dependency order, as "Run all"), with a line on
 * stderr as each cell starts and ends, and the list of cells that did not run.
 */
import type { Engine } from '../engine/types';
import type { Cell, Notebook } from '../notebook/model';
import type { CellKinds } from '../notebook/kinds';
import { Runner, type RunnerOptions } from '../notebook/runner';
import type { CellState } from '../notebook/state';

/** A cell as people know it: its name, or its kind and place in the notebook. */
export function cellLabel(notebook: Notebook, cell: Cell): string {
  if (cell.name) return cell.name;
  const n = notebook.cells.filter((c) => c.kind !== 'markdown').indexOf(cell) + 1;
  return `unnamed ${cell.kind} cell #${n}`;
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export interface Failure {
  cell: Cell;
  label: string;
  status: CellState['status'];
  message: string;
  hint: string;
}

export interface RunOutcome {
  runner: Runner;
  failures: Failure[];
  elapsedMs: number;
}

export interface RunNotebookOptions {
  /** The runner's hooks (the partner model's explanations of a missing table, provenance). */
  options?: RunnerOptions;
  /** Called with the runner before it starts (to stop it on Ctrl-C). */
  onRunner?: (runner: Runner) => void;
}

export async function runNotebook(engine: Engine, notebook: Notebook, kinds: CellKinds, log: (line: string) => void, more: RunNotebookOptions = {}): Promise<RunOutcome> {
  const cells = () => notebook.cells;
  const runner = new Runner(engine, cells, kinds, more.options);
  more.onRunner?.(runner);
  await runner.init();
  const code = notebook.cells.filter((c) => c.kind !== 'markdown');
  const byId = new Map(code.map((c) => [c.id, c]));
  const seen = new Map<string, CellState['status']>();
  let finished = 0;
  const unsubscribe = runner.subscribe((id) => {
    const cell = id ? byId.get(id) : undefined;
    if (!cell) return;
    const s = runner.state(cell.id);
    if (seen.get(cell.id) === s.status) return;
    seen.set(cell.id, s.status);
    const label = `${cellLabel(notebook, cell)} (${cell.kind})`;
    const counter = () => `[${++finished}/${code.length}]`;
    if (s.status === 'running' && cell.kind !== 'input') log(`  … ${label}`);
    else if (s.status === 'done') {
      const r = s.result;
      const rows = r && r.columns.length ? `, ${r.rowCount.toLocaleString('en')} row${r.rowCount === 1 ? '' : 's'}` : '';
      log(`${counter()} ✓ ${label}${r && cell.kind !== 'input' ? ` ${seconds(r.elapsedMs)}${rows}` : ''}`);
    } else if (s.status === 'error' || s.status === 'blocked' || s.status === 'missing') log(`${counter()} ✗ ${label}: ${s.error?.message.split('\n')[0] ?? s.status}`);
  });
  const started = performance.now();
  try {
    await runner.runAll();
  } finally {
    unsubscribe();
  }
  const failures: Failure[] = code
    .map((cell) => ({ cell, s: runner.state(cell.id) }))
    .filter(({ s }) => s.status !== 'done')
    .map(({ cell, s }) => ({
      cell,
      label: cellLabel(notebook, cell),
      status: s.status,
      message: s.error?.message ?? (s.status === 'idle' ? 'It did not run (its kind is not available here).' : `It ended ${s.status}.`),
      hint: s.error?.hint ?? '',
    }));
  return { runner, failures, elapsedMs: performance.now() - started };
}
