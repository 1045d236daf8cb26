/**
 * Any demo table as CSV bytes for DuckDB's read_csv: `,`-separated, a header line, RFC 4180 quotes
 * where needed, an empty field for null. Numbers are written in JS's shortest round-trip form, which
 * DuckDB parses back to the same double (or the same DECIMAL for amounts already rounded to cents).
 */
import { csvField } from './csv';

type Values = readonly (string | number | null)[];

/** Rows are written in chunks of this many, then encoded, so no single string grows huge. */
const CHUNK_ROWS = 20_000;

export function tableCsv(columns: Record<string, Values>, names: readonly string[]): Uint8Array {
  const cols = names.map((n) => {
    const values = columns[n];
    if (!values) throw new Error(`Column ${n} is missing`);
    return values;
  });
  const rows = cols[0]?.length ?? 0;
  for (const [k, c] of cols.entries()) {
    if (c.length !== rows) throw new Error(`Column ${names[k]} has ${c.length} values, expected ${rows}`);
  }
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(names.map((n) => csvField(n, ',')).join(',') + '\n')];
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    let text = '';
    const end = Math.min(rows, start + CHUNK_ROWS);
    for (let i = start; i < end; i++) {
      for (let k = 0; k < cols.length; k++) {
        const v = cols[k]![i];
        if (k > 0) text += ',';
        if (v === null || v === undefined) continue;
        text += typeof v === 'number' ? String(v) : csvField(v, ',');
      }
      text += '\n';
    }
    parts.push(encoder.encode(text));
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
