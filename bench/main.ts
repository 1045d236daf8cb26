/**
 * `npm run bench [-- --quick]`: builds the app and the bench page, writes the data sets, measures
 * Longtail in headless Chromium and its peers in Node, then prints one Markdown table and writes
 * bench/results/latest.json (latest-quick.json for --quick). It asserts no times: it fails (exit code 1)
 * only when a measurement could not be made, and says which.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_DIST, PAGE_DIST, buildApp, buildPage } from './build';
import { chromiumVersion } from './chromium';
import { coldStartPair, type Visit } from './cold-start';
import { DataCache, type DataFile } from './data';
import { appScreenshot, probe, type ProbeDetails } from './largest';
import { commit, machine, packageVersion, uptime } from './machine';
import { FailedAnalyses, measurePage, type PageSetDetails, type SetFiles, type Template } from './page-suite';
import { measurePeer, type PeerColumn } from './peer-suite';
import type { Peer } from './peers/peer';
import type { PeerKind } from './peers/peer-service';
import { RemotePeer } from './peers/remote-peer';
import { planFor, type DataSetPlan, type Plan } from './plan';
import { formatRows } from './format';
import { markdownTable } from './report';
import { Results } from './results';
import { serve } from './serve';
import { initialJs, precache } from './sizes';
import { summarize } from './stats';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = path.join(REPO, 'bench/results');

const started = performance.now();
function log(message: string): void {
  const s = Math.round((performance.now() - started) / 1000);
  console.log(`[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${message}`);
}

/** Each peer runs in a process of its own, one at a time; one that is not installed is reported, not fatal. */
const PEERS: { column: PeerColumn; name: string; kind: PeerKind }[] = [
  { column: 'native', name: '@duckdb/node-api', kind: 'native' },
  { column: 'arquero', name: 'arquero', kind: 'arquero' },
];

async function dataFor(cache: DataCache, set: DataSetPlan): Promise<SetFiles> {
  return {
    deals: await cache.deals(set.scale, set.locale),
    partners: set.analytics || set.notebooks ? await cache.partners(set.scale) : undefined,
    workspace: set.notebooks ? await cache.workspace(set.scale) : undefined,
  };
}

function templates(): Template[] {
  const dir = path.join(REPO, 'notebooks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8') }));
}

function sizes(results: Results): void {
  const js = initialJs(APP_DIST);
  const cached = precache(APP_DIST);
  const add = (what: string, bytes: number) => results.add({ section: 'Memory and size', what, data: '', unit: 'bytes', longtail: summarize([bytes]) });
  const files = (n: number) => (n === 1 ? '1 file' : `${n} files`);
  add(`Initial JavaScript, gzip (${files(js.files)}; ${(js.bytes / 2 ** 20).toFixed(1)} MiB raw)`, js.gzipBytes);
  add(`Precached by the service worker (${files(cached.files)}; ${(cached.gzipBytes / 2 ** 20).toFixed(1)} MiB gzip)`, cached.bytes);
}

async function coldStart(plan: Plan, results: Results): Promise<{ first: Visit; later: Visit }[]> {
  const server = await serve(APP_DIST);
  const pairs: { first: Visit; later: Visit }[] = [];
  try {
    for (let k = 0; k < plan.coldStartRuns; k++) {
      const pair = await results.attempt(`Cold start ${k + 1}`, () => coldStartPair(server.url));
      if (pair) pairs.push(pair);
    }
  } finally {
    await server.close();
  }
  if (pairs.length) {
    const laterSw = pairs.every((p) => p.later.fromServiceWorker > 0 && p.later.fromServiceWorker === p.later.responses);
    results.add({ section: 'Cold start', what: 'First visit to first result (fresh profile; builds the demo workspace)', data: '', unit: 'ms', longtail: summarize(pairs.map((p) => p.first.firstResultMs)) });
    results.add({
      section: 'Cold start',
      what: `Later visit to first result (browser restarted; ${laterSw ? 'every request served by the service worker' : 'NOT all requests served by the service worker'})`,
      data: '',
      unit: 'ms',
      longtail: summarize(pairs.map((p) => p.later.firstResultMs)),
    });
  }
  return pairs;
}

