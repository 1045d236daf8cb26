/**
 * The result grid on a million rows, in the built app: sort by header clicks, filters of each kind,
 * column summaries, the pivot builder and "Add as a cell" — each compared with the same SQL run
 * directly in another cell — a filter box holding SQL that must stay text, and TSV copy of a mouse
 * and a keyboard selection. Screenshots at desktop and tablet sizes go to test-results/. Every wait
 * is on a state of the page; nothing may be fetched from another origin.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openApp, settled, cell, resultRows, resultText, screenshot, type AppSession, typeNewSqlCell } from './browser';

let app: AppSession;
const problems: string[] = [];
let big = '';

/**
 * One million rows; a null amount every 50th row; statuses and regions in turn; seven weekdays.
 * Amounts run from 0 to 999.97: a twelfth of that range is never a whole cent, so no amount sits on
 * a histogram bound, where two ways of computing the bound could round apart.
 */
const BIG_SQL =
  "SELECT range AS id, CASE WHEN range % 50 = 0 THEN NULL ELSE (range * 7919 % 99998) / 100 END AS amount, ['won', 'lost', 'open'][range % 3 + 1] AS status, " +
  "['EU', 'US', 'APAC', 'LATAM'][range % 4 + 1] AS region, range % 7 AS weekday, 'partner ' || (range % 5000) AS partner, DATE '2020-01-01' + CAST(range % 1500 AS INTEGER) AS closed_at FROM range(1000000)";

/** The amount of row `id`, worked out in JavaScript (a second route to the values DuckDB made). */
const amountOf = (id: number) => (id % 50 === 0 ? null : ((id * 7919) % 99998) / 100);
const statusOf = (id: number) => ['won', 'lost', 'open'][id % 3]!;

const SLOW = { timeout: 90_000 };

/** Adds a SQL cell at the end, runs `sql` and returns the new cell's name. */
async function addCell(page: Page, sql: string): Promise<string> {
  const name = await typeNewSqlCell(page, sql);
  const added = cell(page, name);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((n) => ['done', 'error'].includes(document.querySelector(`[data-testid="cell"][data-name="${n}"]`)?.getAttribute('data-status') ?? ''), name, SLOW);
  await settled(page, SLOW.timeout);
  await expect(added.getAttribute('data-status')).resolves.toBe('done');
  return name;
}

function grid(page: Page, name: string): Locator {
  return cell(page, name).locator('[data-testid="grid"]');
}

/** Waits until the grid shows `status` with its view applied (the status reads so only when ready). */
async function viewShows(page: Page, name: string, status: string): Promise<void> {
  const now = () => grid(page, name).locator('[data-testid="grid-status"]').innerText();
  await page.waitForFunction(
    ([n, s]) => {
      const g = document.querySelector(`[data-testid="cell"][data-name="${n}"] [data-testid="grid"]`);
      return g?.getAttribute('data-view-state') === 'ready' && g.querySelector('[data-testid="grid-status"]')?.textContent === s;
    },
    [name, status] as const,
    SLOW,
  ).catch(async (e: Error) => {
    throw new Error(`The grid of ${name} shows "${await now()}", not "${status}": ${e.message}`);
  });
}

/** Waits until a cell the app added (and runs by itself) has finished. */
async function finished(page: Page, name: string): Promise<void> {
  await page.waitForFunction((n) => ['done', 'error'].includes(document.querySelector(`[data-testid="cell"][data-name="${n}"]`)?.getAttribute('data-status') ?? ''), name, SLOW);
  await settled(page, SLOW.timeout);
  await expect(cell(page, name).getAttribute('data-status')).resolves.toBe('done');
}

async function viewRows(page: Page, name: string): Promise<number> {
  return Number(await grid(page, name).getAttribute('data-view-rows'));
}

