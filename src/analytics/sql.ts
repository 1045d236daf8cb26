/** Small helpers for writing SQL text safely from parameters. */

/** Quotes an identifier (a relation or column name) for DuckDB. */
export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** Renders a value as a SQL literal. Dates must already be validated `YYYY-MM-DD` strings. */
export function lit(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return "'" + value.replace(/'/g, "''") + "'";
}

/** A DATE literal, or NULL. */
export function dateLit(value: string | null | undefined): string {
  if (value == null || value === '') return 'NULL';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`Not a date (YYYY-MM-DD): ${value}`);
  return `DATE '${value}'`;
}
