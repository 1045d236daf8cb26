/**
 * Partner pages and snapshots executives can narrow (issue 18.1, 18.6, 13.3), in the built app:
 * - a partner named in an RFM result opens its page (mouse and keyboard), and a partner named on that
 *   page opens another partner's page in place;
 * - a snapshot taken with a page per partner, opened from file:// with the network off, narrowed by
 *   sector shows in every table and chart that can be narrowed the very number of rows the same SQL
 *   gives in the app, and marks those that cannot be; the period narrows what has dates;
 * - the partner picker and a partner link in the snapshot open a partner's page;
 * - printed to PDF, the listed partners' pages give one page each (counted in the PDF);
 * - the quarter's review on the demo with every partner's page: its size.
 * Every wait is on a state; no request leaves the app's origin or the file.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openApp, cell, resultRows, screenshot, settled, type AppSession } from './browser';
import { CHROMIUM, FLAGS } from './chromium';
import { addSqlCell, ready } from './workspace-helpers';

let app: AppSession;
let viewer: Browser;
const outDir = mkdtempSync(path.join(tmpdir(), 'longtail-partner-pages-'));
const dialogs: string[] = [];

beforeAll(async () => {
  app = await openApp();
  viewer = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  app.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await ready(app.page);
});

afterAll(async () => {
  await app?.close();
  await viewer?.close();
});

/** Every code cell has finished (done, error or not run). */
async function ranAll(page: Page, timeout = 110_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const cells = [...document.querySelectorAll<HTMLElement>('[data-testid="cell"]:not(.markdown)')];
      return cells.length > 0 && cells.every((c) => ['done', 'error', 'blocked', 'missing'].includes(c.dataset.status ?? ''));
    },
    undefined,
    { timeout },
  );
}

/** Does `open` and waits for the new notebook's cells (new elements) to have run. */
async function replacingCells(page: Page, open: () => Promise<void>): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('[data-testid="cell"]').forEach((c) => c.setAttribute('data-old', '')));
  await open();
  await page.waitForFunction(() => !document.querySelector('[data-old]') && document.querySelector('[data-testid="cell"]'), undefined, { timeout: 60_000 });
  await ranAll(page);
}

async function openTemplate(page: Page, title: string): Promise<void> {
  await replacingCells(page, () => page.locator('[data-testid="template"]', { hasText: title }).first().click());
  await expect(page.locator('[data-testid="notebook-title"]').innerText()).resolves.toBe(title);
}

/** The first cell of the identity result: the partner the page shows. */
async function pagePartner(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const title = document.querySelector('[data-testid="notebook-title"]')?.textContent;
      const first = document.querySelector('[data-testid="cell"][data-name="identity"] [data-testid="cell-result"] tbody tr td:nth-child(2)');
      return title === 'Partner page' && first?.textContent === want;
    },
    id,
    { timeout: 110_000 },
  );
  await expect(cell(page, 'partner').locator('[data-testid="input-control"]').inputValue()).resolves.toBe(id);
}

