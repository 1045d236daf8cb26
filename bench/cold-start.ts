/**
 * Cold start of the real app, to its first result on screen (the first cell of the opening notebook
 * that reaches `done`), timed from navigation start by the page's own clock.
 *
 * First visit: a fresh browser profile, so nothing is cached; it includes building the demo workspace,
 * as a new user's first visit does. Later visit: the same profile after the browser was closed and
 * started again, the service worker serving the app and the workspace read back from the browser's
 * storage.
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, FLAGS } from './chromium';

export interface Visit {
  /** ms from navigation start to the first cell done. */
  firstResultMs: number;
  /** Same-origin responses, and how many of them the service worker served. */
  responses: number;
  fromServiceWorker: number;
}

const FIRST_RESULT_LIMIT_MS = 180_000;

/** Records, from the first script the page runs, when a finished cell first shows up. */
function watchFirstResult(): void {
  const w = window as unknown as { __firstResultMs?: number };
  const timer = setInterval(() => {
    if (document.querySelector('[data-testid="cell"][data-status="done"]')) {
      w.__firstResultMs = performance.now();
      clearInterval(timer);
    }
  }, 5);
}

async function open(profile: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, viewport: { width: 1280, height: 800 } });
  await context.addInitScript(watchFirstResult);
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
    timeout: FIRST_RESULT_LIMIT_MS,
    polling: 50,
  });
  const firstResultMs = (await handle.jsonValue()) as number;
  return { firstResultMs, responses, fromServiceWorker };
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

async function withBrowser<T>(profile: string, fn: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await open(profile);
  try {
    return await fn(context);
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** One first visit and one later visit, on a profile of their own. */
export async function coldStartPair(url: string): Promise<{ first: Visit; later: Visit }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'longtail-bench-profile-'));
  try {
    const first = await withBrowser(profile, async (context) => {
      const v = await visit(context, url);
      await settle(context);
      return v;
    });
    const later = await withBrowser(profile, (context) => visit(context, url));
    return { first, later };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
