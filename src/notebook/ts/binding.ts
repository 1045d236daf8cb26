/**
 * How a `sql` call in a TypeScript cell becomes a query with bound parameters. The values never enter
 * the SQL text: each `${value}` becomes a parameter, so quotes, `;` or any Unicode in a value cannot
 * change the statement. `$name` in the text binds the input cell of that name, as in SQL cells.
 * DuckDB-WASM binds by position, so every parameter is finally rewritten to `$1…$n`.
 */
import { paramNames, positionalParams, splitStatements, tokenize } from '../sql-text';

/** Stands for the k-th `${…}` of a template while the text is analysed; a named parameter to the lexer. */
export const ARG_PREFIX = '__longtail_arg';

export interface BoundQuery {
  sql: string;
  params: unknown[];
}

/** The template's parts joined with a named placeholder per value: `a ${x} b` → `a $__longtail_arg0 b`. */
export function templateText(parts: readonly string[]): string {
  return parts.reduce((acc, part, k) => (k === 0 ? part : `${acc}$${ARG_PREFIX}${k - 1}${part}`), '');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A value as DuckDB-WASM can bind it (its parameters travel as JSON). Throws for what cannot be bound. */
export function bindable(value: unknown, label: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${label} is ${value}, which SQL cannot take as a parameter.`);
    return value;
  }
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) return value.toString();
    return Number(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${label} is an invalid date.`);
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    if (value.getTime() % 86_400_000 === 0) return day;
    return `${day} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}.${pad(value.getUTCMilliseconds(), 3)}`;
  }
  if (value === undefined) throw new TypeError(`${label} is undefined. Pass null for a missing value.`);
  throw new TypeError(`${label} is ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}; only numbers, text, booleans, dates and null can be bound.`);
}

function bindNames(text: string, valueOf: (name: string) => unknown, positionalCount: number): BoundQuery {
  const statements = splitStatements(text);
  if (statements.length > 1) throw new Error(`sql runs one statement at a time; this text holds ${statements.length}. Make one call per statement.`);
  for (const t of tokenize(text)) {
    if ((t.kind === 'string' || t.kind === 'quoted' || t.kind === 'comment') && t.text.includes(`$${ARG_PREFIX}`)) {
      const k = Number(t.text.slice(t.text.indexOf(ARG_PREFIX) + ARG_PREFIX.length).match(/^\d+/)?.[0] ?? 0);
      throw new Error(
        `Value ${k + 1} of this sql\`…\` sits inside quotes or a comment. Write it bare, as in sql\`… WHERE name = \${name}\`: values are bound as parameters, never pasted into the text.`,
      );
    }
  }
  const names = paramNames(text);
  // Positional `$1…$n` keep their numbers; named parameters are numbered after them.
  const slots = [...Array.from({ length: positionalCount }, (_, k) => `\u0000${k}`), ...names];
  const params = names.map((n) => bindable(valueOf(n), n.startsWith(ARG_PREFIX) ? `Value ${Number(n.slice(ARG_PREFIX.length)) + 1}` : `$${n}`));
  return { sql: positionalParams(text, slots), params };
}

function inputValue(param: (name: string) => unknown, name: string): unknown {
  const v = param(name);
  if (v === undefined) throw new Error(`$${name} is not defined. Add an input cell named ${name}, or pass the value as \${…}.`);
  return v;
}

/** A tagged template call `sql\`…\``: its literal parts and its interpolated values. */
export function bindTemplate(parts: readonly string[], values: readonly unknown[], param: (name: string) => unknown): BoundQuery {
  if (parts.length !== values.length + 1) throw new Error('sql must be used as a tagged template: sql`SELECT …`.');
  return bindNames(templateText(parts), (n) => (n.startsWith(ARG_PREFIX) ? values[Number(n.slice(ARG_PREFIX.length))] : inputValue(param, n)), 0);
}

/** `sql.query(text, values)`: a text with positional `$1…$n` (and possibly `$name` inputs). */
export function bindText(text: string, values: readonly unknown[], param: (name: string) => unknown): BoundQuery {
  const bound = bindNames(text, (n) => inputValue(param, n), values.length);
  return { sql: bound.sql, params: [...values.map((v, k) => bindable(v, `Value ${k + 1}`)), ...bound.params] };
}
