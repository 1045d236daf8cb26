/**
 * What a TypeScript cell reads: free names that are cells, inputs or tables (not locals that happen to
 * share a name), and the relations its static `sql` templates read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/engine/node';
import type { Engine } from '../../../src/engine/types';
import { freeNames, sqlTemplates, tsReads } from '../../../src/notebook/ts/analyze';
import { scan } from '../../../src/notebook/ts/scan';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query("CREATE TABLE deals AS SELECT 1 AS partner_id, 10.0 AS amount, 'won' AS status");
  await engine.query('CREATE TABLE partners AS SELECT 1 AS partner_id, 2 AS region_id');
});

const free = (source: string) => freeNames(scan(source));

describe('free names', () => {
  it('lists names used but not declared, in order of first use', () => {
    expect(free('const total = won.reduce((s, r) => s + r.amount, 0);\nreturn [{ total, n: partners.length }];')).toEqual(['won', 'partners']);
  });

  it('ignores property names, object keys and type names', () => {
    expect(free('type Row = { won: number };\nconst o: Row = { won: 1 };\nreturn o.won;')).toEqual([]);
  });

  it('treats a top-level declaration as covering the whole cell', () => {
    expect(free('const won = [1];\nreturn won;')).toEqual([]);
  });

  it('treats a parameter or block variable as covering only its function or block', () => {
    // `deals` is a parameter inside f, and free at the last line
    expect(free('function f(deals: unknown[]) { return deals.length }\nreturn f(deals);')).toEqual(['deals']);
    // `rows` is declared in the block only; the later use is free
    expect(free('{ const rows = [1]; rows.length }\nreturn rows;')).toEqual(['rows']);
  });

  it('counts a shorthand property as a use', () => {
    expect(free('return [{ as_of }];')).toEqual(['as_of']);
  });
});

describe('sql templates', () => {
  it('gives the static SQL with each ${…} as a named placeholder, nested braces and templates included', () => {
    const s = scan('const x = 1;\nconst r = await sql`SELECT * FROM deals WHERE amount > ${ { a: x }.a } AND status = ${`w${"o"}n`}`;');
    expect(sqlTemplates(s)).toEqual(['SELECT * FROM deals WHERE amount > $__longtail_arg0 AND status = $__longtail_arg1']);
  });

  it('ignores a local function that happens to be called sql', () => {
    expect(sqlTemplates(scan('const sql = (s: TemplateStringsArray) => s;\nsql`SELECT * FROM deals`;'))).toEqual([]);
  });
});

describe('reads', () => {
  it('joins the known free names and the tables read by the static SQL', async () => {
    const source = 'const mine = await sql`SELECT d.* FROM deals d JOIN partners p USING (partner_id) WHERE p.region_id = ${2}`;\nreturn won.concat(mine).map((r) => ({ ...r, at: as_of }));';
    // As in the runner, the known names include the workspace's tables: DuckDB cannot list the tables of a
    // statement with parameters, so the SQL falls back to the names it mentions.
    const reads = await tsReads({ engine, knownNames: ['won', 'as_of', 'unrelated', 'deals', 'partners', 'surveys'] }, source);
    expect(reads.slice(0, 2)).toEqual(['won', 'as_of']);
    expect([...reads.slice(2)].sort()).toEqual(['deals', 'partners']);
  });

  it('asks DuckDB for the tables of a template without values', async () => {
    // knownNames is empty: only DuckDB's own parse can find `partners` here
    expect(await tsReads({ engine, knownNames: [] }, 'return await sql`SELECT count(*) AS n FROM partners`;')).toEqual(['partners']);
  });

  it('matches known names case-insensitively, as SQL does', async () => {
    expect(await tsReads({ engine, knownNames: ['Won_Deals'] }, 'return won_deals;')).toEqual(['won_deals']);
  });

  it('never reads the names the worker provides (sql, display, analytics, arrow, console)', async () => {
    expect(await tsReads({ engine, knownNames: ['display', 'console'] }, 'display(1); console.log(2);')).toEqual([]);
  });
});
