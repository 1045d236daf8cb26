/**
 * Writing SQL text from names and values that come from users, files and parameters: every one is
 * quoted here, and only here. A leaf module: it imports nothing, so every part of Longtail (the
 * analytics library included) can use it.
 */

/** Quotes an identifier (a schema, relation or column name) for DuckDB. */
export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** `schema."name"` — the schema is one of Longtail's own (cells, demo, …), the name anybody's. */
export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** Renders a value as a SQL literal. Dates must already be validated `YYYY-MM-DD` strings (see dateLit). */
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

/** Rows of a query result as plain objects (BIGINT already arrives as a JS number, see engine QUERY_CONFIG). */
export function rowsOf(table: { toArray(): { toJSON(): Record<string, unknown> }[] }): Record<string, unknown>[] {
  return table.toArray().map((r) => r.toJSON());
}
