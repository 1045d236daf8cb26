/**
 * Sorting and filtering a result in DuckDB: the SQL of each kind of filter and of sort keys, run on
 * the real engine over the hand-made fixture, with the rows expected worked out by hand; the same
 * views applied to the rows in memory (the snapshot's way) must keep the same rows in the same order.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { plainRows, type Column, type Plain } from '../../src/engine/values';
import { ResultSource, valueCounts } from '../../src/grid/source';
import { viewCellSql, viewQuery } from '../../src/grid/view-sql';
import { filterPredicate, setFilter } from '../../src/grid/filter';
import { cycleSort, ariaSort } from '../../src/grid/sort';
import { viewIndices } from '../../src/grid/client';
import type { Filter, GridView } from '../../src/grid/types';
import { makeFixture, RELATION } from './fixture';

let engine: Engine;
let columns: Column[];
let all: Plain[][];

beforeAll(async () => {
  engine = await createNodeEngine();
  columns = await makeFixture(engine);
  all = plainRows(await engine.query(`SELECT * FROM ${RELATION}`));
});
afterAll(async () => {
  await engine?.close();
});

/** The ids the view keeps, in order: through DuckDB and through the in-memory route. */
async function ids(view: GridView): Promise<number[]> {
  const sql = plainRows(await engine.query(viewQuery(RELATION, view, columns))).map((r) => r[0] as number);
  const memory = viewIndices(all, columns, view).map((i) => all[i]![0] as number);
  expect(memory).toEqual(sql);
  return sql;
}

const only = (...filters: Filter[]): GridView => ({ sort: [{ column: 'id', direction: 'asc' }], filters });

describe('sort keys from header clicks', () => {
  it('cycles ascending, descending, off; shift-click adds a second key', () => {
    let keys = cycleSort([], 'amount', false);
    expect(keys).toEqual([{ column: 'amount', direction: 'asc' }]);
    keys = cycleSort(keys, 'amount', false);
    expect(keys).toEqual([{ column: 'amount', direction: 'desc' }]);
    expect(ariaSort(keys, 'amount')).toBe('descending');
    expect(cycleSort(keys, 'amount', false)).toEqual([]);
    // a plain click on another column replaces the sort
    expect(cycleSort(keys, 'id', false)).toEqual([{ column: 'id', direction: 'asc' }]);
    // shift-click adds, then cycles only its own key
    keys = cycleSort(keys, 'id', true);
    expect(keys).toEqual([{ column: 'amount', direction: 'desc' }, { column: 'id', direction: 'asc' }]);
    expect(ariaSort(keys, 'id')).toBeUndefined();
    keys = cycleSort(keys, 'id', true);
    expect(keys).toEqual([{ column: 'amount', direction: 'desc' }, { column: 'id', direction: 'desc' }]);
    expect(cycleSort(keys, 'id', true)).toEqual([{ column: 'amount', direction: 'desc' }]);
  });

  it('sorts by one key, then a second for ties, empty cells last both ways', async () => {
    // amounts 120.5, 80, null, 200, 80, 10: descending 200 (4), 120.5 (1), 80 (2, 5 by id), 10 (6), null (3)
    expect(await ids({ sort: [{ column: 'amount', direction: 'desc' }, { column: 'id', direction: 'asc' }], filters: [] })).toEqual([4, 1, 2, 5, 6, 3]);
    expect(await ids({ sort: [{ column: 'amount', direction: 'asc' }, { column: 'id', direction: 'desc' }], filters: [] })).toEqual([6, 5, 2, 1, 4, 3]);
    // text in byte order: '5' < 'A' < 'B' < 'C' < 'a'; the null name (5) last
    expect(await ids({ sort: [{ column: 'name', direction: 'asc' }], filters: [] })).toEqual([6, 1, 2, 4, 3, 5]);
    expect(await ids({ sort: [{ column: 'name', direction: 'desc' }], filters: [] })).toEqual([3, 4, 2, 1, 6, 5]);
    // dates: 2023-12-31 (6), 01-15 (1), 02-01 (2), 02-29 (3), 03-10 (5), null (4)
    expect(await ids({ sort: [{ column: 'closed_at', direction: 'asc' }], filters: [] })).toEqual([6, 1, 2, 3, 5, 4]);
    // booleans: false (2, 5), true (1, 4, 6), null (3)
    expect(await ids({ sort: [{ column: 'active', direction: 'asc' }, { column: 'id', direction: 'asc' }], filters: [] })).toEqual([2, 5, 1, 4, 6, 3]);
  });
});

