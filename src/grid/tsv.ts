/**
 * Cells copied for a spreadsheet: tab-separated lines, numbers as plain digits with a dot (what
 * Excel and LibreOffice read as numbers in any locale's paste), dates and timestamps ISO, text quoted
 * only when it holds a tab, a line break or a quote (Excel's own rule for TSV on the clipboard).
 */
import type { Column, Plain } from '../engine/values';

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  // Shortest round-trip digits, without the exponent form JavaScript uses past 1e21 or under 1e-6.
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const digits = Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(n))) + 15));
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function dateText(d: Date, kind: Column['kind']): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${d.getUTCFullYear()}-${twoDigits(d.getUTCMonth() + 1)}-${twoDigits(d.getUTCDate())}`;
  if (kind === 'date') return day;
  const ms = d.getUTCMilliseconds();
  return `${day} ${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}:${twoDigits(d.getUTCSeconds())}${ms ? `.${String(ms).padStart(3, '0')}` : ''}`;
}

export function tsvValue(v: Plain | undefined, kind: Column['kind']): string {
  if (v === null || v === undefined) return '';
  let text: string;
  if (typeof v === 'number') text = numberText(v);
  else if (v instanceof Date) text = dateText(v, kind);
  else if (typeof v === 'boolean') text = v ? 'TRUE' : 'FALSE';
  else if (typeof v === 'string') text = v;
  else text = JSON.stringify(v, (_k, x) => (x instanceof Date ? x.toISOString() : x));
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (each the selected columns' values, in order) as TSV, with the column names first if asked. */
export function toTsv(rows: readonly (readonly Plain[])[], columns: readonly Column[], withHeader = false): string {
  const lines = rows.map((r) => r.map((v, k) => tsvValue(v, columns[k]!.kind)).join('\t'));
  if (withHeader) lines.unshift(columns.map((c) => tsvValue(c.name, 'string')).join('\t'));
  return lines.join('\n');
}
