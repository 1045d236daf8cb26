/**
 * DuckDB's errors, in the user's words. The engine reports errors as JSON (`errors_as_json`, set at
 * start on both back ends): a type, a message, often a position in the SQL text, the name it could not
 * find and the closest names it knows. `EngineError` holds those parts; `describeEngineError` turns
 * them into a short sentence with what to do, and — when the caller said where the user's own SQL is
 * (`atUserSql`) — the line of that SQL with a caret under the position, never the app's wrapper
 * around it (`CREATE OR REPLACE TABLE cells."q6" AS …`).
 */
export interface EngineErrorInfo {
  kind: 'syntax' | 'missing-table' | 'missing-column' | 'type' | 'cancelled' | 'memory' | 'extension' | 'remote' | 'setting' | 'other';
  /** What the engine said, in plain words: never JSON, never DuckDB's advice to install something. */
  message: string;
  /** What went wrong and what to do, for the user. */
  hint: string;
  /** The line of the user's SQL with a caret under the place of the error, when known. */
  excerpt?: string;
}

/** The parts of one DuckDB error. */
export interface EngineErrorParts {
  /** DuckDB's exception type: Parser, Binder, Catalog, Conversion, Invalid Input… ('' when unknown). */
  type: string;
  subtype: string;
  /** DuckDB's message, without its own `LINE 1: …` excerpt. */
  text: string;
  /** The name DuckDB could not find (a column, a table, a function). */
  name: string;
  /** The closest names DuckDB knows. */
  candidates: string[];
  /** Index (in UTF-16 units, as JavaScript counts) into the SQL that was sent, or null. */
  position: number | null;
}

/** Where the user's SQL is in what the engine ran. */
export interface UserSql {
  /** The user's whole text (the cell's source). */
  text: string;
  /** Index into `text` of the error's position, or null when it lies outside the user's text. */
  index: number | null;
}

export class EngineError extends Error {
  /** Set by `atUserSql`. */
  userSql: UserSql | null = null;
  /** The tables that exist, attached by the engine when a table is missing. */
  tables: string[] | null = null;

  constructor(
    readonly parts: EngineErrorParts,
    /** The SQL the engine ran. */
    readonly sql: string,
  ) {
    super(parts.type ? `${parts.type} Error: ${parts.text}` : parts.text);
    this.name = 'EngineError';
  }
}

/** The message of Longtail's own refusal to read a remote file (see browser.ts, which raises it). */
export const REMOTE_REFUSAL = 'Longtail keeps your data on this machine';

export function remoteRefusal(url: string): string {
  return `${REMOTE_REFUSAL}: \`${url}\` cannot be read from a cell. Import the file instead.`;
}

/** DuckDB's own excerpt, which it appends to plain-text messages: `\n\nLINE 1: …\n     ^`. */
const OWN_EXCERPT = /\n*LINE \d+:[^\n]*\n[ \t]*\^[\s\S]*$/;

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** DuckDB counts positions in bytes of UTF-8; JavaScript strings in UTF-16 units. */
export function byteToIndex(text: string, byte: number): number {
  let bytes = 0;
  let index = 0;
  for (const ch of text) {
    if (bytes >= byte) return index;
    bytes += utf8Length(ch.codePointAt(0)!);
    index += ch.length;
  }
  return index;
}

type Json = Record<string, unknown>;

