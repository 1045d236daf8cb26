/**
 * Loads a registered UTF-8 CSV into a table with DuckDB's `read_csv`, every setting spelled out (no
 * sniffing at load time), and reports the rows it refused with their line numbers.
 *
 * Refused rows are collected with `store_rejects` (never `ignore_errors` alone, which drops rows
 * silently). Numbers grouped with spaces are the one thing read_csv cannot parse (its `thousands` option
 * takes one byte; French exports use the no-break space): such columns are read as text and converted
 * in a second statement, whose failures are reported by data row.
 */
import type { Engine } from '../engine/types';
import { describeReject, typeWords, type DuckDbReject } from './rejects';
import { ident, internalName, lit, rowsOf } from './sql';
import type { CsvSettings, RejectSummary, RejectedRow } from './types';
import { SPACES } from './value-patterns';

const EXAMPLES = 5;

/** Columns that need the second, converting statement. */
function convertedColumns(s: CsvSettings): Set<number> {
  const out = new Set<number>();
  if (s.thousands !== ' ') return out;
  s.columns.forEach((c, k) => {
    if (c.type === 'BIGINT' || c.type === 'DOUBLE') out.add(k);
  });
  return out;
}

export function readCsvSql(fileName: string, s: CsvSettings, rejects: { table: string; scan: string }, asText: ReadonlySet<number> = new Set()): string {
  const columns = s.columns.map((c, k) => `${lit(c.name)}: ${lit(asText.has(k) ? 'VARCHAR' : c.type)}`).join(', ');
  const opts = [
    'auto_detect=false',
    `header=${s.header}`,
    `skip=${s.skipLines}`,
    `delim=${lit(s.delimiter)}`,
    `quote=${lit(s.quote)}`,
    `escape=${lit(s.escape)}`,
    `decimal_separator=${lit(s.decimal)}`,
  ];
  if (s.thousands !== '' && s.thousands !== ' ') opts.push(`thousands=${lit(s.thousands)}`);
  if (s.dateFormat !== '%Y-%m-%d') {
    opts.push(`dateformat=${lit(s.dateFormat)}`, `timestampformat=${lit(`${s.dateFormat} ${s.timeFormat}`)}`);
  }
  opts.push(`columns={${columns}}`, 'store_rejects=true', `rejects_table=${lit(rejects.table)}`, `rejects_scan=${lit(rejects.scan)}`);
  return `read_csv(${lit(fileName)}, ${opts.join(', ')})`;
}

/** `1 234,56` → 1234.56: spaces out, decimal comma to a point, then a cast that yields NULL on failure. */
function convertExpr(column: string, s: CsvSettings, type: 'BIGINT' | 'DOUBLE'): string {
  let text = `regexp_replace(${ident(column)}, ${lit(`[${SPACES}]`)}, '', 'g')`;
  if (s.decimal === ',') text = `replace(${text}, ',', '.')`;
  return `TRY_CAST(${text} AS ${type})`;
}

async function collectRejects(engine: Engine, table: string, s: CsvSettings): Promise<RejectSummary> {
  const count = rowsOf(await engine.query(`SELECT count(DISTINCT line) AS n FROM temp.${ident(table)}`))[0]?.n as number;
  if (!count) return { count: 0, examples: [] };
  const rows = rowsOf(
    await engine.query(
      `SELECT line, any_value(csv_line) AS text, CAST(first(error_type ORDER BY byte_position) AS VARCHAR) AS error_type,
              first(error_message ORDER BY byte_position) AS message
       FROM temp.${ident(table)} GROUP BY line ORDER BY line LIMIT ${EXAMPLES}`,
    ),
  );
  const examples = rows.map((r) =>
    describeReject({ line: r.line as number, text: String(r.text ?? ''), errorType: String(r.error_type ?? ''), message: String(r.message ?? '') } satisfies DuckDbReject, s),
  );
  return { count, examples };
}

/** Values of converted columns that did not convert: their rows are refused like the others. */
async function convertFailures(engine: Engine, raw: string, s: CsvSettings, converted: ReadonlySet<number>): Promise<{ where: string; summary: RejectSummary }> {
  const tests = [...converted].map((k) => {
    const c = s.columns[k]!;
    return { c, bad: `(${ident(c.name)} IS NOT NULL AND ${convertExpr(c.name, s, c.type as 'BIGINT' | 'DOUBLE')} IS NULL)` };
  });
  const where = tests.map((t) => t.bad).join(' OR ');
  const count = rowsOf(await engine.query(`SELECT count(*) AS n FROM ${ident(raw)} WHERE ${where}`))[0]?.n as number;
  if (!count) return { where, summary: { count: 0, examples: [] } };
  const cases = tests.map((t) => `WHEN ${t.bad} THEN ${lit(t.c.name)}`).join(' ');
  const values = tests.map((t) => `WHEN ${t.bad} THEN ${ident(t.c.name)}`).join(' ');
  const types = tests.map((t) => `WHEN ${t.bad} THEN ${lit(t.c.type)}`).join(' ');
  const rows = rowsOf(
    await engine.query(
      `SELECT rowid + 1 AS row, CASE ${cases} END AS col, CASE ${values} END AS value, CASE ${types} END AS type
       FROM ${ident(raw)} WHERE ${where} ORDER BY rowid LIMIT ${EXAMPLES}`,
    ),
  );
  const examples: RejectedRow[] = rows.map((r) => ({
    line: null,
    row: r.row as number,
    text: String(r.value),
    kind: 'value',
    reason: `in column "${String(r.col)}", "${String(r.value)}" is not ${typeWords(String(r.type), s)}`,
  }));
  return { where, summary: { count, examples } };
}

function merge(a: RejectSummary, b: RejectSummary): RejectSummary {
  return { count: a.count + b.count, examples: [...a.examples, ...b.examples].slice(0, EXAMPLES) };
}

/**
 * Creates `target` from the registered file. Rows that cannot be read are left out and returned; the
 * caller decides whether that is acceptable (the user's "skip unreadable rows") or an error.
 */
export async function loadCsv(engine: Engine, fileName: string, s: CsvSettings, target: string): Promise<RejectSummary> {
  const rejects = { table: internalName('rejects'), scan: internalName('scans') };
  const converted = convertedColumns(s);
  try {
    if (converted.size === 0) {
      await engine.query(`CREATE TABLE ${ident(target)} AS SELECT * FROM ${readCsvSql(fileName, s, rejects)}`);
      return await collectRejects(engine, rejects.table, s);
    }
    const raw = internalName('raw');
    try {
      await engine.query(`CREATE TEMP TABLE ${ident(raw)} AS SELECT * FROM ${readCsvSql(fileName, s, rejects, converted)}`);
      const read = await collectRejects(engine, rejects.table, s);
      const failed = await convertFailures(engine, raw, s, converted);
      const select = s.columns
        .map((c, k) => (converted.has(k) ? `${convertExpr(c.name, s, c.type as 'BIGINT' | 'DOUBLE')} AS ${ident(c.name)}` : ident(c.name)))
        .join(', ');
      const keep = failed.summary.count > 0 ? `WHERE NOT (${failed.where})` : '';
      await engine.query(`CREATE TABLE ${ident(target)} AS SELECT ${select} FROM ${ident(raw)} ${keep} ORDER BY rowid`);
      return merge(read, failed.summary);
    } finally {
      await engine.query(`DROP TABLE IF EXISTS temp.${ident(raw)}`);
    }
  } finally {
    await engine.query(`DROP TABLE IF EXISTS temp.${ident(rejects.table)}; DROP TABLE IF EXISTS temp.${ident(rejects.scan)}`);
  }
}
