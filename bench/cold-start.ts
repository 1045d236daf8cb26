/**
 * Cold start of the real app, timed from navigation start by the page's own clock: to its first result
 * on screen (the first cell of the opening notebook that reaches `done`: the live engine has answered),
 * and to the last session's results on screen (a cell marked `data-from-last-session`, shown before the
 * engine is up), when the app shows them.
 *
 * First visit: a fresh browser profile, so nothing is cached; it includes putting the demo workspace in
 * place, as a new user's first visit does. Later visit: the same profile after the browser was closed and
 * started again, the service worker serving the app and the workspace read back from the browser's
 * storage.
 *
 * The reference: a bare DuckDB-WASM page (bench/page/bare.ts) visited the same two ways, to the answer of
 * `SELECT 1`.
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, FLAGS } from './chromium';

export interface Visit {
  /** ms from navigation start to the first cell done. */
  firstResultMs: number;
  /** ms from navigation start to the first cell shown from the last session; null when none was shown. */
  lastResultsMs: number | null;
  /** Same-origin responses, and how many of them the service worker served. */
  responses: number;
  fromServiceWorker: number;
}

export interface BareVisit {
  /** ms from navigation start to the answer of SELECT 1. */
  readyMs: number;
}

const LIMIT_MS = 180_000;

/**
 * Records, from the first script the page runs, when a finished cell first shows up, and when a cell
 * from the last session first does (visible: in the layout).
 */
function watchResults(): void {
  const w = window as unknown as { __firstResultMs?: number; __lastResultsMs?: number };
  const timer = setInterval(() => {
    if (w.__lastResultsMs === undefined) {
      const last = document.querySelector<HTMLElement>('[data-from-last-session]');
      if (last && last.getClientRects().length > 0) w.__lastResultsMs = performance.now();
    }
    if (document.querySelector('[data-testid="cell"][data-status="done"]')) {
      w.__firstResultMs = performance.now();
      clearInterval(timer);
    }
  }, 5);
}

async function open(profile: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, viewport: { width: 1280, height: 800 } });
  await context.addInitScript(watchResults);
  return context;
}

async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const origin = new URL(url).origin;
  let responses = 0;
  let fromServiceWorker = 0;
  context.on('response', (r) => {
    if (!r.url().startsWith(origin)) return;
    responses++;
    if (r.fromServiceWorker()) fromServiceWorker++;
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  const handle = await page.waitForFunction(() => (window as unknown as { __firstResultMs?: number }).__firstResultMs, undefined, {
    timeout: LIMIT_MS,
    polling: 50,
  });
  const firstResultMs = (await handle.jsonValue()) as number;
  const lastResultsMs = await page.evaluate(() => (window as unknown as { __lastResultsMs?: number }).__lastResultsMs ?? null);
  return { firstResultMs, lastResultsMs, responses, fromServiceWorker };
}

/** Lets the first visit finish what a user's would before they close the tab: caching, running, saving. */
async function settle(context: BrowserContext): Promise<void> {
  const page = context.pages()[0]!;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="cell"][data-status="running"], [data-testid="cell"][data-status="queued"]'), undefined, {
    timeout: 120_000,
  });
  // Autosave writes within a second of the last change.
  await page.waitForTimeout(2000);
}

async function withProfile<T>(fn: (profile: string) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(path.join(tmpdir(), 'longtail-bench-profile-'));
  try {
    return await fn(profile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function withBrowser<T>(profile: string, fn: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await open(profile);
  try {
    return await fn(context);
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** One first visit and one later visit of the app, on a profile of their own. */
export function coldStartPair(url: string): Promise<{ first: Visit; later: Visit }> {
  return withProfile(async (profile) => {
    const first = await withBrowser(profile, async (context) => {
      const v = await visit(context, url);
      await settle(context);
      return v;
    });
    const later = await withBrowser(profile, (context) => visit(context, url));
    return { first, later };
  });
}

async function bareVisit(context: BrowserContext, url: string): Promise<BareVisit> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as { __bareReadyMs?: number; __bareError?: string };
      if (w.__bareError) throw new Error(w.__bareError);
      return w.__bareReadyMs;
    },
    undefined,
    { timeout: LIMIT_MS, polling: 50 },
  );
  return { readyMs: (await handle.jsonValue()) as number };
}

/** The bare DuckDB-WASM page (`bare.html` of the bench page's build), visited as the app is. */
export function barePair(url: string): Promise<{ first: BareVisit; later: BareVisit }> {
  return withProfile(async (profile) => {
    const first = await withBrowser(profile, (context) => bareVisit(context, url));
    const later = await withBrowser(profile, (context) => bareVisit(context, url));
    return { first, later };
  });
}
