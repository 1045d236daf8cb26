/**
 * SQL literals for values typed into a grid's filters. Every value the user types reaches SQL through
 * these (or `lit` for text), so a filter box holding `'); DROP TABLE deals; --` is only text to match.
 */
import { lit } from '../sql/quote';

export { ident, lit } from '../sql/quote';

export function numberLit(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Not a finite number: ${n}`);
  // String() of a double reads back as the same double ("1e+21", "-0.5"); DuckDB parses all of them.
  return String(n);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (not 2024-02-30). */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function dayLit(day: string): string {
  if (!isIsoDay(day)) throw new Error(`Not a date (YYYY-MM-DD): ${day}`);
  return `DATE '${day}'`;
}

/** A value of a value list: text, number or boolean (null is handled by the caller as IS NULL). */
export function valueLit(v: string | number | boolean): string {
  if (typeof v === 'number') return numberLit(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return lit(v);
}

/** A LIKE pattern matching text anywhere, with `%`, `_` and `\` in the text taken literally. */
export function containsPattern(text: string): { pattern: string; escaped: boolean } {
  const escaped = /[%_\\]/.test(text);
  const body = escaped ? text.replace(/[%_\\]/g, (c) => `\\${c}`) : text;
  return { pattern: lit(`%${body}%`), escaped };
}
