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

export interface AnalysisDef {
  /** Stable id used in notebooks, e.g. `rfm.scores`. */
  id: string;
  title: string;
  /** What it answers, in a channel manager's words. */
  description: string;
  params: readonly ParamSpec[];
  /** Parameters arrive coerced to their kinds, defaults filled in. Returns one SELECT statement. */
  sql(params: ParamValues): string;
}
