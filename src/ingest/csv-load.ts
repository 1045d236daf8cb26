/**
 * Loads a registered UTF-8 CSV into a table with DuckDB's `read_csv`, every setting spelled out (no
 * sniffing at load time), and reports the rows it refused with their line numbers.
 *
 * Refused rows are collected with `store_rejects` (never `ignore_errors` alone, which drops rows
 * silently). Numbers grouped with spaces are the one thing read_csv cannot parse (its `thousands` option
 * takes one byte; French exports use the no-break space): such columns are read as text and converted
 * in the same statement, whose failures are reported by data row.
 */
import type { Engine } from '../engine/types';
import { describeReject, type DuckDbReject } from './rejects';
import { reasons, typeSaid } from './words';
import { ident, lit, rowsOf } from '../sql/quote';
import { internalName } from '../catalog/schemas';
import type { CsvSettings, RejectSummary, RejectedRow } from './types';
import { SPACES } from './value-patterns';

const EXAMPLES = 5;

/** Columns read as text and converted by our own expression. */
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

/**
 * `1 234,56` → 1234.56: every kind of space out, a decimal comma to a point, then a cast that yields
 * NULL on failure. Plain replace() calls: in DuckDB-WASM they take half the time of one regexp_replace
 * (or translate) over a million values.
 */
function convertExpr(text: string, s: CsvSettings, type: 'BIGINT' | 'DOUBLE'): string {
  for (const space of SPACES) text = `replace(${text}, ${lit(space)}, '')`;
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

/**
 * The converting load, in the one statement that reads the file: converted columns are read as text and
 * cast on the way in. Two extra columns say, for each row, which converted column (by position) did not
 * convert and its text; they are NULL on every good row, then dropped. Failed rows are reported by data
 * row (the order of the file, rejected lines left out) and deleted.
 */
async function loadConverting(
  engine: Engine,
  fileName: string,
  s: CsvSettings,
  target: string,
  rejects: { table: string; scan: string },
  converted: ReadonlySet<number>,
  keep: readonly number[],
): Promise<{ failed: RejectSummary; rows?: number }> {
  const tag = internalName('conv');
  const raw = (k: number) => ident(`${tag}_raw${k}`);
  const cast = (k: number) => ident(`${tag}_cast${k}`);
  const badColumn = ident(`${tag}_column`);
  const badText = ident(`${tag}_text`);
  const ks = [...converted].filter((k) => keep.includes(k));
  // Tagged names for the text and its cast, so that no expression below can mean a column of the file.
  const inner = ks.map((k) => {
    const c = s.columns[k]!;
    return `${ident(c.name)} AS ${raw(k)}, ${convertExpr(ident(c.name), s, c.type as 'BIGINT' | 'DOUBLE')} AS ${cast(k)}`;
  });
  const bad = (k: number) => `(${raw(k)} IS NOT NULL AND ${cast(k)} IS NULL)`;
  const select = [
    ...keep.map((k) => (converted.has(k) ? `${cast(k)} AS ${ident(s.columns[k]!.name)}` : ident(s.columns[k]!.name))),
    `CASE ${ks.map((k) => `WHEN ${bad(k)} THEN ${k}`).join(' ')} END AS ${badColumn}`,
    `CASE ${ks.map((k) => `WHEN ${bad(k)} THEN ${raw(k)}`).join(' ')} END AS ${badText}`,
  ];
  const created = await engine.query(
    `CREATE TABLE ${ident(target)} AS SELECT ${select.join(', ')} FROM (SELECT *, ${inner.join(', ')} FROM ${readCsvSql(fileName, s, rejects, converted)})`,
  );
  const count = rowsOf(await engine.query(`SELECT count(*) AS n FROM ${ident(target)} WHERE ${badColumn} IS NOT NULL`))[0]?.n as number;
  let examples: RejectedRow[] = [];
  if (count > 0) {
    const rows = rowsOf(
      await engine.query(
        `SELECT rowid + 1 AS row, ${badColumn} AS k, ${badText} AS value FROM ${ident(target)} WHERE ${badColumn} IS NOT NULL ORDER BY rowid LIMIT ${EXAMPLES}`,
      ),
    );
    examples = rows.map((r) => {
      const c = s.columns[r.k as number]!;
      return {
        line: null,
        row: r.row as number,
        text: String(r.value),
        kind: 'value',
        reason: reasons.value(c.name, String(r.value), typeSaid(c.type, s)),
      };
    });
    await engine.query(`DELETE FROM ${ident(target)} WHERE ${badColumn} IS NOT NULL`);
  }
  await engine.query(`ALTER TABLE ${ident(target)} DROP COLUMN ${badColumn}; ALTER TABLE ${ident(target)} DROP COLUMN ${badText}`);
  const written = createdRows(created);
  return { failed: { count, examples }, rows: written === undefined ? undefined : written - count };
}

function merge(a: RejectSummary, b: RejectSummary): RejectSummary {
  return { count: a.count + b.count, examples: [...a.examples, ...b.examples].slice(0, EXAMPLES) };
}

/** `CREATE TABLE … AS` answers with the number of rows it wrote: no need to count them again. */
function createdRows(result: Parameters<typeof rowsOf>[0]): number | undefined {
  const n = rowsOf(result)[0]?.Count;
  return typeof n === 'number' ? n : undefined;
}

export interface CsvLoad {
  rejected: RejectSummary;
  /** Rows in the created table, as DuckDB reported them. */
  rows?: number;
}

/**
 * Creates `target` from the registered file. Rows that cannot be read are left out and returned; the
 * caller decides whether that is acceptable (the user's "skip unreadable rows") or an error.
 */
export async function loadCsv(engine: Engine, fileName: string, s: CsvSettings, target: string, keep?: readonly number[]): Promise<CsvLoad> {
  const rejects = { table: internalName('rejects'), scan: internalName('scans') };
  const converted = convertedColumns(s);
  // Every column is named to read_csv (it must know them all to split the lines); only `keep` is kept.
  const kept = keep ?? s.columns.map((_c, k) => k);
  const all = kept.length === s.columns.length;
  try {
    if (converted.size === 0 || ![...converted].some((k) => kept.includes(k))) {
      const select = all ? '*' : kept.map((k) => ident(s.columns[k]!.name)).join(', ');
      const created = await engine.query(`CREATE TABLE ${ident(target)} AS SELECT ${select} FROM ${readCsvSql(fileName, s, rejects)}`);
      return { rejected: await collectRejects(engine, rejects.table, s), rows: createdRows(created) };
    }
    const { failed, rows } = await loadConverting(engine, fileName, s, target, rejects, converted, kept);
    return { rejected: merge(await collectRejects(engine, rejects.table, s), failed), rows };
  } finally {
    await engine.query(`DROP TABLE IF EXISTS temp.${ident(rejects.table)}; DROP TABLE IF EXISTS temp.${ident(rejects.scan)}`);
  }
}