function jsonObject(text: string): Json | null {
  const start = text.indexOf('{');
  if (start < 0 || !text.trimEnd().endsWith('}')) return null;
  try {
    const v: unknown = JSON.parse(text.slice(start));
    return v !== null && typeof v === 'object' && 'exception_type' in v ? (v as Json) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The parts of an error text in either of DuckDB's forms: JSON (possibly nested, possibly after "Parser Error: ") or plain. */
export function errorParts(message: string, sql: string): EngineErrorParts {
  let json = jsonObject(message);
  // The browser build wraps parser errors twice: the inner JSON is the message of the outer one.
  for (let inner = json && jsonObject(str(json.exception_message)); inner; inner = jsonObject(str(json!.exception_message))) {
    json = { ...json, ...inner };
  }
  if (json) {
    const position = Number.parseInt(str(json.position), 10);
    return {
      type: str(json.exception_type),
      subtype: str(json.error_subtype),
      text: str(json.exception_message).replace(OWN_EXCERPT, '').trim(),
      name: str(json.name),
      candidates: str(json.candidates) ? str(json.candidates).split(',').map((c) => c.trim()).filter(Boolean) : [],
      position: Number.isFinite(position) ? byteToIndex(sql, position) : null,
    };
  }
  const plain = message.match(/^([A-Z][A-Za-z ]*?) Error: ([\s\S]*)$/);
  return {
    type: plain ? plain[1]! : '',
    subtype: '',
    text: (plain ? plain[2]! : message).replace(OWN_EXCERPT, '').trim(),
    name: '',
    candidates: [],
    position: null,
  };
}

/** Any error thrown by a query, as an `EngineError` (the engine's own "closed" error passes through). */
export function toEngineError(err: unknown, sql: string): unknown {
  if (err instanceof EngineError) return err;
  if (err instanceof Error && err.name === 'EngineClosedError') return err;
  const message = err instanceof Error ? err.message : String(err);
  return new EngineError(errorParts(message, sql), sql);
}

/**
 * Index in `original` of the character at `index` in `rewritten`, where `rewritten` is `original` with
 * some `$name` parameters renamed `$1…$n` (the only change the SQL cell makes to a statement).
 */
export function alignIndex(original: string, rewritten: string, index: number): number {
  let o = 0;
  let r = 0;
  while (r < index && o < original.length && r < rewritten.length) {
    if (original[o] === rewritten[r]) {
      o++;
      r++;
      continue;
    }
    const po = original.slice(o).match(/^\$?[\p{L}\p{N}_]*/u)![0].length;
    const pr = rewritten.slice(r).match(/^\$?[\p{L}\p{N}_]*/u)![0].length;
    if (r + pr > index) return o;
    o += Math.max(po, 1);
    r += Math.max(pr, 1);
  }
  return o + Math.max(0, index - r);
}

/**
 * Ties an error to the user's SQL: the engine ran `sent`, which is `prefix` (the app's wrapper) then
 * `statement` with its `$name` parameters renamed; `statement` starts at `start` in the user's `source`.
 * Returns the same error, now able to show the user's line.
 */
export function atUserSql(err: unknown, where: { source: string; start: number; statement: string; sent: string; prefix: number }): unknown {
  if (!(err instanceof EngineError)) return err;
  const p = err.parts.position;
  let index: number | null = null;
  if (p !== null && p >= where.prefix && err.sql === where.sent) {
    index = where.start + alignIndex(where.statement, where.sent.slice(where.prefix), p - where.prefix);
  }
  err.userSql = { text: where.source, index };
  return err;
}

const MAX_EXCERPT = 100;

/** The line of `text` holding `index`, with a caret under it: the way DuckDB shows it, on the user's text. */
export function caretExcerpt(text: string, index: number): string {
  const at = Math.max(0, Math.min(index, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const lineNumber = text.slice(0, lineStart).split('\n').length;
  let line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  let column = at - lineStart;
  // A long line is cut around the position.
  if (line.length > MAX_EXCERPT) {
    const from = Math.max(0, Math.min(column - MAX_EXCERPT / 2, line.length - MAX_EXCERPT));
    const cut = line.slice(from, from + MAX_EXCERPT);
    line = `${from > 0 ? '…' : ''}${cut}${from + MAX_EXCERPT < line.length ? '…' : ''}`;
    column = column - from + (from > 0 ? 1 : 0);
  }
  const label = `Line ${lineNumber}: `;
  // Tabs stay tabs under the line, so the caret sits under the right character.
  const pad = ' '.repeat(label.length) + line.slice(0, column).replace(/[^\t]/g, ' ');
  return `${label}${line}\n${pad}^`;
}

const quote = (s: string) => `"${s}"`;
const list = (names: readonly string[], max = 8) =>
  names.length <= max ? names.map(quote).join(', ') : `${names.slice(0, max).map(quote).join(', ')} and ${names.length - max} more`;

/** What Longtail offers instead of a function that lives in an extension it does not ship. */
const EXTENSION_ALTERNATIVES: Record<string, string> = {
  json:
    "Build JSON as text with the built-in functions instead: printf('{\"partner\": \"%s\", \"revenue\": %d}', partner, revenue), or '{\"partner\": \"' || partner || '\"}' (and string_agg(…, ',') for a list). A TypeScript cell can also JSON.stringify its rows.",
};

function extensionHint(fn: string, extension: string): string {
  const why = `${fn} is part of DuckDB's ${extension} extension, which Longtail does not include (it never downloads code).`;
  // A reader of files: the file comes in through the import instead.
  if (/^(read_|parquet_|sniff_)/i.test(fn)) {
    return `${why} Longtail reads files through its import: drop the file on the page (or + Import) and it becomes a table SQL can read.`;
  }
  const alternative =
    EXTENSION_ALTERNATIVES[extension] ?? 'Look for a built-in function that does the same, or compute it in a TypeScript cell.';
  return `${why} ${alternative}`;
}

function describeParts(e: EngineErrorParts, tables: string[] | null): Omit<EngineErrorInfo, 'excerpt'> {
  const { type, subtype, text, name, candidates } = e;
  const first = text.split('\n')[0]!.trim();
  if (text.includes(REMOTE_REFUSAL) || /NetworkError|Failed to execute 'send' on 'XMLHttpRequest'|Failed to fetch/.test(text)) {
    const url = text.match(/`([^`]+)`/)?.[1] ?? text.match(/'((?:https?|s3|gcs|gs|r2|az|azure|abfss|hf):\/\/[^']+)'/)?.[1] ?? 'that address';
    if (/duckdb_extension|extensions\.duckdb\.org/.test(url)) {
      return { kind: 'extension', message: 'DuckDB extensions cannot be loaded in Longtail.', hint: 'Longtail includes DuckDB without extensions and never downloads code. Import Parquet, JSON and Excel files with + Import instead.' };
    }
    return { kind: 'remote', message: remoteRefusal(url), hint: remoteRefusal(url) };
  }
  // The command line's native DuckDB refuses files outside its folder; its message says why, in Longtail's words.
  if (type === 'Permission') return { kind: 'other', message: first, hint: first };
  // DuckDB's words for a stopped query (not any text holding "cancel": a column may be named cancelled_at).
  if (/^interrupt/i.test(type) || /^Interrupted!?$|query was cancell?ed|Operation cancell?ed|execution of the query was cancelled/i.test(first)) {
    return { kind: 'cancelled', message: 'The query was stopped.', hint: 'The query was stopped. Nothing was changed; run the cell again when ready.' };
  }
  if (/out of memory|memory limit|could not allocate|Maximum call stack/i.test(text)) {
    return {
      kind: 'memory',
      message: first,
      hint: 'The browser ran out of memory for this query. Filter or aggregate earlier, or add LIMIT. Your other tables and results are unchanged.',
    };
  }
  if (/configuration has been locked/.test(text)) {
    const option = text.match(/option "([^"]+)"/)?.[1] ?? 'this setting';
    return {
      kind: 'setting',
      message: `The setting ${option} cannot be changed.`,
      hint: `Longtail sets DuckDB's configuration when it starts (nothing may be downloaded or sent) and then locks it, so ${option} cannot be changed from a cell. SET search_path still works.`,
    };
  }
  const inExtension = text.match(/(?:Scalar|Table|Aggregate|Pragma|Copy|Macro)? ?Function with name "?([^"\s]+)"? is not in the catalog, but it exists in the (\w+) extension/);
  if (inExtension) {
    return { kind: 'extension', message: `The function ${inExtension[1]} is not available in Longtail.`, hint: extensionHint(inExtension[1]!, inExtension[2]!) };
  }
  if (/extension/i.test(text) && /install|load/i.test(text)) {
    return { kind: 'extension', message: 'DuckDB extensions cannot be loaded in Longtail.', hint: 'Longtail includes DuckDB without extensions and never downloads code. Import Parquet, JSON and Excel files with + Import instead.' };
  }
  if (type === 'Parser' || /syntax error/i.test(text)) {
    const near = first.match(/at or near "([^"]*)"/)?.[1];
    if (/at end of input/.test(first)) {
      return { kind: 'syntax', message: 'The SQL ends too early.', hint: 'The SQL ends before the statement is complete: something is missing at the end (a closing bracket, a value after an operator, a FROM…).' };
    }
    return {
      kind: 'syntax',
      message: near !== undefined ? `Syntax error at or near "${near}".` : first,
      hint: `The SQL could not be read${near !== undefined ? ` at "${near}"` : ''}. Look where the caret points: a misspelt keyword, or a missing comma, bracket or quote, is the usual cause.`,
    };
  }
  if (subtype === 'COLUMN_NOT_FOUND' || /Referenced column "?[^"\s]+"? not found/.test(first)) {
    const col = name || (first.match(/column "?([^"\s]+)"? not found/)?.[1] ?? '');
    return {
      kind: 'missing-column',
      message: `There is no column "${col}" here.`,
      hint: candidates.length
        ? `There is no column "${col}" in what this query reads. Did you mean ${list(candidates)}?`
        : `There is no column "${col}" in what this query reads. The side panel lists each table's columns.`,
    };
  }
  if (subtype === 'MISSING_ENTRY' || /with name "?[^"\s]+"? does not exist/.test(first)) {
    const what = (first.match(/^(\w+) with name/)?.[1] ?? 'Table').toLowerCase();
    const missing = name || (first.match(/with name "?([^"\s!]+)"?/)?.[1] ?? '');
    if (what === 'table' || what === 'view') {
      const shown = (tables ?? []).filter((t) => !candidates.includes(t));
      const near = candidates.length ? ` Did you mean ${list(candidates)}?` : '';
      const exist = tables ? (tables.length ? ` The tables here are ${list([...candidates.filter((c) => tables.includes(c)), ...shown], 12)}.` : ' There are no tables yet: import a file first.') : '';
      return {
        kind: 'missing-table',
        message: `There is no table "${missing}".`,
        hint: `There is no table or cell result named "${missing}".${near}${exist}`,
      };
    }
    return {
      kind: 'other',
      message: `There is no ${what} "${missing}".`,
      hint: `There is no ${what} named "${missing}".${candidates.length ? ` Did you mean ${list(candidates)}?` : ''}`,
    };
  }
  if (subtype === 'NO_MATCHING_FUNCTION' || /No function matches/.test(first)) {
    const call = first.match(/argument types '([^(']+)\(([^']*)\)'/);
    return {
      kind: 'type',
      message: call ? `${call[1]} does not accept ${call[2] || 'no arguments'}.` : first,
      hint: call
        ? `${call[1]} does not accept ${call[2] || 'no arguments'}: a value has the wrong type. Convert it first, e.g. CAST(x AS DOUBLE), or check the column's type in the side panel.`
        : 'A function was given values of the wrong type. Convert them first, e.g. CAST(x AS DOUBLE), or check the column types in the side panel.',
    };
  }
  if (type === 'Conversion' || /Could not convert|Conversion Error/.test(first)) {
    const conv = first.match(/Could not convert string '(.*)' to (\w+)/);
    return {
      kind: 'type',
      message: first,
      hint: conv
        ? `The text '${conv[1]}' is not a valid ${conv[2]!.replace(/INT\d+/, 'integer').toLowerCase()}. Use TRY_CAST(… AS ${conv[2]!.replace(/^INT32$/, 'INTEGER').replace(/^INT64$/, 'BIGINT')}) to get NULL for such values, or fix the data.`
        : 'A value could not be converted to the type needed here. Use TRY_CAST to get NULL for such values, or check the column types.',
    };
  }
  if (/Mismatch Type/i.test(first)) {
    return { kind: 'type', message: first, hint: 'A value has the wrong type for this operation. Add an explicit CAST, or check the column types.' };
  }
  return { kind: 'other', message: first || text, hint: 'The engine refused this statement. Read its message below; nothing else was changed.' };
}

