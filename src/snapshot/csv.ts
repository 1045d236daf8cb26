/**
 * CSV of rows already in memory (a snapshot's embedded rows, an inline result), for the ⤓ CSV button
 * where no engine holds the full result. Same dialect as the engine's export: UTF-8, comma, header,
 * ISO dates. Text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) is prefixed
 * with a quote, since a snapshot's data may come from anyone.
 */
import { isoValue } from '../engine/format';
import type { Column, Plain } from '../engine/values';

function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cell(v: Plain, c: Column): string {
  const text = isoValue(v, c.kind);
  return field(typeof v === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

export function rowsCsv(columns: readonly Column[], rows: readonly Plain[][]): string {
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (const r of rows) lines.push(columns.map((c, k) => cell(r[k] ?? null, c)).join(','));
  return lines.join('\r\n') + '\r\n';
}
