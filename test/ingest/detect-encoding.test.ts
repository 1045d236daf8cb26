import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/ingest/detect-encoding';
import { guessFormat } from '../../src/ingest/detect-format';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bytes = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))));
const ascii = (s: string) => new TextEncoder().encode(s);

describe('checkText: which encoding a file is in', () => {
  it.each([
    ['french-export-1252.csv', 'windows-1252', false],
    ['french-export-utf8-bom.csv', 'utf-8', true],
    ['french-export-utf16le.csv', 'utf-16le', true],
    ['french-export-utf16be.csv', 'utf-16be', true],
    ['partners.tsv', 'utf-8', false],
    // One bad byte among five well-formed é/î/É: a damaged UTF-8 file, not a Windows-1252 one.
    ['invalid-utf8.csv', 'utf-8', false],
  ])('%s is %s (BOM: %s)', (name, encoding, bom) => {
    const r = checkText(bytes(name));
    expect(r.text && r.guess.encoding).toBe(encoding);
    expect(r.text && r.guess.bom).toBe(bom);
  });

  it('finds UTF-16 without a byte-order mark from the zero bytes of ASCII characters', () => {
    // "a;b\n" as UTF-16LE is 61 00 3B 00 62 00 0A 00; big-endian puts the zeros first.
    const le = Uint8Array.from([0x61, 0, 0x3b, 0, 0x62, 0, 0x0a, 0]);
    const be = Uint8Array.from([0, 0x61, 0, 0x3b, 0, 0x62, 0, 0x0a]);
    expect(checkText(le)).toMatchObject({ text: true, guess: { encoding: 'utf-16le', bom: false } });
    expect(checkText(be)).toMatchObject({ text: true, guess: { encoding: 'utf-16be', bom: false } });
  });

  it('calls plain ASCII UTF-8', () => {
    expect(checkText(ascii('a,b\n1,2\n'))).toMatchObject({ text: true, guess: { encoding: 'utf-8', reason: 'plain ASCII, read as UTF-8' } });
  });

  it('tolerates a UTF-8 character cut by the end of the sample', () => {
    // "é" is C3 A9; a sample ending after C3 is still UTF-8.
    expect(checkText(Uint8Array.from([...ascii('nom\nRen'), 0xc3]))).toMatchObject({ text: true, guess: { encoding: 'utf-8' } });
  });

  it('refuses binary data, and names a zip (xlsx) or Parquet file by its magic number', () => {
    expect(checkText(bytes('binary.csv'))).toEqual({ text: false, looksLike: null });
    expect(checkText(bytes('workbook-named.csv'))).toEqual({ text: false, looksLike: 'an Excel workbook or another zip archive' });
    expect(checkText(bytes('deals.parquet'))).toEqual({ text: false, looksLike: 'a Parquet file' });
  });
});

describe('guessFormat', () => {
  it('goes by extension, with tab first for .tsv', () => {
    expect(guessFormat('x.CSV', ascii('a'))).toEqual({ format: 'csv' });
    expect(guessFormat('x.tsv', ascii('a'))).toEqual({ format: 'csv', preferredDelimiter: '\t' });
    expect(guessFormat('x.txt', ascii('a'))).toEqual({ format: 'csv' });
    expect(guessFormat('x.jsonl', ascii('{'))).toEqual({ format: 'json' });
    expect(guessFormat('x.xlsx', ascii('PK'))).toEqual({ format: 'xlsx' });
    expect(guessFormat('x.parquet', ascii('PAR1'))).toEqual({ format: 'parquet' });
  });
  it('reads the first bytes when the extension says nothing', () => {
    expect(guessFormat('export', bytes('deals.xlsx'))).toEqual({ format: 'xlsx' });
    expect(guessFormat('data.bin', bytes('deals.parquet'))).toEqual({ format: 'parquet' });
    expect(guessFormat('data', ascii('  [{"a":1}]'))).toEqual({ format: 'json' });
    expect(guessFormat('data', ascii('a;b\n'))).toEqual({ format: 'csv' });
  });
  it('names an old .xls workbook and unknown formats', () => {
    expect(() => guessFormat('old.xls', ascii('x'))).toThrow(/old Excel workbook \(\.xls\)/);
    expect(() => guessFormat('photo.png', Uint8Array.from([0x89, 0x50]))).toThrow(/not a format Longtail imports/);
  });
});