describe('filters', () => {
  it('text contains, ignoring case and accents as typed', async () => {
    expect(await ids(only({ kind: 'contains', column: 'name', text: 'acme' }))).toEqual([1, 3]);
    expect(await ids(only({ kind: 'contains', column: 'name', text: 'CÉL' }))).toEqual([4]);
    // a number column is matched as its text: 120.5 holds "20", so does 200
    expect(await ids(only({ kind: 'contains', column: 'amount', text: '20' }))).toEqual([1, 4]);
  });

  it("takes LIKE's wildcards and quotes in the text literally", async () => {
    // unescaped, '%_%' would match every name
    expect(await ids(only({ kind: 'contains', column: 'name', text: '%' }))).toEqual([6]);
    expect(await ids(only({ kind: 'contains', column: 'name', text: '_' }))).toEqual([6]);
    expect(await ids(only({ kind: 'contains', column: 'name', text: '\\' }))).toEqual([]);
    expect(filterPredicate({ kind: 'contains', column: 'name', text: '50%_' }, columns[1]!)).toBe(`"name" ILIKE '%50\\%\\_%' ESCAPE '\\'`);
  });

  it('keeps a filter box holding SQL harmless', async () => {
    const payload = "'); DROP TABLE deals; --";
    const view = only({ kind: 'contains', column: 'name', text: payload });
    expect(viewQuery(RELATION, view, columns)).toContain(`'%''); DROP TABLE deals; --%'`);
    expect(await ids(view)).toEqual([]);
    // a column name with a quote is an identifier, not SQL either
    expect(filterPredicate({ kind: 'contains', column: 'a"b', text: 'x' }, { name: 'a"b', kind: 'string', sqlType: 'VARCHAR' })).toBe(`"a""b" ILIKE '%x%'`);
    // and through the grid's own path, which runs statements
    const source = new ResultSource(engine, RELATION, columns, 6);
    expect(await source.apply(view)).toBe(0);
    await source.dispose();
    expect(plainRows(await engine.query('SELECT count(*) FROM deals'))).toEqual([[1]]);
  });

  it('number ranges, both ends included, either end open', async () => {
    expect(await ids(only({ kind: 'range', column: 'amount', min: 80, max: 120.5 }))).toEqual([1, 2, 5]);
    expect(await ids(only({ kind: 'range', column: 'amount', min: 100, max: null }))).toEqual([1, 4]);
    expect(await ids(only({ kind: 'range', column: 'amount', min: null, max: 10 }))).toEqual([6]);
    expect(await ids(only({ kind: 'range', column: 'amount', min: -5, max: 1e21 }))).toEqual([1, 2, 4, 5, 6]);
    expect(() => viewQuery(RELATION, only({ kind: 'range', column: 'amount', min: NaN, max: null }), columns)).toThrow(/finite/);
  });

  it('date ranges in calendar days, for dates and timestamps', async () => {
    // February 2024, leap day included
    expect(await ids(only({ kind: 'dates', column: 'closed_at', from: '2024-02-01', to: '2024-02-29' }))).toEqual([2, 3]);
    expect(await ids(only({ kind: 'dates', column: 'closed_at', from: '2024-03-01', to: null }))).toEqual([5]);
    // a timestamp at 23:59:59 on Feb 1st is on that day
    expect(await ids(only({ kind: 'dates', column: 'seen_at', from: null, to: '2024-02-01' }))).toEqual([1, 2, 6]);
    expect(() => viewQuery(RELATION, only({ kind: 'dates', column: 'closed_at', from: "2024-01-01' OR 1=1 --", to: null }), columns)).toThrow(/Not a date/);
    expect(() => viewQuery(RELATION, only({ kind: 'dates', column: 'closed_at', from: '2023-02-29', to: null }), columns)).toThrow(/Not a date/);
  });

  it('value lists, with the empty cells as a value', async () => {
    expect(await ids(only({ kind: 'values', column: 'status', values: ['won'] }))).toEqual([1, 4, 5]);
    expect(await ids(only({ kind: 'values', column: 'status', values: ['won', 'open'] }))).toEqual([1, 3, 4, 5]);
    expect(await ids(only({ kind: 'values', column: 'name', values: [null] }))).toEqual([5]);
    expect(await ids(only({ kind: 'values', column: 'active', values: [true, null] }))).toEqual([1, 3, 4, 6]);
    expect(await ids(only({ kind: 'values', column: 'status', values: [] }))).toEqual([]);
    expect(await ids(only({ kind: 'values', column: 'status', values: ["won') OR ('1'='1"] }))).toEqual([]);
  });

  it('combines filters with AND, and an empty filter is no filter', async () => {
    let filters = setFilter([], { kind: 'values', column: 'region', values: ['US'] });
    filters = setFilter(filters, { kind: 'range', column: 'amount', min: 50, max: null });
    filters = setFilter(filters, { kind: 'contains', column: 'name', text: '' });
    expect(filters).toHaveLength(2);
    expect(await ids({ sort: [{ column: 'amount', direction: 'desc' }], filters })).toEqual([4, 2]);
  });

  it('lists the values of a column with their counts, most frequent first', async () => {
    expect(await valueCounts(engine, RELATION, 'status', 21)).toEqual([
      { value: 'won', count: 3 },
      { value: 'lost', count: 2 },
      { value: 'open', count: 1 },
    ]);
    expect(await valueCounts(engine, RELATION, 'active', 21)).toEqual([
      { value: true, count: 3 },
      { value: false, count: 2 },
      { value: null, count: 1 },
    ]);
    expect(await valueCounts(engine, RELATION, 'id', 2)).toHaveLength(2);
  });
});

