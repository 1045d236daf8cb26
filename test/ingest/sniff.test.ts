import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../src/ingest/csv-parse';
import { sniffCsv } from '../../src/ingest/sniff';
import { guessDateFormat } from '../../src/ingest/sniff-dates';
import { guessSeparators } from '../../src/ingest/sniff-numbers';
import { inferType, numberPatterns } from '../../src/ingest/value-patterns';

const sniff = (text: string, fixed = {}) => sniffCsv({ text, complete: true, encoding: 'utf-8', fixed });

describe('parseRecords', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and gives start lines', () => {
    const recs = parseRecords('id,note\r\n1,"a, ""b""\nc"\r\n2,d\r\n', { delimiter: ',', quote: '"', escape: '"' }, true);
    expect(recs).toEqual([
      { fields: ['id', 'note'], line: 1 },
      { fields: ['1', 'a, "b"\nc'], line: 2 },
      { fields: ['2', 'd'], line: 4 },
    ]);
  });
  it('reads backslash escapes when asked to', () => {
    expect(parseRecords('"a \\"q\\" b",1\n', { delimiter: ',', quote: '"', escape: '\\' }, true)[0]!.fields).toEqual(['a "q" b', '1']);
  });
  it('drops a record cut by the end of a partial sample, and skips blank lines', () => {
    const recs = parseRecords('a,b\n\n1,2\n3,"x\n', { delimiter: ',', quote: '"', escape: '"' }, false);
    expect(recs.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('decimal and thousands separators', () => {
  it.each([
    [['1234,56', '12,5'], ',', ''],
    [['1.234,56', '7'], ',', '.'],
    [['1,234.56', '980.00'], '.', ','],
    [['1.234.567'], ',', '.'],
    [['1\u00a0234,56', '12\u202f345'], ',', ' '],
    [["1'234.50"], '.', "'"],
    [['0,125'], ',', ''],
    [['12', 'abc', '2024-03-01'], '.', ''],
  ])('%j → decimal %s, thousands %j', (values, decimal, thousands) => {
    expect(guessSeparators(values)).toMatchObject({ decimal, thousands });
  });
  it('reads a lone 1,234 as a thousands group of a dot-decimal file, and says it was ambiguous', () => {
    expect(guessSeparators(['1,234', '5,678'])).toEqual({ decimal: '.', thousands: ',', ambiguous: true });
  });
});

describe('date format: the day/month rule', () => {
  it('a first field of 13 or more means day first', () => {
    expect(guessDateFormat(['03/04/2024', '15/04/2024'], false)).toMatchObject({ dateFormat: '%d/%m/%Y', ambiguous: false });
  });
  it('a second field of 13 or more means month first', () => {
    expect(guessDateFormat(['3/4/2024', '12/31/2023'], true)).toMatchObject({ dateFormat: '%m/%d/%Y', ambiguous: false });
  });
  it('with every field 12 or less, European habits (; or decimal comma) choose day first, others month first', () => {
    expect(guessDateFormat(['03/04/2024'], true)).toMatchObject({ dateFormat: '%d/%m/%Y', ambiguous: true });
    expect(guessDateFormat(['03/04/2024'], false)).toMatchObject({ dateFormat: '%m/%d/%Y', ambiguous: true });
  });
  it('finds ISO, dotted and dashed dates, and the time format', () => {
    expect(guessDateFormat(['2024-03-28 10:15', '2024-01-05'], false)).toMatchObject({ dateFormat: '%Y-%m-%d' });
    expect(guessDateFormat(['31.03.2024'], false)).toMatchObject({ dateFormat: '%d.%m.%Y' });
    expect(guessDateFormat(['31-03-2024 14:05:09'], false)).toMatchObject({ dateFormat: '%d-%m-%Y', timeFormat: '%H:%M:%S' });
    expect(guessDateFormat(['3/31/2024 2:05 PM'], false)).toMatchObject({ dateFormat: '%m/%d/%Y', timeFormat: '%I:%M %p' });
  });
  it('flags values that contradict each other', () => {
    expect(guessDateFormat(['13/01/2024', '01/13/2024'], false)).toMatchObject({ conflicting: true });
  });
});

describe('inferType', () => {
  const ctx = { numbers: numberPatterns(',', '.'), dateFormat: '%d/%m/%Y' as const, timeFormat: '%H:%M' as const };
  it.each([
    [['1', '-20', ''], 'BIGINT'],
    [['1.234', '5'], 'BIGINT'],
    [['1.234,5', '2'], 'DOUBLE'],
    [['007', '12'], 'VARCHAR'],
    [['TRUE', 'false'], 'BOOLEAN'],
    [['31/03/2024', '1/2/2024'], 'DATE'],
    [['31/02/2024 14:05'], 'TIMESTAMP'],
    [['31/03/2024', '31/03/2024 14:05'], 'VARCHAR'],
    [['13/13/2024'], 'VARCHAR'],
    [['1234567890123456789'], 'VARCHAR'],
    [['', ''], 'VARCHAR'],
  ])('%j → %s', (values, type) => {
    expect(inferType(values, ctx)).toBe(type);
  });
  it('lets ISO dates and timestamps share a TIMESTAMP column (DuckDB reads a bare date as midnight)', () => {
    expect(inferType(['2024-03-28 10:15', '2024-01-05'], { ...ctx, dateFormat: '%Y-%m-%d' })).toBe('TIMESTAMP');
  });
});

describe('sniffCsv', () => {
  it('detects the French export: ; delimiter, decimal comma, dd/mm/yyyy, header, types', () => {
    const text = 'Client;Montant (€);Date de clôture\r\nSociété Générale;1234,56;03/04/2024\r\nBœuf & Cie;75,25;15/04/2024\r\n';
    const r = sniff(text);
    expect(r.settings).toMatchObject({ delimiter: ';', quote: '"', escape: '"', header: true, decimal: ',', thousands: '', dateFormat: '%d/%m/%Y', skipLines: 0 });
    expect(r.settings.columns).toEqual([
      { source: 'Client', name: 'Client', type: 'VARCHAR' },
      { source: 'Montant (€)', name: 'Montant (€)', type: 'DOUBLE' },
      { source: 'Date de clôture', name: 'Date de clôture', type: 'DATE' },
    ]);
    expect(r.dataRows).toBe(2);
  });
  it('prefers ; to a , that only splits decimal commas', () => {
    expect(sniff('a;b\n1,5;2,5\n3,5;4,5\n').settings.delimiter).toBe(';');
  });
  it('finds tab and pipe delimiters', () => {
    expect(sniff('a\tb\n1\t2\n').settings.delimiter).toBe('\t');
    expect(sniff('a|b\n1|2\n').settings.delimiter).toBe('|');
  });
  it('says there is no header when the first row fits the column types', () => {
    const r = sniff('1;2024-01-01\n2;2024-01-02\n');
    expect(r.settings.header).toBe(false);
    expect(r.settings.columns.map((c) => c.name)).toEqual(['column_1', 'column_2']);
  });
  it('skips Excel\'s sep= line and takes its delimiter', () => {
    const r = sniff('sep=;\nNom;Quantité\nA;3\n');
    expect(r.settings).toMatchObject({ skipLines: 1, delimiter: ';', header: true });
    expect(r.notes.map((n) => n.setting)).toContain('skipLines');
  });
  it('names blank and repeated headers', () => {
    expect(sniff('Montant;;montant\n1;2;3\n').settings.columns.map((c) => c.name)).toEqual(['Montant', 'column_2', 'montant_2']);
  });
  it('re-types the columns around a setting the user fixed', () => {
    // Read as month-first, 15/04/2024 is no date: the column becomes text.
    const r = sniff('d\n03/04/2024\n15/04/2024\n', { dateFormat: '%m/%d/%Y' });
    expect(r.settings.dateFormat).toBe('%m/%d/%Y');
    expect(r.settings.columns[0]!.type).toBe('VARCHAR');
  });
  it('counts ragged rows and notes the undecided date order', () => {
    const r = sniff('a;b\n1;03/04/2024\n2\n3;05/06/2024;x\n');
    expect(r.raggedRows).toBe(2);
    expect(r.dateOrderUndecided).toBe(true);
    expect(r.notes.map((n) => n.setting)).toEqual(['dateFormat', 'delimiter']);
  });
  it('detects single quotes as the quote character', () => {
    expect(sniff("a,b\n'x, y',1\n'z',2\n").settings).toMatchObject({ quote: "'", escape: "'" });
  });
});
