/**
 * The Content Security Policy of the app's pages: connections, scripts, workers and frames to the
 * app's own origin only. It reaches every context three ways, so no static server can leave a gap:
 * a <meta> in index.html (written by vite.config.ts from this module), a header from `npm start`'s
 * server, and a header on every response of the service worker (src/sw.ts) — `responseHeaders()`, which
 * adds cross-origin isolation. Workers the app starts
 * from `blob:` URLs (DuckDB's, the TypeScript cells') inherit it; the sandbox frame of the cells adds
 * its own, stricter one (src/notebook/ts/sandbox-frame.ts), whose one script this policy must allow.
 */
import { bootstrapSource } from '../notebook/ts/sandbox-frame';

export function appPolicy(): string {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval': DuckDB's WebAssembly. The hash: the script of the TypeScript cells' sandbox.
    `script-src 'self' 'wasm-unsafe-eval' ${bootstrapSource()}`,
    "worker-src 'self' blob:",
    "connect-src 'self' blob: data:",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Directives a <meta> cannot carry; headers add them. */
export function headerPolicy(): string {
  return `${appPolicy()}; frame-ancestors 'self'`;
}

/**
 * Cross-origin isolation: no window of another origin shares the page's browsing context group (COOP)
 * and nothing of another origin loads into it unless that resource says it may (COEP; the app loads
 * nothing from elsewhere anyway). A page isolated this way gets SharedArrayBuffer, which DuckDB's
 * multi-threaded build needs (src/engine/browser.ts); without these headers it runs single-threaded.
 * A <meta> cannot carry them: `npm start`'s server and the service worker send them.
 */
export function isolationHeaders(): Record<string, string> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Every header the app's responses carry: the policy, no MIME sniffing, no referrer, and isolation. */
export function responseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': headerPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...isolationHeaders(),
  };
}
