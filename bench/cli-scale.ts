/**
 * The command line at scale: `longtail run` of the RFM and long-tail templates on native DuckDB, with
 * the deals CSV (and the partners CSV) the demo generator writes, imported through --data as a user
 * would, at 5, 20 and 100 million deals. Each run is its own process, as a user starts it: the figure is
 * its wall time from start to exit (import and run all); its report gives the split and the process's
 * peak resident memory (DuckDB runs inside it, so that is the whole footprint).
 *
 * Every run has `--memory-limit` (8GB in the plans): the machine is shared, and beyond the limit DuckDB
 * spills to its temporary folder, as it would on a laptop.
 *
 * The 20 M and 100 M files are 4 and 20 copies of the 5 M file's rows (deal ids repeat; the pipeline
 * and the templates do not mind). Disk: 0.53 GiB, 2.1 GiB and 10.5 GiB of CSV, kept in the data cache;
 * the import links the file into DuckDB's folder rather than copying it, and DuckDB spills to that
 * folder only when memory runs short.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataCache, DataFile } from './data';
import { formatBytes, formatMs } from './format';
import type { CliSetPlan } from './plan';
import type { Results } from './results';
import { summarize } from './stats';

export const CLI_TEMPLATES = ['rfm.md', 'long-tail.md'] as const;

export interface CliRun {
  set: string;
  template: string;
  wallMs: number;
  exitCode: number | null;
  dataMs: number | null;
  runMs: number | null;
  maxRssBytes: number | null;
  failedCells: string[];
}

export interface CliSetDetails {
  deals: DataFile;
  partners: DataFile;
  diskBytes: number;
  runs: CliRun[];
}

/** Builds the command line once, before anything is timed (the launcher would otherwise build it in the first run). */
export function buildCli(repo: string): void {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/longtail.mjs'), '--build-only'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('The command line could not be built (node bin/longtail.mjs --build-only).');
}

/** One `longtail run`, timed from spawn to exit; the child's --json gives the split and its peak memory. */
async function runOnce(repo: string, template: string, files: DataFile[], limitMs: number, memoryLimit: string): Promise<Omit<CliRun, 'set' | 'template'>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'longtail-bench-cli-'));
  const json = path.join(dir, 'report.json');
  const args = [path.join(repo, 'bin/longtail.mjs'), 'run', path.join(repo, 'notebooks', template), ...files.flatMap((f) => ['--data', f.path]), '--memory-limit', memoryLimit, '--json', json];
  try {
    const started = performance.now();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
      child.on('error', reject);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c, stderr: err });
      });
    });
    const wallMs = performance.now() - started;
    let report: { timings: { dataMs: number; runMs: number }; resources: { maxRssBytes: number }; cells: { name: string; status: string }[] } | null = null;
    try {
      report = JSON.parse(readFileSync(json, 'utf8'));
    } catch {
      throw new Error(`longtail run ${template} wrote no report (exit ${code ?? 'killed at the time limit'}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
    }
    return {
      wallMs,
      exitCode: code,
      dataMs: report!.timings.dataMs,
      runMs: report!.timings.runMs,
      maxRssBytes: report!.resources.maxRssBytes,
      failedCells: report!.cells.filter((c) => c.status !== 'done').map((c) => c.name),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface CliLimits {
  timeMs: number;
  memory: string;
}

export async function measureCli(repo: string, cache: DataCache, sets: readonly CliSetPlan[], limits: CliLimits, results: Results, log: (m: string) => void): Promise<Record<string, CliSetDetails>> {
  const details: Record<string, CliSetDetails> = {};
  for (const set of sets) {
    const source = await cache.deals(set.scale, 'en');
    const deals = set.copies > 1 ? await cache.repeated(source, set.copies) : source;
    const partners = await cache.partners(set.scale);
    const diskBytes = deals.bytes + partners.bytes;
    details[set.label] = { deals, partners, diskBytes, runs: [] };
    results.add({
      section: 'Command line, native DuckDB',
      what: `Data files on disk (deals CSV, ${deals.rows.toLocaleString('en')} rows, and partners CSV)`,
      data: set.label,
      unit: 'bytes',
      longtail: summarize([diskBytes]),
    });
    for (const template of CLI_TEMPLATES) {
      const what = `longtail run ${template} --data deals.csv --data partners.csv --memory-limit ${limits.memory}: import + run all`;
      log(`Command line: ${template} on ${set.label} (${formatBytes(deals.bytes)} of deals)`);
      const row = results.row('Command line, native DuckDB', what, set.label, 'ms');
      try {
        const runs: CliRun[] = [];
        for (let k = 0; k < set.runs; k++) runs.push({ set: set.label, template, ...(await runOnce(repo, template, [deals, partners], limits.timeMs, limits.memory)) });
        details[set.label]!.runs.push(...runs);
        const failed = runs.flatMap((r) => r.failedCells);
        if (failed.length) throw new Error(`cells did not run: ${[...new Set(failed)].join(', ')}`);
        row.longtail = summarize(runs.map((r) => r.wallMs));
        const mid = [...runs].sort((a, b) => a.wallMs - b.wallMs)[runs.length >> 1]!;
        row.text = `${formatMs(mid.wallMs)}${runs.length > 1 ? ` (median of ${runs.length})` : ''}: import ${formatMs(mid.dataMs!)}, run all ${formatMs(mid.runMs!)}; peak memory ${formatBytes(Math.max(...runs.map((r) => r.maxRssBytes!)))}`;
      } catch (err) {
        results.failCell(row, 'longtail', err);
      }
    }
  }
  return details;
}
