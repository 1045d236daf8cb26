/** Excel, Parquet, JSON and NDJSON: parsed in JS, stored with exact values and types. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Engine } from '../../src/engine/types';
import { applyColumnEdits, importFile, inspectFile, previewImport, redetect, type XlsxInspection } from '../../src/ingest';
import { jsonErrorOffset } from '../../src/ingest/json-error';
import { at, createTestEngine, day, fixture, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await createTestEngine();
});

async function typesOf(table: string): Promise<string[]> {
  return (await rows(engine, `SELECT data_type FROM duckdb_columns() WHERE table_name = '${table}' ORDER BY column_index`)).map((r) => r.data_type as string);
}

describe('Excel .xlsx', () => {
  it('lists the sheets and imports the first, with Excel dates as dates', async () => {
    const insp = (await inspectFile(fixture('deals.xlsx'))) as XlsxInspection;
    expect(insp.sheets).toEqual(['Deals', 'Partners']);
    expect(insp.settings).toMatchObject({ format: 'xlsx', sheet: 'Deals', header: true });
    await importFile(engine, insp, insp.settings, { table: 'xl_deals', replace: true });
    expect(await typesOf('xl_deals')).toEqual(['VARCHAR', 'VARCHAR', 'DOUBLE', 'DATE', 'BIGINT']);
    expect(await rows(engine, 'SELECT * FROM xl_deals')).toEqual([
      { Référence: 'D-1', Client: 'Société Générale', Montant: 1234.56, 'Date de clôture': day(2024, 4, 3), Quantité: 3 },
      { Référence: 'D-2', Client: 'Crédit Agricole', Montant: 980.5, 'Date de clôture': day(2024, 4, 15), Quantité: 1 },
      { Référence: 'D-3', Client: 'Bœuf & Cie', Montant: 75.25, 'Date de clôture': day(2023, 12, 1), Quantité: null },
    ]);
  });

  it('imports the sheet the user chooses', async () => {
    const insp = redetect(await inspectFile(fixture('deals.xlsx')), { sheet: 'Partners' });
    expect(insp.settings.columns.map((c) => c.name)).toEqual(['Partenaire', 'Pays']);
    await importFile(engine, insp, insp.settings, { table: 'xl_partners', replace: true });
    expect(await rows(engine, 'SELECT * FROM xl_partners')).toEqual([
      { Partenaire: 'Intégra Conseil', Pays: 'France' },
      { Partenaire: 'Numérique Sud', Pays: 'Belgique' },
    ]);
  });

  it('reads the first row as data when the header box is unticked', async () => {
    const insp = redetect(await inspectFile(fixture('deals.xlsx')), { sheet: 'Partners', header: false });
    const p = await previewImport(engine, insp, insp.settings);
    expect(p.rows).toEqual([
      ['Partenaire', 'Pays'],
      ['Intégra Conseil', 'France'],
      ['Numérique Sud', 'Belgique'],
    ]);
  });
});

describe('Parquet', () => {
  it('takes the types from the schema and the values as written', async () => {
    const insp = await inspectFile(fixture('deals.parquet'));
    await importFile(engine, insp, insp.settings, { table: 'pq', replace: true });
    expect(await typesOf('pq')).toEqual(['VARCHAR', 'VARCHAR', 'DOUBLE', 'BIGINT', 'BOOLEAN', 'TIMESTAMP', 'DATE']);
    expect(await rows(engine, 'SELECT * FROM pq')).toEqual([
      { deal_id: 'D-1', partenaire: 'Intégra Conseil', montant: 1234.56, quantite: 3, won: true, signed_at: at(2024, 4, 3, 14, 5), closed_on: day(2024, 4, 3) },
      { deal_id: 'D-2', partenaire: null, montant: 980.5, quantite: 1, won: false, signed_at: at(2024, 4, 15, 0, 0), closed_on: day(2024, 4, 15) },
      { deal_id: 'D-3', partenaire: 'Réseau Ouest', montant: 12500, quantite: null, won: true, signed_at: null, closed_on: day(2024, 2, 28) },
    ]);
  });

  it('applies a renamed column and a type changed to text', async () => {
    const insp = await inspectFile(fixture('deals.parquet'));
    const columns = applyColumnEdits(insp.settings.columns, { 2: { name: 'amount', type: 'VARCHAR' } });
    const p = await previewImport(engine, insp, { ...insp.settings, columns });
    expect(p.columns[2]).toEqual({ name: 'amount', type: 'VARCHAR' });
    expect(p.rows.map((r) => r[2])).toEqual(['1234.56', '980.5', '12500']);
  });

  // Regression: UCI Online Retail as shipped in ../shared/data (Zstandard) could not be previewed nor
  // imported ("unsupported compression codec: ZSTD"). The same rows, rewritten by native DuckDB with
  // each codec, import exactly as the Snappy fixture does.
  it.each(['zstd', 'gzip'])('reads a file compressed with %s, as DuckDB, Polars and PyArrow write them', async (codec) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'longtail-pq-'));
    const out = path.join(dir, `deals-${codec}.parquet`);
    const native = await DuckDBInstance.create(':memory:');
    const c = await native.connect();
    await c.run(`COPY (SELECT * FROM '${path.resolve('test/fixtures/deals.parquet')}') TO '${out}' (FORMAT parquet, COMPRESSION ${codec})`);
    c.closeSync();
    const codecs = await (await (await DuckDBInstance.create(':memory:')).connect()).runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata('${out}')`);
    expect(codecs.getRows().flat()).toEqual([codec.toUpperCase()]);
    const insp = await inspectFile(new File([readFileSync(out)], `deals-${codec}.parquet`));
    await importFile(engine, insp, insp.settings, { table: `pq_${codec}`, replace: true });
    await importFile(engine, await inspectFile(fixture('deals.parquet')), (await inspectFile(fixture('deals.parquet'))).settings, { table: 'pq_snappy', replace: true });
    expect(await rows(engine, `SELECT * FROM pq_${codec}`)).toEqual(await rows(engine, 'SELECT * FROM pq_snappy'));
    expect(await rows(engine, `SELECT count(*)::INT AS n FROM pq_${codec}`)).toEqual([{ n: 3 }]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('says what is wrong with a truncated file', async () => {
    const whole = fixture('deals.parquet');
    const cut = new File([await whole.slice(0, 100).arrayBuffer()], 'cut.parquet');
    await expect(inspectFile(cut)).rejects.toMatchObject({ code: 'invalid-parquet' });
  });
});

describe('JSON and NDJSON', () => {
  it('a JSON array: keys as columns in order of appearance, ISO dates as dates, lists as JSON text', async () => {
    const insp = await inspectFile(fixture('deals.json'));
    expect(insp.settings).toMatchObject({ format: 'json', layout: 'array' });
    await importFile(engine, insp, insp.settings, { table: 'js', replace: true });
    expect(await typesOf('js')).toEqual(['VARCHAR', 'VARCHAR', 'DOUBLE', 'DATE', 'BOOLEAN', 'VARCHAR', 'VARCHAR']);
    expect(await rows(engine, 'SELECT * FROM js')).toEqual([
      { deal_id: 'D-1', partenaire: 'Intégra Conseil', montant: 1234.56, closed_at: day(2024, 3, 4), won: true, lines: '[1,2]', extra: null },
      { deal_id: 'D-2', partenaire: 'Réseau Ouest', montant: 980, closed_at: day(2024, 4, 15), won: false, lines: '[]', extra: null },
      { deal_id: 'D-3', partenaire: null, montant: 12500, closed_at: day(2024, 2, 28), won: true, lines: null, extra: 'only here' },
    ]);
  });

  it('NDJSON: an unreadable line is reported by number, and skipped on request', async () => {
    const insp = await inspectFile(fixture('activities.ndjson'));
    expect(insp.settings).toMatchObject({ format: 'json', layout: 'ndjson' });
    await expect(importFile(engine, insp, insp.settings, { table: 'acts', replace: true })).rejects.toMatchObject({
      code: 'bad-rows',
      line: 3,
      message: '1 row of activities.ndjson cannot be read; the first is line 3: it is not a valid JSON object.',
    });
    await importFile(engine, insp, { ...insp.settings, skipBadRows: true }, { table: 'acts', replace: true });
    expect(await rows(engine, 'SELECT * FROM acts')).toEqual([
      { partner_id: 'P001', occurred_at: at(2024, 3, 1, 9, 30), kind: 'webinar', campaign: 'Printemps' },
      { partner_id: 'P002', occurred_at: at(2024, 3, 2, 14, 0), kind: 'email_open', campaign: 'Printemps' },
      { partner_id: 'P001', occurred_at: at(2024, 3, 5, 8, 15), kind: 'site_visit', campaign: null },
    ]);
  });

  it('a value that does not fit its column is reported by data row', async () => {
    const file = new File(['[{"n": 1}, {"n": "deux"}, {"n": 3}]'], 'mixed.json');
    const insp = await inspectFile(file);
    expect(insp.settings.columns[0]!.type).toBe('VARCHAR');
    const asNumber = { ...insp.settings, columns: applyColumnEdits(insp.settings.columns, { 0: { type: 'BIGINT' } }) };
    await expect(importFile(engine, insp, asNumber, { table: 'mixed', replace: true })).rejects.toMatchObject({
      rejected: { count: 1, examples: [{ row: 2, line: null, reason: 'in column "n", "deux" is not a whole number' }] },
    });
  });

  it('invalid JSON names the line', async () => {
    await expect(inspectFile(new File(['[\n{"a": 1},\n{"a": }\n]'], 'broken.json'))).rejects.toMatchObject({ code: 'invalid-json', line: 3 });
  });
});

describe('jsonErrorOffset', () => {
  it('points at the first character that breaks the grammar', () => {
    expect(jsonErrorOffset('[{"a": 1}]')).toBe(null);
    expect(jsonErrorOffset('[{"a": }]')).toBe(7);
    expect(jsonErrorOffset('[1, 2,]')).toBe(6);
    expect(jsonErrorOffset('{"a": "x\ny"}')).toBe(8);
    expect(jsonErrorOffset('[1] 2')).toBe(4);
    expect(jsonErrorOffset('[01]')).toBe(2);
  });
});
