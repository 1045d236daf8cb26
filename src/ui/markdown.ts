/**
 * Markdown written by users, rendered to HTML and sanitised before it touches the page: a <script>, an
 * onerror= or a javascript: link in a cell can never run. Markdown.svelte loads this module (marked and
 * DOMPurify, about 45 KiB of gzip) on first use rather than with the page.
 *
 * Markdown loads nothing either: an image or style address other than data:/blob: would be a request
 * leaving the machine (a tracking pixel in a shared notebook or snapshot), so it is dropped, and so is
 * a style attribute that could load something (url(), image-set(), @import, or escapes that could
 * spell them: src/snapshot/outward.ts). Links stay: following one takes a click. An instance of its
 * own keeps these rules to Markdown.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { keepAttribute } from '../snapshot/outward';

const purify = DOMPurify();
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'href') return;
  if (!keepAttribute(data.attrName, data.attrValue)) data.keepAttr = false;
});

export function markdownHtml(source: string): string {
  return purify.sanitize(marked.parse(source, { async: false, gfm: true }) as string, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style'] });
}
