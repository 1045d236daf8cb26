/**
 * The partner model bound to the user's data: a French deals-only export lands on `deals`, `partners`
 * is derived from it (with the export's Secteur and Région), monthly exports append without duplicates,
 * the demo lives apart and is never mixed in, and an import can be taken out again.
 *
 * Expected figures are computed here from the fixtures' text with a parser of the test's own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { loadDemo } from '../../src/demo/load';
import { DEMO_TABLE_NAMES } from '../../src/demo/generate';
import { bindImport, boundImports, dataChoice, ensureModel, setDataChoice, unbindImport } from '../../src/model/binding';
import { installDemo } from '../../src/model/demo';
import { describeModel } from '../../src/model/describe';
import { importIntoModel, importTableName } from '../../src/model/import-file';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const file = (name: string) => new File([readFileSync(FIXTURES + name)], name);

/** Windows-1252 decoded by the test itself: Latin-1, plus the few 0x80–0x9F characters the fixtures use. */
const CP1252: Record<number, string> = { 0x80: '€', 0x8c: 'Œ', 0x92: '’', 0x9c: 'œ' };
const cp1252 = (bytes: Uint8Array) => Array.from(bytes, (b) => CP1252[b] ?? String.fromCharCode(b)).join('');

/** The fixture's rows as the test reads them: `;`-separated, no quoting in these files. */
function parse(name: string): Record<string, string>[] {
  const text = cp1252(readFileSync(FIXTURES + name));
  const [head, ...lines] = text.trim().split('\r\n').map((l) => l.split(';'));
  return lines.map((cells) => Object.fromEntries(head!.map((h, k) => [h, cells[k]!])));
}
const euros = (s: string) => Number(s.replace(/\s/g, '').replace(',', '.'));