export function describeEngineError(err: unknown): EngineErrorInfo {
  const e = err instanceof EngineError ? err : toEngineError(err, '');
  if (!(e instanceof EngineError)) {
    const message = (err instanceof Error ? err.message : String(err)).trim();
    return { kind: 'other', message, hint: message };
  }
  const info: EngineErrorInfo = describeParts(e.parts, e.tables);
  if (e.userSql && e.userSql.index !== null && info.kind !== 'cancelled' && info.kind !== 'memory') {
    info.excerpt = caretExcerpt(e.userSql.text, e.userSql.index);
  }
  return info;
}

/** Relations a user can name, for the hint of a missing table: imported tables and cell results. */
export const USER_TABLES_SQL =
  "SELECT DISTINCT table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('information_schema', 'pg_catalog', 'longtail') AND NOT starts_with(table_name, '_') ORDER BY name";

/**
 * The query's error as an `EngineError`; when a table is missing, with the tables that exist
 * (`list` runs USER_TABLES_SQL; its failure only leaves the list out).
 */
export async function queryError(err: unknown, sql: string, list: () => Promise<{ toArray(): { name: unknown }[] }>): Promise<unknown> {
  const e = toEngineError(err, sql);
  if (e instanceof EngineError && e.parts.subtype === 'MISSING_ENTRY' && /^Table with name/.test(e.parts.text)) {
    try {
      e.tables = (await list()).toArray().map((r) => String(r.name));
    } catch {
      /* e.g. an aborted transaction: the hint goes without the list */
    }
  }
  return e;
}
