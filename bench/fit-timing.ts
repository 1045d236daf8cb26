/**
 * A hand-run measurement (not part of `npm run bench`): how long the churn models' fits take against the
 * SQL that feeds them, on the demo's deals at a scale (20 ≈ 1 M deals), in Node on DuckDB-WASM (the
 * app's engine build). Run: node bench/fit-timing.mjs [scale] [repeats].
 *
 * Reports, each as the median of the repeats: the SQL giving one history per partner, the same marked
 * with its groups (what churn.bgnbd reads), the SQL giving only the grouped sufficient statistics (what
 * churn.model reads), and the BG/NBD and Gamma-Gamma fits on them.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { createNodeEngine } from '../src/engine/node';
import { plainObjects } from '../src/engine/values';
import { DEAL_CSV_HEADERS, DEMO_SCHEMA } from '../src/demo';
import * as analytics from '../src/analytics';
import type { AnalysisContext } from '../src/analytics';
import { DataCache } from './data';

const repo = fileURLToPath(new URL('..', import.meta.url));
const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function timed<T>(f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function main(args: string[]): Promise<number> {
  const scale = Number(args[0] ?? 20);
  const repeats = Number(args[1] ?? 3);
  const cache = new DataCache(repo);
  const deals = await cache.deals(scale, 'en');
  const partners = await cache.partners(scale);
  const engine = await createNodeEngine();
  for (const [name, file] of [['deals', deals.path], ['partners', partners.path]] as const) {
    await engine.registerFile(`${name}.csv`, readFileSync(file));
    // The deals export has the table's columns but the stage (see src/demo/csv.ts).
    const columns = Object.entries(DEMO_SCHEMA[name]).filter(([c]) => name !== 'deals' || DEAL_CSV_HEADERS.en.includes(c));
    const types = columns.map(([c, t]) => `${sqlString(c)}: ${sqlString(t)}`).join(', ');
    await engine.query(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${name}.csv', header = true, quote = '"', escape = '"', columns = {${types}})`);
  }
  const ctx: AnalysisContext = {
    rows: async (sql) =>
      plainObjects(await engine.query(sql)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v]))),
  };
  console.log(`scale ${scale}: ${deals.rows} deals, ${partners.rows} partners; ${repeats} repeats, medians`);

  const report: Record<string, number> = {};
  const runs: Record<string, number[]> = {};
  const add = (k: string, ms: number) => (runs[k] ??= []).push(ms);
  for (let k = 0; k < repeats; k++) {
    const history = await timed(() => ctx.rows(analytics.churnHistorySql()));
    add('SQL: one history per partner', history.ms);
    const marked = await timed(() => ctx.rows(analytics.churnHistoryStatsSql()));
    add('SQL: histories marked with their groups (churn.bgnbd)', marked.ms);
    const stats = await timed(() => ctx.rows(analytics.churnStatsSql()));
    add('SQL: grouped sufficient statistics (fits)', stats.ms);
    const bgRows = stats.value.filter((r) => r.model === 'bgnbd').length;
    const bg = await timed(() => analytics.fitBgNbd(stats.value.filter((r) => r.model === 'bgnbd').map((r) => ({
      frequency: Number(r.deal_days) - 1, recency: Number(r.recency_days) / 7, T: Number(r.age_days) / 7, count: Number(r.partners),
    }))));
    add('fit BG/NBD on grouped statistics', bg.ms);
    const gg = await timed(() => analytics.fitGammaGamma(stats.value.filter((r) => r.model === 'gammagamma').map((r) => ({
      frequency: Number(r.deal_days) - 1, monetary: Number(r.repeat_day_value), count: Number(r.partners),
    }))));
    add('fit Gamma-Gamma on grouped statistics', gg.ms);
    const both = await timed(() => analytics.fitChurnModelFromStats(stats.value));
    add('fitChurnModelFromStats (both fits)', both.ms);
    if (k === 0) console.log(`${stats.value.length} grouped rows (${bgRows} BG/NBD histories)`, 'BG/NBD', JSON.stringify(bg.value), 'GG', JSON.stringify(gg.value));
  }
  for (const [k, xs] of Object.entries(runs)) report[k] = median(xs);
  for (const [k, ms] of Object.entries(report)) console.log(`${k.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms   (${runs[k]!.map((x) => x.toFixed(0)).join(', ')})`);
  await engine.close();
  return 0;
}
