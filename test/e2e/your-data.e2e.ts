/**
 * Your data, end to end (issue 13), in the built app: a French CRM export of deals only is dropped,
 * mapped onto the model's deals with no edit, and the RFM and Long tail templates then run on it — every
 * figure equal to one computed here from the file's text, no demo partner anywhere on the page, each
 * result saying it read "your data". The demo is one click away and back, each with its own figures.
 * Then two monthly exports of the same shape append into deals without duplicates.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, cell, resultRows, screenshot, settled, type AppSession } from './browser';
import { addSqlCell, ready } from './workspace-helpers';
import { importIntoModel } from './import-helpers';
import { generateDemo } from '../../src/demo/generate';

const FIXTURES = path.resolve('test/fixtures');

/** The fixture's rows, read by the test itself: Latin-1 plus the few 0x80–0x9F characters used, `;`. */
const CP1252: Record<number, string> = { 0x80: '€', 0x8c: 'Œ', 0x92: '’', 0x9c: 'œ' };
function parse(name: string): Record<string, string>[] {
  const text = Array.from(readFileSync(path.join(FIXTURES, name)), (b) => CP1252[b] ?? String.fromCharCode(b)).join('');
  const [head, ...lines] = text.trim().split('\r\n').map((l) => l.split(';'));
  return lines.map((cells) => Object.fromEntries(head!.map((h, k) => [h, cells[k]!])));
}
const euros = (s: string) => Number(s.replace(/\s/g, '').replace(',', '.'));

/** What the templates must show, computed from the file: partners, the head's share, Gini, no-purchase count. */
function expectedFigures(rows: Record<string, string>[]) {
  const revenue = new Map<string, number>();
  for (const r of rows) revenue.set(r.Revendeur!, (revenue.get(r.Revendeur!) ?? 0) + (r.Statut === 'Gagné' ? euros(r['Montant (€)']!) : 0));
  const values = [...revenue.values()].sort((a, b) => b - a);
  const n = values.length;
  const total = values.reduce((s, v) => s + v, 0);
  const head = Math.ceil(0.2 * n);
  const topShare = values.slice(0, head).reduce((s, v) => s + v, 0) / total;
  // Gini from the ascending order: (2 Σ i·x_i) / (n Σ x) − (n + 1) / n.
  const asc = [...values].reverse();
  const gini = (2 * asc.reduce((s, v, k) => s + (k + 1) * v, 0)) / (n * total) - (n + 1) / n;
  return { partners: n, noPurchase: values.filter((v) => v === 0).length, topShare, gini, total };
}

/** A number as the result table shows it (en-US grouping, maybe a currency sign). */
const num = (text: string) => Number(text.replace(/[^0-9.\-]/g, ''));

async function columnOf(page: Page, name: string, column: string): Promise<string[]> {
  const headers = await cell(page, name).locator('[data-testid="cell-result"] thead th .name').allInnerTexts();
  const k = headers.findIndex((h) => h.trim() === column);
  if (k < 0) throw new Error(`${name} has no column ${column}: ${headers.join(' | ')}`);
  return (await resultRows(page, name)).map((r) => r[k]!);
}

async function openTemplate(page: Page, title: string): Promise<void> {
  await page.locator('[data-testid="template"]', { hasText: title }).first().click();
  await page.waitForFunction((t) => document.querySelector('[data-testid="notebook-title"]')?.textContent === t, title);
  await ready(page);
}

async function switchTo(page: Page, choice: 'mine' | 'demo'): Promise<void> {
  const before = await page.locator('[data-testid="cell"]:not(.markdown)').first().getAttribute('data-finished');
  await page.locator(`[data-testid="switch-${choice}"]`).click();
  await page.waitForSelector(`[data-testid="data-switch"][data-choice="${choice}"]`);
  // The notebook runs again on the other data: wait for a new finishing time, then for calm.
  await page.waitForFunction((b) => document.querySelector('[data-testid="cell"]:not(.markdown)')?.getAttribute('data-finished') !== b, before, { timeout: 60_000 });
  await settled(page);
}

let app: AppSession;
const source = parse('crm-deals-fr.csv');
const expected = expectedFigures(source);
const demoNames = (generateDemo().partners.name as string[]).filter((n) => n.length >= 6);

beforeAll(async () => {
  app = await openApp();
  await ready(app.page);
});

afterAll(async () => {
  await app?.close();
});

