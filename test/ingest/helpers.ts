/** Shared by the ingest tests: the engine, fixture files as Files, and query results as plain rows. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(name: string, as = name): File {
  return new File([readFileSync(FIXTURES + name)], as);
}

export async function rows(engine: Engine, sql: string): Promise<Record<string, unknown>[]> {
  return (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

/** DATE and TIMESTAMP values come back as epoch milliseconds. */
export const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
export const at = (y: number, m: number, d: number, h: number, min: number, s = 0) => Date.UTC(y, m - 1, d, h, min, s);

/** The real Node engine (its Arrow inserts go through our own IPC serialisation; see src/engine/node.ts). */
export const createTestEngine = (): Promise<Engine> => createNodeEngine();
