/**
 * Keeps a TypeScript cell's returned table as `cells."name"`, like any cell result. The rows are staged
 * under a private name first (DuckDB-WASM's Arrow insert runs outside the connection's transactions),
 * then swapped in by one CREATE OR REPLACE, which either happens whole or not at all: a failure leaves
 * the previous result as it was.
 */
import type { Table } from 'apache-arrow';
import type { ExecContext } from './context';
import type { RunOutput } from './types';
import { describeRelation, largeNotice, resultRelation } from './sql-cell';
import { RESULTS_SCHEMA } from '../../catalog/schemas';
import { qualified } from '../../sql/quote';

export async function keepTable(ctx: ExecContext, table: Table, name: string): Promise<RunOutput> {
  const { engine } = ctx;
  const relation = resultRelation(name);
  const stagingName = `_staging_${name}`;
  const staging = qualified(RESULTS_SCHEMA, stagingName);
  await engine.query(`DROP TABLE IF EXISTS ${staging}`);
  try {
    if (table.numCols === 0) {
      // Nothing to infer columns from (the cell returned []): an empty table still answers SELECT *.
      await engine.query(`CREATE TABLE ${staging} (empty VARCHAR)`);
    } else {
      await engine.insertArrow(table, stagingName, { schema: RESULTS_SCHEMA, create: true });
    }
    await engine.query(`CREATE OR REPLACE TABLE ${relation} AS SELECT * FROM ${staging}`);
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
  }
  const d = await describeRelation(ctx, relation);
  return { relation, ...d, notice: largeNotice(d.rowCount, ctx.t) };
}
