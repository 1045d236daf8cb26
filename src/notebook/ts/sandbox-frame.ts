/**
 * The document inside the sandboxed frame that runs TypeScript cells (see sandbox.ts). It is tiny and
 * written here as text, so the frame needs no request at all (it works offline and on any server): an
 * `srcdoc` with its own Content Security Policy and one inline script, allowed by its SHA-256 hash.
 *
 * The frame's origin is opaque (`sandbox="allow-scripts"`, no `allow-same-origin`), so neither it nor
 * the workers it starts can open the app's IndexedDB, OPFS, caches, Web Locks or BroadcastChannels.
 * An `srcdoc` document also inherits the app page's policy, and a worker started from a `blob:` URL
 * inherits its creator's; both policies apply, so a cell's worker has no network (`connect-src 'none'`),
 * cannot load scripts and cannot compile text (no 'unsafe-eval' in either).
 *
 * The script only relays: from the page it takes the worker runtime's text once, then for each run a
 * `start` (the cell's script tail and a MessagePort) and later a `stop`. Each run is a new worker whose
 * script is the runtime followed by that cell: a fresh realm, so no cell sees another's changes to
 * built-ins. The page and the run's worker talk over the port; this document never sees the data.
 */

import { escapeHtml, scriptHash } from '../../snapshot/html';

/** The frame's one script. Its SHA-256 must be allowed by the page's policy too (src/security/csp.ts). */
export const SANDBOX_BOOTSTRAP = `"use strict";
(() => {
  let runtime = null;
  const runs = new Map();
  const send = (m) => parent.postMessage(m, "*");
  const stop = (id) => {
    const run = runs.get(id);
    if (!run) return;
    runs.delete(id);
    run.worker.terminate();
    URL.revokeObjectURL(run.url);
  };
  addEventListener("message", (e) => {
    const m = e.data;
    if (e.source !== parent || !m || typeof m !== "object") return;
    if (m.type === "runtime" && runtime === null && typeof m.text === "string") {
      runtime = m.text;
      send({ type: "ready" });
    } else if (m.type === "start" && runtime !== null && typeof m.cell === "string" && e.ports.length === 1) {
      const url = URL.createObjectURL(new Blob([runtime, "\\n", m.cell], { type: "text/javascript" }));
      let worker;
      try {
        worker = new Worker(url, { name: "longtail-ts-cell" });
      } catch (err) {
        URL.revokeObjectURL(url);
        send({ type: "crash", id: m.id, message: String(err), line: 0, column: 0 });
        return;
      }
      runs.set(m.id, { worker, url });
      worker.onerror = (ev) => {
        ev.preventDefault();
        send({ type: "crash", id: m.id, message: ev.message || "the worker could not start", line: ev.lineno || 0, column: ev.colno || 0 });
      };
      worker.postMessage({ type: "port" }, [e.ports[0]]);
    } else if (m.type === "stop") {
      stop(m.id);
    }
  });
  send({ type: "loaded" });
})();`;

/** The CSP source that allows the frame's script (the page's policy must list it too). */
export function bootstrapSource(): string {
  return scriptHash(SANDBOX_BOOTSTRAP);
}

/** The frame's own policy, on top of the page's (which it inherits). */
export function sandboxPolicy(): string {
  return [
    "default-src 'none'",
    `script-src ${bootstrapSource()}`,
    'worker-src blob:',
    "connect-src 'none'",
    "img-src 'none'",
    "style-src 'none'",
    "font-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The frame's whole document. */
export function sandboxDocument(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${escapeHtml(sandboxPolicy())}"><script>${SANDBOX_BOOTSTRAP}</script></head><body></body></html>`;
}

/** Messages the frame sends to the page. */
export type FrameMessage =
  | { type: 'loaded' }
  | { type: 'ready' }
  | { type: 'crash'; id: number; message: string; line: number; column: number };
