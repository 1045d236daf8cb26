/**
 * Engine errors in the user's words, on real errors of the real engine (DuckDB-WASM in Node, with the
 * JSON errors and locked configuration the app starts it with): each case runs a cell's SQL the way
 * the SQL cell does (inside `CREATE OR REPLACE TABLE cells."q6" AS …`) and checks the exact sentence,
 * hint and caret line shown — on the user's text, never the wrapper, never JSON.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { alignIndex, byteToIndex, caretExcerpt, describeEngineError, errorParts, EngineError, type EngineErrorInfo } from '../../src/engine/errors';
import { runSqlText } from '../../src/notebook/kinds/sql-cell';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`CREATE SCHEMA cells;
    CREATE TABLE deals (deal_id VARCHAR, partner VARCHAR, amount DECIMAL(18,2), stage VARCHAR, closed_at DATE);
    INSERT INTO deals VALUES ('d1', 'Société Générale "SG"', 1200.50, 'won', DATE '2025-03-01');
    CREATE TABLE partners (partner_id VARCHAR, name VARCHAR)`);
});

/** What the cell shows when its SQL fails. */
async function shown(sql: string): Promise<EngineErrorInfo> {
  const ctx = { engine, param: (n: string) => (n === 'as_of' ? '2025-01-01' : undefined), knownNames: [] };
  try {
    await runSqlText(ctx, sql, 'q6');
  } catch (err) {
    return describeEngineError(err);
  }
  throw new Error(`no error from ${sql}`);
}

describe('parser errors', () => {
  it('a misspelt keyword', async () => {
    expect(await shown('SELEC 1')).toEqual({
      kind: 'syntax',
      message: 'Syntax error at or near "SELEC".',
      hint: 'The SQL could not be read at "SELEC". Look where the caret points: a misspelt keyword, or a missing comma, bracket or quote, is the usual cause.',
      excerpt: 'Line 1: SELEC 1\n        ^',
    });
  });

  it('a statement that stops too early', async () => {
    expect(await shown('SELECT amount +\nFROM deals')).toEqual({
      kind: 'syntax',
      message: 'Syntax error at or near "FROM".',
      hint: 'The SQL could not be read at "FROM". Look where the caret points: a misspelt keyword, or a missing comma, bracket or quote, is the usual cause.',
      excerpt: 'Line 2: FROM deals\n        ^',
    });
    expect(await shown('SELECT 1 +')).toMatchObject({ kind: 'syntax', message: 'The SQL ends too early.', excerpt: 'Line 1: SELECT 1 +\n                  ^' });
  });
});

describe('binder errors', () => {
  it('an unknown column: the closest names, the caret on the line of the cell (not the wrapper)', async () => {
    expect(await shown('SELECT sum(amont) AS total\nFROM deals')).toEqual({
      kind: 'missing-column',
      message: 'There is no column "amont" here.',
      // DuckDB's own closest names for "amont" among the columns of deals.
      hint: 'There is no column "amont" in what this query reads. Did you mean "amount", "partner"?',
      excerpt: 'Line 1: SELECT sum(amont) AS total\n                   ^',
    });
  });

  it('counts positions in characters after accents, a renamed $parameter and an earlier statement', async () => {
    // DuckDB counts bytes (é is two) and ran `$1` where the cell says `$as_of`; the caret goes under
    // "amont" of the cell's text, whose column is counted here on the text itself.
    const sql = "SELECT 'Société' AS s FROM deals WHERE closed_at > $as_of AND amont > 0;";
    expect((await shown(sql)).excerpt).toBe(`Line 1: ${sql}\n${' '.repeat('Line 1: '.length + sql.indexOf('amont'))}^`);
    expect((await shown('SELECT 1;\n\n  SELECT amont\n  FROM deals')).excerpt).toBe('Line 3:   SELECT amont\n                 ^');
  });

  it('a column whose name holds "cancel" is a missing column, not a stopped query', async () => {
    expect(await shown('SELECT cancelled_at FROM deals')).toMatchObject({ kind: 'missing-column', message: 'There is no column "cancelled_at" here.' });
  });

  it('a function given the wrong type', async () => {
    expect(await shown('SELECT sum(stage) FROM deals')).toEqual({
      kind: 'type',
      message: 'sum does not accept VARCHAR.',
      hint: "sum does not accept VARCHAR: a value has the wrong type. Convert it first, e.g. CAST(x AS DOUBLE), or check the column's type in the side panel.",
      excerpt: 'Line 1: SELECT sum(stage) FROM deals\n               ^',
    });
  });
});

