/**
 * A 1,000,000-row CSV through the whole pipeline (inspect, import with fingerprint) against a bare
 * `CREATE TABLE AS SELECT * FROM read_csv_auto(...)` on the same bytes, best of two each. Timings are
 * logged, not asserted (shared machines are noisy); what is asserted is that both roads give the same table.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { importFile, inspectFile } from '../../src/ingest';
import { createTestEngine, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await createTestEngine();
});

function bigCsv(n: number): Uint8Array {
  const lines = ['deal_id,partner_id,closed_at,amount,status'];
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 1800) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`D${i},P${Math.floor(rnd() * 20000)},${d},${(rnd() * 100000).toFixed(2)},${rnd() < 0.6 ? 'won' : 'lost'}`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

it('imports 1,000,000 rows in about the time of a bare read_csv', async () => {
  const bytes = bigCsv(1_000_000);
  const file = new File([bytes as BlobPart], 'million.csv');
  const bare = async () => {
    const t = performance.now();
    await engine.registerFile('bare.csv', bytes);
    await engine.query("CREATE OR REPLACE TABLE bare AS SELECT * FROM read_csv_auto('bare.csv')");
    await engine.dropFile('bare.csv');
    return performance.now() - t;
  };
  const bareFromFile = async () => {
    const t = performance.now();
    await engine.registerBlob('bare2.csv', file);
    await engine.query("CREATE OR REPLACE TABLE bare2 AS SELECT * FROM read_csv_auto('bare2.csv')");
    await engine.dropFile('bare2.csv');
    return performance.now() - t;
  };
  const pipeline = async () => {
    const t = performance.now();
    const insp = await inspectFile(file);
    const t1 = performance.now();
    await importFile(engine, insp, insp.settings, { table: 'million', replace: true });
    return { inspect: t1 - t, import: performance.now() - t1, total: performance.now() - t };
  };
  // Best of two for each (the first run of a fresh engine is slower, and the machine may be busy).
  const b = Math.min(await bare(), await bare());
  const bf = await bareFromFile();
  const runs = [await pipeline(), await pipeline()];
  const p = runs.reduce((best, r) => (r.total < best.total ? r : best));
  console.log(
    `1M rows: bare read_csv_auto ${b.toFixed(0)} ms (${bf.toFixed(0)} ms from a File); pipeline ${p.total.toFixed(0)} ms ` +
      `(inspect ${p.inspect.toFixed(0)} + import ${p.import.toFixed(0)}): ${(p.total / b).toFixed(2)}× bare, import alone ${(p.import / b).toFixed(2)}×, ` +
      `${(p.total / bf).toFixed(2)}× bare from a File`,
  );
  // Same rows both ways: count, sum and date range computed on each table.
  const summary = (t: string) => rows(engine, `SELECT count(*) AS n, round(sum(amount), 2) AS s, min(closed_at) AS lo, max(closed_at) AS hi, count(DISTINCT partner_id) AS p FROM ${t}`);
  expect(await summary('million')).toEqual(await summary('bare'));
  expect((await summary('million'))[0]!.n).toBe(1_000_000);
});