describe('your data, end to end', () => {
  it('maps a deals-only French export onto the model, and RFM and Long tail run on it alone', async () => {
    const { page } = app;
    // The fixture's resellers are not the demo's partners, so "no demo name on the page" means something.
    expect(demoNames.filter((n) => source.some((r) => r.Revendeur === n))).toEqual([]);
    expect(expected.partners).toBe(24);

    await expect(importIntoModel(page, 'crm-deals-fr.csv')).resolves.toBe('deals');
    await page.waitForSelector('[data-testid="data-switch"][data-choice="mine"]');

    await openTemplate(page, 'Long tail');
    expect(num((await columnOf(page, 'concentration', 'partners'))[0]!)).toBe(expected.partners);
    // Shares and Gini are shown to 4 significant digits.
    expect(num((await columnOf(page, 'concentration', 'top_revenue_share'))[0]!)).toBeCloseTo(expected.topShare, 3);
    expect(num((await columnOf(page, 'concentration', 'gini'))[0]!)).toBeCloseTo(expected.gini, 3);
    const badge = await cell(page, 'concentration').locator('[data-testid="provenance"]').innerText();
    expect(badge).toMatch(/your data: crm-deals-fr\.csv, 240 rows/);
    expect(await page.locator('[data-testid="provenance"]', { hasText: 'demo data' }).count()).toBe(0);
    await screenshot(page, 'your-data-long-tail');

    await openTemplate(page, 'RFM segmentation');
    const segments = await columnOf(page, 'rfm_segments', 'segment');
    const partners = await columnOf(page, 'rfm_segments', 'partners');
    expect(num(partners[segments.indexOf('No purchase')]!)).toBe(expected.noPurchase);
    expect(partners.reduce((s, p) => s + num(p), 0)).toBe(expected.partners);
    expect(await cell(page, 'rfm_segments').locator('[data-testid="provenance"]').innerText()).toMatch(/your data: crm-deals-fr\.csv, 240 rows/);

    const text = await page.locator('main').innerText();
    expect(demoNames.filter((n) => text.includes(n))).toEqual([]);
    expect(await page.locator('[data-testid="cell"][data-status="error"]').count()).toBe(0);
  });

  it('switches to the demo and back in one click, each with its own figures', async () => {
    const { page } = app;
    await openTemplate(page, 'Long tail');
    await switchTo(page, 'demo');
    const demoPartners = num((await columnOf(page, 'concentration', 'partners'))[0]!);
    expect(demoPartners).toBe(generateDemo().partners.partner_id!.length);
    expect(await cell(page, 'concentration').locator('[data-testid="provenance"]').innerText()).toMatch(/demo data/);
    await switchTo(page, 'mine');
    expect(num((await columnOf(page, 'concentration', 'partners'))[0]!)).toBe(expected.partners);
    expect(num((await columnOf(page, 'concentration', 'gini'))[0]!)).toBeCloseTo(expected.gini, 3);
  });

  it('shows in the Data panel where each table comes from, and takes the import out again', async () => {
    const { page } = app;
    await page.locator('[data-testid="data-button"]').click();
    const panel = page.locator('[data-testid="data-panel"][open]');
    await panel.waitFor();
    await expect(panel.locator('[data-testid="data-table"][data-table="deals"]').getAttribute('data-source')).resolves.toBe('imports');
    await expect(panel.locator('[data-testid="data-table"][data-table="partners"]').getAttribute('data-source')).resolves.toBe('derived');
    await expect(panel.locator('[data-testid="data-table"][data-table="surveys"]').getAttribute('data-source')).resolves.toBe('missing');
    const deals = panel.locator('[data-testid="data-table"][data-table="deals"]');
    await expect(deals.locator('[data-testid="data-import"]').innerText()).resolves.toMatch(/crm-deals-fr\.csv\s+240/);
    // The NPS template is not ready, and says what it needs.
    await expect(panel.locator('[data-testid="template-readiness"]', { hasText: 'Partner NPS' }).getAttribute('data-ready')).resolves.toBe('false');
    await expect(panel.locator('[data-testid="template-readiness"]', { hasText: 'Partner NPS' }).innerText()).resolves.toMatch(/needs `surveys`.*import a survey export/);
    await screenshot(page, 'your-data-panel');
    await deals.locator('[data-testid="data-remove-import"]').click();
    await page.waitForSelector('[data-testid="data-table"][data-table="deals"][data-source="missing"]');
    await page.keyboard.press('Escape');
    // The notebook runs again on what is left: nothing, so its cells say what they miss.
    await page.waitForSelector('[data-testid="cell"][data-name="concentration"][data-status="missing"]', { timeout: 60_000 });
    await settled(page);
    await expect(page.locator('[data-testid="needs-notice"]').innerText()).resolves.toMatch(/needs `deals`/);
  });

  it('appends two monthly exports of the same shape into deals without duplicates', async () => {
    const { page } = app;
    const jan = parse('crm-deals-2024-01.csv');
    const feb = parse('crm-deals-2024-02.csv');
    const ids = new Set([...jan, ...feb].map((r) => r['N° affaire']));
    await expect(importIntoModel(page, 'crm-deals-2024-01.csv')).resolves.toBe('deals');
    await expect(importIntoModel(page, 'crm-deals-2024-02.csv')).resolves.toBe('deals');
    const counted = await addSqlCell(page, 'SELECT count(*) AS n, count(DISTINCT deal_id) AS ids FROM deals');
    expect(await resultRows(page, counted)).toEqual([[String(ids.size), String(ids.size)]]);
    expect(ids.size).toBe(90);
  });

  it("requested nothing outside the app's origin", () => {
    expect(app.foreign()).toEqual([]);
  });
});
