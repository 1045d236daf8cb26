/**
 * The snapshot file: one HTML page holding the payload as JSON data and the viewer's code and styles
 * inline. Its Content Security Policy allows no request of any kind and no script but the viewer,
 * pinned by its SHA-256, so nothing written by a user can run even if it reached the page as HTML.
 */
import { sha256Bytes, utf8 } from '../crypto/sha256';
import type { SnapshotPayload } from './payload';
import { i18nFor } from '../i18n/i18n';

export const PAYLOAD_ELEMENT_ID = 'longtail-snapshot';
export const ROOT_ELEMENT_ID = 'longtail-snapshot-root';

/** The viewer, built as one classic script and one stylesheet (see src/ui/snapshot/viewer.ts). */
export interface ViewerAssets {
  js: string;
  css: string;
}

/**
 * JSON that can sit inside a <script> element: `<`, `>` and `&` only occur inside JSON strings, where
 * their \u escapes mean the same, so `</script>` or `<!--` in any value cannot end or change the element.
 * U+2028/2029 are escaped too, for any reader that still treats them as line ends.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Makes minified code safe to inline: `</script` would end the element and `<!--` can change how the
 * HTML parser reads the rest of it. Both only occur in strings, regular expressions and comments of
 * minified code, where `\x3C` is the same `<`. The viewer build applies this and checks the result parses.
 */
export function inlineSafeScript(js: string): string {
  return js.replace(/<\/(script)/gi, '\\x3C/$1').replace(/<!--/g, '\\x3C!--');
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** The CSP source that allows exactly this script: 'sha256-<base64 of its UTF-8 bytes' digest>'. */
export function scriptHash(js: string): string {
  return `'sha256-${base64(sha256Bytes(utf8(js)))}'`;
}

export function contentSecurityPolicy(js: string): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHash(js)}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function snapshotHtml(payload: SnapshotPayload, viewer: ViewerAssets): string {
  if (/<\/script|<!--/i.test(viewer.js)) throw new Error('The snapshot viewer script is not safe to inline: build it with inlineSafeScript.');
  if (/<\/style/i.test(viewer.css)) throw new Error('The snapshot viewer stylesheet contains </style.');
  const lang = payload.lang ?? 'en';
  const { t } = i18nFor(lang);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(viewer.js))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Longtail snapshot ${payload.version}">
<title>${escapeHtml(payload.title)} — ${escapeHtml(t('snapshot.title_suffix'))}</title>
<style>${viewer.css}</style>
</head>
<body>
<noscript><p style="font:16px system-ui;margin:2rem">${escapeHtml(t('snapshot.noscript'))}</p></noscript>
<div id="${ROOT_ELEMENT_ID}"></div>
<script type="application/json" id="${PAYLOAD_ELEMENT_ID}">${scriptSafeJson(payload)}</script>
<script>${viewer.js}</script>
</body>
</html>
`;
}
