/**
 * The demo workspace as the app has it: generated into its own schema (`demo`), never mixed with the
 * user's tables, and read through the partner model's views when the user chooses the demo.
 */
import type { Engine } from '../engine/types';
import { DEMO_SCHEMA, USER_SCHEMA } from '../catalog/schemas';
import { relationsIn } from '../catalog/relations';
import { listImports } from '../ingest/catalog';
import { qualified, ident } from '../sql/quote';
import { ensureModel, refreshModel } from './binding';
import { MODEL_TABLE_NAMES } from './tables';

export async function hasDemo(engine: Engine): Promise<boolean> {
  return (await relationsIn(engine, [DEMO_SCHEMA])).length > 0;
}

/** Builds the demo tables (with the generator, loaded lazily by the caller) and binds the model. */
export async function installDemo(engine: Engine, load: (engine: Engine, schema: string) => Promise<void>): Promise<void> {
  await ensureModel(engine);
  await load(engine, DEMO_SCHEMA);
  await refreshModel(engine);
}

/**
 * Workspaces made before the model was bound kept the demo's tables in `main`, under the model's names,
 * where they would hide the model from every notebook. Tables of those names that no import created are
 * that demo: they move to `demo`. Anything else of a model name (the user's own) is renamed `<name>_mine`,
 * kept, and reported.
 */
export async function migrateOldLayout(engine: Engine): Promise<string[]> {
  await ensureModel(engine);
  const clashes = (await relationsIn(engine, [USER_SCHEMA])).filter((r) => (MODEL_TABLE_NAMES as readonly string[]).includes(r.name.toLowerCase()));
  if (clashes.length === 0) return [];
  const imported = new Set((await listImports(engine)).map((r) => r.tableName.toLowerCase()));
  const demoHas = new Set((await relationsIn(engine, [DEMO_SCHEMA])).map((r) => r.name.toLowerCase()));
  const notes: string[] = [];
  const taken = new Set((await relationsIn(engine, [USER_SCHEMA])).map((r) => r.name.toLowerCase()));
  await engine.query('BEGIN TRANSACTION');
  try {
    for (const r of clashes) {
      const name = r.name.toLowerCase();
      if (r.kind === 'table' && !imported.has(name) && !demoHas.has(name)) {
        await engine.query(`CREATE TABLE ${qualified(DEMO_SCHEMA, name)} AS SELECT * FROM ${qualified(USER_SCHEMA, r.name)}`);
        await engine.query(`DROP TABLE ${qualified(USER_SCHEMA, r.name)}`);
        continue;
      }
      let alt = `${name}_mine`;
      for (let k = 2; taken.has(alt); k++) alt = `${name}_mine_${k}`;
      taken.add(alt);
      await engine.query(`ALTER ${r.kind === 'view' ? 'VIEW' : 'TABLE'} ${qualified(USER_SCHEMA, r.name)} RENAME TO ${ident(alt)}`);
      notes.push(`Your ${r.kind} ${r.name} is now named ${alt}: the name ${name} belongs to the partner model, which the Data panel binds to your imports or to the demo.`);
    }
    await engine.query('COMMIT');
  } catch (err) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return notes;
}
