/** What a cell kind is to the runner: what a cell reads, and how it runs. */
import type { Cell, CodeKind } from '../model';
import type { CellResult } from '../state';
import type { ExecContext } from './context';

export type RunOutput = Omit<CellResult, 'elapsedMs' | 'finishedAt'>;

export interface CellKindRunner {
  /** Relations (and input names) the cell reads. May throw; the runner then treats it as reading nothing. */
  reads(cell: Cell, ctx: ExecContext): Promise<string[]>;
  /** Runs the cell; `relation` is the name to keep its table result under. */
  run(cell: Cell, ctx: ExecContext, relation: string): Promise<RunOutput>;
  /** Ends what the kind runs outside the engine (a TypeScript worker) when the user presses Stop. */
  stop?(): void;
}

/**
 * The kinds a runner can execute, passed to it by its host (the app, the command line, a test): each
 * registers what it uses. A cell of a kind not registered is shown, never run.
 */
export type CellKinds = Partial<Record<CodeKind, CellKindRunner>>;
