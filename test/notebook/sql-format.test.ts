import { describe, expect, it } from 'vitest';
import { formatSql } from '../../src/notebook/sql-format';
import { createNodeEngine } from '../../src/engine/node';

describe('formatting a SQL cell', () => {
  it('writes one clause a line, keywords in capitals (function names as written), parameters and comments kept', async () => {
    const text = "-- won deals only\nselect partner_id, sum(amount) as revenue from deals where status = 'won' and closed_at < $as_of group by all order by revenue desc";
    expect(await formatSql(text)).toBe(
      [
        '-- won deals only',
        'SELECT',
        '  partner_id,',
        '  sum(amount) AS revenue',
        'FROM',
        '  deals',
        'WHERE',
        "  status = 'won'",
        '  AND closed_at < $as_of',
        'GROUP BY ALL',
        'ORDER BY',
        '  revenue DESC',
      ].join('\n'),
    );
  });

  it('gives the same result on the engine: formatting changes no meaning', async () => {
    const engine = await createNodeEngine();
    await engine.query("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 1), ('b', 2), ('a', 5)) v(k, x)");
    const text = 'from t select k, count(*) n, max(x) filter (where x > 1) as big group by all order by k; select 1 as one';
    const formatted = await formatSql(text);
    const run = async (sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON());
    for (const [a, b] of text.split(';').map((s, k) => [s, formatted.split(';')[k]!] as const)) expect(await run(b)).toEqual(await run(a));
  });
});
