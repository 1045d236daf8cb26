import { DataCache } from '../data';
import { buildPage, PAGE_DIST } from '../build';
import { serve } from '../serve';
import { BenchPage } from '../page-driver';
export async function main() {
  buildPage('/work/main');
  const cache = new DataCache('/work/main');
  const five = await cache.deals(100, 'en');
  for (const copies of [8]) {
    let t = performance.now();
    const f = await cache.repeated(five, copies);
    console.log('file', f, performance.now() - t);
    const s = await serve(PAGE_DIST);
    const p = await BenchPage.open(s.url, [f.path]);
    await p.call('start', []);
    t = performance.now();
    try {
      const r = await p.call('pipeline', [{ file: 0, table: 'deals', unlimited: true }], 300_000);
      console.log(copies, JSON.stringify(r), performance.now() - t);
    } catch (e) { console.log(copies, 'threw', (e as Error).message, performance.now() - t); }
    console.log('peak', await p.peakMemory());
    try { console.log('ping', await p.call('ping', [], 10000)); } catch (e) { console.log('ping failed', (e as Error).message); }
    await p.close(); await s.close();
  }
  return 0;
}
