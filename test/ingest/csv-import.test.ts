/**
 * Delimited files from drop to table: detected settings, the preview, and the exact stored values.
 * Expected values are written from the fixtures' text (see make-fixtures.mjs), not from a previous run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { applyColumnEdits, importFile, inspectFile, previewImport, redetect, type CsvSettings, type Inspection } from '../../src/ingest';
import { at, createTestEngine, day, fixture, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await createTestEngine();
});

async function load(name: string, table: string, settings?: (s: CsvSettings) => CsvSettings): Promise<Inspection> {
  const insp = await inspectFile(fixture(name));
  const s = settings ? settings(insp.settings as CsvSettings) : insp.settings;
  await importFile(engine, insp, s, { table, replace: true });
  return insp;
}

describe('the French export imports with no override, in every encoding', () => {
  // Four rows, by hand from the fixture: 1234,56 → 1234.56; 03/04/2024 is the 3rd of April.
  const expected = [
    { Client: 'Société Générale', Partenaire: 'Intégra Conseil', 'Montant (€)': 1234.56, 'Date de clôture': day(2024, 4, 3), Statut: 'Gagné', Produit: 'Licence Entreprise' },
    { Client: 'Crédit Agricole', Partenaire: 'Réseau Ouest', 'Montant (€)': 980.5, 'Date de clôture': day(2024, 4, 15), Statut: 'Perdu', Produit: 'Support' },
    { Client: 'Électricité de France', Partenaire: 'Intégra Conseil', 'Montant (€)': 12500, 'Date de clôture': day(2024, 2, 28), Statut: 'En cours', Produit: 'Formation' },
    { Client: 'Bœuf & Cie', Partenaire: 'Numérique Sud', 'Montant (€)': 75.25, 'Date de clôture': day(2023, 12, 1), Statut: 'Gagné', Produit: 'Licence PME' },
  ];
  it.each([
    ['french-export-1252.csv', 'windows-1252'],
    ['french-export-utf8-bom.csv', 'utf-8'],
    ['french-export-utf16le.csv', 'utf-16le'],
    ['french-export-utf16be.csv', 'utf-16be'],
  ])('%s (%s)', async (name, encoding) => {
    const insp = await load(name, 'french');
    expect(insp.settings).toMatchObject({ format: 'csv', encoding, delimiter: ';', quote: '"', header: true, decimal: ',', thousands: '', dateFormat: '%d/%m/%Y' });
    expect(insp.settings.columns.map((c) => c.type)).toEqual(['VARCHAR', 'VARCHAR', 'DOUBLE', 'DATE', 'VARCHAR', 'VARCHAR']);
    expect(await rows(engine, 'SELECT * FROM french')).toEqual(expected);
    const types = await rows(engine, "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'french' ORDER BY column_index");
    expect(types.map((t) => t.data_type)).toEqual(['VARCHAR', 'VARCHAR', 'DOUBLE', 'DATE', 'VARCHAR', 'VARCHAR']);
  });

  it('previews the first rows as DuckDB stores them', async () => {
    const insp = await inspectFile(fixture('french-export-1252.csv'));
    const p = await previewImport(engine, insp, insp.settings);
    expect(p.whole).toBe(true);
    expect(p.rejected).toEqual({ count: 0, examples: [] });
    expect(p.columns[2]).toEqual({ name: 'Montant (€)', type: 'DOUBLE' });
    expect(p.rows[0]).toEqual(['Société Générale', 'Intégra Conseil', '1234.56', '2024-04-03', 'Gagné', 'Licence Entreprise']);
    expect(p.rows[3]).toEqual(['Bœuf & Cie', 'Numérique Sud', '75.25', '2023-12-01', 'Gagné', 'Licence PME']);
  });

  it('changes the preview when a setting is overridden', async () => {
    const insp = await inspectFile(fixture('french-export-1252.csv'));
    // Decimal point instead of comma: 1234,56 no longer reads as a number, so the column becomes text.
    const asDot = redetect(insp, { decimal: '.' });
    expect(asDot.settings.columns[2]!.type).toBe('VARCHAR');
    expect((await previewImport(engine, asDot, asDot.settings)).rows[0]![2]).toBe('1234,56');
    // Month first: 15/04/2024 and 28/02/2024 are no longer dates; the column is text again.
    const monthFirst = redetect(insp, { dateFormat: '%m/%d/%Y' });
    expect(monthFirst.settings.columns[3]!.type).toBe('VARCHAR');
    // The user renames a column and makes the amount text; the preview follows.
    const edited = { ...insp.settings, columns: applyColumnEdits(insp.settings.columns, { 2: { name: 'montant', type: 'VARCHAR' } }) };
    const p = await previewImport(engine, insp, edited);
    expect(p.columns[2]).toEqual({ name: 'montant', type: 'VARCHAR' });
    expect(p.rows[1]![2]).toBe('980,5');
  });

  it('re-detects from the raw bytes when the encoding is overridden', async () => {
    const insp = await inspectFile(fixture('french-export-1252.csv'));
    const latin1 = redetect(insp, { encoding: 'iso-8859-1' });
    // In Latin-1, byte 0x80 (the €) is a control character and 0x9C (the œ) too; the rest is the same.
    expect(latin1.settings.columns[2]!.name).toBe('Montant (\u0080)');
    const p = await previewImport(engine, latin1, latin1.settings);
    expect(p.rows[3]![0]).toBe('B\u009cuf & Cie');
  });
});

describe('CRM exports', () => {
  it('Salesforce opportunities: quoted commas, thousands commas, m/d/yyyy', async () => {
    const insp = await load('salesforce-opportunities.csv', 'sf');
    expect(insp.settings).toMatchObject({ delimiter: ',', decimal: '.', thousands: ',', dateFormat: '%m/%d/%Y', header: true });
    expect(await rows(engine, 'SELECT "Opportunity Name" AS n, "Partner Account" AS p, Amount AS a, "Close Date" AS d, "Created Date" AS c FROM sf')).toEqual([
      { n: 'Acme, renewal', p: 'Northwind Partners', a: 12500, d: day(2024, 3, 4), c: day(2024, 1, 15) },
      { n: 'Globex expansion', p: null, a: 1250.5, d: day(2023, 12, 31), c: day(2023, 11, 2) },
      { n: 'Initech pilot', p: 'Contoso Channel', a: 980, d: day(2024, 6, 30), c: day(2024, 5, 20) },
    ]);
  });

  it('HubSpot deals: integer ids, ISO timestamps, empty cells as NULL', async () => {
    const insp = await load('hubspot-deals.csv', 'hs');
    expect(insp.settings.columns.map((c) => [c.name, c.type])).toEqual([
      ['Record ID', 'BIGINT'],
      ['Deal Name', 'VARCHAR'],
      ['Deal Stage', 'VARCHAR'],
      ['Amount', 'DOUBLE'],
      ['Close Date', 'TIMESTAMP'],
      ['Associated Company', 'VARCHAR'],
      ['Pipeline', 'VARCHAR'],
      ['Create Date', 'TIMESTAMP'],
    ]);
    expect(await rows(engine, 'SELECT "Record ID" AS id, Amount AS a, "Close Date" AS c FROM hs')).toEqual([
      { id: 9001, a: 4500, c: at(2024, 3, 28, 10, 15) },
      { id: 9002, a: 1200.5, c: at(2024, 2, 10, 16, 40) },
      { id: 9003, a: null, c: null },
    ]);
  });
});

describe('more dialects', () => {
  it('partners.tsv: tab, ISO dates, a leading-zero postcode kept as text', async () => {
    await load('partners.tsv', 'partners_raw');
    expect(await rows(engine, 'SELECT "Partner ID" AS id, Region AS r, Tier AS t, "Partner since" AS s, Employees AS e, "Code postal" AS cp FROM partners_raw')).toEqual([
      { id: 'P001', r: 'Île-de-France', t: 'Gold', s: day(2019, 5, 1), e: 120, cp: '75008' },
      { id: 'P002', r: 'Bretagne', t: null, s: day(2021, 11, 15), e: 8, cp: '01000' },
    ]);
  });

  it('numbers grouped with no-break spaces (the French Excel habit)', async () => {
    const insp = await load('spaces-thousands.csv', 'spaced');
    expect(insp.settings).toMatchObject({ decimal: ',', thousands: ' ' });
    // 1 234,56 → 1234.56; 12 345 (narrow no-break space) → 12345; 7,5 → 7.5.
    expect(await rows(engine, 'SELECT * FROM spaced')).toEqual([
      { Compte: 'A', Montant: 1234.56 },
      { Compte: 'B', Montant: 12345 },
      { Compte: 'C', Montant: 7.5 },
    ]);
  });

  it('a value that breaks a space-grouped number column is reported by data row, and can be skipped', async () => {
    const text = 'Compte;Montant\nA;1\u00a0234,56\nB;n/a\nC;7,5\n';
    const file = new File([text], 'spaced-bad.csv');
    const insp = await inspectFile(file);
    const settings = { ...insp.settings, thousands: ' ' as const, columns: applyColumnEdits(insp.settings.columns, { 1: { type: 'DOUBLE' } }) } as CsvSettings;
    await expect(importFile(engine, insp, settings, { table: 'spaced_bad', replace: true })).rejects.toMatchObject({
      code: 'bad-rows',
      rejected: { count: 1, examples: [{ row: 2, line: null, text: 'n/a', reason: 'in column "Montant", "n/a" is not a number' }] },
    });
    const r = await importFile(engine, insp, { ...settings, skipBadRows: true }, { table: 'spaced_bad', replace: true });
    expect(r.record.rowCount).toBe(2);
    expect(await rows(engine, 'SELECT * FROM spaced_bad')).toEqual([
      { Compte: 'A', Montant: 1234.56 },
      { Compte: 'C', Montant: 7.5 },
    ]);
  });

  it('space-grouped numbers in two columns, with a ragged line and values that do not convert', async () => {
    // Plain, no-break and narrow no-break spaces; line 4 has a field too many, so data row 3 is line 5.
    const text = 'Compte;Montant;Quantité\nA;1 234,56;1\u00a0000\nB;n/a;2\nC;7,5;3;extra\nD;12\u202f345,5;x\nE;-2\u00a0000;4 000\n';
    const file = new File([text], 'spaced-two.csv');
    const insp = await inspectFile(file);
    const columns = applyColumnEdits(insp.settings.columns, { 1: { type: 'DOUBLE' }, 2: { type: 'BIGINT' } });
    const settings = { ...insp.settings, delimiter: ';', decimal: ',', thousands: ' ', header: true, columns } as CsvSettings;
    const rejected = {
      count: 3,
      examples: [
        { line: 4, row: null, text: 'C;7,5;3;extra', kind: 'columns', reason: 'it has 4 fields where 3 were expected' },
        { line: null, row: 2, text: 'n/a', kind: 'value', reason: 'in column "Montant", "n/a" is not a number' },
        { line: null, row: 3, text: 'x', kind: 'value', reason: 'in column "Quantité", "x" is not a whole number' },
      ],
    };
    await expect(importFile(engine, insp, settings, { table: 'spaced_two', replace: true })).rejects.toMatchObject({ code: 'bad-rows', rejected });
    const r = await importFile(engine, insp, { ...settings, skipBadRows: true }, { table: 'spaced_two', replace: true });
    expect(r.rejected).toEqual(rejected);
    expect(r.record.rowCount).toBe(2);
    expect(await rows(engine, 'SELECT * FROM spaced_two')).toEqual([
      { Compte: 'A', Montant: 1234.56, Quantité: 1000 },
      { Compte: 'E', Montant: -2000, Quantité: 4000 },
    ]);
    // Only the file's columns, with their types: nothing of the conversion is left behind.
    expect(await rows(engine, "SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE table_name = 'spaced_two' ORDER BY column_index")).toEqual([
      { c: 'Compte', t: 'VARCHAR' },
      { c: 'Montant', t: 'DOUBLE' },
      { c: 'Quantité', t: 'BIGINT' },
    ]);
  });

  it('Excel sep= line, multi-line quoted values, pipes and booleans', async () => {
    await load('sep-line.csv', 'sep_line');
    expect(await rows(engine, 'SELECT * FROM sep_line')).toEqual([{ Nom: 'A', Quantité: 3 }, { Nom: 'B', Quantité: 4 }]);
    await load('multiline-quoted.csv', 'multi');
    expect(await rows(engine, 'SELECT * FROM multi')).toEqual([
      { id: 1, note: 'first line\nsecond "quoted" line', amount: 10 },
      { id: 2, note: 'plain', amount: 20 },
    ]);
    await load('pipe.txt', 'piped');
    expect(await rows(engine, 'SELECT * FROM piped')).toEqual([
      { code: 'A1', label: 'Alpha', active: true },
      { code: 'B2', label: 'Bêta', active: false },
    ]);
  });

  it('ambiguous dates: day first for a ; file, noted; month first when the user says so', async () => {
    const insp = await inspectFile(fixture('ambiguous-dates.csv'));
    expect(insp.settings).toMatchObject({ delimiter: ';', dateFormat: '%d/%m/%Y' });
    expect(insp.notes.find((n) => n.setting === 'dateFormat')?.message).toMatch(/day above 12/);
    const us = redetect(insp, { dateFormat: '%m/%d/%Y' });
    await importFile(engine, us, us.settings, { table: 'amb', replace: true });
    expect(await rows(engine, 'SELECT * FROM amb')).toEqual([
      { Deal: 'D1', Date: day(2024, 3, 4) },
      { Deal: 'D2', Date: day(2024, 5, 6) },
      { Deal: 'D3', Date: day(2024, 11, 12) },
    ]);
  });

  it('reads past the first MB when no date there tells day from month', async () => {
    // 40,000 lines of 01/02/2024 (about 1.2 MB), then one 25/12/2024: only the last line decides.
    const filler = 'Deal,Date\n' + 'D,01/02/2024\n'.repeat(40_000) + 'E,25/12/2024\n';
    const insp = await inspectFile(new File([filler], 'late.csv'));
    expect(insp.settings).toMatchObject({ dateFormat: '%d/%m/%Y' });
    expect(insp.notes.some((n) => n.setting === 'dateFormat')).toBe(false);
  });

  it('a file with no header gets positional column names', async () => {
    const insp = await inspectFile(new File(['1;2024-01-31;9,5\n2;2024-02-29;10\n'], 'nohead.csv'));
    await importFile(engine, insp, insp.settings, { table: 'nohead', replace: true });
    expect(await rows(engine, 'SELECT * FROM nohead')).toEqual([
      { column_1: 1, column_2: day(2024, 1, 31), column_3: 9.5 },
      { column_1: 2, column_2: day(2024, 2, 29), column_3: 10 },
    ]);
  });
});