async function rows(engine: Engine, sql: string): Promise<Record<string, unknown>[]> {
  return (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

async function freshWorkspace(): Promise<Engine> {
  const engine = await createNodeEngine();
  await engine.query(`CREATE SCHEMA IF NOT EXISTS model; CREATE SCHEMA IF NOT EXISTS cells; SET search_path = 'main,model,cells'`);
  await installDemo(engine, (e, schema) => loadDemo(e, { scale: 0.03, seed: 7 }, schema));
  return engine;
}

describe('a French deals-only export, end to end', () => {
  let engine: Engine;
  const source = parse('crm-deals-fr.csv');
  beforeAll(async () => {
    engine = await freshWorkspace();
  });

  it('starts on the demo, kept in its own schema and read through the model', async () => {
    expect(await dataChoice(engine)).toBe('demo');
    expect(await rows(engine, 'SELECT count(*) AS n FROM partners')).toEqual([{ n: 60 }]);
    expect(await rows(engine, "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'main'")).toEqual([{ n: 0 }]);
  });

  it('lands on deals with no edit, switches to the user data, and derives partners from it', async () => {
    const done = await importIntoModel(engine, file('crm-deals-fr.csv'));
    expect(done.boundTo).toBe('deals');
    expect(done.result.table).toBe('crm_deals_fr');
    expect(await dataChoice(engine)).toBe('mine');

    const [deals] = await rows(engine, "SELECT count(*) AS n, count(*) FILTER (status = 'won') AS won, sum(amount) FILTER (status = 'won') AS revenue FROM deals");
    const won = source.filter((r) => r.Statut === 'Gagné');
    expect(deals).toEqual({ n: 240, won: won.length, revenue: Number(won.reduce((s, r) => s + euros(r['Montant (€)']!), 0).toFixed(2)) });

    // One partner per reseller named in the file, each with its own Secteur and Région.
    const resellers = new Map(source.map((r) => [r.Revendeur!, { sector: r.Secteur!, region: r['Région']! }]));
    const partners = await rows(engine, 'SELECT partner_id, name, sector, region, tier, onboarded_at FROM partners ORDER BY partner_id');
    expect(partners.length).toBe(resellers.size);
    expect(partners.length).toBe(24);
    for (const p of partners) {
      expect(resellers.get(p.partner_id as string)).toEqual({ sector: p.sector, region: p.region });
      expect(p.name).toBe(p.partner_id);
      // Not in the export, so not in the model: never filled from the demo.
      expect(p.tier).toBeNull();
      expect(p.onboarded_at).toBeNull();
    }
  });

  it('never mixes in the demo: tables the export does not have are missing, and say so', async () => {
    const state = await describeModel(engine);
    const by = Object.fromEntries(state.tables.map((t) => [t.table, t]));
    expect(by.deals).toMatchObject({ source: 'imports', rows: 240 });
    expect(by.deals!.imports[0]!.record).toMatchObject({ fileName: 'crm-deals-fr.csv', rowCount: 240 });
    expect(by.deals!.imports[0]!.record!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(by.deals!.dates).toEqual({ column: 'closed_at', from: expect.stringMatching(/^2022-/), to: expect.stringMatching(/^202[45]-/) });
    expect(by.partners).toMatchObject({ source: 'derived', derivedFrom: 'deals', rows: 24 });
    expect(by.partners!.columns.find((c) => c.name === 'sector')).toEqual({ name: 'sector', source: 'derived', from: ['Secteur'] });
    expect(by.partners!.columns.find((c) => c.name === 'tier')!.source).toBe('missing');
    for (const t of ['activities', 'surveys', 'programs', 'enrolments', 'targets', 'tier_rules', 'mdf']) expect(by[t]!.source).toBe('missing');
    await expect(engine.query('SELECT * FROM surveys')).rejects.toThrow(/surveys/);
    const names = new Set((await rows(engine, 'SELECT DISTINCT partner_id FROM deals')).map((r) => r.partner_id));
    const demoNames = (await rows(engine, 'SELECT partner_id, name FROM demo.partners')).flatMap((r) => [r.partner_id, r.name]);
    expect(demoNames.filter((n) => names.has(n))).toEqual([]);
  });

  it('switches to the demo and back in one step, each with its own figures', async () => {
    await setDataChoice(engine, 'demo');
    expect(await rows(engine, 'SELECT count(*) AS n FROM partners')).toEqual([{ n: 60 }]);
    expect((await describeModel(engine)).tables.find((t) => t.table === 'surveys')!.source).toBe('demo');
    await setDataChoice(engine, 'mine');
    expect(await rows(engine, 'SELECT count(*) AS n FROM partners')).toEqual([{ n: 24 }]);
  });

  it('takes an import out of the model again, keeping the table itself', async () => {
    await unbindImport(engine, 'deals', 'crm_deals_fr');
    const state = await describeModel(engine);
    expect(state.tables.find((t) => t.table === 'deals')!.source).toBe('missing');
    expect(state.tables.find((t) => t.table === 'partners')!.source).toBe('missing');
    expect(await rows(engine, 'SELECT count(*) AS n FROM crm_deals_fr')).toEqual([{ n: 240 }]);
  });
});

describe('monthly exports of the same shape', () => {
  it('append into deals without duplicates: the latest export of a deal wins', async () => {
    const engine = await freshWorkspace();
    const jan = parse('crm-deals-2024-01.csv');
    const feb = parse('crm-deals-2024-02.csv');
    expect((await importIntoModel(engine, file('crm-deals-2024-01.csv'))).boundTo).toBe('deals');
    // The second export is recognised by its shape: the mapping saved for the first is used again.
    const second = await importIntoModel(engine, file('crm-deals-2024-02.csv'));
    expect(second.proposal.saved).toBe(true);
    expect(second.boundTo).toBe('deals');

    const byId = new Map([...jan, ...feb].map((r) => [r['N° affaire']!, r])); // February's row overrides January's
    const [all] = await rows(engine, 'SELECT count(*) AS n, count(DISTINCT deal_id) AS ids FROM deals');
    expect(all).toEqual({ n: byId.size, ids: byId.size });
    expect(byId.size).toBe(90);
    const changed = await rows(engine, "SELECT deal_id, status FROM deals WHERE deal_id IN ('AFF-1040', 'AFF-1041', 'AFF-1042') ORDER BY deal_id");
    const status = (s: string) => (s === 'Gagné' ? 'won' : s === 'Perdu' ? 'lost' : 'open');
    expect(changed).toEqual(['AFF-1040', 'AFF-1041', 'AFF-1042'].map((id) => ({ deal_id: id, status: status(byId.get(id)!.Statut!) })));
    expect((await boundImports(engine, 'deals')).map((b) => b.sourceTable)).toEqual(['crm_deals_2024_01', 'crm_deals_2024_02']);
  });

  it('without a deal id, compares whole rows, and keeps identical rows of one export', async () => {
    const engine = await freshWorkspace();
    await engine.query(`CREATE TABLE a AS SELECT * FROM (VALUES ('P1', DATE '2024-01-05', 100.0, 'won'), ('P1', DATE '2024-01-05', 100.0, 'won'), ('P2', DATE '2024-01-09', 50.0, 'lost')) t(partner, closed, amount, stage)`);
    await engine.query(`CREATE TABLE b AS SELECT * FROM (VALUES ('P1', DATE '2024-01-05', 100.0, 'won'), ('P3', DATE '2024-02-01', 70.0, 'won')) t(partner, closed, amount, stage)`);
    const mapping = {
      table: 'deals' as const,
      columns: { deal_id: null, partner_id: 'partner', end_customer: null, product: null, closed_at: 'closed', amount: 'amount', gross_margin: null, status: 'stage', registered_at: null },
      statusValues: { won: 'won' as const, lost: 'lost' as const },
    };
    await bindImport(engine, { table: 'deals', sourceTable: 'a', importId: 1, mapping });
    expect(await rows(engine, 'SELECT count(*) AS n FROM deals')).toEqual([{ n: 3 }]);
    await bindImport(engine, { table: 'deals', sourceTable: 'b', importId: 2, mapping });
    // b repeats one of a's two identical rows: b's copy wins for that row, a's P2 row stays, P3 is new.
    expect(await rows(engine, 'SELECT partner_id, count(*) AS n FROM deals GROUP BY ALL ORDER BY ALL')).toEqual([
      { partner_id: 'P1', n: 1 },
      { partner_id: 'P2', n: 1 },
      { partner_id: 'P3', n: 1 },
    ]);
  });
});

describe('names', () => {
  it("an import never takes a model table's name, nor one already used", () => {
    expect(importTableName('deals', [])).toBe('deals_import');
    expect(importTableName('deals', ['deals_import'])).toBe('deals_import_2');
    expect(importTableName('crm_export', ['crm_export'])).toBe('crm_export_2');
  });

  it('keeps the bookkeeping in the longtail schema', async () => {
    const engine = await createNodeEngine();
    await ensureModel(engine);
    expect((await rows(engine, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'longtail' ORDER BY 1")).map((r) => r.table_name)).toEqual(['model_imports', 'settings']);
  });
});

describe('the demo lives apart', () => {
  it("is built in its own schema, whatever the user's tables, and old workspaces' demo tables move there", async () => {
    const engine = await createNodeEngine();
    // A workspace of the old layout: the demo's deals in main, and a user's own table named partners.
    await engine.query(`CREATE TABLE deals AS SELECT 'd1' AS deal_id; CREATE TABLE mine AS SELECT 1 AS x`);
    const { recordImport } = await import('../../src/ingest/catalog');
    await engine.query(`CREATE TABLE partners AS SELECT 'p' AS partner_id`);
    await recordImport(engine, { fileName: 'partners.csv', tableName: 'partners', format: 'csv', size: 1, sha256: 'x'.repeat(64), rowCount: 1, rejectedCount: 0, settings: {} as never, importedAt: new Date().toISOString() });
    const { migrateOldLayout } = await import('../../src/model/demo');
    const notes = await migrateOldLayout(engine);
    expect(notes).toEqual([expect.stringContaining('partners is now named partners_mine')]);
    expect(await rows(engine, "SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name IN ('main', 'demo') ORDER BY ALL")).toEqual([
      { schema_name: 'demo', table_name: 'deals' },
      { schema_name: 'main', table_name: 'mine' },
      { schema_name: 'main', table_name: 'partners_mine' },
    ]);
    await installDemo(engine, (e, schema) => loadDemo(e, { scale: 0.03, seed: 7 }, schema));
    expect(await rows(engine, 'SELECT count(*) AS n FROM main.mine')).toEqual([{ n: 1 }]);
    expect(await rows(engine, "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'demo'")).toEqual([{ n: DEMO_TABLE_NAMES.length }]);
  });
});
