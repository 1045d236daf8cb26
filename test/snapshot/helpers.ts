/** Running a notebook's text with the real runner, to snapshot what it produced. */
import type { Engine } from '../../src/engine/types';
import { parseNotebook } from '../../src/notebook/format';
import type { Notebook } from '../../src/notebook/model';
import { Runner } from '../../src/notebook/runner';
import type { CellState } from '../../src/notebook/state';
import { decodeRows } from '../../src/snapshot/values';
import { isCodeCell, type SnapshotPayload } from '../../src/snapshot/payload';
import { plainRows } from '../../src/engine/values';
import { cellKinds } from '../../src/app/kinds';

export interface Ran {
  notebook: Notebook;
  states: Record<string, CellState>;
  runner: Runner;
}

export async function runNotebook(engine: Engine, text: string): Promise<Ran> {
  const notebook = parseNotebook(text);
  const runner = new Runner(engine, () => notebook.cells, cellKinds());
  await runner.init();
  await runner.runAll();
  const states = Object.fromEntries(notebook.cells.map((c) => [c.id, runner.state(c.id)]));
  return { notebook, states, runner };
}

/** Id of the cell of that name. */
export function idOf(nb: Notebook, name: string): string {
  const c = nb.cells.find((x) => x.name === name);
  if (!c) throw new Error(`no cell ${name}`);
  return c.id;
}

/** A code cell of the payload, by name. */
export function snapCell(p: SnapshotPayload, name: string) {
  const c = p.cells.filter(isCodeCell).find((x) => x.name === name);
  if (!c) throw new Error(`no snapshot cell ${name}`);
  return c;
}

/** All rows of a cell's result table, as plain values (dates as Date). */
export async function resultRows(engine: Engine, ran: Ran, name: string) {
  const rel = ran.states[idOf(ran.notebook, name)]?.result?.relation;
  if (!rel) throw new Error(`${name} has no result table`);
  return plainRows(await engine.query(`SELECT * FROM ${rel}`));
}

/** A snapshot cell's embedded rows as plain values. */
export function embeddedRows(p: SnapshotPayload, name: string) {
  const r = snapCell(p, name).result!;
  return decodeRows(r.columns, r.rows);
}