/** The name of the cell right after `name`. */
async function cellAfter(page: Page, name: string): Promise<string> {
  const names = await page.locator('[data-testid="cell"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
  return names[names.indexOf(name) + 1]!;
}

/** Does `act`, which puts a cell right below the big result, and returns the new cell's name. */
async function inserts(page: Page, act: () => Promise<void>): Promise<string> {
  const before = await page.locator('[data-testid="cell"]').count();
  await act();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="cell"]').length > n, before, SLOW);
  return cellAfter(page, big);
}

/** Copied text, as the app put it on the clipboard in its copy event. */
async function lastCopied(page: Page): Promise<string> {
  await page.waitForFunction(() => (window as unknown as { __copied: string[] }).__copied.length > 0, undefined, SLOW);
  return page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.pop()!);
}

beforeAll(async () => {
  app = await openApp();
  const { page, context } = app;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.baseUrl).origin });
  await page.waitForSelector('[data-testid="cell"]', SLOW);
  await settled(page, SLOW.timeout);
  // Records what every copy event leaves on the clipboard (listeners on window run after the app's).
  await page.evaluate(() => {
    (window as unknown as { __copied: string[] }).__copied = [];
    window.addEventListener('copy', (e) => (window as unknown as { __copied: string[] }).__copied.push(e.clipboardData?.getData('text/plain') ?? ''));
  });
  big = await addCell(page, BIG_SQL);
});

afterAll(async () => {
  await app?.close();
});