describe('a partner\'s page from any result', () => {
  it('opens from an RFM result with the mouse and the keyboard, and from the partner page itself', async () => {
    const { page } = app;
    await openTemplate(page, 'RFM segmentation');
    const scores = cell(page, 'rfm_scores');
    // Amounts read like money: two decimals and the demo's currency.
    const headers = await scores.locator('[data-testid="cell-result"] thead th .name').allInnerTexts();
    const monetary = (await resultRows(page, 'rfm_scores'))[0]![headers.indexOf('monetary')]!;
    expect(monetary).toMatch(/^€[\d,]+\.\d{2}$/);

    const first = scores.locator('[data-testid="partner-link"]').first();
    const id = (await first.getAttribute('data-partner'))!;
    expect(id).toMatch(/^P\d+$/);
    await expect(first.getAttribute('aria-label')).resolves.toBe(`${id}: open the page of partner ${id}`);
    await replacingCells(page, () => first.click());
    await pagePartner(page, id);
    await screenshot(page, 'partner-page-from-rfm');

    // The keyboard: focus the grid, move to the second row's partner, Enter.
    await openTemplate(page, 'RFM segmentation');
    const second = (await scores.locator('tbody tr').nth(1).locator('[data-testid="partner-link"]').first().getAttribute('data-partner'))!;
    expect(second).not.toBe(id);
    await scores.locator('table[role="grid"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await replacingCells(page, () => page.keyboard.press('Enter'));
    await pagePartner(page, second);

    // On the partner page, a peer opens in place: the same cells, the input changed, its dependants re-run.
    const peer = cell(page, 'peer_table').locator(`[data-testid="partner-link"]:not([data-partner="${second}"])`).first();
    const other = (await peer.getAttribute('data-partner'))!;
    await peer.click();
    await pagePartner(page, other);
    await settled(page, 110_000);
    expect(app.foreign()).toEqual([]);
  });
});

const NOTEBOOK = `---
title: Network at a glance
---

# Network at a glance

\`\`\`sql partner_list
SELECT partner_id, name, sector, region, tier FROM partners ORDER BY partner_id
\`\`\`

\`\`\`sql partner_revenue
SELECT d.partner_id, p.name, round(sum(d.amount), 2) AS revenue, count(*) AS won_deals FROM deals d JOIN partners p ON p.partner_id = d.partner_id WHERE lower(d.status) = 'won' AND d.closed_at >= DATE '2025-01-01' GROUP BY ALL ORDER BY revenue DESC
\`\`\`

\`\`\`chart revenue_chart
data: { name: partner_revenue }
mark: point
encoding:
  x: { field: revenue, type: quantitative }
  y: { field: won_deals, type: quantitative }
\`\`\`

\`\`\`sql recent_deals
SELECT deal_id, partner_id, amount, closed_at FROM deals WHERE lower(status) = 'won' AND closed_at >= DATE '2025-07-01' ORDER BY deal_id
\`\`\`

\`\`\`sql by_sector
SELECT sector, count(*) AS partners FROM partners GROUP BY sector ORDER BY sector
\`\`\`

\`\`\`sql by_month
SELECT CAST(date_trunc('month', closed_at) AS DATE) AS month, sum(amount) AS revenue FROM deals WHERE lower(status) = 'won' GROUP BY 1 ORDER BY 1
\`\`\`

\`\`\`chart month_chart
data: { name: by_month }
mark: bar
encoding:
  x: { field: month, type: temporal }
  y: { field: revenue, type: quantitative }
\`\`\`
`;

async function openNotebookText(page: Page, name: string, text: string): Promise<void> {
  await replacingCells(page, async () => {
    await page.locator('[data-testid="file-input"]').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
    await page.locator('[data-testid="run-prompt-run"]').click();
  });
}

/** Shares the open notebook with a page per partner; returns the saved file. */
async function share(page: Page): Promise<string> {
  await page.locator('[data-testid="share"]').click();
  const dialog = page.locator('[data-testid="share-dialog"]');
  await dialog.waitFor();
  await dialog.locator('[data-testid="share-partner-pages"]').setChecked(true);
  const save = dialog.locator('[data-testid="share-save"]');
  await expect.poll(() => save.isEnabled(), { timeout: 110_000 }).toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  const file = path.join(outDir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

interface Viewed {
  page: Page;
  requests: string[];
  errors: string[];
  close(): Promise<void>;
}

async function view(file: string): Promise<Viewed> {
  const context = await viewer.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
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
  await page.locator('[data-testid="snapshot"]').waitFor({ timeout: 60_000 });
  return { page, requests, errors, close: () => context.close() };
}

const num = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));

/** A snapshot cell's shown row count ("1,234 rows" → 1234). */
async function rowsShown(page: Page, name: string): Promise<number> {
  return num((await page.locator(`[data-testid="snapshot-cell"][data-name="${name}"] [data-testid="row-count"]`).innerText()).split(' ')[0]!);
}

/** Every live chart has drawn (again, after a filter). */
async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const figures = [...document.querySelectorAll('[data-testid="snapshot-chart"] figure')];
    return figures.length > 0 && figures.every((f) => f.getAttribute('aria-busy') === 'false' && f.querySelector('[data-testid="chart"] svg'));
  }, undefined, { timeout: 60_000 });
}

