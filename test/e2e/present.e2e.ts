/**
 * Presenting a notebook in a workshop room (issue 19.4): one section per screen, code hidden, results and
 * charts large, keyboard and clicker navigation, inputs still live. Screenshots at 1920×1080 and 1280×720.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openApp, screenshot, settled, type AppSession } from './browser';
import { ready } from './workspace-helpers';

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ viewport: { width: 1920, height: 1080 } });
  await ready(app.page);
});

afterAll(async () => {
  await app?.close();
});

const slideNo = async () => Number(await app.page.locator('[data-testid="presentation"]').getAttribute('data-slide'));

describe('presenting', () => {
  it('shows one section per screen, without code, and moves with the keys a clicker sends', async () => {
    const { page } = app;
    await page.locator('[data-testid="template"]', { hasText: 'Long tail' }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid="notebook-title"]')?.textContent === 'Long tail');
    await ready(page);
    await page.locator('[data-testid="present"]').click();
    const deck = page.locator('[data-testid="presentation"]');
    await deck.waitFor();
    const total = Number((await page.locator('[data-testid="slide-count"]').innerText()).split('/')[1]);
    expect(total).toBeGreaterThan(3);
    expect(await deck.locator('.cm-content').count()).toBe(0);
    await screenshot(page, 'present-1920-title');
    for (const [key, expected] of [['PageDown', 1], ['ArrowRight', 2], [' ', 3], ['PageUp', 2], ['ArrowLeft', 1], ['End', total - 1], ['Home', 0]] as const) {
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      expect({ key, slide: await slideNo() }).toEqual({ key, slide: expected });
    }
    // The section with the concentration curve: the chart is drawn large.
    for (let k = 0; k < total; k++) {
      if (await deck.locator('[data-testid="chart"]').count()) break;
      await page.keyboard.press('PageDown');
    }
    // The chart's box is there before Vega has drawn into it (Vega loads on first use): wait for the drawing.
    await deck.locator('[data-testid="chart"] svg').first().waitFor({ timeout: 60_000 });
    const chart = await deck.locator('[data-testid="chart"] svg').first().boundingBox();
    expect(chart!.width).toBeGreaterThan(900);
    await screenshot(page, 'present-1920-chart');
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'present-1280-chart');
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it('keeps inputs live: a parameter changed in front of the room updates the results', async () => {
    const { page } = app;
    await page.keyboard.press('Home');
    const deck = page.locator('[data-testid="presentation"]');
    // The first screen holds the period's inputs and the one-line summary below them.
    let input = deck.locator('[data-testid="input-widget"][data-type="slider"] input').first();
    for (let k = 0; k < 5 && !(await input.count()); k++) {
      await page.keyboard.press('PageDown');
      input = deck.locator('[data-testid="input-widget"][data-type="slider"] input').first();
    }
    const before = await page.locator('[data-testid="cell"][data-name="concentration"]').getAttribute('data-finished');
    await input.fill('30');
    await input.dispatchEvent('change');
    await page.waitForFunction((b) => document.querySelector('[data-testid="cell"][data-name="concentration"]')?.getAttribute('data-finished') !== b, before);
    await settled(page);
    await expect(page.locator('[data-testid="presentation"]').count()).resolves.toBe(1);
    await page.keyboard.press('Escape');
    await deck.waitFor({ state: 'detached' });
  });

  it("requested nothing outside the app's origin", () => {
    expect(app.foreign()).toEqual([]);
  });
});
