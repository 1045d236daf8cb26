/**
 * Nothing in a snapshot or in Markdown points outside the document: the rules, and a stored drawing
 * made by Vega itself from a spec with links, cleaned on the way into a snapshot and on the way out.
 */
import { describe, expect, it } from 'vitest';
import { cssReachesOut, inwardSvg, isOutwardUrl, keepAttribute } from '../../src/snapshot/outward';
import { inwardSpec } from '../../src/snapshot/spec';
import { chartSvg } from '../../src/snapshot/charts';

describe('addresses', () => {
  it('only fragments, data: and blob: stay in the document', () => {
    for (const u of ['#g1', 'data:image/png;base64,AA', 'blob:http://x/1', ' DATA:x', '']) expect(isOutwardUrl(u), u).toBe(false);
    for (const u of ['http://127.0.0.1:4399/x', 'https://evil.example/', '//evil.example/x', 'x.png', ' h\ttt p://x', 'javascript:alert(1)']) {
      expect(isOutwardUrl(u), u).toBe(true);
    }
  });
});

describe('CSS', () => {
  it('refuses what could load something, however it is spelt', () => {
    const out = [
      'background: url(http://127.0.0.1:4399/x)',
      "background-image: image-set('http://127.0.0.1:4399/x' 1x)",
      'background-image: -webkit-image-set(url(x) 1x)',
      'background: u\\rl(http://127.0.0.1:4399/x)',
      'background: \\75 rl(x)',
      'background: \\000075rl(x)',
      'background: u/**/rl(x)',
      "@import 'x.css'",
      'mask: URL ( x )',
      'content: cross-fade(url(a), url(b))',
    ];
    for (const css of out) expect(cssReachesOut(css), css).toBe(true);
    for (const css of ['color: red', 'background: linear-gradient(#fff, #000)', 'font-weight: bold; margin: 0 1rem']) expect(cssReachesOut(css), css).toBe(false);
  });

  it('keeps local references in attributes, drops outward ones', () => {
    expect(keepAttribute('fill', 'url(#gradient_0)')).toBe(true);
    expect(keepAttribute('fill', 'url(http://127.0.0.1:4399/p.svg#g)')).toBe(false);
    expect(keepAttribute('xlink:href', 'https://evil.example/?d=P0001')).toBe(false);
    expect(keepAttribute('href', '#local')).toBe(true);
    expect(keepAttribute('srcset', 'data:image/png;base64,AA 1x, http://127.0.0.1:4399/x 2x')).toBe(false);
    expect(keepAttribute('style', 'color: red')).toBe(true);
    expect(keepAttribute('aria-label', 'Revenue by partner')).toBe(true);
  });
});

describe('specs and drawings in a snapshot', () => {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    usermeta: { embedOptions: { actions: true, editorUrl: 'http://127.0.0.1:4399/editor' } },
    data: { values: [{ partner: 'P0001', revenue: 12 }, { partner: 'P0002', revenue: 7 }] },
    mark: { type: 'bar', href: 'http://127.0.0.1:4399/mark' },
    encoding: {
      x: { field: 'partner', type: 'nominal' },
      y: { field: 'revenue', type: 'quantitative' },
      href: { field: 'url', type: 'nominal' },
    },
    transform: [{ calculate: "'http://127.0.0.1:4399/?d=' + datum.partner", as: 'url' }],
  };

  it('drop usermeta, the href channel and mark links', () => {
    const inward = inwardSpec(spec);
    expect(Object.keys(inward).sort()).toEqual(['$schema', 'data', 'encoding', 'mark', 'transform']);
    expect(inward.mark).toEqual({ type: 'bar' });
    expect(Object.keys(inward.encoding as object)).toEqual(['x', 'y']);
  });

  it('a drawing Vega makes with links holds none once stored, and a hostile one is cleaned when read', async () => {
    // Drawn from the spec as it is, links and all: what Vega writes, then what the snapshot keeps.
    const { compile } = await import('vega-lite');
    const vega = await import('vega');
    const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
    const raw = await view.toSVG();
    view.finalize();
    expect(raw).toMatch(/xlink:href="http:\/\/127\.0\.0\.1:4399\/\?d=P0001"|href="http:\/\/127\.0\.0\.1:4399/);
    const kept = inwardSvg(raw);
    // No link is left; the address survives only as text, in the mark's description for screen readers.
    expect(kept).not.toMatch(/href=/);
    expect(kept.replace(/aria-label="[^"]*"/g, '')).not.toMatch(/4399/);
    expect(kept).toMatch(/<path/);
    // The snapshot's own drawing of the spec goes through inwardSpec and inwardSvg.
    expect(await chartSvg(inwardSpec(spec))).not.toMatch(/href=/);
    const hostile = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><style>rect{fill:url(http://127.0.0.1:4399/s)}</style><a xlink:href="http://127.0.0.1:4399/a" href='https://127.0.0.1:4399/b'><rect style="background:image-set('http://127.0.0.1:4399/c' 1x)" fill="url(#g)" width="1" height="1"/></a><image href="http://127.0.0.1:4399/i.png"/></svg>`;
    const cleaned = inwardSvg(hostile);
    expect(cleaned).not.toMatch(/4399/);
    expect(cleaned).toContain('fill="url(#g)"');
  });
});
