/**
 * The preview of a very wide CSV (issue 15.4): DuckDB reads only the window of columns shown, from the
 * sample's records split in JS, with the file's own number and date settings; rows with the wrong number
 * of fields, invalid bytes, or a value that does not fit a shown column are reported at their line in
 * the file. Values are worked out by hand from the file written below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { inspectFile, previewImport, type CsvSettings } from '../../src/ingest';
import { WIDE_COLUMNS } from '../../src/ingest/csv-window';
import { createTestEngine } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await createTestEngine();
});

const WIDTH = 300;
/**
 * A French export of 300 columns, `;`-separated, in UTF-8: "Société" (text P<r>), "Montant" (r,5 → r + 0.5),
 * "Date" (dd/mm/yyyy: day r + 1 of April 2024), then n4…n300 holding r + k. Data row r is on line r + 2.
 * Line 6 (r = 4) has one field too few; line 9 (r = 7) has "douze" as its Montant; line 11 (r = 9) has
 * a byte that is not UTF-8 in column n150 (outside the first window).
 */
function wideFile(): File {
  const enc = new TextEncoder();
  const header = ['Société', 'Montant', 'Date', ...Array.from({ length: WIDTH - 3 }, (_, k) => `n${k + 4}`)].join(';');
  const parts: Uint8Array[] = [enc.encode(header + '\n')];
  for (let r = 0; r < 30; r++) {
    const fields = [`P${r}`, r === 7 ? 'douze' : `${r},5`, `${String(r + 1).padStart(2, '0')}/04/2024`, ...Array.from({ length: WIDTH - 3 }, (_, k) => String(r + k + 3))];
    if (r === 4) fields.pop();
    if (r === 9) {
      const before = enc.encode(fields.slice(0, 149).join(';') + ';');
      const after = enc.encode(';' + fields.slice(150).join(';') + '\n');
      parts.push(before, Uint8Array.of(0x42, 0xff, 0x43), after);
      continue;
    }
    parts.push(enc.encode(fields.join(';') + '\n'));
  }
  return new File(parts as BlobPart[], 'wide-fr.csv');
}

describe('a wide CSV preview', () => {
  it('renders the window with the file’s settings and reports bad rows at their lines', async () => {
    expect(WIDTH).toBeGreaterThan(WIDE_COLUMNS);
    const insp = await inspectFile(wideFile());
    expect(insp.settings).toMatchObject({ encoding: 'utf-8', delimiter: ';', decimal: ',', dateFormat: '%d/%m/%Y' });
    // "douze" makes the sniffer read Montant as text; the user says it is a number.
    const s = { ...insp.settings, columns: insp.settings.columns.map((c, k) => (k === 1 ? { ...c, type: 'DOUBLE' as const } : c)) } as CsvSettings;
    expect(s.columns.slice(0, 3).map((c) => c.type)).toEqual(['VARCHAR', 'DOUBLE', 'DATE']);
    const p = await previewImport(engine, insp, s);
    expect(p.columns).toHaveLength(30);
    expect(p.rows[0]!.slice(0, 4)).toEqual(['P0', '0.5', '2024-04-01', '3']);
    // Rows 4 (ragged), 7 (douze) and 9 (invalid byte) are left out: the fifth row shown is r = 5.
    expect(p.rows.map((r) => r[0]).slice(0, 8)).toEqual(['P0', 'P1', 'P2', 'P3', 'P5', 'P6', 'P8', 'P10']);
    expect(p.rows[4]!.slice(0, 4)).toEqual(['P5', '5.5', '2024-04-06', '8']);
    expect(p.rejected.count).toBe(3);
    expect(p.rejected.examples.map((e) => [e.line, e.kind, e.reason])).toEqual([
      [6, 'columns', `it has ${WIDTH - 1} fields where ${WIDTH} were expected`],
      [9, 'value', 'in column "Montant", "douze" is not a number'],
      [11, 'encoding', 'it has bytes that are not valid UTF-8'],
    ]);
    expect(p.rejected.examples[1]!.text.startsWith('P7;douze;08/04/2024;')).toBe(true);
    // A not-shown column's bad values are found by the import: the count is not final.
    expect(p.whole).toBe(false);
  });

  it('a later window holds the same rows in its own columns', async () => {
    const insp = await inspectFile(wideFile());
    const p = await previewImport(engine, insp, insp.settings, { columnsFrom: 270 });
    expect(p.columns.map((c) => c.name)).toEqual(Array.from({ length: 30 }, (_, k) => `n${271 + k}`));
    // Row r = 0, column n271 (k = 270): 0 + 270.
    expect(p.rows[0]![0]).toBe('270');
    // The ragged row and the invalid byte; "douze" is text here, as the sniffer read Montant.
    expect(p.rejected.examples.map((e) => e.line)).toEqual([6, 11]);
  });
});
