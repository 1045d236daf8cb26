/** The pivot builder's PIVOT statement, run by DuckDB on the fixture, with the cells summed by hand. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { plainObjects } from '../../src/engine/values';
import { pivotProblem, pivotSql } from '../../src/grid/pivot';
import { makeFixture, RELATION } from './fixture';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await makeFixture(engine);
});
afterAll(async () => {
  await engine?.close();
});

const run = async (sql: string) => plainObjects(await engine.query(sql));

describe('pivot', () => {
  it('sums a value per row field and column field', async () => {
    const sql = pivotSql(RELATION, { rows: ['region'], on: 'status', value: 'amount', aggregate: 'sum' });
    expect(sql).toBe(`PIVOT ${RELATION} ON "status" USING sum("amount") GROUP BY "region" ORDER BY "region"`);
    // EU: won 120.5 + 80, open only a null amount; US: won 200, lost 80 + 10
    expect(await run(sql)).toEqual([
      { region: 'EU', lost: null, open: null, won: 200.5 },
      { region: 'US', lost: 90, open: null, won: 200 },
    ]);
  });

  it('counts rows, and keeps working as a kept cell result', async () => {
    const sql = pivotSql(RELATION, { rows: ['region', 'active'], on: 'status', value: null, aggregate: 'count' });
    expect(sql).toBe(`PIVOT ${RELATION} ON "status" USING count(*) GROUP BY "region", "active" ORDER BY "region", "active"`);
    await engine.query(`CREATE OR REPLACE TABLE cells.pv AS ${sql}`);
    // EU: 1 won true, 3 open null, 5 won false; US: 2 lost false, 4 won true, 6 lost true
    expect(await run('SELECT * FROM cells.pv')).toEqual([
      { region: 'EU', active: false, lost: 0, open: 0, won: 1 },
      { region: 'EU', active: true, lost: 0, open: 0, won: 1 },
      { region: 'EU', active: null, lost: 0, open: 1, won: 0 },
      { region: 'US', active: false, lost: 1, open: 0, won: 0 },
      { region: 'US', active: true, lost: 1, open: 0, won: 1 },
    ]);
  });

  it('averages without row fields: one row of the whole', async () => {
    const sql = pivotSql(RELATION, { rows: [], on: 'region', value: 'amount', aggregate: 'avg' });
    expect(sql).toBe(`PIVOT (SELECT "region", "amount" FROM ${RELATION}) ON "region" USING avg("amount")`);
    // EU: (120.5 + 80) / 2 (the null left out); US: (80 + 200 + 10) / 3
    const [row] = await run(sql);
    expect(row!.EU).toBeCloseTo(100.25, 10);
    expect(row!.US).toBeCloseTo(290 / 3, 10);
  });

  it('says what is missing instead of writing a broken statement', () => {
    expect(pivotProblem({ rows: ['region'], on: '', value: 'amount', aggregate: 'sum' })).toMatch(/become columns/);
    expect(pivotProblem({ rows: ['region'], on: 'status', value: null, aggregate: 'sum' })).toMatch(/field to sum/);
    expect(pivotProblem({ rows: ['status'], on: 'status', value: null, aggregate: 'count' })).toMatch(/both rows and columns/);
    expect(() => pivotSql(RELATION, { rows: [], on: '', value: null, aggregate: 'count' })).toThrow();
  });
});
