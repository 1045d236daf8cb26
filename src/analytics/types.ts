/**
 * The contract between the analytics library and the rest of Longtail. An analysis is a pure function
 * from parameters (relation names, dates, numbers…) to ONE SQL query (a SELECT, CTEs allowed).
 * The notebook's `analysis` cells look analyses up by id, coerce their parameters with these specs,
 * and run the SQL like any SQL cell; TypeScript cells can call the same functions.
 */
export type ParamKind = 'relation' | 'date' | 'number' | 'integer' | 'string' | 'enum' | 'boolean';

export type ParamValue = string | number | boolean | null;
export type ParamValues = Record<string, ParamValue>;

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  /** Short label for the UI. */
  label: string;
  /** One sentence a channel manager understands. */
  doc: string;
  /** Used when the cell does not set the parameter. `null` means "derive from data" where documented. */
  default?: ParamValue;
  /** Allowed values of an `enum`. */
  options?: readonly string[];
}

/** What a TypeScript analysis may ask of the engine: rows of a query, as plain JS values. */
export interface AnalysisContext {
  /** DATE and TIMESTAMP come back as epoch milliseconds, BIGINT and DECIMAL as numbers. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

/** A row an analysis hands back; the notebook turns an array of them into a table. */
export type OutputRow = Record<string, string | number | boolean | null>;

export interface AnalysisDef {
  /** Stable id used in notebooks, e.g. `rfm.scores`. */
  id: string;
  title: string;
  /** What it answers, in a channel manager's words. */
  description: string;
  params: readonly ParamSpec[];
  /**
   * Exactly one of `sql` and `compute`. `sql`: parameters arrive coerced to their kinds, defaults filled
   * in; returns one SELECT statement (CTEs allowed). `compute`: TypeScript where SQL is awkward (model
   * fits); reads its inputs through `ctx` and returns rows. Inputs are the `relation` parameters either way.
   */
  sql?(params: ParamValues): string;
  compute?(params: ParamValues, ctx: AnalysisContext): Promise<OutputRow[]>;
}
