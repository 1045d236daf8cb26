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
import { barePair, coldStartPair, type BareVisit, type Visit } from './cold-start';
import { DataCache, type DataFile } from './data';
import { appScreenshot, probe, type ProbeDetails } from './largest';
import { buildCli, measureCli, type CliSetDetails } from './cli-scale';
import { commit, machine, packageVersion, uptime } from './machine';
import {
  FailedAnalyses,
  measureAppMemory,
  measurePage,
  measureThreaded,
  PIPELINE,
  PIPELINE_THREADED,
  threadedRow,
  type PageSetDetails,
  type SetFiles,
  type Template,
  type ThreadedDetails,
} from './page-suite';
import { BENCH_ANALYSES } from './analyses';
import type { EngineInfo } from './page/protocol';
import { targetRows, targetsTable } from './targets';
import os from 'node:os';
import { measurePeer, type PeerColumn } from './peer-suite';
import type { Peer } from './peers/peer';
import type { PeerKind } from './peers/peer-service';
import { RemotePeer } from './peers/remote-peer';
import { FULL, QUICK, planFor, type DataSetPlan, type Plan } from './plan';
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

function sizes(results: Results): number {
  const js = initialJs(APP_DIST);
  const cached = precache(APP_DIST);
  const add = (what: string, bytes: number) => results.add({ section: 'Memory and size', what, data: '', unit: 'bytes', longtail: summarize([bytes]) });
  const files = (n: number) => (n === 1 ? '1 file' : `${n} files`);
  add(`Initial JavaScript, gzip (${files(js.files)}; ${(js.bytes / 2 ** 20).toFixed(1)} MiB raw)`, js.gzipBytes);
  add(`Precached by the service worker (${files(cached.files)}; ${(cached.gzipBytes / 2 ** 20).toFixed(1)} MiB gzip)`, cached.bytes);
  return js.gzipBytes;
}

const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');

export interface ColdStart {
  pairs: { first: Visit; later: Visit }[];
  bare: { first: BareVisit; later: BareVisit }[];
  /** The 1, 5 and 15 minute load averages before and after the cold starts. */
  loadBefore: string;
  loadAfter: string;
}

/**
 * The app's cold starts and the bare DuckDB-WASM page's, alternated (app first on even runs, bare first
 * on odd ones) so that neither always runs on a machine in the same state.
 */
async function coldStart(plan: Plan, results: Results): Promise<ColdStart> {
  const app = await serve(APP_DIST, 'app');
  const page = await serve(PAGE_DIST, 'isolated');
  const pairs: { first: Visit; later: Visit }[] = [];
  const bare: { first: BareVisit; later: BareVisit }[] = [];
  const loadBefore = loadAverage();
  try {
    for (let k = 0; k < plan.coldStartRuns; k++) {
      const runApp = async () => {
        const pair = await results.attempt(`Cold start ${k + 1}`, () => coldStartPair(app.url));
        if (pair) pairs.push(pair);
      };
      const runBare = async () => {
        const pair = await results.attempt(`Bare DuckDB-WASM page ${k + 1}`, () => barePair(new URL('bare.html', page.url).href));
        if (pair) bare.push(pair);
      };
      if (k % 2 === 0) await runApp().then(runBare);
      else await runBare().then(runApp);
    }
  } finally {
    await app.close();
    await page.close();
  }
  const loadAfter = loadAverage();
  const load = `load average ${loadBefore} → ${loadAfter}`;
  if (pairs.length) {
    const laterSw = pairs.every((p) => p.later.fromServiceWorker > 0 && p.later.fromServiceWorker === p.later.responses);
    results.add({ section: 'Cold start', what: 'First visit to first result (fresh profile; puts the demo workspace in place)', data: '', unit: 'ms', longtail: summarize(pairs.map((p) => p.first.firstResultMs)) });
    results.add({
      section: 'Cold start',
      what: `Later visit to first result (browser restarted; ${laterSw ? 'every request served by the service worker' : 'NOT all requests served by the service worker'})`,
      data: '',
      unit: 'ms',
      longtail: summarize(pairs.map((p) => p.later.firstResultMs)),
    });
    const last = pairs.map((p) => p.later.lastResultsMs).filter((v): v is number => v !== null);
    results.add({
      section: 'Cold start',
      what: 'Later visit to the last session’s results on screen (a cell marked data-from-last-session)',
      data: '',
      unit: 'ms',
      longtail: last.length === pairs.length ? summarize(last) : null,
      ...(last.length === pairs.length ? {} : { text: 'not measured: the app marked no cell data-from-last-session' }),
    });
  }
  if (bare.length) {
    results.add({ section: 'Cold start', what: `Bare DuckDB-WASM page, first visit to SELECT 1 answered (fresh profile; ${load})`, data: '', unit: 'ms', longtail: summarize(bare.map((b) => b.first.readyMs)) });
    results.add({ section: 'Cold start', what: `Bare DuckDB-WASM page, later visit to SELECT 1 answered (browser restarted; ${load})`, data: '', unit: 'ms', longtail: summarize(bare.map((b) => b.later.readyMs)) });
  }
  return { pairs, bare, loadBefore, loadAfter };
}