describe('the grid pages through the sorted, filtered view', () => {
  it('counts the view, pages it in order, and drops its table when done', async () => {
    const source = new ResultSource(engine, RELATION, columns, 6);
    const view: GridView = { sort: [{ column: 'amount', direction: 'desc' }, { column: 'id', direction: 'asc' }], filters: [{ kind: 'values', column: 'status', values: ['won', 'lost'] }] };
    // won or lost: 1, 2, 4, 5, 6; by amount descending: 4 (200), 1 (120.5), 2 (80), 5 (80), 6 (10)
    expect(await source.apply(view)).toBe(5);
    expect((await source.rows(0, 2)).map((r) => r[0])).toEqual([4, 1]);
    expect((await source.rows(2, 10)).map((r) => r[0])).toEqual([2, 5, 6]);
    const temps = async () => plainRows(await engine.query(`SELECT count(*) FROM duckdb_tables() WHERE temporary`))[0]![0];
    expect(await temps()).toBe(1);
    // back to the result itself: no table of its own
    expect(await source.apply({ sort: [], filters: [] })).toBe(6);
    expect((await source.rows(0, 6)).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await temps()).toBe(0);
    await source.apply(view);
    await source.dispose();
    expect(await temps()).toBe(0);
  });

  it('keeps only the latest of two views applied at once', async () => {
    const source = new ResultSource(engine, RELATION, columns, 6);
    const first = source.apply(only({ kind: 'values', column: 'status', values: ['won'] }));
    const second = source.apply(only({ kind: 'values', column: 'status', values: ['lost'] }));
    expect(await first).toBeNull();
    expect(await second).toBe(2);
    expect((await source.rows(0, 10)).map((r) => r[0])).toEqual([2, 6]);
    await source.dispose();
  });
});

describe('Add as a cell', () => {
  it('writes the view as readable SQL over the cell name, which gives the same rows', async () => {
    const view: GridView = {
      sort: [{ column: 'amount', direction: 'desc' }],
      filters: [
        { kind: 'contains', column: 'name', text: "o'" },
        { kind: 'range', column: 'amount', min: 10, max: null },
      ],
    };
    expect(viewCellSql('deals result', view, columns)).toBe(
      [`SELECT *`, `FROM "deals result"`, `WHERE "name" ILIKE '%o''%'`, `  AND "amount" >= 10`, `ORDER BY "amount" DESC NULLS LAST`].join('\n'),
    );
    await engine.query(`SET search_path = 'main,cells'`);
    const plain: GridView = { sort: [{ column: 'amount', direction: 'desc' }, { column: 'id', direction: 'asc' }], filters: [{ kind: 'contains', column: 'region', text: 'u' }] };
    const viaCell = plainRows(await engine.query(viewCellSql('deals result', plain, columns))).map((r) => r[0]);
    expect(viaCell).toEqual(await ids(plain));
    expect(viaCell).toEqual([4, 1, 2, 5, 6, 3]);
  });
});
