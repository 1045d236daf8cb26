/**
 * The largest table a tab takes through the import pipeline. For each big file: first as the app
 * ships (its size guard, src/ingest/limits.ts, answers before anything is read), then with the guard
 * lifted, to see where the engine itself stops and how: a clear error, a crashed tab, or no answer
 * within the time limit. After a failure the page must still answer. The real app, given the first
 * file, is photographed with what the user sees.
 */
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, FLAGS } from './chromium';
import type { DataFile } from './data';
import { formatBytes, formatMs, formatRows } from './format';
import { BenchPage } from './page-driver';
import { TimeLimitError, withTimeLimit } from './time-limit';
import type { PageFailure, PipelineTiming } from './page/protocol';
import type { Results } from './results';
import { summarize } from './stats';

export interface Outcome {
  kind: 'imported' | 'refused' | 'error' | 'crashed' | 'no answer';
  elapsedMs: number | null;
  message: string;
  /** The page answered a query afterwards. */
  responsive: boolean | null;
  peakMemoryBytes: number | null;
}

export interface ProbeDetails {
  rows: number;
  bytes: number;
  withGuard: Outcome | null;
  guardLifted: Outcome | null;
}

function fromPipeline(t: PipelineTiming | PageFailure): Omit<Outcome, 'responsive' | 'peakMemoryBytes'> {
  if (!('failed' in t)) return { kind: 'imported', elapsedMs: t.totalMs, message: `${formatRows(t.rows)} rows in ${formatMs(t.totalMs)}` };
  return { kind: t.code === 'too-large' ? 'refused' : 'error', elapsedMs: t.elapsedMs, message: `${t.message} ${t.hint}`.trim() };
}

async function attemptImport(page: BenchPage, unlimited: boolean, limitMs: number): Promise<Outcome> {
  const t0 = performance.now();
  let outcome: Omit<Outcome, 'responsive' | 'peakMemoryBytes'>;
  try {
    outcome = fromPipeline(await page.call('pipeline', [{ file: 0, table: 'deals', unlimited }], limitMs));
  } catch (err) {
    const elapsedMs = performance.now() - t0;
    const message = err instanceof Error ? err.message : String(err);
    outcome = err instanceof TimeLimitError ? { kind: 'no answer', elapsedMs, message } : { kind: 'crashed', elapsedMs, message };
  }
  const responsive = await withTimeLimit(page.call('ping', [], 10_000), 10_000, 'ping')
    .then(() => true)
    .catch(() => false);
  return { ...outcome, responsive, peakMemoryBytes: await page.peakMemory() };
}

function describe(o: Outcome): string {
  const after = o.elapsedMs === null ? '' : ` after ${formatMs(o.elapsedMs)}`;
  const page = o.responsive === false ? '; the page no longer answered' : o.responsive ? '; the page still answered' : '';
  const memory = o.peakMemoryBytes === null ? '' : `; tab peak ${formatBytes(o.peakMemoryBytes)}`;
  switch (o.kind) {
    case 'imported':
      return `imported: ${o.message}${memory}`;
    case 'refused':
      return `refused${after}: “${o.message}”`;
    case 'error':
      return `failed${after}: “${o.message}”${page}${memory}`;
    case 'crashed':
      return `tab crashed${after} (${o.message})${memory}`;
    case 'no answer':
      return `no answer${after}${page}${memory}`;
  }
}

export async function probe(pageUrl: string, file: DataFile, attempts: { guard: boolean; lifted: boolean }, limitMs: number, results: Results): Promise<ProbeDetails> {
  const label = `${formatRows(file.rows)} rows, ${formatBytes(file.bytes)}`;
  // A fresh tab for each attempt: the lifted attempt must not inherit memory from the other.
  const run = async (unlimited: boolean) => {
    const page = await BenchPage.open(pageUrl, [file.path]);
    try {
      await page.call('start', []);
      return await attemptImport(page, unlimited, limitMs);
    } finally {
      await page.close();
    }
  };
  const withGuard = attempts.guard ? await run(false) : null;
  if (withGuard) results.add({ section: 'Largest table', what: 'As shipped (size guard on)', data: label, unit: 'ms', longtail: null, text: describe(withGuard) });
  const guardLifted = attempts.lifted ? await run(true) : null;
  if (guardLifted) {
    results.add({
      section: 'Largest table',
      what: 'Guard lifted (what the engine does)',
      data: label,
      unit: 'ms',
      longtail: guardLifted.kind === 'imported' && guardLifted.elapsedMs !== null ? summarize([guardLifted.elapsedMs]) : null,
      text: describe(guardLifted),
    });
  }
  return { rows: file.rows, bytes: file.bytes, withGuard, guardLifted };
}

/** The real app given the file through its Open… input: what the import dialog shows, as a screenshot. */
export async function appScreenshot(appUrl: string, file: DataFile, out: string): Promise<string> {
  const profile = mkdtempSync(path.join(tmpdir(), 'longtail-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, viewport: { width: 1280, height: 800 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(appUrl);
    await page.waitForSelector('[data-testid="cell"][data-status="done"]', { timeout: 180_000 });
    await page.setInputFiles('[data-testid="file-input"]', file.path);
    const problem = page.locator('[data-testid="import-dialog"] [data-testid="import-error"]');
    await problem.waitFor({ timeout: 120_000 });
    await page.screenshot({ path: out });
    return (await problem.innerText()).replace(/\s+/g, ' ').trim();
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
