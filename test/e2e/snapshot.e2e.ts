/**
 * Snapshots end to end: shared from the app, saved, opened from file:// with the network off in a
 * fresh browser context, compared with what the app showed; a hostile corpus triggers nothing; a
 * snapshot opened in the app and duplicated gives the same results.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openApp, settled, cell, screenshot, type AppSession } from './browser';
import { CHROMIUM, FLAGS } from './chromium';
import { hostileNotebook } from './hostile';

let app: AppSession;
/** A second browser where snapshot files are opened, as a double click on them would. */
let viewer: Browser;
const outDir = mkdtempSync(path.join(tmpdir(), 'longtail-snapshots-'));
/** The templates' titles, from their files (as the app lists them). */
const TEMPLATE_TITLES = readdirSync('notebooks')
  .filter((f) => f.endsWith('.md'))
  .map((f) => readFileSync(path.join('notebooks', f), 'utf8').match(/^title:\s*(.+)$/m)![1]!.trim());
/** Dialogs (alert, confirm…) opened by any page of the run: must stay empty. */
const dialogs: string[] = [];

beforeAll(async () => {
  app = await openApp();
  viewer = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  app.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await app.page.waitForSelector('[data-testid="cell"]', { timeout: 90_000 });
  await settled(app.page);
});

afterAll(async () => {
  await app?.close();
  await viewer?.close();
});

/** Waits until every code cell has finished (done, error or not run), not merely until none is running. */
async function ranAll(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const cells = [...document.querySelectorAll<HTMLElement>('[data-testid="cell"]:not(.markdown)')];
      return cells.length > 0 && cells.every((c) => ['done', 'error', 'blocked'].includes(c.dataset.status ?? ''));
    },
    undefined,
    { timeout: 90_000 },
  );
}

/** Does `open` and waits for the cells it brings (new elements, keyed by new ids) to have run. */
async function replacingCells(page: Page, open: () => Promise<void>): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('[data-testid="cell"]').forEach((c) => c.setAttribute('data-old', '')));
  await open();
  await page.waitForFunction(() => !document.querySelector('[data-old]') && document.querySelector('[data-testid="cell"]'));
  await ranAll(page);
}

async function openTemplate(page: Page, title: string): Promise<void> {
  await replacingCells(page, () => page.locator('[data-testid="template"]', { hasText: title }).click());
  await expect(page.locator('[data-testid="notebook-title"]').innerText()).resolves.toBe(title);
}

/**
 * Opens notebook text as a user would (Open… a .md file): it waits for the go-ahead ("Run this
 * notebook?"), which the user gives; then waits for its cells to have run.
 */
async function openNotebookText(page: Page, name: string, text: string): Promise<void> {
  await replacingCells(page, async () => {
    await page.locator('[data-testid="file-input"]').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
    await page.locator('[data-testid="run-prompt-run"]').click();
  });
}

/** "Size: 1.2 MB …" (the sizes the workspace panel writes too: bytesIn) → bytes, within the rounding shown. */
function shownBytes(text: string): { bytes: number; precision: number } {
  const m = text.match(/Size: ([\d.]+) (bytes|kB|MB|GB)/);
  if (!m) throw new Error(`no size in ${text}`);
  const unit = { bytes: 1, kB: 1024, MB: 1024 * 1024, GB: 1024 * 1024 * 1024 }[m[2] as 'bytes' | 'kB' | 'MB' | 'GB'];
  const decimals = m[1]!.split('.')[1]?.length ?? 0;
  return { bytes: Number(m[1]) * unit, precision: (unit * 10 ** -decimals) / 2 };
}

