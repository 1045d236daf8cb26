/** What a cell executor gets from the runner. */
import type { Engine } from '../../engine/types';

export interface ExecContext {
  engine: Engine;
  /** Value of a named parameter (`$as_of`) from an input cell; undefined when none defines it. */
  param(name: string): unknown;
  /** Names of the notebook's cells and the workspace's tables, for the fallback dependency scan. */
  knownNames: readonly string[];
}

/** Thrown for problems found before the engine runs anything; shown on the cell as they are. */
export class CellInputError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'CellInputError';
  }
}
