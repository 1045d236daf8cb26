/**
 * Charts in Chromium, under the app's Content Security Policy: build a chart from a result with the
 * quick chart builder, see its SVG, export it, watch it follow its data; open the RFM and cohort
 * notebooks and look at their charts (screenshots in test-results/). Nothing may be fetched from
 * another origin, and nothing may break the CSP (no eval in Vega).
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { openApp, settled, cell, typeInto, screenshot, runEdited, type AppSession, typeNewSqlCell } from './browser';

let app: AppSession;
const problems: string[] = [];

beforeAll(async () => {
  app = await openApp();
  const { page } = app;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  // CSP violations are reported as DOM events: record them from the first script on.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.reload();
  await page.waitForSelector('[data-testid="cell"]', { timeout: 90_000 });
  await settled(page);
});

// A failed step must not leave the builder open over the page for the next one.
afterEach(async () => {
  const dialog = app?.page.locator('[data-testid="chart-builder"]');
  if (dialog && (await dialog.isVisible())) await app.page.keyboard.press('Escape');
});

afterAll(async () => {
  await app?.close();
});

/** Generous: other builds and tests may share the machine's cores. */
const SLOW = { timeout: 60_000 };

const svgTexts = (locator: ReturnType<typeof cell>) => locator.locator('svg text').allTextContents();

/**
 * Axis labels drawn in the page that run into each other (their boxes, as the browser lays out the
 * glyphs, share more than half a pixel), per axis.
 */
function labelOverlaps(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    for (const axis of root.querySelectorAll('g.role-axis')) {
      const labels = [...axis.querySelectorAll('g.role-axis-label text')]
        .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }))
        .filter((l) => l.r.width > 0 && l.r.height > 0);
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i]!.r;
          const b = labels[j]!.r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 0.5 && h > 0.5) out.push(`${labels[i]!.text} × ${labels[j]!.text}`);
        }
      }
    }
    return out;
  });
}

/** Adds a SQL cell at the end, runs it, and returns its name. */
async function addCell(page: Page, sql: string): Promise<string> {
  const name = await typeNewSqlCell(page, sql);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((n) => document.querySelector(`[data-testid="cell"][data-name="${n}"]`)?.getAttribute('data-status') === 'done', name, SLOW);
  await settled(page);
  return name;
}

/** Opens the builder on a result and waits for its preview to show `title`. */
async function builderShows(page: Page, name: string, title: string): Promise<Locator> {
  await cell(page, name).locator('[data-testid="chart-button"]').click();
  const dialog = page.locator('[data-testid="chart-builder"]');
  await dialog.waitFor(SLOW);
  await dialog.locator('svg text', { hasText: title }).waitFor(SLOW);
  return dialog;
}

