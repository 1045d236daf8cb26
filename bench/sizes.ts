/**
 * What a first visit downloads: the initial JavaScript (the entry chunk and every chunk it imports
 * statically, per Vite's build manifest; lazy chunks excluded) and everything the service worker
 * precaches (the list workbox writes into sw.js). Sizes are raw and gzip (zlib level 9, about what a
 * static server sends).
 */
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

export type BuildManifest = Record<string, ManifestChunk>;

export interface SizeFigure {
  files: number;
  bytes: number;
  gzipBytes: number;
}

/** Files of the entry chunks and of their static imports, each once. */
export function initialChunks(manifest: BuildManifest): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The build manifest has no chunk ${key}.`);
    if (chunk.file.endsWith('.js')) files.push(chunk.file);
    for (const k of chunk.imports ?? []) visit(k);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return files;
}

/**
 * URLs of the precache manifest workbox injects into sw.js: a list of `{revision, url}` objects, quoted
 * as JSON (`"url":"…"`) or minified (`url:"…"`), passed to `precacheAndRoute` under whatever name the
 * minifier gave it. Each once (workbox dedupes too).
 */
export function precacheUrls(swSource: string): string[] {
  const entry = /\{\s*"?revision"?\s*:\s*(?:"[^"]*"|null)\s*,\s*"?url"?\s*:\s*"([^"]+)"\s*\}|\{\s*"?url"?\s*:\s*"([^"]+)"\s*,\s*"?revision"?\s*:\s*(?:"[^"]*"|null)\s*\}/g;
  const urls = [...swSource.matchAll(entry)].map((m) => (m[1] ?? m[2])!);
  if (!urls.length) throw new Error('sw.js has no precache manifest ({revision, url} entries).');
  return [...new Set(urls)];
}

function measure(dir: string, files: readonly string[]): SizeFigure {
  let bytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const p = path.join(dir, f);
    bytes += statSync(p).size;
    gzipBytes += gzipSync(readFileSync(p), { level: 9 }).length;
  }
  return { files: files.length, bytes, gzipBytes };
}

export function initialJs(dist: string): SizeFigure {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as BuildManifest;
  return measure(dist, initialChunks(manifest));
}

export function precache(dist: string): SizeFigure {
  return measure(dist, precacheUrls(readFileSync(path.join(dist, 'sw.js'), 'utf8')));
}
