/**
 * Files that used to freeze the page (issue 15.4): a CSV of 10,000 columns and a CSV of 1 GB are read and
 * parsed in the import dialog's worker, and previewed as a window of 30 columns and the first rows. A
 * long-task observer watches the page's main thread from the drop to the preview (and through the wide
 * file's import): no task may hold it over 200 ms. The times to the preview are printed (speed goals live
 * in the bench; the test only says they are not frozen).
 *
 * Values are made by rule, so the expected ones are worked out here: in the wide file the value at row r
 * (1-based), column c (1-based) is r * 100,000 + c.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, openSync, writeSync, writeFileSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, resultRows, screenshot, type AppSession } from './browser';
import { addSqlCell, ready } from './workspace-helpers';
import { closeDialog, dialog, previewRows } from './import-helpers';

const WIDTH = 10_000;
const ROWS = 50;
const LONG_TASK_MS = 200;

let app: AppSession;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'longtail-wide-'));
  app = await openApp();
  await ready(app.page);
  // Every task over 50 ms the main thread runs from now on, with its length.
  await app.page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: false });
  });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cellValue = (r: number, c: number) => r * 100_000 + c;

/** The wide CSV, written to a file: a file is handed to the page as the browser would (a buffer is decoded by the test driver in the page, on its main thread). */
function wideCsv(file: string): string {
  const lines = [Array.from({ length: WIDTH }, (_, c) => `c${c + 1}`).join(',')];
  for (let r = 1; r <= ROWS; r++) lines.push(Array.from({ length: WIDTH }, (_, c) => cellValue(r, c + 1)).join(','));
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A CSV of `bytes` bytes at least: partner, amount with two decimals, ISO date; one block of 100,000 rows written again and again. */
function bigCsv(file: string, bytes: number): void {
  const block: string[] = [];
  for (let k = 0; k < 100_000; k++) block.push(`P${String(k % 5000).padStart(5, '0')},${k / 100},2024-${String((k % 12) + 1).padStart(2, '0')}-15`);
  const b = Buffer.from(block.join('\n') + '\n');
  const fd = openSync(file, 'w');
  writeSync(fd, 'partner_id,amount,closed_on\n');
  for (let written = 0; written < bytes; written += b.length) writeSync(fd, b);
  closeSync(fd);
}

/** The long tasks seen since the last call, and a fresh list. */
async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    const seen = w.longTasks;
    w.longTasks = [];
    return seen;
  });
}