async function select(page: Page, testid: string, value: string): Promise<void> {
  await page.locator(`[data-testid="${testid}"]`).selectOption(value);
}

/** PDF pages: Chromium writes one `/Type /Page` object per page (and one `/Type /Pages` tree). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

describe('a snapshot an executive narrows', () => {
  let file = '';
  /** The app's own figures for the chosen sector (the same SQL over the same results). */
  let expected: Record<string, number> = {};
  let sector = '';
  let firstName = '';

  it('is shared with a page per partner, and the app counts what each filter should keep', async () => {
    const { page } = app;
    await openNotebookText(page, 'glance.md', NOTEBOOK);
    await settled(page, 110_000);
    file = await share(page);
    console.log(`Network at a glance, page per partner: ${statSync(file).size.toLocaleString('en')} bytes`);
    // The sector with the fewest partners, and what the filters should keep of each result.
    const pick = await addSqlCell(page, 'SELECT sector FROM partners WHERE sector IS NOT NULL GROUP BY sector ORDER BY count(*), sector LIMIT 1');
    sector = (await resultRows(page, pick))[0]![0]!;
    const q = (sql: string) => sql.replaceAll('$S', `'${sector.replaceAll("'", "''")}'`);
    const counts = await addSqlCell(
      page,
      q(
        'SELECT ' +
          [
            "(SELECT count(*) FROM partner_list WHERE sector = $S) AS list",
            '(SELECT count(*) FROM partner_revenue r JOIN partners p ON p.partner_id = r.partner_id WHERE p.sector = $S) AS revenue',
            '(SELECT count(*) FROM recent_deals r JOIN partners p ON p.partner_id = r.partner_id WHERE p.sector = $S) AS deals',
            "(SELECT count(*) FROM recent_deals r JOIN partners p ON p.partner_id = r.partner_id WHERE p.sector = $S AND r.closed_at >= DATE '2025-10-01' AND r.closed_at < DATE '2026-01-01') AS deals_q4",
            '(SELECT count(*) FROM by_month) AS months',
            "(SELECT count(*) FROM by_month WHERE month >= DATE '2025-10-01' AND month < DATE '2026-01-01') AS months_q4",
            "(SELECT count(*) FROM partners WHERE sector = $S AND tier = 'Gold') AS gold",
            '(SELECT count(*) FROM partner_list) AS all_partners',
          ].join(', '),
      ),
    );
    const values = (await resultRows(page, counts))[0]!;
    const headers = await cell(page, counts).locator('[data-testid="cell-result"] thead th .name').allInnerTexts();
    expect(headers.map((h) => h.trim())).toEqual(['list', 'revenue', 'deals', 'deals_q4', 'months', 'months_q4', 'gold', 'all_partners']);
    expected = Object.fromEntries(headers.map((h, k) => [h.trim(), num(values[k]!)]));
    firstName = (await resultRows(page, 'partner_list'))[0]![1]!;
    expect(expected.list).toBeGreaterThan(0);
    expect(expected.gold).toBeGreaterThan(0);
    expect(expected.deals_q4).toBeGreaterThan(0);
    expect(expected.deals_q4).toBeLessThan(expected.deals!);
  });

  it('from file:// offline, shows only that sector\'s rows in every table and chart that can be narrowed, and marks the others', async () => {
    const v = await view(file);
    const p = v.page;
    try {
      await expect(p.locator('[data-testid="snapshot-data"]').innerText()).resolves.toBe('Data: demo data');
      await chartsDrawn(p);
      const allPoints = await p.locator('[data-testid="snapshot-cell"][data-name="revenue_chart"] svg .mark-symbol path').count();
      const allBars = await p.locator('[data-testid="snapshot-cell"][data-name="month_chart"] svg .mark-rect path').count();
      const allRevenue = await rowsShown(p, 'partner_revenue');
      expect(allPoints).toBe(allRevenue);
      expect(allBars).toBe(expected.months);

      await select(p, 'filter-sector', sector);
      await chartsDrawn(p);
      expect(await rowsShown(p, 'partner_list')).toBe(expected.list);
      expect(await rowsShown(p, 'partner_revenue')).toBe(expected.revenue);
      expect(await rowsShown(p, 'recent_deals')).toBe(expected.deals);
      expect(await rowsShown(p, 'by_sector')).toBe(1);
      // Every sector shown in the narrowed list is the one chosen.
      const shownSectors = await p.locator('[data-testid="snapshot-cell"][data-name="partner_list"] tbody tr td:nth-child(4)').allInnerTexts();
      expect(shownSectors.length).toBeGreaterThan(0);
      expect(new Set(shownSectors)).toEqual(new Set([sector]));
      // The chart of partners draws one point per partner of the sector.
      const points = p.locator('[data-testid="snapshot-cell"][data-name="revenue_chart"] svg .mark-symbol path');
      expect(await points.count()).toBe(expected.revenue);
      await expect(p.locator('[data-testid="snapshot-cell"][data-name="revenue_chart"] [data-testid="snapshot-chart"]').getAttribute('data-narrowed')).resolves.toBe('sector');
      // Totals over partners cannot be narrowed by sector: shown whole, and marked.
      expect(await rowsShown(p, 'by_month')).toBe(expected.months);
      await expect(p.locator('[data-testid="snapshot-cell"][data-name="by_month"] [data-testid="cell-narrowing"]').innerText()).resolves.toBe('Not narrowed by sector: its rows name no partner.');
      await expect(p.locator('[data-testid="snapshot-cell"][data-name="month_chart"] [data-testid="chart-narrowing"]').innerText()).resolves.toBe('Not narrowed by sector: its rows name no partner.');
      expect(await p.locator('[data-testid="snapshot-cell"][data-name="month_chart"] svg .mark-rect path').count()).toBe(allBars);
      await expect(p.locator('[data-testid="snapshot-cell"][data-name="partner_revenue"] [data-testid="cell-narrowing"]').innerText()).resolves.toBe(
        `Narrowed by sector: ${expected.revenue!.toLocaleString('en')} of ${allRevenue.toLocaleString('en')} rows.`,
      );
      await screenshot(p, 'snapshot-narrowed-by-sector');

      // The period: the last quarter of 2025 narrows what has a date, and says what has none.
      await select(p, 'filter-from', '2025-Q4');
      await select(p, 'filter-to', '2025-Q4');
      await chartsDrawn(p);
      expect(await rowsShown(p, 'recent_deals')).toBe(expected.deals_q4);
      expect(await rowsShown(p, 'by_month')).toBe(expected.months_q4);
      expect(await p.locator('[data-testid="snapshot-cell"][data-name="month_chart"] svg .mark-rect path').count()).toBe(expected.months_q4);
      expect(await rowsShown(p, 'partner_list')).toBe(expected.list);
      await expect(p.locator('[data-testid="snapshot-cell"][data-name="partner_list"] [data-testid="cell-narrowing"]').innerText()).resolves.toContain('Not narrowed by period: its rows have no quarter or date.');

      await p.locator('[data-testid="filter-clear"]').click();
      await chartsDrawn(p);
      expect(await rowsShown(p, 'partner_list')).toBe(expected.all_partners);
      expect(await p.locator('[data-testid="cell-narrowing"]').count()).toBe(0);
      expect(v.errors).toEqual([]);
      expect(v.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await v.close();
    }
  });

  it('opens any included partner\'s page from the picker and from a partner in a table', async () => {
    const v = await view(file);
    const p = v.page;
    try {
      // The picker lists every partner the results name: here all of them.
      const options = await p.locator('[data-testid="partner-picker"] option').count();
      expect(options - 1).toBe(expected.all_partners);
      const id = (await p.locator('[data-testid="snapshot-cell"][data-name="partner_list"] [data-testid="partner-link"]').first().getAttribute('data-partner'))!;
      await select(p, 'partner-picker', id);
      const sheet = p.locator(`[data-testid="partner-page"][data-partner="${id}"]`);
      await expect(sheet.locator('h2').innerText()).resolves.toBe(firstName);
      // Its rows of every result that names partners: the list, its revenue (if it sold), its deals.
      const parts = await sheet.locator('section h3').allInnerTexts();
      expect(parts[0]).toBe('partner_list');
      expect(await p.locator('[data-testid="snapshot-cell"]').count()).toBe(0);
      await screenshot(p, 'snapshot-partner-page');
      await p.locator('[data-testid="back-to-notebook"]').click();
      // A partner named in a table opens its page.
      const link = p.locator('[data-testid="snapshot-cell"][data-name="partner_revenue"] [data-testid="partner-link"]').first();
      const top = (await link.getAttribute('data-partner'))!;
      await link.click();
      await p.locator(`[data-testid="partner-page"][data-partner="${top}"]`).waitFor();
      await expect(p.locator(`[data-testid="partner-page"][data-partner="${top}"] section h3`).allInnerTexts()).resolves.toContain('partner_revenue');
      expect(v.errors).toEqual([]);
      expect(v.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await v.close();
    }
  });

  it('prints the listed partners\' pages to A4, one page per partner', async () => {
    const v = await view(file);
    const p = v.page;
    try {
      await select(p, 'filter-sector', sector);
      await select(p, 'filter-tier', 'Gold');
      await p.locator('[data-testid="partner-pages"]').click();
      const list = p.locator('[data-testid="partner-pages-list"][data-fitted="true"]');
      await list.waitFor({ timeout: 60_000 });
      await expect(list.getAttribute('data-count')).resolves.toBe(String(expected.gold));
      const pdf = await p.pdf({ format: 'A4', printBackground: true });
      writeFileSync('test-results/partner-pages.pdf', pdf);
      expect(pdfPages(pdf)).toBe(expected.gold);
      // One partner alone prints on one page too.
      const one = (await p.locator('[data-testid="partner-page"]').first().getAttribute('data-partner'))!;
      await select(p, 'partner-picker', one);
      await p.locator('[data-testid="partner-pages-list"][data-fitted="true"][data-count="1"]').waitFor();
      expect(pdfPages(await p.pdf({ format: 'A4', printBackground: true }))).toBe(1);
      expect(v.errors).toEqual([]);
      expect(v.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await v.close();
    }
  });
});

describe('the quarter\'s review on the demo, with every partner\'s page', () => {
  it('is one file whose picker lists every partner it names; its size is reported', async () => {
    const { page } = app;
    await openTemplate(page, 'The quarter\'s partner review');
    const file = await share(page);
    const bytes = statSync(file).size;
    console.log(`The quarter's partner review (demo), a page per partner: ${bytes.toLocaleString('en')} bytes (${(bytes / 1024 / 1024).toFixed(2)} MB)`);
    const v = await view(file);
    try {
      const options = await v.page.locator('[data-testid="partner-picker"] option').count();
      console.log(`  partners with a page: ${options - 1}`);
      expect(options - 1).toBe(2000);
      expect(v.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      expect(v.errors).toEqual([]);
    } finally {
      await v.close();
    }
  });

  it('made no request outside the app\'s origin and opened no dialog', () => {
    expect(app.foreign()).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
