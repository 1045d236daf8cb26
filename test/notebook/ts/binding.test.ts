/**
 * Parameters of `sql` calls: values are bound, never pasted into the text, so values that would break
 * naive string interpolation (quotes, `;`, comments, any Unicode) reach DuckDB intact and change nothing
 * else. Each case shows the text and parameters sent, then what DuckDB returns.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/engine/node';
import type { Engine } from '../../../src/engine/types';
import { bindable, bindTemplate, bindText } from '../../../src/notebook/ts/binding';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query("CREATE TABLE people AS SELECT * FROM (VALUES (1, 'O''Brien'), (2, 'Zoë 🚀'), (3, 'plain')) t(id, name)");
});

/** What `sql` receives for sql`…${v}…`: the literal parts and the values. */
const tag = (parts: TemplateStringsArray, ...values: unknown[]) => ({ parts: [...parts], values });
const noInputs = () => undefined;
const rows = async (q: { sql: string; params: unknown[] }) => (await engine.query(q.sql, q.params)).toArray().map((r) => r.toJSON());

const NASTY = "O'Brien'; DROP TABLE people; -- \"é\" 日本 🚀";

describe('tagged templates', () => {
  it('turns each value into a positional parameter', () => {
    const t = tag`SELECT * FROM people WHERE id = ${2} OR name = ${'plain'}`;
    expect(bindTemplate(t.parts, t.values, noInputs)).toEqual({ sql: 'SELECT * FROM people WHERE id = $1 OR name = $2', params: [2, 'plain'] });
  });

  it('passes quotes, semicolons, comments and Unicode through as data', async () => {
    const t = tag`SELECT ${NASTY} AS v, length(${NASTY}) AS n`;
    const q = bindTemplate(t.parts, t.values, noInputs);
    expect(q.sql).toBe('SELECT $1 AS v, length($2) AS n');
    // length counts characters: O ' B r i e n ' ; (9) + space (10) + "DROP TABLE people;" (28) + space,
    // "--", space (32) + "é" with its quotes (35) + space, 日本 (38) + space, 🚀 (40)
    expect(await rows(q)).toEqual([{ v: NASTY, n: 40 }]);
    expect(await rows({ sql: 'SELECT count(*) AS n FROM people', params: [] })).toEqual([{ n: 3 }]);
  });

  it('matches a stored value holding a quote and one holding an emoji', async () => {
    const t1 = tag`SELECT id FROM people WHERE name = ${"O'Brien"}`;
    const t2 = tag`SELECT id FROM people WHERE name = ${'Zoë 🚀'}`;
    expect(await rows(bindTemplate(t1.parts, t1.values, noInputs))).toEqual([{ id: 1 }]);
    expect(await rows(bindTemplate(t2.parts, t2.values, noInputs))).toEqual([{ id: 2 }]);
  });

  it('binds $name from input cells alongside the values', async () => {
    const t = tag`SELECT ${1} + $bump AS v, $who AS who`;
    const inputs: Record<string, unknown> = { bump: 41, who: 'Zoë' };
    const q = bindTemplate(t.parts, t.values, (n) => inputs[n]);
    expect(q).toEqual({ sql: 'SELECT $1 + $2 AS v, $3 AS who', params: [1, 41, 'Zoë'] });
    expect(await rows(q)).toEqual([{ v: 42, who: 'Zoë' }]);
  });

  it('refuses a value placed inside quotes, where it would be text rather than a parameter', () => {
    const t = tag`SELECT * FROM people WHERE name = '${'plain'}'`;
    expect(() => bindTemplate(t.parts, t.values, noInputs)).toThrow(/Value 1 of this sql`…` sits inside quotes/);
  });

  it('refuses two statements in one call', () => {
    const t = tag`SELECT 1; SELECT ${2}`;
    expect(() => bindTemplate(t.parts, t.values, noInputs)).toThrow(/one statement at a time; this text holds 2/);
  });

  it('says which input is missing', () => {
    const t = tag`SELECT $nowhere`;
    expect(() => bindTemplate(t.parts, t.values, noInputs)).toThrow('$nowhere is not defined.');
  });
});

describe('sql.query(text, values)', () => {
  it('keeps $1…$n and numbers input parameters after them', async () => {
    const q = bindText('SELECT $1 AS a, $as_of AS d, $2 AS b', [NASTY, 7], (n) => (n === 'as_of' ? '2025-12-31' : undefined));
    expect(q).toEqual({ sql: 'SELECT $1 AS a, $3 AS d, $2 AS b', params: [NASTY, 7, '2025-12-31'] });
    expect(await rows(q)).toEqual([{ a: NASTY, d: '2025-12-31', b: 7 }]);
  });
});

describe('values', () => {
  it('binds dates as ISO text: a day at midnight UTC, else a timestamp', async () => {
    expect(bindable(new Date(Date.UTC(2025, 11, 31)), 'd')).toBe('2025-12-31');
    expect(bindable(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)), 'd')).toBe('2025-01-02 03:04:05.006');
    const t = tag`SELECT CAST(${new Date(Date.UTC(2024, 1, 29))} AS DATE) + 1 AS next_day`;
    const [r] = await rows(bindTemplate(t.parts, t.values, noInputs));
    // 2024 is a leap year: the day after 29 February is 1 March
    expect(new Date(r!.next_day as number).toISOString().slice(0, 10)).toBe('2024-03-01');
  });

  it('refuses values SQL cannot take, saying which', () => {
    expect(() => bindable(undefined, 'Value 2')).toThrow('Value 2 is undefined. Pass null for a missing value.');
    expect(() => bindable([1, 2], 'Value 1')).toThrow(/Value 1 is an array/);
    expect(() => bindable(Number.NaN, 'Value 1')).toThrow('Value 1 is NaN, which SQL cannot take as a parameter.');
    expect(bindable(12n, 'x')).toBe(12);
    expect(bindable(2n ** 60n, 'x')).toBe('1152921504606846976');
  });
});
