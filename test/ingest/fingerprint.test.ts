/** Each import's fingerprint, and what changed when the same file is imported again. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { importFile, importsForTables, inspectFile, listImports } from '../../src/ingest';
import { createTestEngine, fixture } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await createTestEngine();
});

const raw = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));

async function importAs(fixtureName: string, fileName: string, table: string) {
  const insp = await inspectFile(fixture(fixtureName, fileName));
  return importFile(engine, insp, insp.settings, { table, replace: true });
}

describe('fingerprints', () => {
  it('records name, size, SHA-256, row count and settings', async () => {
    const r = await importAs('hubspot-deals.csv', 'hubspot-deals.csv', 'hs_deals');
    expect(r.record).toMatchObject({
      fileName: 'hubspot-deals.csv',
      tableName: 'hs_deals',
      format: 'csv',
      size: raw('hubspot-deals.csv').length,
      sha256: createHash('sha256').update(raw('hubspot-deals.csv')).digest('hex'),
      rowCount: 3,
      rejectedCount: 0,
    });
    expect(r.record.settings).toMatchObject({ format: 'csv', delimiter: ',', dateFormat: '%Y-%m-%d' });
    expect(r.diff).toBe(null);
    const stored = (await listImports(engine)).find((i) => i.id === r.record.id);
    expect(stored).toEqual(r.record);
    expect((await importsForTables(engine, ['hs_deals', 'not_imported'])).get('hs_deals')).toEqual(r.record);
  });

  it('re-importing a changed export counts the rows added and removed', async () => {
    // v1 → v2 (see make-fixtures.mjs): 9001 unchanged; 9002 removed; 9003 changed stage (one row
    // removed, one added); 9004 new. So 2 added, 2 removed, 3 rows before and after.
    const r = await importAs('hubspot-deals-v2.csv', 'hubspot-deals.csv', 'hs_deals');
    expect(r.diff).toMatchObject({ identical: false, rowsBefore: 3, rowsAfter: 3, rowsAdded: 2, rowsRemoved: 2, columnsAdded: [], columnsRemoved: [] });
    expect(r.diff!.previous.sha256).toBe(createHash('sha256').update(raw('hubspot-deals.csv')).digest('hex'));
  });

  it('re-importing the same bytes says so', async () => {
    const r = await importAs('hubspot-deals-v2.csv', 'hubspot-deals.csv', 'hs_deals');
    expect(r.diff).toMatchObject({ identical: true, rowsAdded: 0, rowsRemoved: 0 });
  });

  it('a new column is named, and rows are not compared across different columns', async () => {
    const text = new TextDecoder().decode(raw('hubspot-deals-v2.csv')).replace(/\n/g, ',x\n').replace('Create Date,x', 'Create Date,Probability');
    const insp = await inspectFile(new File([text], 'hubspot-deals.csv'));
    const r = await importFile(engine, insp, insp.settings, { table: 'hs_deals', replace: true });
    expect(r.diff).toMatchObject({ identical: false, columnsAdded: ['Probability'], columnsRemoved: [], rowsAdded: null, rowsRemoved: null, rowsBefore: 3, rowsAfter: 3 });
  });

  it('when the previous table is gone, only the counts are compared', async () => {
    await engine.query('DROP TABLE hs_deals');
    const r = await importAs('hubspot-deals.csv', 'hubspot-deals.csv', 'hs_deals');
    expect(r.diff).toMatchObject({ rowsBefore: 3, rowsAfter: 3, rowsAdded: null, rowsRemoved: null, columnsAdded: [], columnsRemoved: ['Probability'] });
  });
});
