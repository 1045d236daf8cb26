/**
 * Starts the ingest worker in the browser. Like DuckDB's (src/engine/browser.ts), it starts from a
 * `blob:` URL whose one line loads the self-hosted script: a blob worker takes the page's Content
 * Security Policy, where a worker loaded from its own URL would take its policy from that response's
 * headers (none on a plain static server). The script is one of the app's assets, precached by the
 * service worker, so it starts offline too.
 */
import workerUrl from './ingest-worker.ts?worker&url';

export function startIngestWorker(): Worker {
  const script = new URL(workerUrl, location.href).href;
  const url = URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(script)});\n`], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'longtail-ingest' });
  // The blob is needed until the worker has loaded its script; it says so with its first message.
  const release = () => URL.revokeObjectURL(url);
  worker.addEventListener('message', release, { once: true });
  worker.addEventListener('error', release, { once: true });
  return worker;
}
