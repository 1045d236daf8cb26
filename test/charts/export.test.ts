/** Exported chart files, and the loader that keeps Vega from fetching anything. */
import { describe, it, expect } from 'vitest';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { chartBlob, exportFileName, type ImageSource } from '../../src/charts/export';
import { NO_FETCH_LOADER } from '../../src/charts/embed';

describe('exported files', () => {
  it('are named after the chart, safely', () => {
    expect(exportFileName('rfm_grid', 'png')).toBe('rfm_grid.png');
    expect(exportFileName('Revenue by région / year', 'svg')).toBe('Revenue-by-region-year.svg');
    expect(exportFileName('../../etc', 'svg')).toBe('etc.svg');
    expect(exportFileName('', 'png')).toBe('chart.png');
  });

  it('hold the SVG Vega draws', async () => {
    const spec = vegaLite.compile({ data: { values: [{ a: 1 }, { a: 2 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'ordinal' } } }).spec;
    const view = new vega.View(vega.parse(spec), { renderer: 'none' });
    const blob = await chartBlob(view, 'svg');
    expect(blob.type).toBe('image/svg+xml;charset=utf-8');
    expect(await blob.text()).toBe(await view.toSVG());
  });

  it('hold the PNG bytes, not the data: URL', async () => {
    // The 8-byte PNG signature, base64-encoded by hand: 89 50 4E 47 0D 0A 1A 0A → "iVBORw0KGgo=".
    const source: ImageSource = { toImageURL: async () => 'data:image/png;base64,iVBORw0KGgo=', toSVG: async () => '' };
    const blob = await chartBlob(source, 'png');
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});

describe('the loader charts are drawn with', () => {
  it('refuses to fetch, so a URL in a spec draws nothing rather than leaving the machine', async () => {
    const spec = vegaLite.compile({ data: { url: 'https://example.com/data.csv' }, mark: 'point' }).spec;
    const warnings: string[] = [];
    const view = new vega.View(vega.parse(spec), {
      renderer: 'none',
      loader: NO_FETCH_LOADER as unknown as vega.Loader,
      // Vega reports a failed load as a warning and carries on with no rows.
      logger: { error: () => undefined, warn: (...a: unknown[]) => warnings.push(a.map(String).join(' ')), info: () => undefined, debug: () => undefined, level: () => 0 } as unknown as vega.LoggerInterface,
    });
    await view.runAsync();
    expect(view.data('source_0')).toEqual([]);
    expect(warnings.join(' ')).toMatch(/^Loading failed https:\/\/example\.com\/data\.csv Error: Longtail charts draw only data already in the notebook; nothing is fetched\./);
  });
});
