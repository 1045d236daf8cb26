/**
 * The deals CSV export. Rows are checked against lines written by hand; whole files are read back with
 * DuckDB's read_csv (French options for the French file) and compared row for row with the columns
 * generateDemo produces for the same options: two independent paths to the same table.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { parseDay } from '../../src/demo/calendar';
import { DEAL_CSV_HEADERS, DealCsvWriter, csvField, dealsCsv, dealsCsvBytes, dealsCsvChunks } from '../../src/demo/csv';
import type { Deal } from '../../src/demo/deals';
import { generateDemo } from '../../src/demo/generate';
import { loadTables } from '../../src/demo/load';
import type { Partner } from '../../src/demo/partners';

const partner = { id: 'P0042' } as Partner;
const deal: Deal = {
  id: 'D000123',
  partner,
  customer: 0,
  endCustomer: 'Dupont, Fils & Cie',
  product: 'Licence Analytics',
  closedOn: parseDay('2024-03-05'),
  amount: 12345.6,
  grossMargin: 0.3215,
  status: 'won',
  registeredOn: parseDay('2024-01-20'),
  stage: null,
};

describe('DealCsvWriter', () => {
  it('writes an English row: commas, ISO dates, two-decimal amounts, quotes around a comma', () => {
    expect(new DealCsvWriter('en').row(deal)).toBe(
      'D000123,P0042,"Dupont, Fils & Cie",Licence Analytics,2024-03-05,12345.60,0.3215,won,2024-01-20\n',
    );
  });

  it('writes a French row: semicolons, dd/mm/yyyy, decimal commas, French status; the comma needs no quotes', () => {
    expect(new DealCsvWriter('fr').row(deal)).toBe(
      'D000123;P0042;Dupont, Fils & Cie;Licence Analytics;05/03/2024;12345,60;0,3215;Gagné;20/01/2024\n',
    );
  });

  it('leaves the partner empty for a direct sale and translates every status', () => {
    const w = new DealCsvWriter('fr');
    const direct = { ...deal, partner: null, endCustomer: 'Le "Grand" Café', amount: 150, grossMargin: 0.15 };
    expect(w.row({ ...direct, status: 'lost' })).toBe('D000123;;"Le ""Grand"" Café";Licence Analytics;05/03/2024;150,00;0,15;Perdu;20/01/2024\n');
    expect(w.row({ ...direct, status: 'open' })).toContain(';En cours;');
  });

  it('writes the headers of each locale', () => {
    expect(new DealCsvWriter('en').header()).toBe('deal_id,partner_id,end_customer,product,closed_at,amount,gross_margin,status,registered_at\n');
    expect(new DealCsvWriter('fr').header()).toBe(
      "Identifiant;Partenaire;Client final;Produit;Date de clôture;Montant (€);Marge brute;Statut;Date d'enregistrement\n",
    );
  });

  it('quotes fields per RFC 4180 only when needed', () => {
    expect([csvField('a,b', ','), csvField('a,b', ';'), csvField('say "hi"', ';'), csvField('two\nlines', ','), csvField('plain', ',')]).toEqual([
      '"a,b"',
      'a,b',
      '"say ""hi"""',
      '"two\nlines"',
      'plain',
    ]);
  });
});

describe('dealsCsv', () => {
  const options = { seed: 7, scale: 0.1 };
  let engine: Engine;

  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadTables(engine, generateDemo(options));
  });

  const count = async (sql: string): Promise<number> => Number((await engine.query(sql)).get(0)!.toJSON().n);

  it('yields the header, then one chunk per month of 2021–2025, with one line per deal', async () => {
    const chunks = [...dealsCsvChunks(options)];
    expect(chunks).toHaveLength(1 + 60);
    expect(chunks[0]).toBe(DEAL_CSV_HEADERS.en.join(',') + '\n');
    const lines = chunks.join('').split('\n').length - 2; // minus the header and the empty string after the last \n
    expect(lines).toBe(await count('SELECT count(*) AS n FROM deals'));
  });

  it('reads back in English exactly as the deals table', async () => {
    await engine.registerFile('deals_en.csv', new TextEncoder().encode(dealsCsv({ ...options, locale: 'en' })));
    await engine.query(`CREATE OR REPLACE TABLE deals_en AS SELECT * FROM read_csv('deals_en.csv', header = true, delim = ',',
      columns = {'deal_id': 'VARCHAR', 'partner_id': 'VARCHAR', 'end_customer': 'VARCHAR', 'product': 'VARCHAR', 'closed_at': 'DATE',
                 'amount': 'DECIMAL(18,2)', 'gross_margin': 'DOUBLE', 'status': 'VARCHAR', 'registered_at': 'DATE'})`);
    // The export has no stage column (an open deal's stage is the table's alone).
    expect(await count('SELECT count(*) AS n FROM (SELECT * EXCLUDE (stage) FROM deals EXCEPT SELECT * FROM deals_en)')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM (SELECT * FROM deals_en EXCEPT SELECT * EXCLUDE (stage) FROM deals)')).toBe(0);
  });

  it('reads back in French, with French parsing options, exactly as the deals table', async () => {
    await engine.registerFile('deals_fr.csv', dealsCsvBytes({ ...options, locale: 'fr' }));
    await engine.query(`CREATE OR REPLACE TABLE deals_fr AS SELECT * FROM read_csv('deals_fr.csv', header = true, delim = ';',
      decimal_separator = ',', dateformat = '%d/%m/%Y',
      columns = {'Identifiant': 'VARCHAR', 'Partenaire': 'VARCHAR', 'Client final': 'VARCHAR', 'Produit': 'VARCHAR',
                 'Date de clôture': 'DATE', 'Montant (€)': 'DECIMAL(18,2)', 'Marge brute': 'DOUBLE', 'Statut': 'VARCHAR',
                 'Date d''enregistrement': 'DATE'})`);
    const asDeals = `SELECT "Identifiant", "Partenaire", "Client final", "Produit", "Date de clôture", "Montant (€)", "Marge brute",
      CASE "Statut" WHEN 'Gagné' THEN 'won' WHEN 'Perdu' THEN 'lost' WHEN 'En cours' THEN 'open' END, "Date d'enregistrement" FROM deals_fr`;
    expect(await count(`SELECT count(*) AS n FROM (SELECT * EXCLUDE (stage) FROM deals EXCEPT ${asDeals})`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM (${asDeals} EXCEPT SELECT * EXCLUDE (stage) FROM deals)`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM deals_fr WHERE "Statut" NOT IN ('Gagné', 'Perdu', 'En cours')`)).toBe(0);
  });

  it('gives the same bytes as a string or as bytes', () => {
    const text = dealsCsv({ ...options, locale: 'fr' });
    expect(new TextDecoder().decode(dealsCsvBytes({ ...options, locale: 'fr' }))).toBe(text);
  });
});
