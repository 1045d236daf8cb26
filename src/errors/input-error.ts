/**
 * A problem with what the user wrote (a parameter, a chart spec, a list's query), found before the
 * engine runs anything: shown on the cell as it is, with what to do. A leaf module, so that the
 * notebook, the charts and the analytics adapters can all throw it without importing each other.
 */
export class CellInputError extends Error {
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
