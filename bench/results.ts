/**
 * Everything a run measured, as rows of the report: one table, sections in order. A row holds
 * Longtail's figure and, where a peer ran the same work, the peers' figures; ratios are derived when
 * the table is written. Failures are collected, not thrown: one failed measurement must not cost the
 * rest, but it makes the run fail.
 */
import type { Unit } from './format';
import type { Figure } from './stats';

export const SECTIONS = ['Import', 'Analytics, warm', 'Notebooks, run all', 'Command line, native DuckDB', 'Cold start', 'Memory and size', 'Largest table'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Row {
  section: Section;
  what: string;
  /** The data set, e.g. `1 M` or `1 M fr`; empty when not about one. */
  data: string;
  unit: Unit;
  longtail: Figure | null;
  /** Shown instead of a figure (a ratio, an outcome). */
  text?: string;
  native?: Figure | null;
  arquero?: Figure | null;
  /** Columns whose measurement failed, with the reason (listed under the table). */
  failed?: Partial<Record<Column, string>>;
}

export type Column = 'longtail' | 'native' | 'arquero';

export interface Failure {
  what: string;
  message: string;
}

export class Results {
  readonly rows: Row[] = [];
  readonly failures: Failure[] = [];

  add(row: Row): void {
    this.rows.push(row);
  }

  /** The row for (section, what, data), created empty if new: peers fill in rows the page created. */
  row(section: Section, what: string, data: string, unit: Unit): Row {
    let r = this.rows.find((x) => x.section === section && x.what === what && x.data === data);
    if (!r) {
      r = { section, what, data, unit, longtail: null };
      this.rows.push(r);
    }
    return r;
  }

  fail(what: string, err: unknown): void {
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
    this.failures.push({ what, message });
    console.error(`  ✗ ${what}: ${message}`);
  }

  /** A failure that belongs in a cell of the table: the cell says so instead of staying blank. */
  failCell(row: Row, column: Column, err: unknown): void {
    const label = row.data ? `${row.what} on ${row.data}` : row.what;
    this.fail(column === 'longtail' ? label : `${label} (${column})`, err);
    row.failed = { ...row.failed, [column]: this.failures[this.failures.length - 1]!.message };
  }

  /** Runs one measurement; a throw is recorded as a failure and the run goes on. */
  async attempt<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      this.fail(what, err);
      return undefined;
    }
  }
}
