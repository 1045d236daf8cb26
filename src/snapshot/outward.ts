/**
 * What in a page's markup could make the browser reach outside the document: addresses in links and
 * sources, and CSS that loads something (url(), image-set(), @import…). Markdown, stored chart drawings
 * and snapshot files are checked with these rules — by DOMPurify's hooks where there is a DOM
 * (Markdown.svelte, SnapshotChart.svelte), and on the SVG text when a snapshot is written. The page's
 * Content Security Policy blocks such requests too; this keeps them out of the markup in the first place.
 */

/** True for an address that leaves the document: anything but `#fragment`, data: and blob:. */
export function isOutwardUrl(url: string): boolean {
  // Browsers ignore whitespace and control characters inside a scheme ("jav\tascript:", " http:").
  const u = url.replace(/[\u0000-\u0020\u007f]/g, '');
  return !(u === '' || u.startsWith('#') || /^(data|blob):/i.test(u));
}

/**
 * True when CSS text could fetch something. CSS escapes and comments can spell any function name
 * (`u\rl(`, `\75 rl(`, or a comment between its letters), so text holding either is refused whole
 * rather than decoded.
 */
export function cssReachesOut(css: string): boolean {
  if (css.includes('\\') || css.includes('/*')) return true;
  return /(?:url|image-set|image|cross-fade|element|src|paint)\s*\(|@import|@font-face|expression\s*\(/i.test(css);
}

/** True when an attribute value points somewhere with url(…) other than an element of the same document. */
export function outwardUrlFunction(value: string): boolean {
  for (const m of value.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) if (isOutwardUrl(m[2]!)) return true;
  return /url\s*\(/i.test(value) && !/url\s*\(\s*['"]?#/i.test(value);
}

const LINK_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'srcset', 'poster', 'background', 'action', 'formaction', 'ping']);

/** Whether an attribute may stay, by these rules. */
export function keepAttribute(name: string, value: string): boolean {
  const n = name.toLowerCase();
  // srcset and ping hold several addresses: every piece must be local (a data: URL's own commas make
  // pieces that are not, so such a srcset goes too: safe, and rare in Markdown).
  if (n === 'srcset' || n === 'ping') return value.split(/[\s,]+/).filter(Boolean).every((part) => !isOutwardUrl(part));
  if (LINK_ATTRIBUTES.has(n)) return !isOutwardUrl(value);
  if (n === 'style') return !cssReachesOut(value);
  return !outwardUrlFunction(value);
}

/**
 * A drawing made by Vega's SVG renderer, without links to other hosts (`href`, `xlink:href`, from
 * marks with an href channel), style that loads something, or url() to outside the drawing. Works on
 * the text (no DOM): Vega writes each attribute as name="value" with the value escaped.
 */
export function inwardSvg(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/\s([\w:.-]+)\s*=\s*"([^"]*)"/g, (whole, name: string, value: string) => (keepAttribute(name, unescapeXml(value)) ? whole : ''))
    .replace(/\s([\w:.-]+)\s*=\s*'([^']*)'/g, (whole, name: string, value: string) => (keepAttribute(name, unescapeXml(value)) ? whole : ''));
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(parseInt(k.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[k]!;
  });
}
