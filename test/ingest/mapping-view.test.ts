/**
 * From an imported file to the canonical view every analysis reads: propose, create, query; save a
 * mapping and get it back for the next export of the same shape.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { createMappedView, importFile, inspectFile, proposeForTable, saveMapping } from '../../src/ingest';
import { createTestEngine, day, fixture, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await createTestEngine();
});

async function imported(fixtureName: string, table: string, as = fixtureName): Promise<void> {
  const insp = await inspectFile(fixture(fixtureName, as));
  await importFile(engine, insp, insp.settings, { table, replace: true });
}

/** The French export says nothing of its partners but their names. */
const noPartnerDetails = { partner_name: null, partner_country: null, partner_region: null, partner_sector: null, partner_tier: null };

describe('canonical views', () => {
  it('the French export becomes deals, with won/lost/open from Gagné/Perdu/En cours', async () => {
    await imported('french-export-1252.csv', 'export_fr');
    const p = await proposeForTable(engine, 'export_fr');
    expect(p.saved).toBe(false);
    expect(p.mapping.table).toBe('deals');
    expect(p.mapping.statusValues).toEqual({ 'En cours': 'open', Gagné: 'won', Perdu: 'lost' });
    await createMappedView(engine, 'deals', 'export_fr', p.mapping);
    expect(await rows(engine, 'SELECT * FROM deals')).toEqual([
      { deal_id: null, partner_id: 'Intégra Conseil', end_customer: 'Société Générale', product: 'Licence Entreprise', closed_at: day(2024, 4, 3), amount: 1234.56, gross_margin: null, status: 'won', registered_at: null, stage: null, ...noPartnerDetails },
      { deal_id: null, partner_id: 'Réseau Ouest', end_customer: 'Crédit Agricole', product: 'Support', closed_at: day(2024, 4, 15), amount: 980.5, gross_margin: null, status: 'lost', registered_at: null, stage: null, ...noPartnerDetails },
      { deal_id: null, partner_id: 'Intégra Conseil', end_customer: 'Électricité de France', product: 'Formation', closed_at: day(2024, 2, 28), amount: 12500, gross_margin: null, status: 'open', registered_at: null, stage: 'En cours', ...noPartnerDetails },
      { deal_id: null, partner_id: 'Numérique Sud', end_customer: 'Bœuf & Cie', product: 'Licence PME', closed_at: day(2023, 12, 1), amount: 75.25, gross_margin: null, status: 'won', registered_at: null, stage: null, ...noPartnerDetails },
    ]);
    // An analysis-style query on the user's own data: won revenue per partner.
    expect(await rows(engine, "SELECT partner_id, sum(amount) AS won FROM deals WHERE status = 'won' GROUP BY 1 ORDER BY 1")).toEqual([
      { partner_id: 'Intégra Conseil', won: 1234.56 },
      { partner_id: 'Numérique Sud', won: 75.25 },
    ]);
  });

  it('HubSpot: integer ids become text, timestamps become dates, other columns are kept', async () => {
    await imported('hubspot-deals.csv', 'hubspot_deals');
    const p = await proposeForTable(engine, 'hubspot_deals');
    await createMappedView(engine, 'hs_view', 'hubspot_deals', p.mapping);
    expect(await rows(engine, 'SELECT deal_id, closed_at, registered_at, status, "Deal Name", Pipeline FROM hs_view')).toEqual([
      { deal_id: '9001', closed_at: day(2024, 3, 28), registered_at: day(2024, 1, 5), status: 'won', 'Deal Name': 'Acme renewal', Pipeline: 'Sales Pipeline' },
      { deal_id: '9002', closed_at: day(2024, 2, 10), registered_at: day(2023, 12, 1), status: 'lost', 'Deal Name': 'Globex upsell', Pipeline: 'Sales Pipeline' },
      { deal_id: '9003', closed_at: null, registered_at: day(2024, 4, 2), status: 'open', 'Deal Name': 'Initech new', Pipeline: 'Sales Pipeline' },
    ]);
  });

  it('a saved mapping is reused for the next export of the same shape, with the user\'s edits', async () => {
    await imported('salesforce-opportunities.csv', 'sf_q1');
    const p = await proposeForTable(engine, 'sf_q1');
    // The user maps "Type" to the product and says Negotiation/Review counts as lost.
    const edited = {
      ...p.mapping,
      columns: { ...p.mapping.columns, product: 'Type' },
      statusValues: { ...p.mapping.statusValues, 'Negotiation/Review': 'lost' as const },
    };
    await saveMapping(engine, p.source.map((c) => c.name), edited);
    // Next quarter: same columns, another order; a new stage value appears.
    const q2 = 'Stage,Opportunity ID,Opportunity Name,Account Name,Partner Account,Amount,Close Date,Type,Created Date\n' +
      'Prospecting,0065g00000XyZ01,Hooli,Hooli,Northwind Partners,500.00,7/1/2024,New Business,6/1/2024\n' +
      'Closed Won,0065g00000XyZ02,Acme,Acme Corp,,800.00,7/15/2024,Existing Business,6/2/2024\n';
    const insp = await inspectFile(new File([q2], 'sf-q2.csv'));
    await importFile(engine, insp, insp.settings, { table: 'sf_q2', replace: true });
    const again = await proposeForTable(engine, 'sf_q2');
    expect(again.saved).toBe(true);
    expect(again.mapping.columns.product).toBe('Type');
    expect(again.mapping.statusValues).toMatchObject({ 'Negotiation/Review': 'lost', 'Closed Won': 'won', Prospecting: 'open' });
    await createMappedView(engine, 'sf_deals', 'sf_q2', again.mapping);
    expect(await rows(engine, 'SELECT deal_id, product, status, amount, closed_at FROM sf_deals ORDER BY deal_id')).toEqual([
      { deal_id: '0065g00000XyZ01', product: 'New Business', status: 'open', amount: 500, closed_at: day(2024, 7, 1) },
      { deal_id: '0065g00000XyZ02', product: 'Existing Business', status: 'won', amount: 800, closed_at: day(2024, 7, 15) },
    ]);
  });

  it('a mapping that cannot convert a column is refused, and the previous view stays', async () => {
    await imported('partners.tsv', 'partner_list');
    const p = await proposeForTable(engine, 'partner_list');
    await createMappedView(engine, 'partners', 'partner_list', p.mapping);
    // Mapping the text column Region to the employees count (BIGINT) fails on 'Île-de-France'.
    const wrong = { ...p.mapping, columns: { ...p.mapping.columns, employees: 'Region' } };
    await expect(createMappedView(engine, 'partners', 'partner_list', wrong)).rejects.toMatchObject({ code: 'engine', message: expect.stringMatching(/cannot read partner_list/) });
    expect(await rows(engine, 'SELECT partner_id, employees, onboarded_at FROM partners')).toEqual([
      { partner_id: 'P001', employees: 120, onboarded_at: day(2019, 5, 1) },
      { partner_id: 'P002', employees: 8, onboarded_at: day(2021, 11, 15) },
    ]);
  });

  it('does not put a view over a table of the same name', async () => {
    const p = await proposeForTable(engine, 'hubspot_deals');
    await expect(createMappedView(engine, 'hubspot_deals', 'hubspot_deals', p.mapping)).rejects.toMatchObject({ code: 'name-taken' });
  });
});