const headerNames = (page: Page) =>
  page.locator('[data-testid="import-preview"] [data-testid^="import-column-name-"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

describe('very wide and very large files', () => {
  it('previews a 10,000-column CSV as a window of columns, without holding the page', async () => {
    const { page } = app;
    await takeLongTasks(page);
    const t0 = Date.now();
    await page.locator('[data-testid="file-input"]').setInputFiles(wideCsv(path.join(dir, 'wide_10000.csv')));
    await page.locator(`[data-testid="import-preview"][data-column-count="${WIDTH}"]`).waitFor({ timeout: 60_000 });
    const rows = await previewRows(page);
    console.log(`[wide-import] 10,000 columns × ${ROWS} rows: preview after ${Date.now() - t0} ms`);
    expect(await page.locator('[data-testid="import-columns-shown"]').innerText()).toBe('Columns 1–30 of 10,000');
    expect(await headerNames(page)).toEqual(Array.from({ length: 30 }, (_, c) => `c${c + 1}`));
    expect(rows[0]).toEqual(Array.from({ length: 30 }, (_, c) => String(cellValue(1, c + 1))));
    expect(rows.at(-1)).toEqual(Array.from({ length: 30 }, (_, c) => String(cellValue(rows.length, c + 1))));
    await screenshot(page, 'wide-import-first-window');

    // The next window, by keyboard: columns 31 to 60.
    await page.locator('[data-testid="import-columns-next"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="import-preview"][data-columns-from="30"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="import-columns-shown"]').innerText()).toBe('Columns 31–60 of 10,000');
    expect(await headerNames(page)).toEqual(Array.from({ length: 30 }, (_, c) => `c${c + 31}`));
    expect((await previewRows(page))[0]).toEqual(Array.from({ length: 30 }, (_, c) => String(cellValue(1, c + 31))));
    expect(await page.locator('[data-testid="import-columns-previous"]').isEnabled()).toBe(true);

    const tasks = await takeLongTasks(page);
    console.log(`[wide-import] long tasks during the preview: ${JSON.stringify(tasks)}`);
    expect(Math.max(0, ...tasks)).toBeLessThan(LONG_TASK_MS);
  });

  it('imports every one of the 10,000 columns', async () => {
    const { page } = app;
    await page.locator('[data-testid="import-confirm"]:enabled').click({ timeout: 30_000 });
    // Storing 10,000 columns takes DuckDB-WASM about 20 s here: the wait is long for a loaded machine.
    await page.locator('[data-testid="import-summary"]').waitFor({ timeout: 240_000 });
    if (await page.locator('[data-testid="mapping-skip"]').count()) await page.locator('[data-testid="mapping-skip"]').click();
    await page.locator('[data-testid="import-done"]').waitFor({ timeout: 30_000 });
    await closeDialog(page);
    const tasks = await takeLongTasks(page);
    console.log(`[wide-import] long tasks during the import: ${JSON.stringify(tasks)}`);
    const q = await addSqlCell(page, 'SELECT count(*)::VARCHAR AS n, sum(c1)::VARCHAR AS first, sum(c10000)::VARCHAR AS last, (SELECT count(*) FROM duckdb_columns() WHERE table_name = \'wide_10000\')::VARCHAR AS columns FROM wide_10000');
    // sum over r = 1..50 of r*100000 + c = 100000 * 1275 + 50 c
    expect(await resultRows(page, q, 60_000)).toEqual([[String(ROWS), String(100_000 * 1275 + 50), String(100_000 * 1275 + 50 * WIDTH), String(WIDTH)]]);
  }, 400_000);

  it('previews a 1 GB CSV from its first rows, without holding the page', async () => {
    const { page } = app;
    const file = path.join(dir, 'big_export.csv');
    bigCsv(file, 1 << 30);
    expect(statSync(file).size).toBeGreaterThanOrEqual(1 << 30);
    await takeLongTasks(page);
    // The page's own clock, from the input's change event to the first preview row on screen: what the
    // user waits for once the browser hands the file over (the driver's own time is printed beside it).
    await page.evaluate(() => {
      const w = window as unknown as { changedAt?: number; previewAt?: number };
      document.addEventListener(
        'change',
        (e) => {
          if (!(e.target as Element).matches('[data-testid="file-input"]')) return;
          w.changedAt = performance.now();
          const look = () => (document.querySelector('[data-testid="import-preview-row"]') ? (w.previewAt = performance.now()) : requestAnimationFrame(look));
          look();
        },
        { capture: true, once: true },
      );
    });
    const t0 = Date.now();
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    const rows = await previewRows(page);
    const inPage = await page.evaluate(() => {
      const w = window as unknown as { changedAt?: number; previewAt?: number };
      return w.previewAt !== undefined && w.changedAt !== undefined ? Math.round(w.previewAt - w.changedAt) : null;
    });
    console.log(`[wide-import] 1 GB CSV: preview after ${Date.now() - t0} ms from setInputFiles, ${inPage} ms from the page's change event`);
    // Row k (0-based) of each block is P{k mod 5000}, k/100, 2024-{k mod 12 + 1}-15.
    expect(rows.slice(0, 3)).toEqual([
      ['P00000', '0.0', '2024-01-15'],
      ['P00001', '0.01', '2024-02-15'],
      ['P00002', '0.02', '2024-03-15'],
    ]);
    const tasks = await takeLongTasks(page);
    console.log(`[wide-import] long tasks during the 1 GB preview: ${JSON.stringify(tasks)}`);
    expect(Math.max(0, ...tasks)).toBeLessThan(LONG_TASK_MS);
    await expect(dialog(page).locator('h2').innerText()).resolves.toBe('Import big_export.csv');
    await closeDialog(page);
  });

  it('made no request outside its own origin', () => {
    expect(app.foreign()).toEqual([]);
  });
});
