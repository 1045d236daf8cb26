/**
 * Bad input: each case gets an ImportError whose message names the problem (and the line) and whose
 * hint says what to do; unreadable rows can be skipped with a count; nothing loaded before is lost.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { importFile, inspectFile, previewImport, redetect, SIZE_LIMITS, type CsvSettings } from '../../src/ingest';
import { fromEngine } from '../../src/ingest/errors';
import { describeReject } from '../../src/ingest/rejects';
import { checkSize } from '../../src/ingest/limits';
import { createTestEngine, fixture, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await createTestEngine();
});

describe('files that cannot be imported at all', () => {
  it('an empty file', async () => {
    await expect(inspectFile(fixture('empty.csv'))).rejects.toMatchObject({
      code: 'empty',
      message: 'empty.csv is empty (0 bytes).',
      hint: expect.stringMatching(/Export the data again/),
    });
  });

  it('binary junk named .csv', async () => {
    await expect(inspectFile(fixture('binary.csv'))).rejects.toMatchObject({ code: 'binary', message: 'binary.csv is not a text file.' });
  });

  it('an Excel workbook named .csv is recognised as one', async () => {
    await expect(inspectFile(fixture('workbook-named.csv'))).rejects.toMatchObject({
      code: 'binary',
      message: 'workbook-named.csv is not a text file. It looks like an Excel workbook or another zip archive.',
      hint: 'Rename it with the .xlsx extension and import it again, or save it as CSV from Excel.',
    });
  });

  it('a header-only file names its columns and line 1', async () => {
    const insp = await inspectFile(fixture('header-only.csv'));
    const expected = { code: 'header-only', line: 1, message: 'header-only.csv has column names (Client, Montant, Date) but no rows of data.' };
    await expect(previewImport(engine, insp, insp.settings)).rejects.toMatchObject(expected);
    await expect(importFile(engine, insp, insp.settings, { table: 'header_only', replace: false })).rejects.toMatchObject(expected);
  });

  it('a file over the memory this browser can give is refused from its size, before anything is read', () => {
    const fourGb = 4.2 * 1024 ** 3;
    expect(() => checkSize('huge.csv', fourGb, 'csv', null)).toThrow(
      "huge.csv is 4.2 GB; a CSV file of that size does not fit in the browser's memory: the limit here is 2.4 GB (this browser can give Longtail about 4.0 GB of memory).",
    );
    expect(() => checkSize('huge.csv', fourGb, 'csv', null)).toThrow(expect.objectContaining({ hint: expect.stringMatching(/Tables already loaded are kept\. Or run the notebook on the whole file with the command line: npx longtail run NOTEBOOK\.md --data huge\.csv$/) }));
    expect(() => checkSize('big.json', 300 * 1024 ** 2, 'json', 'array')).toThrow(/limit here is 256.0 MB/);
    expect(() => checkSize('big.ndjson', 300 * 1024 ** 2, 'json', 'ndjson')).not.toThrow();
  });

  it('inspectFile applies the size limits (shown here with a tiny limit)', async () => {
    await expect(inspectFile(fixture('hubspot-deals.csv'), { limits: { ...SIZE_LIMITS, csv: 100 } })).rejects.toMatchObject({
      code: 'too-large',
      hint: expect.stringMatching(/Tables already loaded are kept/),
    });
  });

  it("the engine's out-of-memory error becomes the memory message", () => {
    const err = fromEngine('big.csv', 900 * 1024 ** 2, new Error('Out of Memory Error: could not allocate block of size 256.0 KiB'));
    expect(err).toMatchObject({ code: 'out-of-memory', message: 'The browser ran out of memory while loading big.csv (900.0 MB).' });
  });
});

describe('hostile nesting and bad bytes', () => {
  it('a JSON array nested 5,000 deep is refused for its depth, not for memory, and the engine still answers', async () => {
    const deep = '[{"a":' + '{"b":'.repeat(5000) + '1' + '}'.repeat(5000) + '}]';
    const insp = inspectFile(new File([deep], 'deep.json'));
    // Depth 65 is reached at the 65th opening bracket: "[", "{" of the record, then 63 of the nested "{".
    await expect(insp).rejects.toMatchObject({
      code: 'too-deep',
      line: 1,
      message: 'deep.json nests its values more than 64 levels deep (line 1): Longtail reads JSON records as rows of fields, and a record nested this deep is not one.',
      hint: expect.stringMatching(/flat table/),
    });
    expect(await rows(engine, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('an NDJSON line nested too deep is refused as a row, with its line; the others load', async () => {
    const text = '{"id":1}\n' + '{"id":2,"x":' + '['.repeat(100) + ']'.repeat(100) + '}\n{"id":3}\n';
    const insp = await inspectFile(new File([text], 'lines.ndjson'));
    await expect(importFile(engine, insp, { ...insp.settings, skipBadRows: true } as typeof insp.settings, { table: 'deep_lines', replace: false })).resolves.toBeTruthy();
    expect(await rows(engine, 'SELECT id FROM deep_lines ORDER BY id')).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('names the first byte that is not UTF-8 and where it is', async () => {
    const { checkText } = await import('../../src/ingest/detect-encoding');
    // "café" in UTF-8 twice, then "é" as Windows-1252 (0xE9) at offset 3 + 2 + 1 + 3 + 2 + 1 + 3 = 15.
    const bytes = new Uint8Array([0x63, 0x61, 0x66, 0xc3, 0xa9, 0x0a, 0x63, 0x61, 0x66, 0xc3, 0xa9, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]);
    expect(checkText(bytes)).toMatchObject({ guess: { encoding: 'utf-8', reason: 'UTF-8, but 1 byte is not valid UTF-8 (the first: byte 0xE9 at offset 15); if accents look wrong in the preview, choose Windows-1252 in "Encoding"' } });
    const latin = new Uint8Array([0x41, 0x3b, 0xe9, 0x0a]);
    expect(checkText(latin)).toMatchObject({ guess: { encoding: 'windows-1252', reason: 'not UTF-8 (byte 0xE9 at offset 2 is not valid UTF-8), so Windows-1252 (Western European)' } });
  });
});

describe('rows that cannot be read', () => {
  it('ragged rows stop the import with their line numbers, or are skipped and counted', async () => {
    const insp = await inspectFile(fixture('ragged.csv'));
    const preview = await previewImport(engine, insp, insp.settings);
    expect(preview.rejected).toEqual({
      count: 2,
      examples: [
        { line: 4, row: null, text: '7,8', kind: 'columns', reason: 'it has 2 fields where 3 were expected' },
        { line: 6, row: null, text: '12,13,14,15', kind: 'columns', reason: 'it has 4 fields where 3 were expected' },
      ],
    });
    await expect(importFile(engine, insp, insp.settings, { table: 'ragged', replace: false })).rejects.toMatchObject({
      code: 'bad-rows',
      line: 4,
      message: '2 rows of ragged.csv cannot be read; the first is line 4: it has 2 fields where 3 were expected.',
    });
    const r = await importFile(engine, insp, { ...insp.settings, skipBadRows: true }, { table: 'ragged', replace: false });
    expect(r.rejected.count).toBe(2);
    expect(r.record).toMatchObject({ rowCount: 4, rejectedCount: 2 });
    expect(await rows(engine, 'SELECT * FROM ragged')).toEqual([
      { a: 1, b: 2, c: 3 },
      { a: 4, b: 5, c: 6 },
      { a: 9, b: 10, c: 11 },
      { a: 16, b: 17, c: 18 },
    ]);
  });

  it('an invalid byte in a UTF-8 file is reported at its line, with Windows-1252 suggested', async () => {
    const insp = await inspectFile(fixture('invalid-utf8.csv'));
    expect(insp.settings).toMatchObject({ encoding: 'utf-8' });
    await expect(importFile(engine, insp, insp.settings, { table: 'bad_utf8', replace: false })).rejects.toMatchObject({
      code: 'bad-rows',
      line: 4,
      message: '1 row of invalid-utf8.csv cannot be read; the first is line 4: it has bytes that are not valid UTF-8.',
      hint: expect.stringMatching(/choose Windows-1252/),
    });
    const r = await importFile(engine, insp, { ...insp.settings, skipBadRows: true }, { table: 'bad_utf8', replace: false });
    expect(r.rejected.count).toBe(1);
    expect(await rows(engine, 'SELECT * FROM bad_utf8')).toEqual([
      { nom: 'René', ville: 'Lyon' },
      { nom: 'André', ville: 'Nîmes' },
      { nom: 'Zoé', ville: 'Évry' },
    ]);
  });

  it('declaring UTF-8 for the Windows-1252 export names every line with an accent', async () => {
    const insp = await inspectFile(fixture('french-export-1252.csv'));
    const declared = redetect(insp, { encoding: 'utf-8' });
    // Line 1 (the header, with € and ô) is skipped as the header; lines 2–5 all hold accents.
    await expect(importFile(engine, declared, declared.settings, { table: 'declared', replace: false })).rejects.toMatchObject({
      code: 'bad-rows',
      line: 2,
      rejected: { count: 4 },
    });
  });

  it('an invalid byte past the sampled first MB is still caught, at its line', async () => {
    const enc = new TextEncoder();
    const good = enc.encode('nom,n\n' + 'Zoé,1\n'.repeat(200_000));
    const bytes = new Uint8Array(good.length + 6);
    bytes.set(good);
    bytes.set([0x42, 0xe9, 0x2c, 0x32, 0x0a, 0x0a], good.length); // "B<E9>,2\n"
    const insp = await inspectFile(new File([bytes], 'late-bad.csv'));
    expect(insp.settings).toMatchObject({ encoding: 'utf-8' });
    await expect(importFile(engine, insp, insp.settings, { table: 'late_bad', replace: false })).rejects.toMatchObject({ code: 'bad-rows', line: 200_002 });
  });

  it('a value that does not fit its type is named with its column and line', async () => {
    const insp = await inspectFile(new File(['Client;Montant\nA;12,5\nB;douze\nC;3\n'], 'typed.csv'));
    const settings = { ...insp.settings, columns: insp.settings.columns.map((c, k) => (k === 1 ? { ...c, type: 'DOUBLE' as const } : c)) } as CsvSettings;
    await expect(importFile(engine, insp, settings, { table: 'typed', replace: false })).rejects.toMatchObject({
      message: '1 row of typed.csv cannot be read; the first is line 3: in column "Montant", "douze" is not a number.',
    });
  });
});

describe('nothing loaded before is lost', () => {
  it('a failed re-import leaves the previous table as it was', async () => {
    const first = await inspectFile(fixture('hubspot-deals.csv', 'deals-export.csv'));
    await importFile(engine, first, first.settings, { table: 'kept', replace: false });
    const before = await rows(engine, 'SELECT * FROM kept');
    const broken = await inspectFile(fixture('ragged.csv', 'deals-export.csv'));
    await expect(importFile(engine, broken, broken.settings, { table: 'kept', replace: true })).rejects.toMatchObject({ code: 'bad-rows' });
    expect(await rows(engine, 'SELECT * FROM kept')).toEqual(before);
    // No transient table is left behind either.
    expect(await rows(engine, "SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, '__longtail')")).toEqual([]);
  });

  it('refuses to overwrite a table unless asked to replace it', async () => {
    const insp = await inspectFile(fixture('pipe.txt'));
    await importFile(engine, insp, insp.settings, { table: 'once', replace: false });
    await expect(importFile(engine, insp, insp.settings, { table: 'once', replace: false })).rejects.toMatchObject({ code: 'name-taken' });
  });

  it('a cancelled import changes nothing', async () => {
    const insp = await inspectFile(fixture('partners.tsv'));
    const controller = new AbortController();
    controller.abort();
    await expect(importFile(engine, insp, insp.settings, { table: 'cancelled', replace: false, signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(await rows(engine, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'cancelled'")).toEqual([{ n: 0 }]);
  });

  it('refuses a table name that would need quotes in SQL', async () => {
    const insp = await inspectFile(fixture('pipe.txt'));
    await expect(importFile(engine, insp, insp.settings, { table: 'my table', replace: false })).rejects.toMatchObject({ code: 'invalid-settings' });
  });
});

describe('describeReject', () => {
  const ctx = { encoding: 'windows-1252' as const, dateFormat: '%d/%m/%Y' as const, timeFormat: '%H:%M' as const };
  it('reads the kind from the message when the error type arrives empty (the browser build)', () => {
    expect(describeReject({ line: 3, text: '\n7,8', errorType: '', message: 'Expected Number of Columns: 3 Found: 2' }, ctx)).toEqual({
      line: 3,
      row: null,
      text: '7,8',
      kind: 'columns',
      reason: 'it has 2 fields where 3 were expected',
    });
    expect(describeReject({ line: 5, text: 'x;31/02/2024', errorType: '', message: 'Error when converting column "d". Could not convert string "31/02/2024" to \'DATE\'' }, ctx).reason).toBe(
      'in column "d", "31/02/2024" is not a date (dd/mm/yyyy)',
    );
    expect(describeReject({ line: 9, text: 'B?', errorType: '', message: 'Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.' }, ctx)).toMatchObject({
      kind: 'encoding',
      reason: 'it has bytes that are not valid Windows-1252',
    });
  });
});
