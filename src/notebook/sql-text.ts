/**
 * A small SQL lexer for what the runner must know before DuckDB sees a cell: where statements end,
 * which `$name` parameters it uses, and (as a fallback when DuckDB cannot list a query's tables)
 * which names it mentions. It understands strings, quoted identifiers, comments and dollar quotes,
 * so a `;` or `$x` inside a string is never mistaken for syntax.
 */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'comment' | 'space';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
}

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: TokenKind, end: number) => {
    out.push({ kind, text: sql.slice(i, end), start: i });
    i = end;
  };
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < n && /\s/.test(sql[j]!)) j++;
      push('space', j);
    } else if (c === '-' && next === '-') {
      const j = sql.indexOf('\n', i);
      push('comment', j < 0 ? n : j);
    } else if (c === '/' && next === '*') {
      const j = sql.indexOf('*/', i + 2);
      push('comment', j < 0 ? n : j + 2);
    } else if (c === "'" || ((c === 'E' || c === 'e') && next === "'")) {
      let j = c === "'" ? i + 1 : i + 2;
      while (j < n) {
        if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === '\\' && c !== "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      push('string', Math.min(j + 1, n));
    } else if (c === '"') {
      let j = i + 1;
      while (j < n) {
        if (sql[j] === '"' && sql[j + 1] === '"') j += 2;
        else if (sql[j] === '"') break;
        else j++;
      }
      push('quoted', Math.min(j + 1, n));
    } else if (c === '$') {
      const tag = sql.slice(i).match(/^\$([A-Za-z_][A-Za-z0-9_]*)?\$/);
      if (tag) {
        const j = sql.indexOf(tag[0], i + tag[0].length);
        push('string', j < 0 ? n : j + tag[0].length);
      } else {
        const m = sql.slice(i).match(/^\$(?:[A-Za-z_][A-Za-z0-9_]*|\d+)/);
        push(m ? 'param' : 'punct', i + (m ? m[0].length : 1));
      }
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      const m = sql.slice(i).match(/^(?:\d[\d_]*)?(?:\.\d+)?(?:[eE][+-]?\d+)?/)!;
      push('number', i + Math.max(1, m[0].length));
    } else if (/[\p{L}_]/u.test(c)) {
      const m = sql.slice(i).match(/^[\p{L}\p{N}_$]+/u)!;
      push('word', i + m[0].length);
    } else {
      push('punct', i + 1);
    }
  }
  return out;
}

const isCode = (t: Token) => t.kind !== 'space' && t.kind !== 'comment';

/** Statements separated by top-level `;`, without empty or comment-only ones. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let hasCode = false;
  for (const t of tokenize(sql)) {
    if (t.kind === 'punct' && t.text === ';') {
      if (hasCode) out.push(sql.slice(start, t.start).trim());
      start = t.start + 1;
      hasCode = false;
    } else if (isCode(t)) hasCode = true;
  }
  if (hasCode) out.push(sql.slice(start).trim());
  return out;
}

const QUERY_START = new Set(['select', 'with', 'from', 'values', 'table', 'pivot', 'unpivot', '(']);

/** True when the statement yields rows that can be kept as a table (`CREATE TABLE … AS <stmt>`). */
export function isQuery(statement: string): boolean {
  const first = tokenize(statement).find(isCode);
  return !!first && QUERY_START.has(first.text.toLowerCase());
}

/** Named parameters (`$as_of`) in order of first use; positional `$1` are not named parameters. */
export function paramNames(sql: string): string[] {
  const names: string[] = [];
  for (const t of tokenize(sql)) {
    if (t.kind !== 'param' || /^\$\d/.test(t.text)) continue;
    const name = t.text.slice(1);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Rewrites `$name` into positional `$k` (DuckDB-WASM binds by position), k = index in `names` + 1. */
export function positionalParams(sql: string, names: readonly string[]): string {
  let out = '';
  let last = 0;
  for (const t of tokenize(sql)) {
    if (t.kind !== 'param' || /^\$\d/.test(t.text)) continue;
    const k = names.indexOf(t.text.slice(1));
    if (k < 0) continue;
    out += sql.slice(last, t.start) + `$${k + 1}`;
    last = t.start + t.text.length;
  }
  return out + sql.slice(last);
}

function unquote(t: Token): string {
  return t.kind === 'quoted' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text;
}

/** Names defined by `WITH name AS (…)` in the statement. */
export function cteNames(sql: string): string[] {
  const toks = tokenize(sql).filter(isCode);
  const names: string[] = [];
  toks.forEach((t, k) => {
    const nextWord = toks[k + 1]?.text.toLowerCase();
    const after = toks[k + 2]?.text.toLowerCase();
    const prev = toks[k - 1]?.text.toLowerCase();
    if ((t.kind === 'word' || t.kind === 'quoted') && nextWord === 'as' && after === '(' && (prev === 'with' || prev === ',' || prev === 'recursive')) {
      names.push(unquote(t));
    }
  });
  return names;
}

/**
 * Every identifier in the statement that names one of `known` (case-insensitive, as DuckDB compares
 * them), minus CTE names. An over-approximation of the relations read, used only when DuckDB's own
 * `getTableNames` fails (it binds part of the query and can refuse a JOIN … USING on tables not yet made).
 */
export function mentionedNames(sql: string, known: Iterable<string>): string[] {
  const byLower = new Map<string, string>();
  for (const k of known) byLower.set(k.toLowerCase(), k);
  const ctes = new Set(cteNames(sql).map((c) => c.toLowerCase()));
  const found: string[] = [];
  let afterDot = false;
  for (const t of tokenize(sql)) {
    const qualifiedColumn = afterDot;
    if (isCode(t)) afterDot = t.kind === 'punct' && t.text === '.';
    // `e.call_now` is a column of e, not the relation call_now.
    if ((t.kind !== 'word' && t.kind !== 'quoted') || qualifiedColumn) continue;
    const key = unquote(t).toLowerCase();
    const name = byLower.get(key);
    if (name && !ctes.has(key) && !found.includes(name)) found.push(name);
  }
  return found;
}

/** The relation a `CREATE [OR REPLACE] [TEMP] TABLE|VIEW [IF NOT EXISTS] name` statement makes, if any. */
export function createdName(statement: string): string | null {
  const toks = tokenize(statement).filter(isCode);
  const words = toks.map((t) => t.text.toLowerCase());
  if (words[0] !== 'create') return null;
  let k = 1;
  if (words[k] === 'or' && words[k + 1] === 'replace') k += 2;
  if (words[k] === 'temp' || words[k] === 'temporary') k++;
  if (words[k] !== 'table' && words[k] !== 'view') return null;
  k++;
  if (words[k] === 'if' && words[k + 1] === 'not' && words[k + 2] === 'exists') k += 3;
  // schema-qualified: keep the last part
  while (toks[k + 1]?.text === '.' && toks[k + 2]) k += 2;
  const t = toks[k];
  return t && (t.kind === 'word' || t.kind === 'quoted') ? unquote(t) : null;
}
