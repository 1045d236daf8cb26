/**
 * Inspection off the page's thread (issue 15.4): the ingest worker's host, driven through the page's
 * client over a stand-in Worker that structured-clones every message as postMessage does — so what
 * crosses is proven cloneable. The page receives light inspections (no workbook cells, JSON records or
 * Parquet footer) and the same previews and imports as inspecting in its own thread gives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { importFile, inspectFile, previewImport, redetect, type XlsxInspection } from '../../src/ingest';
import { IngestHost } from '../../src/ingest/worker/host';
import { IngestWorkerClient } from '../../src/ingest/worker/client';
import type { IngestReply, IngestRequest } from '../../src/ingest/worker/protocol';
import { createTestEngine, fixture, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await createTestEngine();
});

/** A Worker running the host in this thread; messages are structured-cloned both ways (the File passes as itself: Node clones it as a Blob). */
class CloningWorker {
  private readonly host = new IngestHost();
  private readonly listeners = new Set<(e: MessageEvent<IngestReply>) => void>();
  terminated = false;
  addEventListener(type: string, fn: (e: MessageEvent<IngestReply>) => void): void {
    if (type === 'message') this.listeners.add(fn);
  }
  postMessage(m: IngestRequest): void {
    const file = 'file' in m ? m.file : undefined;
    const sent = structuredClone({ ...m, ...(file ? { file: null } : {}) }) as IngestRequest;
    if (file) (sent as { file: unknown }).file = file;
    void this.host.handle(sent).then((reply) => {
      const back = structuredClone(reply);
      if (!this.terminated) for (const fn of this.listeners) fn({ data: back } as MessageEvent<IngestReply>);
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

const client = () => new IngestWorkerClient(() => new CloningWorker() as unknown as Worker);

describe('the ingest worker', () => {
  it('keeps a workbook in the worker; the page previews, switches sheet and imports as if it had it', async () => {
    const inspector = client();
    const remote = (await inspector.inspect(fixture('deals.xlsx'), { hashAhead: false })) as XlsxInspection;
    const local = (await inspectFile(fixture('deals.xlsx'))) as XlsxInspection;
    expect(remote.cells).toBeUndefined();
    expect(remote.settings).toEqual(local.settings);
    expect(await previewImport(engine, remote, remote.settings)).toEqual(await previewImport(engine, local, local.settings));
    const partners = await inspector.redetect(remote, { sheet: 'Partners' });
    expect(partners.settings).toEqual(redetect(local, { sheet: 'Partners' }).settings);
    await importFile(engine, partners, partners.settings, { table: 'w_partners', replace: false });
    await importFile(engine, redetect(local, { sheet: 'Partners' }), partners.settings, { table: 'l_partners', replace: false });
    expect(await rows(engine, 'SELECT * FROM w_partners')).toEqual(await rows(engine, 'SELECT * FROM l_partners'));
    inspector.close();
  });

  it('JSON arrays, NDJSON and Parquet import the same rows through the worker', async () => {
    const inspector = client();
    for (const [name, table] of [
      ['deals.json', 'json'],
      ['activities.ndjson', 'ndjson'],
      ['deals.parquet', 'parquet'],
    ] as const) {
      const remote = await inspector.inspect(fixture(name), { hashAhead: false });
      const local = await inspectFile(fixture(name));
      expect('records' in remote ? remote.records : null).toBeNull();
      expect('metadata' in remote ? remote.metadata : undefined).toBeUndefined();
      // activities.ndjson holds a line that is not JSON on purpose: skipped and counted alike.
      const a = await importFile(engine, remote, { ...remote.settings, skipBadRows: true }, { table: `w_${table}`, replace: false });
      const b = await importFile(engine, local, { ...local.settings, skipBadRows: true }, { table: `l_${table}`, replace: false });
      expect(a.record.rowCount, name).toBe(b.record.rowCount);
      expect(a.rejected, name).toEqual(b.rejected);
      expect(await rows(engine, `SELECT * FROM w_${table}`), name).toEqual(await rows(engine, `SELECT * FROM l_${table}`));
    }
    inspector.close();
  });

  it('an ImportError crosses with its code, message and hint', async () => {
    const inspector = client();
    await expect(inspector.inspect(fixture('empty.csv'))).rejects.toMatchObject({ name: 'ImportError', code: 'empty', message: 'empty.csv is empty (0 bytes).' });
    await expect(inspector.inspect(fixture('workbook-named.csv'))).rejects.toMatchObject({ code: 'binary', hint: expect.stringMatching(/\.xlsx extension/) });
    inspector.close();
  });
});

describe('a preview of a wide file shows a window of its columns', () => {
  // 2,000 columns c1…c2000; row r holds (r + k) % 100 in column k (0-based), 40 rows.
  const width = 2000;
  const text = [Array.from({ length: width }, (_, k) => `c${k + 1}`).join(','), ...Array.from({ length: 40 }, (_, r) => Array.from({ length: width }, (_, k) => (r + k) % 100).join(','))].join('\n') + '\n';

  it('30 columns from where the dialog asks, every column counted, every row read', async () => {
    const insp = await client().inspect(new File([text], 'wide.csv'), { hashAhead: false });
    expect(insp.settings.columns).toHaveLength(width);
    const first = await previewImport(engine, insp, insp.settings);
    expect(first).toMatchObject({ columnsFrom: 0, columnCount: width });
    expect(first.columns.map((c) => c.name)).toEqual(Array.from({ length: 30 }, (_, k) => `c${k + 1}`));
    expect(first.rows).toHaveLength(20);
    // Row 3, column c1 (k = 0): (3 + 0) % 100; column c30 (k = 29): 32.
    expect(first.rows[3]![0]).toBe('3');
    expect(first.rows[3]![29]).toBe('32');
    const later = await previewImport(engine, insp, insp.settings, { columnsFrom: 1990 });
    // The window ends at the last column: c1991…c2000.
    expect(later.columns.map((c) => c.name)).toEqual(Array.from({ length: 10 }, (_, k) => `c${1991 + k}`));
    // Row 5, column c1991 (k = 1990): (5 + 1990) % 100 = 95.
    expect(later.rows[5]![0]).toBe('95');
  });

  it('a JSON array of 2,000 keys previews a window too, reading fewer rows', async () => {
    const records = Array.from({ length: 200 }, (_, r) => Object.fromEntries(Array.from({ length: width }, (_, k) => [`k${k}`, r * k])));
    const insp = await client().inspect(new File([JSON.stringify(records)], 'wide.json'), { hashAhead: false });
    const p = await previewImport(engine, insp, insp.settings, { columnsFrom: 100 });
    expect(p.columns[0]!.name).toBe('k100');
    // Row 7, key k100: 7 × 100.
    expect(p.rows[7]![0]).toBe('700');
    expect(p.rows).toHaveLength(20);
  });
});
