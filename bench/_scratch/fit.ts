import { readdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { churnHistorySql, fitBgNbd, weeklyHistory, bgNbdLogLikelihood, minimize } from '../../src/analytics';
export async function main() {
  const base = '/tmp/longtail-bench-data/' + readdirSync('/tmp/longtail-bench-data')[0];
  const inst = await DuckDBInstance.create(':memory:'); const conn = await inst.connect();
  for (const s of [2, 20]) {
    await conn.run(`CREATE OR REPLACE TABLE deals AS SELECT * FROM read_csv('${base}/s${s}/deals.csv', quote='"')`);
    await conn.run(`CREATE OR REPLACE TABLE partners AS SELECT * FROM read_csv('${base}/s${s}/partners.csv', quote='"')`);
    const rows = (await conn.runAndReadAll(churnHistorySql())).getRowObjectsJS() as any[];
    const hs = rows.map((r) => weeklyHistory(r));
    let t = performance.now();
    try { const fit = fitBgNbd(hs); console.log(s, 'fit ok', performance.now() - t, JSON.stringify(fit)); } catch (e) { console.log(s, 'fit failed after', performance.now() - t, (e as Error).message); }
    const repeats = hs.reduce((a, h) => a + h.frequency, 0), age = hs.reduce((a, h) => a + h.T, 0);
    const negLL = (v: number[]) => -bgNbdLogLikelihood({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) }, hs);
    const x0 = [0, Math.log(age / repeats), 0, 0];
    for (const tol of [1e-10, 1e-8, 1e-6]) {
      t = performance.now();
      const r = minimize(negLL, x0, { fTolerance: tol });
      console.log(s, 'tol', tol, 'converged', r.converged, 'evals', r.evaluations, 'runs', r.runs, 'value', r.value, 'ms', Math.round(performance.now() - t), r.x.map(Math.exp).map((x) => x.toPrecision(6)).join(' '));
    }
  }
  return 0;
}