describe('catalog errors', () => {
  it('an unknown table: the closest name and the tables that exist', async () => {
    expect(await shown('SELECT *\nFROM dealz')).toEqual({
      kind: 'missing-table',
      message: 'There is no table "dealz".',
      hint: 'There is no table or cell result named "dealz". Did you mean "deals"? The tables here are "deals", "partners".',
      excerpt: 'Line 2: FROM dealz\n             ^',
    });
  });

  it('a JSON function: one Longtail message with the built-in way to build the text, never DuckDB\'s advice to install', async () => {
    const info = await shown('SELECT to_json(d) FROM deals d');
    expect(info).toEqual({
      kind: 'extension',
      message: 'The function to_json is not available in Longtail.',
      hint: `to_json is part of DuckDB's json extension, which Longtail does not include (it never downloads code). Build JSON as text with the built-in functions instead: printf('{"partner": "%s", "revenue": %d}', partner, revenue), or '{"partner": "' || partner || '"}' (and string_agg(…, ',') for a list). A TypeScript cell can also JSON.stringify its rows.`,
    });
    expect(JSON.stringify(info)).not.toMatch(/INSTALL|LOAD|autoinstall/);
    // The alternative given works on this engine (DECIMAL → %d wants an integer: CAST it).
    const t = await engine.query(`SELECT printf('{"partner": "%s", "revenue": %d}', partner, CAST(amount AS BIGINT)) AS j FROM deals`);
    expect(t.get(0)!.toJSON().j).toBe('{"partner": "Société Générale "SG"", "revenue": 1201}');
  });

  it('a file reader of an extension points to the import', async () => {
    expect((await shown("SELECT * FROM read_json('partners.json')")).hint).toBe(
      "read_json is part of DuckDB's json extension, which Longtail does not include (it never downloads code). Longtail reads files through its import: drop the file on the page (or + Import) and it becomes a table SQL can read.",
    );
  });
});

describe('conversion errors', () => {
  it('text that is not a number', async () => {
    expect(await shown("SELECT CAST('12,5' AS INTEGER) AS n")).toEqual({
      kind: 'type',
      message: "Could not convert string '12,5' to INT32",
      hint: "The text '12,5' is not a valid integer. Use TRY_CAST(… AS INTEGER) to get NULL for such values, or fix the data.",
      excerpt: "Line 1: SELECT CAST('12,5' AS INTEGER) AS n\n               ^",
    });
  });
});

