/**
 * The demo workspace for a first start: the database file built with the app (vite.config.ts,
 * build/demo-database.ts), fetched from the app's own origin (precached for offline use) and copied in;
 * generated in the page when the build has none (the dev server) or it cannot be read.
 */
import demoDatabaseUrl from 'virtual:longtail-demo-database';
import type { Engine } from '../engine/types';

export async function loadDemoWorkspace(engine: Engine, schema: string): Promise<void> {
  if (demoDatabaseUrl) {
    let bytes: Uint8Array | null = null;
    try {
      const response = await fetch(demoDatabaseUrl);
      if (response.ok) bytes = new Uint8Array(await response.arrayBuffer());
    } catch {
      bytes = null;
    }
    if (bytes) return (await import('../demo/database')).loadDemoDatabase(engine, bytes, schema);
  }
  await (await import('../demo/load')).loadDemo(engine, undefined, schema);
}