/** Shares the open notebook through the dialog; returns the saved file and the size the dialog showed. */
async function share(page: Page, options: { hideCode?: boolean; pseudonymise?: boolean; shot?: string } = {}): Promise<{ file: string; shown: string }> {
  await page.locator('[data-testid="share"]').click();
  const dialog = page.locator('[data-testid="share-dialog"]');
  await dialog.waitFor();
  await dialog.locator('[data-testid="share-hide-code"]').setChecked(options.hideCode ?? true);
  await dialog.locator('[data-testid="share-pseudonymise"]').setChecked(options.pseudonymise ?? false);
  const save = dialog.locator('[data-testid="share-save"]');
  try {
    await expect.poll(() => save.isEnabled(), { timeout: 30_000 }).toBe(true);
  } catch (e) {
    throw new Error(`The snapshot was not ready to save: ${await dialog.innerText()}`, { cause: e });
  }
  const shown = await dialog.locator('[data-testid="share-size"]').innerText();
  if (options.shot) await screenshot(page, options.shot);
  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  const file = path.join(outDir, download.suggestedFilename());
  await download.saveAs(file);
  return { file, shown };
}

interface Viewed {
  page: Page;
  requests: string[];
  errors: string[];
  close(): Promise<void>;
}

/** Opens a snapshot file in a new context with the network off, as a double click would. */
async function view(file: string, viewport = { width: 1280, height: 800 }): Promise<Viewed> {
  const context = await viewer.newContext({ viewport, offline: true });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  await page.locator('[data-testid="snapshot"]').waitFor({ timeout: 30_000 });
  return { page, requests, errors, close: () => context.close() };
}

/** Row count and the first rows' text of each cell result, as shown. */
async function results(page: Page, cellSelector: string): Promise<Record<string, { count: string; rows: string }>> {
  // Rows of a large result arrive a page at a time ("…" until then).
  await page.waitForFunction(() => ![...document.querySelectorAll('tbody td')].some((td) => td.textContent === '…'));
  return page.evaluate((sel) => {
    const out: Record<string, { count: string; rows: string }> = {};
    for (const c of document.querySelectorAll<HTMLElement>(sel)) {
      const count = c.querySelector('[data-testid="row-count"]')?.textContent?.trim();
      if (!count || !c.dataset.name) continue;
      const rows = [...c.querySelectorAll('tbody tr')].slice(0, 5).map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
      out[c.dataset.name] = { count, rows: rows.join('\n') };
    }
    return out;
  }, cellSelector);
}

const APP_CELLS = '[data-testid="cell"]';
const SNAP_CELLS = '[data-testid="snapshot-cell"]';

