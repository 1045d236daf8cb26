/**
 * The service worker: the whole app precached for offline use (what vite-plugin-pwa's generated worker
 * did), and the app's Content Security Policy added as a header to every response it serves, so a page
 * or worker loaded from the cache carries the policy whatever the server that first sent it (a second
 * layer under the <meta> of index.html; src/security/csp.ts). A new version waits until the page asks
 * it to take over (SKIP_WAITING, sent by src/ui/workspace/pwa.svelte.ts after saving).
 */
/// <reference lib="webworker" />
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { responseHeaders } from './security/csp';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

const HEADERS = Object.entries(responseHeaders());

/**
 * The response with the policy (and no referrer, no MIME sniffing) in its headers, and cross-origin
 * isolation: a page the service worker serves can run DuckDB's multi-threaded build, whatever server
 * first sent the app.
 */
function withPolicy(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of HEADERS) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('message', (e) => {
  if ((e.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();
addPlugins([{ handlerWillRespond: async ({ response }) => withPolicy(response) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
