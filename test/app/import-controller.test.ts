/**
 * One file through the import dialog's steps on the Node engine: a French CRM export (Windows-1252,
 * `;`, decimal commas, dd/mm/yyyy) inspected, previewed, imported under a name that clashes (kept
 * both), mapped onto the partner model and added to `deals`; a column retyped that no longer fits is
 * refused with the model left as it was; a file that is not data fails at inspection with a message.
 * Expected figures come from the fixture's text, read here with a parser of the test's own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { FileImportController, type ImportKey } from '../../src/app/import-controller';
import { installDemo } from '../../src/model/demo';
import { loadDemo } from '../../src/demo/load';
import { describeModel } from '../../src/model/describe';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const file = (name: string) => new File([readFileSync(FIXTURES + name)], name);

/** The fixture's rows: Windows-1252 (Latin-1 plus ’ at 0x92), `;`, CRLF, no quoting. */
function parse(name: string): Record<string, string>[] {
  const text = Array.from(readFileSync(FIXTURES + name), (b) => (b === 0x92 ? '’' : b === 0x80 ? '€' : String.fromCharCode(b))).join('');
  const [head, ...lines] = text.trim().split('\r\n').map((l) => l.split(';'));
  return lines.map((cells) => Object.fromEntries(head!.map((h, k) => [h, cells[k]!])));
}

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`CREATE SCHEMA IF NOT EXISTS model; CREATE SCHEMA IF NOT EXISTS cells; SET search_path = 'main,model,cells'`);
  await installDemo(engine, (e, schema) => loadDemo(e, { scale: 0.03, seed: 7 }, schema));
});

async function one(sql: string): Promise<Record<string, unknown>> {
  return (await engine.query(sql)).toArray()[0]!.toJSON() as Record<string, unknown>;
}

describe('the file import controller', () => {
  const source = parse('crm-deals-fr.csv');

  it('inspects, previews, imports under a free name, maps onto deals and adds the rows to the model', async () => {
    const model = await describeModel(engine);
    let runs = 0;
    const imp = new FileImportController(engine, file('crm-deals-fr.csv'), { model: () => model, exclusive: async (fn) => (runs++, fn()), after: () => () => undefined });
    const seen = new Set<ImportKey>();
    imp.subscribe((k) => seen.add(k));
    await imp.inspect();
    expect(imp.step).toBe('review');
    expect(imp.settings).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', decimal: ',' });
    expect(imp.tableName).toBe('crm_deals_fr');
    expect(imp.nameProblem()).toBeNull();
    imp.setTableName('deals');
    expect(imp.nameProblem()).toMatch(/^deals is the partner model's own table/);
    imp.setTableName('crm');
    await imp.previewNow();
    expect(imp.previewProblem).toBeNull();
    expect(imp.preview!.rows[0]).toEqual(expect.arrayContaining(['Caisse d’Épargne', 'Intégra Conseil']));

    await engine.query('CREATE TABLE crm AS SELECT 1 AS taken');
    expect(imp.nameChoice(['crm'])).toEqual({ name: 'crm', clash: true, alternative: 'crm_2' });
    expect(await imp.runImport(['crm'])).toBe('crm_2');
    expect([imp.step, imp.result!.record.rowCount, imp.progress]).toEqual(['mapping', source.length, null]);
    expect(await one('SELECT count(*) AS n FROM crm_2')).toEqual({ n: 240 });
    expect(await one('SELECT * FROM crm')).toEqual({ taken: 1 });
    expect(imp.mapping!.table).toBe('deals');
    expect(imp.nothingMatched).toBe(false);
    expect(await imp.addToModel()).toBe('deals');
    expect([imp.step, imp.boundTo]).toEqual(['done', 'deals']);
    // Inspection is not database work; the import, the proposal and the binding each ran between cells.
    expect(runs).toBe(3);
    const won = source.filter((r) => r.Statut === 'Gagné');
    expect(await one("SELECT count(*) AS n, count(*) FILTER (status = 'won') AS won FROM deals")).toEqual({ n: source.length, won: won.length });
    expect([...seen]).toEqual(expect.arrayContaining(['step', 'inspection', 'settings', 'tableName', 'preview', 'progress', 'result', 'proposal', 'mapping', 'boundTo']));
  });

  it('refuses a mapping whose column does not convert, and leaves the model as it was', async () => {
    const before = await one('SELECT count(*) AS n FROM deals');
    const imp = new FileImportController(engine, file('crm-deals-fr.csv'), { after: () => () => undefined });
    await imp.inspect();
    imp.setTableName('crm_again');
    expect(await imp.runImport([])).toBe('crm_again');
    // The product name cannot be an amount.
    await imp.setMappedColumn('amount', 'Produit');
    expect(imp.mapping!.columns.amount).toBe('Produit');
    expect(await imp.addToModel()).toBeNull();
    expect(imp.mappingProblem?.message).toMatch(/^Your rows cannot be added to deals: /);
    expect(imp.step).toBe('mapping');
    expect(await one('SELECT count(*) AS n FROM deals')).toEqual(before);
    imp.skipMapping();
    expect(imp.step).toBe('done');
  });

  it('says what is wrong with a file that is not data, at inspection', async () => {
    const imp = new FileImportController(engine, file('binary.csv'));
    await imp.inspect();
    expect(imp.step).toBe('failed');
    expect(imp.problem?.message).toMatch(/binary\.csv/);
    expect(imp.problem?.hint.length).toBeGreaterThan(10);
  });

  it('reads the file through the inspector it is given, and moves the preview along a wide file', async () => {
    // 75 columns c1..c75, 3 rows; the value at row r, column c is r*1000 + c.
    const width = 75;
    const head = Array.from({ length: width }, (_, c) => `c${c + 1}`).join(',');
    const rows = [1, 2, 3].map((r) => Array.from({ length: width }, (_, c) => r * 1000 + c + 1).join(','));
    const wide = new File([[head, ...rows].join('\n') + '\n'], 'wide.csv');
    const asked: string[] = [];
    const { localInspector } = await import('../../src/ingest/inspector');
    const inspector = { ...localInspector, inspect: (f: Parameters<typeof localInspector.inspect>[0]) => (asked.push('inspect'), localInspector.inspect(f)), redetect: (i: Parameters<typeof localInspector.redetect>[0], fx: Parameters<typeof localInspector.redetect>[1]) => (asked.push('redetect'), localInspector.redetect(i, fx)) };
    const imp = new FileImportController(engine, wide, { inspector, after: () => () => undefined });
    await imp.inspect();
    await imp.previewNow();
    expect(imp.preview).toMatchObject({ columnsFrom: 0, columnCount: width });
    expect(imp.preview!.columns.map((c) => c.name)).toEqual(Array.from({ length: 30 }, (_, c) => `c${c + 1}`));
    imp.showColumns(60);
    expect(imp.previewColumns).toBe(60);
    await imp.previewNow();
    // Columns 61 to 75: the last window is short.
    expect(imp.preview!.columns.map((c) => c.name)).toEqual(Array.from({ length: 15 }, (_, c) => `c${c + 61}`));
    expect(imp.preview!.rows).toEqual([1, 2, 3].map((r) => Array.from({ length: 15 }, (_, c) => String(r * 1000 + c + 61))));
    // Past the end is clamped to the last column; a header change re-detects and starts again at the first.
    imp.showColumns(500);
    expect(imp.previewColumns).toBe(width - 1);
    await imp.fix({ header: false });
    expect(imp.previewColumns).toBe(0);
    expect(asked).toEqual(['inspect', 'redetect']);
  });
});