describe('charts in the app', () => {
  it('builds a chart from a result with the quick chart builder', async () => {
    const { page } = app;
    await cell(page, 'revenue_by_year').locator('[data-testid="chart-button"]').click();
    const dialog = page.locator('[data-testid="chart-builder"]');
    await dialog.waitFor(SLOW);
    // year + numbers: a line over the years, summing the first number
    await expect(dialog.locator('[data-testid="chart-mark"]').inputValue()).resolves.toBe('line');
    await expect(dialog.locator('[data-testid="chart-x"]').inputValue()).resolves.toBe('year');
    await dialog.locator('[data-testid="chart-y"]').selectOption('revenue');
    await dialog.locator('svg text', { hasText: 'Sum of revenue by year' }).waitFor(SLOW);
    await screenshot(page, 'chart-builder');
    await dialog.locator('[data-testid="chart-insert"]').click();
    await expect(dialog.isVisible()).resolves.toBe(false);

    const chart = cell(page, 'chart1');
    await chart.locator('[data-testid="chart"] svg').waitFor(SLOW);
    await page.locator('[data-testid="cell"][data-name="chart1"][data-status="done"]').waitFor(SLOW);
    await settled(page);
    // right under the result it draws
    const names = await page.locator('[data-testid="cell"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(names[names.indexOf('revenue_by_year') + 1]).toBe('chart1');
    // one line through the five years 2021–2025, titled and labelled
    await expect(chart.locator('svg g.mark-line path').count()).resolves.toBe(1);
    const labels = await svgTexts(chart);
    expect(labels).toEqual(expect.arrayContaining(['Sum of revenue by year', 'Sum of revenue', 'year', '2021', '2025']));
    // the cell shows the chart; its spec over the result opens for editing
    await expect(chart.locator('.cm-content').count()).resolves.toBe(0);
    await chart.locator('[data-testid="spec-toggle"]').click();
    await expect(chart.locator('.cm-content').innerText()).resolves.toMatch(/data: \{ name: revenue_by_year \}/);
    await chart.locator('[data-testid="spec-toggle"]').click();
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'chart-cell');
  });

  it('proposes bars per category along x, as wide as the builder, labels apart, at desktop and tablet sizes', async () => {
    const { page } = app;
    // the case: a status and a count (it used to make a 60 px plot, x = n, "wonopenlost")
    const statuses = await addCell(page, 'SELECT status, count(*) AS n FROM deals GROUP BY status');
    let dialog = await builderShows(page, statuses, 'Sum of n by status');
    await expect(dialog.locator('[data-testid="chart-mark"]').inputValue()).resolves.toBe('bar');
    await expect(dialog.locator('[data-testid="chart-x"]').inputValue()).resolves.toBe('status');
    await expect(dialog.locator('[data-testid="chart-y"]').inputValue()).resolves.toBe('n');
    await expect(dialog.locator('[data-testid="chart-aggregate"]').inputValue()).resolves.toBe('sum');
    const texts = await svgTexts(dialog);
    expect(texts).toEqual(expect.arrayContaining(['Sum of n by status', 'Sum of n', 'status', 'won', 'lost', 'open']));
    const plot = await dialog.locator('[data-testid="chart"] svg').boundingBox();
    const box = await dialog.locator('.preview').boundingBox();
    // the plot fills the preview's width (less its padding), not a 20 px step per bar
    expect(plot!.width).toBeGreaterThan(box!.width - 40);
    expect(await labelOverlaps(dialog)).toEqual([]);
    await screenshot(page, 'chart-builder-categories');
    await page.keyboard.press('Escape');

    // ten long names: standing labels when they do not fit flat, never on top of each other
    const segments = await addCell(
      page,
      "SELECT p.sector || ' / ' || p.country AS segment, sum(d.amount) AS amount FROM deals d JOIN partners p USING (partner_id) GROUP BY ALL ORDER BY amount DESC LIMIT 10",
    );
    dialog = await builderShows(page, segments, 'Sum of amount by segment');
    expect(await labelOverlaps(dialog)).toEqual([]);
    await screenshot(page, 'chart-builder-long-labels');
    await page.keyboard.press('Escape');

    await page.setViewportSize({ width: 820, height: 1180 });
    try {
      dialog = await builderShows(page, segments, 'Sum of amount by segment');
      expect(await labelOverlaps(dialog)).toEqual([]);
      const narrow = await dialog.locator('[data-testid="chart"] svg').boundingBox();
      expect(narrow!.width).toBeLessThanOrEqual(820);
      await screenshot(page, 'chart-builder-tablet');
      await page.keyboard.press('Escape');
      dialog = await builderShows(page, statuses, 'Sum of n by status');
      expect(await labelOverlaps(dialog)).toEqual([]);
      await screenshot(page, 'chart-builder-categories-tablet');
      await page.keyboard.press('Escape');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('exports the chart as SVG and PNG', async () => {
    const { page } = app;
    const chart = cell(page, 'chart1');
    const [svg] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: /as SVG$/ }).click()]);
    expect(svg.suggestedFilename()).toBe('chart1.svg');
    expect(readFileSync((await svg.path())!, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const [png] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: /as PNG$/ }).click()]);
    expect(png.suggestedFilename()).toBe('chart1.png');
    expect([...readFileSync((await png.path())!).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('charts a million rows without hanging the page: sampled with a note, or counted in DuckDB', async () => {
    const { page } = app;
    await typeNewSqlCell(page, 'SELECT range AS n, range % 1000 AS k FROM range(1000000)');
    const big = page.locator('[data-testid="cell"]').last();
    await runEdited(page, (await big.getAttribute('data-name'))!);
    await big.locator('[data-testid="chart-button"]').click();
    const dialog = page.locator('[data-testid="chart-builder"]');
    await dialog.waitFor(SLOW);
    // two numbers: a scatter plot of every row would be a million marks; it gets a sample and says so
    await expect(dialog.locator('[data-testid="chart-mark"]').inputValue()).resolves.toBe('point');
    await expect(dialog.locator('[data-testid="chart-note"]').innerText()).resolves.toMatch(/has 1,000,000 rows; this chart draws 10,000 of them \(a random sample\)/);
    await dialog.locator('figure[aria-busy="false"] svg g.mark-symbol path').first().waitFor(SLOW);
    await expect(dialog.locator('svg g.mark-symbol path').count()).resolves.toBe(10_000);
    // counting rows per range of n is exact: DuckDB bins and counts, Vega draws 10 bars
    await dialog.locator('[data-testid="chart-mark"]').selectOption('bar');
    await dialog.locator('[data-testid="chart-y"]').selectOption({ label: '(none)' });
    await dialog.locator('[data-testid="chart-aggregate"]').selectOption('count');
    // the count's axis title shows once the histogram (not an intermediate choice) is drawn
    await dialog.locator('svg text', { hasText: /^Number of rows$/ }).waitFor(SLOW);
    await expect(dialog.locator('[data-testid="chart-note"]').count()).resolves.toBe(0);
    await expect(dialog.locator('svg g.mark-rect path').count()).resolves.toBe(10);
    await dialog.locator('[data-testid="chart-insert"]').click();
    const chart = page.locator('[data-testid="cell"]').last();
    await chart.locator('[data-testid="chart"] svg g.mark-rect path').first().waitFor(SLOW);
    await chart.and(page.locator('[data-status="done"]')).waitFor(SLOW);
    await settled(page);
    await expect(chart.locator('svg g.mark-rect path').count()).resolves.toBe(10);
    await expect(chart.locator('svg text', { hasText: 'Number of rows' }).count()).resolves.toBeGreaterThan(0);
  });

  it('redraws when the result it reads changes', async () => {
    const { page } = app;
    await typeInto(page, 'revenue_by_year', 'SELECT * FROM (VALUES (2030, 10.0), (2031, 30.0)) t(year, revenue)');
    await page.keyboard.press('Control+Enter');
    await settled(page);
    const chart = cell(page, 'chart1');
    await chart.locator('svg text', { hasText: '2031' }).waitFor(SLOW);
    const labels = await svgTexts(chart);
    expect(labels).not.toContain('2021');
  });

  it('shows the RFM notebook with its grid and segment charts', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'RFM segmentation' }).click();
    await settled(page);
    const grid = cell(page, 'rfm_grid');
    await grid.locator('[data-testid="chart"] svg').waitFor(SLOW);
    // 5 × 5 cells, twice (partners, revenue), each cell a rect
    await expect(grid.locator('svg g.mark-rect path').count()).resolves.toBe(50);
    const bars = cell(page, 'rfm_segment_bars');
    await bars.locator('[data-testid="chart"] svg').waitFor(SLOW);
    // 11 segments × 2 panels
    await expect(bars.locator('svg g.mark-rect path').count()).resolves.toBe(22);
    await grid.scrollIntoViewIfNeeded();
    await screenshot(page, 'rfm-notebook');
    await grid.screenshot({ path: 'test-results/rfm-grid.png' });
    await bars.screenshot({ path: 'test-results/rfm-segments.png' });
  });

  it('shows the cohort notebook with its heatmap and curves', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Cohort retention' }).click();
    await settled(page);
    const heat = cell(page, 'retention_heatmap');
    await heat.locator('[data-testid="chart"] svg').waitFor(SLOW);
    await expect(heat.locator('svg g.mark-rect path').count()).resolves.toBeGreaterThan(20);
    const curves = cell(page, 'retention_curves');
    await curves.locator('[data-testid="chart"] svg').waitFor(SLOW);
    await expect(curves.locator('svg g.mark-line path').count()).resolves.toBeGreaterThan(5);
    await heat.scrollIntoViewIfNeeded();
    await screenshot(page, 'cohort-notebook');
    await heat.screenshot({ path: 'test-results/cohort-heatmap.png' });
    await curves.screenshot({ path: 'test-results/cohort-curves.png' });
  });

  it('fits a tablet: the chart scrolls sideways inside its cell', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 820, height: 1180 });
    // at this width the side panel covers the notebook: close it, as a reader would
    const panel = page.getByRole('button', { name: 'Hide the side panel' });
    if (await panel.isVisible()) await panel.click();
    const heat = cell(page, 'retention_heatmap');
    await heat.scrollIntoViewIfNeeded();
    await screenshot(page, 'cohort-notebook-tablet');
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(820);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('fetched nothing from elsewhere and broke no rule of the page', () => {
    expect(app.foreign()).toEqual([]);
    expect(problems).toEqual([]);
  });
});
