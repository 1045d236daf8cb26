/**
 * A problem with what the user wrote (a parameter, a chart spec, a list's query), found before the
 * engine runs anything: shown on the cell as it is, with what to do. A leaf module, so that the
 * notebook, the charts and the analytics adapters can all throw it without importing each other.
 *
 * Made by `inputError` (i18n/said-error.ts) from said messages, its `message` and `hint` are the English
 * text and `said` / `hintSaid` the catalogue keys and values the runner says in the reader's language.
 */

/** A said message (i18n/said.ts), as the plain data it is: a catalogue key and its values. */
export interface SaidData {
  key: string;
  params?: Record<string, unknown>;
}

export class CellInputError extends Error {
  said: SaidData | null = null;
  hintSaid: SaidData | null = null;

  constructor(
    message: string,
    readonly hint: string,
    /** 'cancelled' when the run was stopped (by the user or a time limit) rather than refused. */
    readonly kind: 'input' | 'cancelled' = 'input',
  ) {
    super(message);
    this.name = 'CellInputError';
  }
}
