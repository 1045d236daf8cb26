/**
 * Launching Debian's Chromium with the flags that keep the browser itself quiet, so that every request
 * we see is the app's — and recording them all, to prove none leaves the app's origin.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { CHROMIUM, FLAGS } from './chromium';

export interface AppSession {
  browser: Browser | null;
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Every URL requested by the page, its workers and service worker. */
  requests: string[];
  /** Requests that went anywhere but the app's own origin (data: and blob: are local). */
  foreign(): string[];
  close(): Promise<void>;
}

export async function openApp(
  options: {
    userDataDir?: string;
    viewport?: { width: number; height: number };
    baseUrl?: string;
    /** The browser's language (fr-FR): navigator.languages and Accept-Language. */
    locale?: string;
    /** Called before the first navigation (to route requests from the very start). */
    beforeOpen?: (context: BrowserContext) => Promise<void>;
  } = {},
): Promise<AppSession> {
  const baseUrl = options.baseUrl ?? inject('baseUrl');
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  // Always a persistent context on an explicit profile folder: a fresh one unless the test reuses one
  // (playwright refuses --user-data-dir as a plain flag).
  const browser = null as Browser | null;
  const dir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'longtail-e2e-'));
  const args = options.locale ? [...FLAGS, `--lang=${options.locale}`] : FLAGS;
  const context: BrowserContext = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args, viewport, acceptDownloads: true, ...(options.locale ? { locale: options.locale } : {}) });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await options.beforeOpen?.(context);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('[page error]', e.message, e.stack));
  await page.goto(baseUrl);
  const origin = new URL(baseUrl).origin;
  return {
    browser,
    context,
    page,
    baseUrl,
    requests,
    foreign: () => requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')),
    close: async () => {
      await context.close();
      await browser?.close();
    },
  };
}

/** Waits until no cell is queued or running. */
export async function settled(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid="cell"]').length > 0 &&
      !document.querySelector('[data-testid="cell"][data-status="running"], [data-testid="cell"][data-status="queued"]'),
    undefined,
    { timeout },
  );
}

export function cell(page: Page, name: string) {
  return page.locator(`[data-testid="cell"][data-name="${name}"]`);
}

/**
 * Adds a SQL cell at the end and types `sql` into it, without running it; returns the new cell's name.
 * Typing waits for the new editor to have the focus, and the text is checked afterwards: on a loaded
 * machine keys sent too early were lost and the cell ran a fragment.
 */
export async function typeNewSqlCell(page: Page, sql: string): Promise<string> {
  const count = await page.locator('[data-testid="cell"]').count();
  await page.getByRole('button', { name: /^(Add a SQL cell here|Ajouter une cellule SQL ici)$/ }).last().click();
  const added = page.locator('[data-testid="cell"]').nth(count);
  await added.locator('.cm-editor.cm-focused').waitFor({ timeout: 30_000 });
  await page.keyboard.type(sql);
  const name = (await added.getAttribute('data-name'))!;
  const typed = await added.locator('.cm-content').evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
  if (typed !== sql) throw new Error(`The new cell ${name} holds ${JSON.stringify(typed)}, not the typed ${JSON.stringify(sql)}`);
  return name;
}

/** Replaces the text of a cell's CodeMirror editor as a user would (select all, type). */
export async function typeInto(page: Page, name: string, text: string): Promise<void> {
  const editor = cell(page, name).locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await editor.pressSequentially(text, { delay: 0 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync('test-results', { recursive: true });
  const file = path.join('test-results', `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Runs the focused cell (Ctrl+Enter) and waits for its new result: an edited cell is "stale" until its run ends. */
export async function runEdited(page: Page, name: string, timeout = 60_000): Promise<void> {
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(
    (n) => ['done', 'error'].includes(document.querySelector(`[data-testid="cell"][data-name="${n}"]`)?.getAttribute('data-status') ?? ''),
    name,
    { timeout },
  );
  await settled(page, timeout);
}

/**
 * A cell's result rows as text (row numbers left out), once every visible row has its values: a row
 * shows "…" until its page of values arrives from DuckDB.
 */
export async function resultRows(page: Page, name: string, timeout = 30_000): Promise<string[][]> {
  const body = cell(page, name).locator('[data-testid="cell-result"] tbody');
  await body.waitFor({ timeout }).catch(async (e: unknown) => {
    // Say what the cell shows instead (an error, "No rows"…): a bare timeout explains nothing in CI.
    const shown = await cell(page, name).evaluate((el) => `${el.getAttribute('data-status')}: ${(el as HTMLElement).innerText.slice(0, 600)}`).catch(() => 'no such cell');
    throw new Error(`No result table in cell ${name} (${shown})`, { cause: e });
  });
  await page.waitForFunction(
    (n) => {
      const tds = [...document.querySelectorAll(`[data-testid="cell"][data-name="${n}"] [data-testid="cell-result"] tbody td`)];
      return tds.length > 0 && tds.every((td) => td.textContent !== '…');
    },
    name,
    { timeout },
  );
  return body.locator('tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent ?? '')));
}

/** The result rows as one text, a line per row and a tab between values. */
export async function resultText(page: Page, name: string): Promise<string> {
  return (await resultRows(page, name)).map((r) => r.join('\t')).join('\n');
}

/**
 * Clicks a cell's Run button and waits for that run to end. A quick run can start and end between two
 * looks at the page, so "it ended" means: a new finishing time, or an error.
 */
export async function clickRun(page: Page, name: string, timeout = 60_000): Promise<void> {
  const target = cell(page, name);
  const before = await target.getAttribute('data-finished');
  await target.locator('[data-testid="run-cell"]').click();
  await page.waitForFunction(
    ([n, b]) => {
      const el = document.querySelector(`[data-testid="cell"][data-name="${n}"]`);
      const status = el?.getAttribute('data-status');
      return status === 'error' || (status === 'done' && el?.getAttribute('data-finished') !== b);
    },
    [name, before] as const,
    { timeout },
  );
  await settled(page, timeout);
}