describe('the result grid on a million rows', () => {
  it('summarises every column over the whole result', async () => {
    const { page } = app;
    const g = grid(page, big);
    await g.scrollIntoViewIfNeeded();
    await expect(g.locator('[data-testid="grid-summaries"]').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForFunction((n) => document.querySelector(`[data-testid="cell"][data-name="${n}"] [data-testid="grid"]`)?.getAttribute('data-profile-state') === 'ready', big, SLOW);
    console.log(`[grid] summaries of 1,000,000 rows × 7 columns: ${await g.getAttribute('data-profile-ms')} ms`);
    await screenshot(page, 'grid-desktop');

    // amount: every 50th row empty; twelve bars over 0…999.99, counted again here by SQL
    const summaries = g.locator('[data-testid="profile-summary"]');
    await summaries.nth(1).click();
    const details = page.locator('[data-testid="profile-details"]:visible');
    await expect(details.locator('[data-testid="profile-nulls"]').innerText()).resolves.toBe('20,000 (2%)');
    await details.locator('[data-testid="profile-bins"]').waitFor();
    const bins = await details.locator('[data-testid="profile-bins"] td[data-count]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
    await page.keyboard.press('Escape');
    const binsSql = await addCell(
      page,
      `WITH r AS (SELECT min(amount) AS lo, max(amount) AS hi FROM ${big}) SELECT least(11, greatest(0, ceil((amount - lo) / ((hi - lo) / 12)) - 1))::INT AS bar, count(*) AS n FROM ${big}, r WHERE amount IS NOT NULL GROUP BY bar ORDER BY bar`,
    );
    expect(bins).toHaveLength(12);
    expect(bins).toEqual((await resultRows(page, binsSql)).map((r) => Number(r[1]!.replace(/,/g, ''))));

    // weekday: a whole number with seven values, a bar per value
    await summaries.nth(4).click();
    await details.locator('[data-testid="profile-bins"]').waitFor();
    const week = await details.locator('[data-testid="profile-bins"] td[data-count]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
    await page.keyboard.press('Escape');
    // 1,000,000 = 7 × 142,857 + 1: weekday 0 has one row more
    expect(week).toEqual([142858, 142857, 142857, 142857, 142857, 142857, 142857]);

    // status: its values with their counts, as GROUP BY counts them
    await summaries.nth(2).click();
    await details.locator('[data-testid="profile-top"]').waitFor();
    const top = await details.locator('[data-testid="profile-top"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
    await expect(details.locator('[data-testid="profile-distinct"]').innerText()).resolves.toBe('3');
    await page.keyboard.press('Escape');
    const topSql = await addCell(page, `SELECT status, count(*) AS n FROM ${big} GROUP BY status ORDER BY n DESC, status`);
    expect(top).toEqual(await resultRows(page, topSql));
  });

  it('sorts by a header click, reverses, adds a second key with shift-click', async () => {
    const { page } = app;
    const g = grid(page, big);
    const amount = g.locator('th[data-column="amount"]');
    await amount.locator('[data-testid="sort-button"]').click();
    await viewShows(page, big, 'sorted by amount ↑');
    await expect(amount.getAttribute('aria-sort')).resolves.toBe('ascending');
    await amount.locator('[data-testid="sort-button"]').click();
    await viewShows(page, big, 'sorted by amount ↓');
    await expect(amount.getAttribute('aria-sort')).resolves.toBe('descending');
    await g.locator('th[data-column="id"] [data-testid="sort-button"]').click({ modifiers: ['Shift'] });
    await viewShows(page, big, 'sorted by amount ↓, id ↑');
    const top = await resultRows(page, big);

    // the last rows, paged from the end of the sorted view: the empty amounts come last
    await g.locator('table[role="grid"]').focus();
    await page.keyboard.press('End');
    await page.waitForFunction((n) => [...document.querySelectorAll(`[data-testid="cell"][data-name="${n}"] tbody td.rownum`)].some((td) => td.textContent === '1,000,000'), big, SLOW);
    const bottom = await resultRows(page, big);

    const topSql = await addCell(page, `SELECT * FROM ${big} ORDER BY amount DESC NULLS LAST, id ASC LIMIT ${top.length}`);
    expect(top).toEqual(await resultRows(page, topSql));
    const bottomSql = await addCell(page, `SELECT * FROM ${big} ORDER BY amount DESC NULLS LAST, id ASC OFFSET ${1_000_000 - bottom.length}`);
    expect(bottom).toEqual(await resultRows(page, bottomSql));
    expect(bottom.at(-1)![1]).toBe('null');
  });

  it('filters by text, a number range, a value list and dates; the row count follows', async () => {
    const { page } = app;
    const g = grid(page, big);
    await g.locator('[data-testid="grid-clear"]').click();
    await viewShows(page, big, '');

    // partner contains "12" (partner 12, 120…129, 312…): typed, applied on Enter
    const partner = g.locator('.filter[data-column="partner"] [data-testid="filter-contains"]');
    await partner.fill('12');
    await partner.press('Enter');
    const partnerCount = await addCell(page, `SELECT count(*) AS n FROM ${big} WHERE partner LIKE '%12%'`);
    const expected1 = (await resultText(page, partnerCount)).trim();
    await viewShows(page, big, `${expected1} of 1,000,000 rows`);

    // amount from 100 to 250.5, both included
    await g.locator('.filter[data-column="amount"] [data-testid="filter-range"]').click();
    const panel = page.locator('.popover:popover-open');
    await panel.locator('[data-testid="filter-min"]').fill('100');
    await panel.locator('[data-testid="filter-max"]').fill('250.5');
    await panel.locator('[data-testid="filter-apply"]').click();

    // status: won and open, from its list of values
    await g.locator('.filter[data-column="status"] [data-testid="filter-values"]').click();
    await panel.locator('input[type="checkbox"]').first().waitFor();
    await panel.locator('input[data-value="lost"]').uncheck();
    await panel.locator('[data-testid="filter-apply"]').click();

    // closed from 2021-01-01 to 2022-06-30
    await g.locator('.filter[data-column="closed_at"] [data-testid="filter-range"]').click();
    await panel.locator('[data-testid="filter-from"]').fill('2021-01-01');
    await panel.locator('[data-testid="filter-to"]').fill('2022-06-30');
    await panel.locator('[data-testid="filter-apply"]').click();

    const where = `partner LIKE '%12%' AND amount BETWEEN 100 AND 250.5 AND status IN ('won', 'open') AND closed_at BETWEEN DATE '2021-01-01' AND DATE '2022-06-30'`;
    const countSql = await addCell(page, `SELECT count(*) AS n FROM ${big} WHERE ${where}`);
    const expected = (await resultText(page, countSql)).trim();
    expect(Number(expected.replace(/,/g, ''))).toBeGreaterThan(100);
    await viewShows(page, big, `${expected} of 1,000,000 rows`);
    await expect(cell(page, big).locator('[data-testid="row-count"]').innerText()).resolves.toBe(`${expected} of 1,000,000 rows`);

    // the rows themselves, sorted by id, as the same WHERE gives them
    await g.locator('th[data-column="id"] [data-testid="sort-button"]').click();
    await viewShows(page, big, `${expected} of 1,000,000 rows · sorted by id ↑`);
    const shown = await resultRows(page, big);
    const rowsSql = await addCell(page, `SELECT * FROM ${big} WHERE ${where} ORDER BY id LIMIT ${shown.length}`);
    expect(shown).toEqual(await resultRows(page, rowsSql));
    await screenshot(page, 'grid-filtered');
  });

  it('turns the sort and filters into a SQL cell below that gives the same rows', async () => {
    const { page } = app;
    const before = await viewRows(page, big);
    const added = await inserts(page, () => grid(page, big).locator('[data-testid="grid-add-cell"]').click());
    await finished(page, added);
    const source = await cell(page, added).locator('.cm-content').innerText();
    expect(source).toMatch(new RegExp(`^SELECT \\*\\nFROM "${big}"\\nWHERE "partner" ILIKE '%12%'\\n  AND `));
    expect(source).toMatch(/ORDER BY "id" ASC NULLS LAST$/);
    await expect(cell(page, added).locator('[data-testid="row-count"]').innerText()).resolves.toBe(`${before.toLocaleString('en')} rows`);
    expect(await resultRows(page, added)).toEqual(await resultRows(page, big));
  });

  it('keeps SQL typed in a filter box as text', async () => {
    const { page } = app;
    const g = grid(page, big);
    const overview = await resultText(page, 'tables_overview');
    await g.locator('[data-testid="grid-clear"]').click();
    await viewShows(page, big, '');
    const partner = g.locator('.filter[data-column="partner"] [data-testid="filter-contains"]');
    await partner.fill("'); DROP TABLE deals; --");
    await partner.press('Enter');
    await viewShows(page, big, '0 of 1,000,000 rows');
    await expect(g.locator('td.none').innerText()).resolves.toBe('No rows match the filters.');
    await expect(g.locator('[role="alert"]').count()).resolves.toBe(0);
    // deals is still there, with all its rows
    const deals = await addCell(page, 'SELECT count(*) AS n FROM deals');
    expect(overview).toContain(`deals\t${(await resultText(page, deals)).trim()}`);
    await partner.fill('');
    await partner.press('Enter');
    await viewShows(page, big, '');
  });

  it('copies a mouse selection and a keyboard selection as TSV', async () => {
    const { page } = app;
    const g = grid(page, big);
    await g.locator('th[data-column="id"] [data-testid="sort-button"]').click();
    await viewShows(page, big, 'sorted by id ↑');
    await resultRows(page, big);
    // rows 1–3, columns id…status, dragged with the mouse
    const td = (row: number, col: number) => g.locator(`tbody tr:nth-child(${row}) td:nth-child(${col + 2})`);
    await td(1, 0).hover();
    await page.mouse.down();
    await td(3, 2).hover();
    await page.mouse.up();
    await page.keyboard.press('Control+C');
    const rows = [0, 1, 2].map((i) => [String(i), amountOf(i) === null ? '' : String(amountOf(i)), statusOf(i)].join('\t'));
    expect(await lastCopied(page)).toBe(rows.join('\n'));

    // from the keyboard: start at row 5's amount, shift+down twice, shift+right to the status; with headers
    await td(5, 1).click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+Shift+C');
    const lines = ['amount\tstatus', ...[4, 5, 6].map((i) => `${amountOf(i)}\t${statusOf(i)}`)];
    expect(await lastCopied(page)).toBe(lines.join('\n'));

    // a whole row, from its number: dates ISO, numbers with a dot whatever the page's locale
    await g.locator('tbody tr:nth-child(2) td.rownum').click();
    await page.keyboard.press('Control+C');
    expect(await lastCopied(page)).toBe(['1', String(amountOf(1)), 'lost', 'US', '1', 'partner 1', '2020-01-02'].join('\t'));
  });

  it('builds a pivot that writes a DuckDB PIVOT cell, equal to the same sums written by hand', async () => {
    const { page } = app;
    await grid(page, big).locator('[data-testid="grid-pivot"]').click();
    const dialog = page.locator('[data-testid="pivot-builder"]');
    await dialog.waitFor(SLOW);
    // rows: region; columns: status; sum of amount
    for (const box of await dialog.locator('[data-testid="pivot-row"]:checked').all()) await box.uncheck();
    await dialog.locator('[data-testid="pivot-on"]').selectOption('status');
    await dialog.locator('[data-testid="pivot-row"][data-column="region"]').check();
    await dialog.locator('[data-testid="pivot-aggregate"]').selectOption('sum');
    await dialog.locator('[data-testid="pivot-value"]').selectOption('amount');
    await expect(dialog.locator('[data-testid="pivot-sql"]').innerText()).resolves.toBe(`PIVOT "${big}" ON "status" USING sum("amount") GROUP BY "region" ORDER BY "region"`);
    await screenshot(page, 'grid-pivot');
    const pivot = await inserts(page, () => dialog.locator('[data-testid="pivot-insert"]').click());
    await finished(page, pivot);
    const byHand = await addCell(
      page,
      `SELECT region, sum(amount) FILTER (WHERE status = 'lost') AS lost, sum(amount) FILTER (WHERE status = 'open') AS open, sum(amount) FILTER (WHERE status = 'won') AS won FROM ${big} GROUP BY region ORDER BY region`,
    );
    const pivoted = await resultRows(page, pivot);
    expect(pivoted.map((r) => r[0])).toEqual(['APAC', 'EU', 'LATAM', 'US']);
    expect(pivoted).toEqual(await resultRows(page, byHand));
  });

  it('sorts and filters rows held in memory (an inline result, as a snapshot holds them)', async () => {
    const { page } = app;
    // PRAGMA is not a query kept as a table: its rows come back inline, with no relation to page
    const info = await addCell(page, "PRAGMA table_info('deals')");
    const g = grid(page, info);
    await expect(g.locator('[data-testid="grid-summaries"]').count()).resolves.toBe(0);
    await g.locator('th[data-column="name"] [data-testid="sort-button"]').click();
    await viewShows(page, info, 'sorted by name ↑');
    const names = (await resultRows(page, info)).map((r) => r[1]);
    // DuckDB's own order of the same names
    const sorted = await addCell(page, "SELECT name FROM pragma_table_info('deals') ORDER BY name");
    expect(names).toEqual((await resultRows(page, sorted)).map((r) => r[0]));
    const type = g.locator('.filter[data-column="type"] [data-testid="filter-contains"]');
    await type.fill('date');
    await type.press('Enter');
    // deals' columns, as DuckDB lists them above (two of them dates).
    await viewShows(page, info, `2 of ${names.length} rows · sorted by name ↑`);
    expect((await resultRows(page, info)).map((r) => r[1])).toEqual(['closed_at', 'registered_at']);
  });

  it('fits a tablet', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 820, height: 1180 });
    const panel = page.getByRole('button', { name: 'Hide the side panel' });
    if (await panel.isVisible()) await panel.click();
    const g = grid(page, big);
    await g.scrollIntoViewIfNeeded();
    await screenshot(page, 'grid-tablet');
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(820);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('fetched nothing from elsewhere and logged no error', () => {
    expect(app.foreign()).toEqual([]);
    expect(problems).toEqual([]);
  });
});