describe('snapshots', () => {
  // One test per template, each with its own time: the templates of the quarter's review alone take a minute
  // on a loaded machine.
  it.each(TEMPLATE_TITLES)('of the template %s open from file:// offline, show the same results, and make no request', async (title) => {
    const { page } = app;
    let resultsSeen = 0;
    {
      await openTemplate(page, title.trim());
      const before = await results(page, APP_CELLS);
      const errorsBefore = await page.locator('[data-testid="cell-error"]').count();
      resultsSeen += Object.keys(before).length;
      const { file, shown } = await share(page, { shot: title.startsWith('RFM') ? 'snapshot-share-dialog' : undefined });
      const bytes = statSync(file).size;
      // The dialog showed the size of the very file saved.
      const size = shownBytes(shown);
      expect(Math.abs(size.bytes - bytes)).toBeLessThanOrEqual(size.precision);
      if (title.startsWith('RFM')) console.log(`RFM template snapshot: ${bytes.toLocaleString('en')} bytes (${(bytes / 1024 / 1024).toFixed(2)} MB), ${path.basename(file)}`);

      const v = await view(file);
      try {
        await expect(v.page.locator('[data-testid="snapshot-title"]').innerText()).resolves.toBe(title.trim());
        const after = await results(v.page, SNAP_CELLS);
        expect(after, title).toEqual(before);
        // A cell that failed in the app shows its error in the snapshot too.
        expect(await v.page.locator('[data-testid="cell-error"]').count(), title).toBe(errorsBefore);
        // Code is hidden by default, and the snapshot says so.
        expect(await v.page.locator('.code').count()).toBe(0);
        await expect(v.page.locator('[data-testid="snapshot-hidden"]').innerText()).resolves.toMatch(/code of the cells is hidden/);
        for (const chart of await v.page.locator('[data-testid="snapshot-chart"]').all()) {
          await expect(chart.getAttribute('data-live')).resolves.toBe('true');
          // A layer may be empty (a line with no rows under the filter): wait for a drawn mark, not the first group.
          await chart.locator('[data-testid="chart"] svg :is(.mark-rect, .mark-symbol, .mark-line, .mark-area) path').filter({ visible: true }).first().waitFor();
        }
        expect(v.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
        expect(v.errors).toEqual([]);
        if (title.startsWith('RFM')) {
          await screenshot(v.page, 'snapshot-rfm-1280');
          await v.page.pdf({ path: 'test-results/snapshot-rfm.pdf', format: 'A4', printBackground: true });
        }
      } finally {
        await v.close();
      }
      if (title.startsWith('RFM')) {
        const phone = await view(file, { width: 390, height: 844 });
        await screenshot(phone.page, 'snapshot-rfm-phone');
        // Nothing wider than the phone's screen but the tables' own scrolling areas.
        const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await phone.close();
      }
    }
    expect(resultsSeen).toBeGreaterThan(0);
  });

  it('lists every template in the app', async () => {
    const shown = await app.page.locator('[data-testid="template"]').allInnerTexts();
    expect(shown.map((t) => t.trim()).sort()).toEqual([...TEMPLATE_TITLES].sort());
  });

  it('draw charts live without eval, pseudonymise partners in them, and keep charts whole when printed', async () => {
    const { page } = app;
    const text = [
      '---',
      'title: Top partners',
      '---',
      '',
      '```sql top_partners',
      "SELECT p.partner_id, p.name, round(sum(d.amount)) AS revenue FROM deals d JOIN partners p ON p.partner_id = d.partner_id WHERE d.status = 'won' GROUP BY ALL ORDER BY revenue DESC LIMIT 8",
      '```',
      '',
      '```chart top_chart',
      'data: { name: top_partners }',
      'mark: bar',
      'encoding:',
      '  y: { field: name, type: nominal, sort: "-x" }',
      '  x: { field: revenue, type: quantitative }',
      '```',
      '',
    ].join('\n');
    await openNotebookText(page, 'top.md', text);
    const realNames = (await cell(page, 'top_partners').locator('tbody tr td:nth-child(3)').allInnerTexts()).map((s) => s.trim());
    expect(realNames.length).toBeGreaterThan(0);
    const { file } = await share(page, { pseudonymise: true });
    const v = await view(file);
    try {
      const chart = v.page.locator('[data-testid="snapshot-chart"]');
      await expect(chart.getAttribute('data-live')).resolves.toBe('true');
      const bars = chart.locator('[data-testid="chart"] svg .mark-rect path');
      await bars.first().waitFor();
      expect(await bars.count()).toBe(realNames.length);
      const chartText = (await chart.locator('[data-testid="chart"] svg').textContent()) ?? '';
      for (const name of realNames) expect(chartText).not.toContain(name);
      // The table shows aliases numbered from the first row (zero-padded to the 2,000 partners), and the
      // chart labels its bars with the very same aliases.
      const shownNames = (await v.page.locator(`${SNAP_CELLS}[data-name="top_partners"] tbody tr td:nth-child(3)`).allInnerTexts()).map((s) => s.trim());
      expect(shownNames).toEqual(realNames.map((_, k) => `Partner ${String(k + 1).padStart(4, '0')}`));
      for (const alias of shownNames) expect(chartText).toContain(alias);
      await expect(v.page.locator('[data-testid="snapshot-hidden"]').innerText()).resolves.toMatch(/aliases/);
      expect(v.errors).toEqual([]);
      expect(v.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      await v.page.emulateMedia({ media: 'print' });
      await expect(chart.evaluate((el) => getComputedStyle(el).breakInside)).resolves.toBe('avoid');
      await v.page.pdf({ path: 'test-results/snapshot-chart.pdf', format: 'A4', printBackground: true });
    } finally {
      await v.close();
    }
  });

  it('run nothing from a hostile corpus in data, names, titles and Markdown — in the file or in the app', async () => {
    const { page } = app;
    const md = hostileNotebook('https://evil.example');
    await openNotebookText(page, 'xss.md', md);
    await page.getByText('hover me').hover();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const { file } = await share(page, { hideCode: false });

    const v = await view(file);
    try {
      const p = v.page;
      await p.getByText('hover me').hover();
      await p.getByText('js link').click();
      // A click would wait for the form's navigation, which the policy blocks: submit it from the page,
      // and wait for the browser's own report that the policy blocked it.
      const blocked = await p.evaluate(
        () =>
          new Promise<string>((resolve) => {
            document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
            document.querySelector<HTMLButtonElement>('form button')?.click();
          }),
      );
      expect(blocked).toBe('form-action');
      expect(p.url()).toMatch(/^file:/);
      expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      // Only the two script elements the file was written with; nothing that can run a handler.
      const dom = await p.evaluate(() => ({
        scripts: document.querySelectorAll('script').length,
        iframes: document.querySelectorAll('iframe').length,
        handlers: document.querySelectorAll('[onerror], [onload], [onmouseover], [onclick]').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
        title: document.title,
      }));
      expect(dom).toEqual({ scripts: 2, iframes: 0, handlers: 0, jsLinks: 0, title: '<img src=x onerror=window.__pwned=1> XSS check — Longtail snapshot' });
      // The hostile values are shown, as text.
      const table = await p.locator(`${SNAP_CELLS}[data-name="hostile"]`).innerText();
      expect(table).toContain('<img src=x onerror=window.__pwned=10>');
      expect(table).toContain('</script><script>window.__pwned=11</script>');
      expect(table).toContain('<svg onload=window.__pwned=16>');
      await expect(p.locator(`${SNAP_CELLS}[data-name="partner"] tbody`).innerText()).resolves.toContain('<img src=x onerror=window.__pwned=17>');
      expect(v.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await v.close();
    }

    // The same file opened in the app: read-only, nothing runs.
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    await page.locator('[data-testid="snapshot-bar"]').waitFor();
    await page.getByText('hover me').hover();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.locator('[data-testid="snapshot-close"]').click();
    expect(dialogs).toEqual([]);
  });

  it('open in the app read-only, and duplicate into a notebook that gives the same results', async () => {
    const { page } = app;
    await openTemplate(page, 'Welcome to Longtail');
    const before = await results(page, APP_CELLS);
    const { file } = await share(page, { hideCode: false });

    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    const bar = page.locator('[data-testid="snapshot-bar"]');
    await expect(bar.innerText()).resolves.toMatch(/Snapshot — read-only/);
    expect(await results(page, SNAP_CELLS)).toEqual(before);
    await screenshot(page, 'snapshot-in-app');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'snapshot-in-app-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.locator('[data-testid="snapshot-duplicate"]').click();
    await page.locator('[data-testid="banner"]', { hasText: 'now a notebook you can edit' }).waitFor();
    // Not run on opening: its code came from a file. The user runs it.
    await page.locator('[data-testid="run-all"]').click();
    await ranAll(page);
    const after = await results(page, APP_CELLS);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [name, r] of Object.entries(before)) {
      // Results the snapshot held whole come back whole; a large one comes back as the first rows it held.
      expect(after[name]!.rows).toBe(r.rows);
      if (r.count === '2,000 rows') expect(after[name]!.count).toBe('100 rows');
      else expect(after[name]!.count).toBe(r.count);
    }
    await screenshot(page, 'snapshot-duplicated');
  });

  it('made no request outside the app\'s origin and opened no dialog', () => {
    expect(app.foreign()).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
