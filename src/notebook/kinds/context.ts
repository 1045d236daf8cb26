/** What a cell executor gets from the runner. */
import type { Engine } from '../../engine/types';
import type { I18n } from '../../i18n/i18n';
import type { ConfirmDestructive } from '../guard';

export interface ExecContext {
  engine: Engine;
  /** Value of a named parameter (`$as_of`) from an input cell; undefined when none defines it. */
  param(name: string): unknown;
  /** Names of the notebook's cells and the workspace's tables, for the fallback dependency scan. */
  knownNames: readonly string[];
  /** Asks the user before a statement drops or rewrites an imported or model table (see ../guard.ts); without it, such statements are refused. */
  confirmDestructive?: ConfirmDestructive;
  /** The reader's language, for the notices a kind writes (English without it). */
  t?: I18n['t'];
}

export { CellInputError } from '../../errors/input-error';
