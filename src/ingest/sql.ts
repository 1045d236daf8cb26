/** Writing SQL text from names and values that come from user files: every one is quoted. */

export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

export function lit(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

/** Rows of a query result as plain objects (BIGINT already arrives as a JS number, see engine QUERY_CONFIG). */
export function rowsOf(table: { toArray(): { toJSON(): Record<string, unknown> }[] }): Record<string, unknown>[] {
  return table.toArray().map((r) => r.toJSON());
}

/** Names for transient relations; the prefix keeps them out of the user's table list. */
let counter = 0;
export const INTERNAL_PREFIX = '__longtail_';
export function internalName(kind: string): string {
  counter += 1;
  return `${INTERNAL_PREFIX}${kind}_${Date.now().toString(36)}_${counter}`;
}