async function largest(plan: Plan, source: DataFile, cache: DataCache, pageUrl: string, results: Results) {
  const probes: ProbeDetails[] = [];
  let screenshot: { file: string; text: string } | undefined;
  for (const attempts of plan.largest) {
    const file = await cache.repeated(source, attempts.copies);
    log(`Largest table: ${file.rows} rows`);
    const p = await results.attempt(`Largest table, ${file.rows} rows`, () => probe(pageUrl, file, attempts, plan.largestLimitMs, results));
    if (p) probes.push(p);
    // What the user sees of a file the guard refuses.
    if (!screenshot && p?.withGuard?.kind === 'refused') {
      const out = path.join(RESULTS_DIR, 'largest-table-app.png');
      const server = await serve(APP_DIST, 'app');
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

/**
 * The multi-threaded build's rows are compared with the same native figures as the single-threaded
 * ones: the peers ran each import and analysis once, into the single-threaded rows.
 */
function shareNativeFigures(plan: Plan, results: Results): void {
  for (const set of plan.sets.filter((s) => s.threaded)) {
    const pairs: [string, string, 'Import' | 'Analytics, warm'][] = [[PIPELINE_THREADED, PIPELINE, 'Import'], ...BENCH_ANALYSES.map((id) => [threadedRow(id), id, 'Analytics, warm'] as [string, string, 'Analytics, warm'])];
    for (const [threaded, single, section] of pairs) {
      const own = results.rows.find((r) => r.section === section && r.what === threaded && r.data === set.label);
      const peer = results.rows.find((r) => r.section === section && r.what === single && r.data === set.label);
      if (own && peer?.native) own.native = peer.native;
    }
  }
}

async function commandLine(plan: Plan, cache: DataCache, results: Results): Promise<Record<string, CliSetDetails> | null> {
  if (plan.cli.length === 0) return null;
  log('Building the command line');
  buildCli(REPO);
  return measureCli(REPO, cache, plan.cli, { timeMs: plan.cliLimitMs, memory: plan.cliMemoryLimit }, results, log);
}

/** `--cli`: the command line part alone, written to bench/results/latest-cli.json (latest-quick-cli.json). */
async function commandLineOnly(plan: Plan): Promise<number> {
  const results = new Results();
  const before = machine();
  log(`Longtail benchmark, ${plan.mode} run (${plan.cli.map((c) => c.label).join(', ')}), on ${before.cpus} × ${before.cpuModel}. ${before.uptime}`);
  const details = await commandLine(plan, new DataCache(REPO), results);
  return finish(plan, results, before, {
    versions: { node: process.version, duckdbNode: packageVersion('@duckdb/node-api'), commit: commit(REPO) },
    details: { cli: details },
  });
}

/** latest.json, latest-quick.json, latest-cli.json; a run of some command-line sets only names them (latest-cli-100M.json). */
export function resultsFile(plan: Plan): string {
  const all = plan.mode === 'cli' ? FULL.cli : plan.mode === 'quick-cli' ? QUICK.cli : plan.cli;
  const some = plan.cli.length < all.length ? `-${plan.cli.map((c) => c.label.replace(/\s/g, '')).join('-')}` : '';
  return `latest${plan.mode === 'full' ? '' : `-${plan.mode}`}${some}.json`;
}

/** Writes the results file and prints the table, then `appendix` (the targets of issue 16) when given. */
function finish(plan: Plan, results: Results, before: ReturnType<typeof machine>, extra: Record<string, unknown>, after = uptime(), appendix = ''): number {
  const table = markdownTable(results.rows);
  const out = {
    schema: 1,
    mode: plan.mode,
    date: new Date().toISOString(),
    durationSeconds: Math.round((performance.now() - started) / 1000),
    machine: { ...before, uptimeAfter: after },
    ...extra,
    plan,
    rows: results.rows,
    failures: results.failures,
    table,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, resultsFile(plan));
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`\n${table}\n${appendix ? `\n${appendix}\n` : ''}`);
  console.log(`Before: ${before.uptime}\nAfter:  ${after}`);
  log(`Wrote ${path.relative(REPO, file)}`);
  if (results.failures.length) {
    console.error(`\n${results.failures.length} measurement(s) failed:`);
    for (const f of results.failures) console.error(`- ${f.what}: ${f.message}`);
    return 1;
  }
  return 0;
}

/** `--cold`: the app's cold starts and the bare DuckDB-WASM page's, with the initial JavaScript. */
async function coldStartOnly(plan: Plan): Promise<number> {
  const results = new Results();
  log('Building the app and the bench page');
  buildApp(REPO);
  buildPage(REPO);
  sizes(results);
  log('Cold start of the app and of a bare DuckDB-WASM page');
  const visits = await coldStart(plan, results);
  console.log(markdownTable(results.rows));
  console.log(JSON.stringify(visits, null, 1));
  return 0;
}

export async function main(args: string[]): Promise<number> {
  const plan = planFor(args);
  if (plan.mode === 'cli' || plan.mode === 'quick-cli') return commandLineOnly(plan);
  if (plan.mode === 'cold') return coldStartOnly(plan);
  const results = new Results();
  const before = machine();
  log(`Longtail benchmark, ${plan.mode} run, on ${before.cpus} × ${before.cpuModel}. ${before.uptime}`);

  log('Building the app and the bench page');
  buildApp(REPO);
  buildPage(REPO);
  const initialJsGzip = sizes(results);

  log('Writing the data sets (reused from earlier runs when the generator is unchanged)');
  const cache = new DataCache(REPO);
  const files = new Map<DataSetPlan, SetFiles>();
  for (const set of plan.sets) files.set(set, await dataFor(cache, set));

  const page = await serve(PAGE_DIST, 'isolated');
  const pageDetails: Record<string, PageSetDetails> = {};
  const notebookTemplates = templates();
  const failedInPage = new FailedAnalyses();
  const failedThreaded = new FailedAnalyses();
  const threadedDetails: Record<string, ThreadedDetails> = {};
  const appMemoryEngine: Record<string, EngineInfo | null> = {};
  try {
    for (const set of plan.sets) {
      log(`Longtail in Chromium: ${set.label}`);
      const d = await results.attempt(`Longtail on ${set.label}`, () =>
        measurePage(page.url, set, files.get(set)!, notebookTemplates, plan.notebookRuns, failedInPage, results),
      );
      if (d) pageDetails[set.label] = d;
    }
    for (const set of plan.sets.filter((s) => s.threaded)) {
      log(`Longtail in Chromium, multi-threaded build: ${set.label}`);
      threadedDetails[set.label] = await measureThreaded(page.url, set, files.get(set)!, failedThreaded, results);
    }
    for (const set of plan.sets.filter((s) => s.appMemory)) {
      log(`Longtail in Chromium, the workspace as the app keeps it: ${set.label}`);
      appMemoryEngine[set.label] = await measureAppMemory(page.url, set, files.get(set)!, notebookTemplates, failedInPage, results);
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

  shareNativeFigures(plan, results);

  log('Cold start of the app and of a bare DuckDB-WASM page');
  const visits = await coldStart(plan, results);

  let largestDetails: Awaited<ReturnType<typeof largest>> | null = null;
  if (plan.largest.length) {
    const biggest = [...plan.sets].filter((s) => s.locale === 'en').sort((a, b) => b.scale - a.scale)[0]!;
    const server = await serve(PAGE_DIST, 'isolated');
    try {
      largestDetails = await largest(plan, files.get(biggest)!.deals, cache, server.url, results);
    } finally {
      await server.close();
    }
  }

  log('The command line at scale');
  const cliDetails = await commandLine(plan, cache, results);

  const laterRows = (pick: (v: Visit) => number | null) => {
    const values = visits.pairs.map((p) => pick(p.later));
    return values.length && values.every((v) => v !== null) ? summarize(values as number[]) : null;
  };
  const targets = targetRows({
    rows: results.rows,
    initialJsGzip,
    firstVisit: visits.pairs.length ? summarize(visits.pairs.map((p) => p.first.firstResultMs)) : null,
    laterVisit: laterRows((v) => v.firstResultMs),
    lastResults: laterRows((v) => v.lastResultsMs),
    bareLater: visits.bare.length ? summarize(visits.bare.map((b) => b.later.readyMs)) : null,
    largest: (largestDetails?.probes ?? [])
      .filter((p) => p.withGuard)
      .map((p) => ({ rows: p.rows, outcome: p.withGuard!.kind, message: p.withGuard!.message })),
  });
  const targetTable = targetsTable(targets);
  const after = uptime();
  for (const [name, p] of Object.entries(peers)) if ('missing' in p) console.log(`Peer ${name} not measured: ${p.missing}`);
  return finish(plan, results, before, {
    versions: {
      node: process.version,
      chromium: await chromiumVersion().catch(() => null),
      duckdbWasmPackage: packageVersion('@duckdb/duckdb-wasm'),
      duckdbInWasm: Object.values(pageDetails)[0]?.engineVersion ?? null,
      peers,
      commit: commit(REPO),
    },
    dataSets: Object.fromEntries([...files].map(([set, f]) => [set.label, { deals: { rows: f.deals.rows, bytes: f.deals.bytes }, partners: f.partners?.rows ?? null }])),
    details: { page: pageDetails, threaded: threadedDetails, appMemoryEngine, coldStart: visits, largest: largestDetails, cli: cliDetails },
    targets,
    targetTable,
  }, after, targetTable);
}
