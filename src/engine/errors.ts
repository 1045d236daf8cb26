/**
 * DuckDB's errors, in the user's words. The engine reports errors as JSON (`errors_as_json`, set at
 * start on both back ends): a type, a message, often a position in the SQL text, the name it could not
 * find and the closest names it knows. `EngineError` holds those parts; `describeEngineError` turns
 * them into a short sentence with what to do, and — when the caller said where the user's own SQL is
 * (`atUserSql`) — the line of that SQL with a caret under the position, never the app's wrapper
 * around it (`CREATE OR REPLACE TABLE cells."q6" AS …`).
 *
 * The explanation is in the language of the translator passed (English by default: the command line,
 * logs); DuckDB's own words, where they are shown as they are, stay as DuckDB wrote them.
 */
import { i18nFor, type I18n } from '../i18n/i18n';

type T = I18n['t'];
let englishT: T | null = null;
/** English, made on first use. */
const EN: T = (key, params) => (englishT ??= i18nFor('en').t)(key, params);
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

/**
 * The start of Longtail's own refusal to read a remote file (see browser.ts, which raises it), as the
 * engine's message carries it: always English, so that the refusal is recognised in a message.
 */
export const REMOTE_REFUSAL = 'Longtail keeps your data on this machine';

/** The refusal, in the language of `t` (English, starting with REMOTE_REFUSAL, by default). */
export function remoteRefusal(url: string, t: T = EN): string {
  return t('core.engine.remote', { url });
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
export function caretExcerpt(text: string, index: number, t: T = EN): string {
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
  const label = t('core.engine.line', { line: String(lineNumber) });
  // Tabs stay tabs under the line, so the caret sits under the right character.
  const pad = ' '.repeat(label.length) + line.slice(0, column).replace(/[^\t]/g, ' ');
  return `${label}${line}\n${pad}^`;
}

/** Names as a list: `"a", "b" and 3 more`, in the language of `t`. */
function listIn(t: T, names: readonly string[], max = 8): string {
  const quoted = (ns: readonly string[]) => ns.map((name) => t('core.engine.quoted', { name })).join(', ');
  return names.length <= max ? quoted(names) : t('core.engine.list_more', { names: quoted(names.slice(0, max)), count: names.length - max });
}

/** What Longtail offers instead of a function that lives in an extension it does not ship. */
const EXTENSION_ALTERNATIVES = { json: 'core.engine.extension_json' } as const;

function extensionHint(fn: string, extension: string, t: T): string {
  const why = t('core.engine.extension_why', { fn, extension });
  // A reader of files: the file comes in through the import instead.
  if (/^(read_|parquet_|sniff_)/i.test(fn)) return `${why} ${t('core.engine.extension_reader')}`;
  const alternative = extension in EXTENSION_ALTERNATIVES ? EXTENSION_ALTERNATIVES[extension as keyof typeof EXTENSION_ALTERNATIVES] : 'core.engine.extension_other';
  return `${why} ${t(alternative)}`;
}

/** DuckDB's word for a kind of catalog entry, in the language of `t` (as DuckDB wrote it when unknown). */
function entryWord(what: string, t: T): string {
  switch (what) {
    case 'function':
      return t('core.engine.entry.function');
    case 'schema':
      return t('core.engine.entry.schema');
    case 'sequence':
      return t('core.engine.entry.sequence');
    case 'catalog':
      return t('core.engine.entry.catalog');
    default:
      return what;
  }
}

function describeParts(e: EngineErrorParts, tables: string[] | null, t: T): Omit<EngineErrorInfo, 'excerpt'> {
  const { type, subtype, text, name, candidates } = e;
  const list = (names: readonly string[], max?: number) => listIn(t, names, max);
  const first = text.split('\n')[0]!.trim();
  if (text.includes(REMOTE_REFUSAL) || /NetworkError|Failed to execute 'send' on 'XMLHttpRequest'|Failed to fetch/.test(text)) {
    const url = text.match(/`([^`]+)`/)?.[1] ?? text.match(/'((?:https?|s3|gcs|gs|r2|az|azure|abfss|hf):\/\/[^']+)'/)?.[1] ?? t('core.engine.that_address');
    if (/duckdb_extension|extensions\.duckdb\.org/.test(url)) {
      return { kind: 'extension', message: t('core.engine.no_extensions'), hint: t('core.engine.no_extensions_hint') };
    }
    return { kind: 'remote', message: remoteRefusal(url, t), hint: remoteRefusal(url, t) };
  }
  // The command line's native DuckDB refuses files outside its folder; its message says why, in Longtail's words.
  if (type === 'Permission') return { kind: 'other', message: first, hint: first };
  // DuckDB's words for a stopped query (not any text holding "cancel": a column may be named cancelled_at).
  if (/^interrupt/i.test(type) || /^Interrupted!?$|query was cancell?ed|Operation cancell?ed|execution of the query was cancelled/i.test(first)) {
    return { kind: 'cancelled', message: t('core.engine.stopped'), hint: t('core.engine.stopped_hint') };
  }
  if (/out of memory|memory limit|could not allocate|Maximum call stack/i.test(text)) {
    return {
      kind: 'memory',
      message: first,
      hint: t('core.engine.memory_hint'),
    };
  }
  if (/configuration has been locked/.test(text)) {
    const found = text.match(/option "([^"]+)"/)?.[1];
    return {
      kind: 'setting',
      message: found ? t('core.engine.setting_locked', { option: found }) : t('core.engine.setting_locked_any'),
      hint: t('core.engine.setting_locked_hint', { option: found ?? t('core.engine.this_setting') }),
    };
  }
  const inExtension = text.match(/(?:Scalar|Table|Aggregate|Pragma|Copy|Macro)? ?Function with name "?([^"\s]+)"? is not in the catalog, but it exists in the (\w+) extension/);
  if (inExtension) {
    return { kind: 'extension', message: t('core.engine.function_unavailable', { fn: inExtension[1]! }), hint: extensionHint(inExtension[1]!, inExtension[2]!, t) };
  }
  if (/extension/i.test(text) && /install|load/i.test(text)) {
    return { kind: 'extension', message: t('core.engine.no_extensions'), hint: t('core.engine.no_extensions_hint') };
  }
  if (type === 'Parser' || /syntax error/i.test(text)) {
    const near = first.match(/at or near "([^"]*)"/)?.[1];
    if (/at end of input/.test(first)) {
      return { kind: 'syntax', message: t('core.engine.syntax_end'), hint: t('core.engine.syntax_end_hint') };
    }
    return {
      kind: 'syntax',
      message: near !== undefined ? t('core.engine.syntax_near', { near }) : first,
      hint: near !== undefined ? t('core.engine.syntax_near_hint', { near }) : t('core.engine.syntax_hint'),
    };
  }
  if (subtype === 'COLUMN_NOT_FOUND' || /Referenced column "?[^"\s]+"? not found/.test(first)) {
    const col = name || (first.match(/column "?([^"\s]+)"? not found/)?.[1] ?? '');
    return {
      kind: 'missing-column',
      message: t('core.engine.missing_column', { name: col }),
      hint: candidates.length
        ? t('core.engine.missing_column_near', { name: col, names: list(candidates) })
        : t('core.engine.missing_column_hint', { name: col }),
    };
  }
  if (subtype === 'MISSING_ENTRY' || /with name "?[^"\s]+"? does not exist/.test(first)) {
    const what = (first.match(/^(\w+) with name/)?.[1] ?? 'Table').toLowerCase();
    const missing = name || (first.match(/with name "?([^"\s!]+)"?/)?.[1] ?? '');
    if (what === 'table' || what === 'view') {
      const shown = (tables ?? []).filter((t) => !candidates.includes(t));
      const near = candidates.length ? [t('core.engine.did_you_mean', { names: list(candidates) })] : [];
      const exist = tables
        ? [tables.length ? t('core.engine.tables_here', { names: list([...candidates.filter((c) => tables.includes(c)), ...shown], 12) }) : t('core.engine.no_tables')]
        : [];
      return {
        kind: 'missing-table',
        message: t('core.engine.missing_table', { name: missing }),
        hint: [t('core.engine.missing_table_hint', { name: missing }), ...near, ...exist].join(' '),
      };
    }
    const word = entryWord(what, t);
    return {
      kind: 'other',
      message: t('core.engine.missing_entry', { what: word, name: missing }),
      hint: [t('core.engine.missing_entry_hint', { what: word, name: missing }), ...(candidates.length ? [t('core.engine.did_you_mean', { names: list(candidates) })] : [])].join(' '),
    };
  }
  if (subtype === 'NO_MATCHING_FUNCTION' || /No function matches/.test(first)) {
    const call = first.match(/argument types '([^(']+)\(([^']*)\)'/);
    return {
      kind: 'type',
      message: call ? (call[2] ? t('core.engine.no_match', { fn: call[1]!, args: call[2] }) : t('core.engine.no_match_none', { fn: call[1]! })) : first,
      hint: call
        ? call[2]
          ? t('core.engine.no_match_hint', { fn: call[1]!, args: call[2] })
          : t('core.engine.no_match_none_hint', { fn: call[1]! })
        : t('core.engine.wrong_types_hint'),
    };
  }
  if (type === 'Conversion' || /Could not convert|Conversion Error/.test(first)) {
    const conv = first.match(/Could not convert string '(.*)' to (\w+)/);
    return {
      kind: 'type',
      message: first,
      hint: conv
        ? t('core.engine.conversion_hint', {
            text: conv[1]!,
            type: conv[2]!.replace(/INT\d+/, t('core.engine.integer')).toLowerCase(),
            sqltype: conv[2]!.replace(/^INT32$/, 'INTEGER').replace(/^INT64$/, 'BIGINT'),
          })
        : t('core.engine.conversion_any_hint'),
    };
  }
  if (/Mismatch Type/i.test(first)) {
    return { kind: 'type', message: first, hint: t('core.engine.mismatch_hint') };
  }
  return { kind: 'other', message: first || text, hint: t('core.engine.refused_hint') };
}

/** The error in the user's words, in the language of `t` (English by default). */
export function describeEngineError(err: unknown, t: T = EN): EngineErrorInfo {
  const e = err instanceof EngineError ? err : toEngineError(err, '');
  if (!(e instanceof EngineError)) {
    const message = (err instanceof Error ? err.message : String(err)).trim();
    return { kind: 'other', message, hint: message };
  }
  const info: EngineErrorInfo = describeParts(e.parts, e.tables, t);
  if (e.userSql && e.userSql.index !== null && info.kind !== 'cancelled' && info.kind !== 'memory') {
    info.excerpt = caretExcerpt(e.userSql.text, e.userSql.index, t);
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
