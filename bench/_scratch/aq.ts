import { loadCsv } from '../peers/arquero';
import * as aq from 'arquero';
import { readFileSync, readdirSync } from 'node:fs';
import { rfmScores, cohortRetention, paretoCurve, churnHistories } from '../peers/arquero-analytics';
export async function main() {
  const dir = '/tmp/longtail-bench-data/' + readdirSync('/tmp/longtail-bench-data')[0] + '/s20/';
  let t = performance.now();
  const deals = await loadCsv(dir + 'deals.csv', 'en');
  console.log('load', performance.now() - t, deals.numRows(), process.memoryUsage().heapUsed / 1e6);
  const partners = aq.fromCSV(readFileSync(dir + 'partners.csv', 'utf8'));
  const tables = { deals, partners };
  for (const [n, f] of [['rfm', () => rfmScores(tables).reify()], ['cohort', () => cohortRetention(tables).reify()], ['pareto', () => paretoCurve(tables).reify()], ['churn', () => churnHistories(tables)]] as const) {
    t = performance.now(); (f as () => unknown)(); console.log(n, performance.now() - t);
  }
  return 0;
}