describe('what Longtail refuses', () => {
  it('a setting after start: the configuration is locked', async () => {
    expect(await shown('SET autoinstall_known_extensions = true')).toEqual({
      kind: 'setting',
      message: 'The setting autoinstall_known_extensions cannot be changed.',
      hint: "Longtail sets DuckDB's configuration when it starts (nothing may be downloaded or sent) and then locks it, so autoinstall_known_extensions cannot be changed from a cell. SET search_path still works.",
    });
  });

  it("a remote path, as the browser's engine refuses it (recorded from Chromium)", () => {
    const recorded =
      '{"exception_type":"Invalid","exception_message":"NetworkError: Longtail keeps your data on this machine: `http://127.0.0.1:4399/a?d=secret` cannot be read from a cell. Import the file instead.","position":"14"}';
    const sql = "SELECT * FROM read_text('http://127.0.0.1:4399/a?d=secret')";
    const message = 'Longtail keeps your data on this machine: `http://127.0.0.1:4399/a?d=secret` cannot be read from a cell. Import the file instead.';
    expect(describeEngineError(new EngineError(errorParts(recorded, sql), sql))).toEqual({ kind: 'remote', message, hint: message });
  });

  it("an extension, as the browser's engine refuses to fetch it (recorded from Chromium)", () => {
    const recorded = 'Longtail keeps your data on this machine: `https://extensions.duckdb.org/v1.4.3/wasm_eh/httpfs.duckdb_extension.wasm` cannot be read from a cell. Import the file instead.';
    expect(describeEngineError(new Error(recorded))).toEqual({
      kind: 'extension',
      message: 'DuckDB extensions cannot be loaded in Longtail.',
      hint: 'Longtail includes DuckDB without extensions and never downloads code. Import Parquet, JSON and Excel files with + Import instead.',
    });
  });
});

describe('the forms DuckDB writes errors in', () => {
  it("reads the browser's parser error, JSON inside JSON (recorded from Chromium)", () => {
    const recorded =
      '{"exception_type":"Parser","exception_message":"{\\"exception_type\\":\\"Parser\\",\\"exception_message\\":\\"syntax error at or near \\\\\\"SELEC\\\\\\"\\",\\"error_subtype\\":\\"SYNTAX_ERROR\\",\\"position\\":\\"0\\"}","error_subtype":"SYNTAX_ERROR","position":"0"}';
    expect(errorParts(recorded, 'SELEC 1')).toEqual({ type: 'Parser', subtype: 'SYNTAX_ERROR', text: 'syntax error at or near "SELEC"', name: '', candidates: [], position: 0 });
  });

  it('reads the plain form and drops its own LINE excerpt', () => {
    const plain = 'Binder Error: Referenced column "amont" not found in FROM clause!\nCandidate bindings: "amount"\n\nLINE 2:   amont\n          ^';
    expect(errorParts(plain, '')).toEqual({ type: 'Binder', subtype: '', text: 'Referenced column "amont" not found in FROM clause!\nCandidate bindings: "amount"', name: '', candidates: [], position: null });
    expect(describeEngineError(new Error(plain))).toMatchObject({ kind: 'missing-column', message: 'There is no column "amont" here.' });
  });

  it('turns UTF-8 byte offsets into string indexes', () => {
    // "SELECT '" 8 bytes, é 2 bytes (1 unit), 🚀 4 bytes (2 units), "'" 1: byte 15 is the comma, at index 12.
    expect(byteToIndex("SELECT 'é🚀', x", 15)).toBe(12);
    expect(byteToIndex('abc', 2)).toBe(2);
  });

  it('maps a position of the rewritten statement back to the user\'s text', () => {
    const original = 'SELECT $as_of, $n AS "$x", amont';
    const rewritten = 'SELECT $1, $2 AS "$x", amont';
    expect(original.slice(alignIndex(original, rewritten, rewritten.indexOf('amont')))).toBe('amont');
    expect(original.slice(alignIndex(original, rewritten, rewritten.indexOf('$2')))).toMatch(/^\$n/);
  });

  it('cuts a long line around the caret, and keeps tabs under tabs', () => {
    const long = `SELECT ${'a, '.repeat(60)}amont FROM deals`;
    const excerpt = caretExcerpt(long, long.indexOf('amont'));
    const [line, caret] = excerpt.split('\n');
    expect(line!.length).toBeLessThan(120);
    expect(line![caret!.indexOf('^')]).toBe('a');
    expect(line!.slice(caret!.indexOf('^'), caret!.indexOf('^') + 5)).toBe('amont');
    expect(caretExcerpt('SELECT\n\tx', 8)).toBe('Line 2: \tx\n        \t^');
  });
});
