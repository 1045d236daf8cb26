import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Script, runInNewContext } from 'node:vm';
import { contentSecurityPolicy, inlineSafeScript, scriptSafeJson, snapshotHtml } from '../../src/snapshot/html';
import { readSnapshotHtml } from '../../src/snapshot/parse';
import type { SnapshotPayload } from '../../src/snapshot/payload';

/** Strings that try to break out of a <script>, an attribute, a template literal or the JSON itself. */
export const HOSTILE = [
  '</script><script>alert(1)</script>',
  '</SCRIPT >',
  '<!--<script>',
  '<img src=x onerror=alert(1)>',
  '"onload="alert(1)',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '${alert(1)}`',
  '\u2028\u2029',
  '\u003c/script\u003e',
  '＜script＞',
  '&lt;script&gt;',
  '\\u003c/script>',
];

function payloadWith(text: string): SnapshotPayload {
  return {
    format: 'longtail-snapshot',
    version: 1,
    title: text,
    fileName: 'x.md',
    createdAt: '2026-01-02T03:04:05.000Z',
    frontMatter: null,
    cells: [
      { kind: 'markdown', text },
      {
        kind: 'sql',
        name: 'q',
        attrs: [],
        source: text,
        reads: [],
        status: 'done',
        error: null,
        result: {
          columns: [{ name: text, kind: 'string', sqlType: 'VARCHAR' }],
          rowCount: 1,
          rows: [[text]],
          totals: null,
          note: null,
          displays: [],
          elapsedMs: 1,
          finishedAt: 0,
          generatedSql: null,
          provenance: null,
        },
      },
    ],
    fingerprints: [],
    hidden: { code: false, cells: [], pseudonymised: null, capped: [] },
    provenance: null,
    currency: null,
    partners: null,
  };
}

const VIEWER = { js: 'document.title = "viewer";', css: 'body{margin:0}' };

describe('the snapshot file', () => {
  it('holds hostile text in data only: two script elements, and the text comes back unchanged', () => {
    for (const text of HOSTILE) {
      const html = snapshotHtml(payloadWith(text), VIEWER);
      // Exactly the two elements written: the JSON data and the viewer. Nothing in the data opens or closes one.
      expect(html.match(/<script/gi)).toHaveLength(2);
      expect(html.match(/<\/script/gi)).toHaveLength(2);
      expect(html.match(/<!--/g)).toBeNull();
      expect(readSnapshotHtml(html)).toEqual(payloadWith(text));
    }
  });

  it('escapes <, >, & and the Unicode line separators inside JSON strings', () => {
    // Worked by hand: each character becomes its \u escape, and JSON.parse restores it.
    expect(scriptSafeJson({ a: '</b>&\u2028' })).toBe('{"a":"\\u003c/b\\u003e\\u0026\\u2028"}');
    expect(JSON.parse(scriptSafeJson({ a: '</b>&\u2028' }))).toEqual({ a: '</b>&\u2028' });
  });

  it('escapes the title where it is HTML text', () => {
    const html = snapshotHtml(payloadWith('<img src=x onerror=alert(1)>'), VIEWER);
    expect(html).toContain('<title>&lt;img src=x onerror=alert(1)&gt; — Longtail snapshot</title>');
  });

  it('pins the viewer script by its SHA-256 and allows no connection, no other script', () => {
    const csp = contentSecurityPolicy(VIEWER.js);
    const expected = createHash('sha256').update(VIEWER.js, 'utf8').digest('base64');
    expect(csp).toBe(
      `default-src 'none'; script-src 'sha256-${expected}'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(snapshotHtml(payloadWith('x'), VIEWER)).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-${expected}&#39;`);
  });

  it('refuses a viewer script that could end its element early', () => {
    expect(() => snapshotHtml(payloadWith('x'), { js: 'var s = "</script>";', css: '' })).toThrow(/not safe to inline/);
  });

  it('makes minified code inlinable without changing what it computes', () => {
    const js = 'var a = "</script><!--"; var b = /<!--x/.test("<!--x"); var c = `</SCRIPT>`; result = [a, b, c];';
    const safe = inlineSafeScript(js);
    expect(safe).not.toMatch(/<\/script|<!--/i);
    new Script(safe); // still parses
    expect(runInNewContext(`${safe}; result`)).toEqual(['</script><!--', true, '</SCRIPT>']);
  });
});
