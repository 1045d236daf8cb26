// Renders public/favicon.svg into the PNG icons the web app manifest lists (public/icons/), with the
// Chromium the tests use: `node scripts/make-icons.mjs`. Re-run it when the logo changes.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });

// A maskable icon may be cropped to a circle: the logo keeps to the middle 70 %, on its own blue.
const icons = [
  { file: 'icon-192.png', size: 192, inset: 0, bg: 'transparent' },
  { file: 'icon-512.png', size: 512, inset: 0, bg: 'transparent' },
  { file: 'maskable-512.png', size: 512, inset: 0.15, bg: '#1f4e79' },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const { file, size, inset, bg } of icons) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const pad = Math.round(size * inset);
  await page.setContent(
    `<html><body style="margin:0;background:${bg}"><div style="padding:${pad}px;width:${size - 2 * pad}px;height:${size - 2 * pad}px">` +
      svg.replace('<svg ', `<svg width="${size - 2 * pad}" height="${size - 2 * pad}" `) +
      '</div></body></html>',
  );
  await page.screenshot({ path: new URL(file, out).pathname, omitBackground: bg === 'transparent' });
  await page.close();
}
await browser.close();
console.log('icons written to public/icons/');
