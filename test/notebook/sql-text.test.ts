import { describe, it, expect } from 'vitest';
import { splitStatements, isQuery, paramNames, positionalParams, cteNames, mentionedNames } from '../../src/notebook/sql-text';

describe('sql-text', () => {
  it('splits statements on top-level semicolons only', () => {
    const sql = "SELECT ';' AS a; -- c;\nSELECT \"x;y\" FROM t /* ; */;\n\n;  SELECT $$a;b$$";
    expect(splitStatements(sql)).toEqual(["SELECT ';' AS a", '-- c;\nSELECT "x;y" FROM t /* ; */', 'SELECT $$a;b$$']);
  });
  it('ignores comment-only statements', () => {
    expect(splitStatements('-- nothing\n; /* none */')).toEqual([]);
  });
  it('knows which statements are queries', () => {
    expect(isQuery('  -- x\n WITH a AS (SELECT 1) SELECT * FROM a')).toBe(true);
    expect(isQuery('FROM deals')).toBe(true);
    expect(isQuery('(SELECT 1)')).toBe(true);
    expect(isQuery('CREATE TABLE x AS SELECT 1')).toBe(false);
    expect(isQuery('INSERT INTO x VALUES (1)')).toBe(false);
  });
  it('finds named parameters outside strings and comments', () => {
    const sql = "SELECT $as_of, '$not', $1, $window -- $nope\n, $as_of";
    expect(paramNames(sql)).toEqual(['as_of', 'window']);
    expect(positionalParams(sql, ['as_of', 'window'])).toBe("SELECT $1, '$not', $1, $2 -- $nope\n, $1");
  });
  it('lists CTE names', () => {
    expect(cteNames('WITH a AS (SELECT 1), "B c" AS (SELECT 2) SELECT * FROM a, "B c"')).toEqual(['a', 'B c']);
  });
  it('finds mentioned relation names, case-insensitively, without CTEs', () => {
    const sql = 'WITH top AS (SELECT * FROM Deals) SELECT * FROM top JOIN "rfm" USING (partner_id)';
    expect(mentionedNames(sql, ['deals', 'rfm', 'top', 'partners'])).toEqual(['deals', 'rfm']);
    // A column qualified by its table's alias is not the relation of the same name (a cell reading
    // `e.call_now` from its upstream result is not reading itself).
    expect(mentionedNames('SELECT e.call_now FROM scores e WHERE e.call_now', ['call_now', 'scores'])).toEqual(['scores']);
  });
});
