/**
 * What one SQL statement does to which relation, read from its tokens (the lexer of sql-text.ts, so
 * strings, quoted names and comments are never mistaken for syntax): the verb (`DROP`, `DELETE`…), the
 * kind of object, and the target's name as written. DuckDB's own parser cannot say this in the browser
 * build: `getTableNames` lists no target for DROP, ALTER or CREATE, and binds (then fails) on DELETE and
 * UPDATE; `json_serialize_sql` needs the JSON extension; `EXPLAIN` names the operation but not its
 * target. So the guard (guard.ts) takes the operation from DuckDB's `EXPLAIN` and the target from here.
 */
import { tokenize, type Token } from './sql-text';

export type Verb =
  | 'drop'
  | 'drop-schema'
  | 'delete'
  | 'truncate'
  | 'update'
  | 'merge'
  | 'insert'
  | 'copy-from'
  | 'alter'
  | 'rename'
  | 'create'
  | 'replace'
  | 'comment'
  | 'search-path'
  | 'prepare'
  | 'execute'
  | 'none';

export interface StatementShape {
  verb: Verb;
  /** The kind of object named after the verb, lower-cased: table, view, schema, macro, sequence…; '' when none. */
  object: string;
  /** The target's name parts as written, unquoted: ['deals'], ['main', 'deals'], ['db', 'main', 'deals']. */
  target: string[] | null;
  /** `CREATE TEMP …`: the object lives in the connection's temporary catalog. */
  temporary?: boolean;
  /** `ALTER … RENAME TO x`: the new name. */
  renamedTo?: string;
  /** `PREPARE p AS …`: what is prepared. */
  prepared?: StatementShape;
}

const NONE: StatementShape = { verb: 'none', object: '', target: null };

const isCode = (t: Token) => t.kind !== 'space' && t.kind !== 'comment';
const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
const unquote = (t: Token) => (t.kind === 'quoted' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text);

class Reader {
  k = 0;
  constructor(readonly toks: Token[]) {}

  word(offset = 0): string {
    const t = this.toks[this.k + offset];
    return t && t.kind === 'word' ? t.text.toLowerCase() : '';
  }

  punct(offset = 0): string {
    const t = this.toks[this.k + offset];
    return t && t.kind === 'punct' ? t.text : '';
  }

  /** Consumes the words given, in order, if they all come next. */
  take(...words: string[]): boolean {
    if (!words.every((w, j) => this.word(j) === w)) return false;
    this.k += words.length;
    return true;
  }

  /** A dotted name: `a`, `a.b`, `"A b".c`. */
  name(): string[] | null {
    const parts: string[] = [];
    for (;;) {
      const t = this.toks[this.k];
      if (!isName(t)) return parts.length ? parts : null;
      parts.push(unquote(t!));
      this.k++;
      if (this.punct() !== '.') return parts;
      this.k++;
    }
  }

  /** Skips a parenthesised group starting here (nested groups included). */
  skipGroup(): boolean {
    if (this.punct() !== '(') return false;
    let depth = 0;
    for (; this.k < this.toks.length; this.k++) {
      const p = this.punct();
      if (p === '(') depth++;
      else if (p === ')' && --depth === 0) {
        this.k++;
        return true;
      }
    }
    return true;
  }
}

/** `WITH [RECURSIVE] a [(cols)] AS [NOT] [MATERIALIZED] (…), b AS (…)`: skipped, so that the body is read. */
function skipWith(r: Reader): void {
  if (!r.take('with')) return;
  r.take('recursive');
  for (;;) {
    if (!r.name()) return;
    if (r.punct() === '(') r.skipGroup();
    if (!r.take('as')) return;
    r.take('not');
    r.take('materialized');
    if (!r.skipGroup()) return;
    if (r.punct() !== ',') return;
    r.k++;
  }
}

function read(r: Reader): StatementShape {
  skipWith(r);
  const first = r.word();
  r.k++;
  switch (first) {
    case 'drop': {
      const object = r.word();
      r.k++;
      if (object === 'macro') r.take('table');
      r.take('if', 'exists');
      const target = r.name();
      return { verb: object === 'schema' ? 'drop-schema' : 'drop', object, target };
    }
    case 'delete':
      r.take('from');
      return { verb: 'delete', object: 'table', target: r.name() };
    case 'truncate':
      r.take('table');
      return { verb: 'truncate', object: 'table', target: r.name() };
    case 'update':
      return { verb: 'update', object: 'table', target: r.name() };
    case 'merge':
      r.take('into');
      return { verb: 'merge', object: 'table', target: r.name() };
    case 'insert':
      if (r.take('or')) r.k++; // OR REPLACE | OR IGNORE
      r.take('into');
      return { verb: 'insert', object: 'table', target: r.name() };
    case 'copy': {
      // COPY (query) TO … and COPY FROM DATABASE a TO b write no table of this database.
      if (r.punct() === '(' || r.word() === 'from') return NONE;
      const target = r.name();
      if (r.punct() === '(') r.skipGroup();
      return r.word() === 'from' ? { verb: 'copy-from', object: 'table', target } : NONE;
    }
    case 'alter': {
      const object = r.word();
      r.k++;
      r.take('if', 'exists');
      const target = r.name();
      if (r.take('rename', 'to')) {
        const to = r.name();
        return { verb: 'rename', object, target, ...(to ? { renamedTo: to[to.length - 1]! } : {}) };
      }
      return { verb: 'alter', object, target };
    }
    case 'create': {
      const replace = r.take('or', 'replace');
      const temporary = r.take('temp') || r.take('temporary');
      r.take('persistent');
      let object = r.word();
      r.k++;
      if (object === 'unique' && r.take('index')) object = 'index';
      if (object === 'macro') r.take('table');
      r.take('if', 'not', 'exists');
      const target = r.name();
      return { verb: replace ? 'replace' : 'create', object, target, ...(temporary ? { temporary } : {}) };
    }
    case 'comment': {
      if (!r.take('on')) return NONE;
      const object = r.word();
      r.k++;
      return { verb: 'comment', object, target: r.name() };
    }
    case 'set':
    case 'reset': {
      if (r.word() === 'session' || r.word() === 'local' || r.word() === 'global') r.k++;
      const setting = r.word();
      return setting === 'search_path' || setting === 'schema' ? { verb: 'search-path', object: '', target: null } : NONE;
    }
    case 'use':
      return { verb: 'search-path', object: '', target: null };
    case 'prepare': {
      r.name();
      if (r.punct() === '(') r.skipGroup();
      if (!r.take('as')) return NONE;
      return { verb: 'prepare', object: '', target: null, prepared: read(r) };
    }
    case 'execute':
      return { verb: 'execute', object: '', target: null };
    case 'explain': {
      // EXPLAIN ANALYZE runs the statement it explains; a plain EXPLAIN runs nothing.
      let analyze = r.take('analyze');
      if (r.punct() === '(') {
        const from = r.k;
        r.skipGroup();
        analyze ||= r.toks.slice(from, r.k).some((t) => t.kind === 'word' && t.text.toLowerCase() === 'analyze');
      }
      return analyze ? read(r) : NONE;
    }
    default:
      return NONE;
  }
}

export function statementShape(statement: string): StatementShape {
  return read(new Reader(tokenize(statement).filter(isCode)));
}
