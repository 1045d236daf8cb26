import { describe, expect, it } from 'vitest';
import { initialChunks, precacheUrls, type BuildManifest } from '../../bench/sizes';

describe('sizes', () => {
  it('counts the entry and what it imports statically, each once, and no lazy chunk', () => {
    const manifest: BuildManifest = {
      'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_shared.js', '_ui.js'] },
      '_ui.js': { file: 'assets/ui.js', imports: ['_shared.js'] },
      '_shared.js': { file: 'assets/shared.js' },
      'src/lazy.ts': { file: 'assets/lazy.js', imports: ['_shared.js'] },
    };
    expect(initialChunks(manifest)).toEqual(['assets/index.js', 'assets/shared.js', 'assets/ui.js']);
  });

  it('reads the precache list of a production service worker, without duplicates', () => {
    const sw = 'define(["./workbox-1"],function(e){e.precacheAndRoute([{url:"index.html",revision:"a1"},{url:"assets/x.wasm",revision:null},{url:"index.html",revision:"a1"}],{})});';
    expect(precacheUrls(sw)).toEqual(['index.html', 'assets/x.wasm']);
  });

  it("reads workbox's development format too", () => {
    const sw = 'workbox.precacheAndRoute([{\n    "url": "index.html",\n    "revision": "3"\n  }, {\n    "url": "sw-helper.js",\n    "revision": null\n  }], {});';
    expect(precacheUrls(sw)).toEqual(['index.html', 'sw-helper.js']);
  });

  it('reads the manifest injected into a custom service worker, whatever the minifier named the call', () => {
    const sw = 'let POLICY=1;Qe([{"revision":"2d2d","url":"manifest.webmanifest"},{"revision":null,"url":"assets/index-x.js"}]);Xe();';
    expect(precacheUrls(sw)).toEqual(['manifest.webmanifest', 'assets/index-x.js']);
  });

  it('says so when sw.js has no precache list', () => {
    expect(() => precacheUrls('self.addEventListener("fetch", () => {})')).toThrow(/precache manifest/);
  });
});