async function largest(plan: Plan, source: DataFile, cache: DataCache, pageUrl: string, results: Results) {
  const probes: ProbeDetails[] = [];
  let screenshot: { file: string; text: string } | undefined;
  for (const attempts of plan.largest) {
    const file = await cache.repeated(source, attempts.copies);
    log(`Largest table: ${file.rows} rows`);
    const p = await results.attempt(`Largest table, ${file.rows} rows`, () => probe(pageUrl, file, attempts, plan.largestLimitMs, results));
    if (p) probes.push(p);
    if (!screenshot) {
      const out = path.join(RESULTS_DIR, 'largest-table-app.png');
      const server = await serve(APP_DIST);
      try {
        const text = await results.attempt('Largest table in the app', () => appScreenshot(server.url, file, out));
        if (text !== undefined) {
          screenshot = { file: path.relative(REPO, out), text };
          results.add({ section: 'Largest table', what: 'What the app shows (screenshot bench/results/largest-table-app.png)', data: `${formatRows(file.rows)} rows`, unit: 'ms', longtail: null, text: `“${text}”` });
        }
      } finally {
        await server.close();
      }
    }
  }
  return { probes, screenshot };
}

export async function main(args: string[]): Promise<number> {
  const plan = planFor(args);
  const results = new Results();
  const before = machine();
  log(`Longtail benchmark, ${plan.mode} run, on ${before.cpus} × ${before.cpuModel}. ${before.uptime}`);

  log('Building the app and the bench page');
  buildApp(REPO);
  buildPage(REPO);
  sizes(results);

  log('Writing the data sets (reused from earlier runs when the generator is unchanged)');
  const cache = new DataCache(REPO);
  const files = new Map<DataSetPlan, SetFiles>();
  for (const set of plan.sets) files.set(set, await dataFor(cache, set));

  const page = await serve(PAGE_DIST);
  const pageDetails: Record<string, PageSetDetails> = {};
  const notebookTemplates = templates();
  const failedInPage = new FailedAnalyses();
  try {
    for (const set of plan.sets) {
      log(`Longtail in Chromium: ${set.label}`);
      const d = await results.attempt(`Longtail on ${set.label}`, () =>
        measurePage(page.url, set, files.get(set)!, notebookTemplates, plan.notebookRuns, failedInPage, results),
      );
      if (d) pageDetails[set.label] = d;
    }
  } finally {
    await page.close();
  }

  const peers: Record<string, { version: string; threads: number } | { missing: string }> = {};
  for (const p of PEERS) {
    let peer: Peer;
    try {
      peer = await RemotePeer.open(p.kind);
    } catch (err) {
      const missing = err instanceof Error ? err.message : String(err);
      peers[p.name] = { missing };
      log(`Peer ${p.name} not available: ${missing}`);
      continue;
    }
    peers[p.name] = { version: peer.version, threads: peer.threads };
    const failedHere = new FailedAnalyses();
    try {
      for (const [k, set] of plan.sets.entries()) {
        log(`${peer.name}: ${set.label}`);
        await measurePeer(peer, p.column, set, files.get(set)!, { warmUp: k === 0, failedInPage, failedHere }, results);
      }
    } finally {
      await peer.close();
    }
  }

  log('Cold start of the app');
  const visits = await coldStart(plan, results);

  let largestDetails: Awaited<ReturnType<typeof largest>> | null = null;
  if (plan.largest.length) {
    const biggest = [...plan.sets].filter((s) => s.locale === 'en').sort((a, b) => b.scale - a.scale)[0]!;
    const server = await serve(PAGE_DIST);
    try {
      largestDetails = await largest(plan, files.get(biggest)!.deals, cache, server.url, results);
    } finally {
      await server.close();
    }
  }

  const table = markdownTable(results.rows);
  const after = uptime();
  const out = {
    schema: 1,
    mode: plan.mode,
    date: new Date().toISOString(),
    durationSeconds: Math.round((performance.now() - started) / 1000),
    machine: { ...before, uptimeAfter: after },
    versions: {
      node: process.version,
      chromium: await chromiumVersion().catch(() => null),
      duckdbWasmPackage: packageVersion('@duckdb/duckdb-wasm'),
      duckdbInWasm: Object.values(pageDetails)[0]?.engineVersion ?? null,
      peers,
      commit: commit(REPO),
    },
    plan,
    dataSets: Object.fromEntries([...files].map(([set, f]) => [set.label, { deals: { rows: f.deals.rows, bytes: f.deals.bytes }, partners: f.partners?.rows ?? null }])),
    rows: results.rows,
    details: { page: pageDetails, coldStart: visits, largest: largestDetails },
    failures: results.failures,
    table,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, plan.mode === 'full' ? 'latest.json' : 'latest-quick.json');
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');

  console.log(`\n${table}\n`);
  for (const [name, p] of Object.entries(peers)) if ('missing' in p) console.log(`Peer ${name} not measured: ${p.missing}`);
  console.log(`Before: ${before.uptime}\nAfter:  ${after}`);
  log(`Wrote ${path.relative(REPO, file)}`);
  if (results.failures.length) {
    console.error(`\n${results.failures.length} measurement(s) failed:`);
    for (const f of results.failures) console.error(`- ${f.what}: ${f.message}`);
    return 1;
  }
  return 0;
}
