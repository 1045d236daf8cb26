/**
 * Errors of TypeScript cells, told in the user's own coordinates: a syntax error or a thrown error
 * says the line and column of the cell's source (not of the transpiled code), and what to do next.
 */
import { CellInputError } from '../kinds/context';
import { withSaid } from '../../i18n/said-error';
import { english, said, type Said } from '../../i18n/said';
import { NETWORK_ERROR_NAME } from './lockdown';
import type { WorkerError } from './protocol';
import { originalPosition, type Segment } from './source-map';

export interface Position {
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

export class TsCellError extends CellInputError {
  constructor(
    message: string,
    hint: string,
    readonly position: Position | null,
    kind: 'input' | 'cancelled' = 'input',
  ) {
    super(message, hint, kind);
    this.name = 'TsCellError';
  }
}

/** The error's text at a position: said, the text itself (the browser's or sucrase's words) a value of it. */
const at = (p: Position | null, text: string | Said): Said | null =>
  p ? said('core.notebook.ts.at', { line: String(p.line), column: String(p.column), text }) : typeof text === 'string' ? null : text;

/** A TsCellError whose message and hint were said: English text, said forms kept for the reader's language. */
function saidError(message: Said | null, fallback: string, hint: Said, position: Position | null): TsCellError {
  return withSaid(new TsCellError(message ? english(message) : fallback, english(hint), position), message, hint);
}

/** A mistake found before anything runs (syntax, a static import…), at a position of the source. */
export function sourceError(text: string | Said, position: Position, hint: Said): TsCellError {
  return saidError(at(position, text), typeof text === 'string' ? text : english(text), hint, position);
}

const lineColumn = (p: Position) => ({ line: String(p.line), column: String(p.column) });

/** 1-based line and column of a character offset, counting columns in UTF-16 units as editors do. */
export function positionOf(source: string, offset: number): Position {
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Sucrase's parse errors read "Unexpected token (2:8)" and carry the character offset as `pos`. */
export function syntaxError(err: unknown, source: string): TsCellError {
  const e = err as { message?: string; pos?: number };
  const text = String(e.message ?? err).replace(/\s*\(\d+:\d+\)$/, '');
  if (typeof e.pos !== 'number') return saidError(null, text, said('core.notebook.ts.syntax_hint'), null);
  const p = positionOf(source, e.pos);
  return sourceError(text, p, said('core.notebook.ts.syntax_at_hint', lineColumn(p)));
}

/** Maps an error the worker reported (a position in the transpiled code) back onto the cell's source. */
export function runtimeError(err: WorkerError, map: Segment[][]): TsCellError {
  let p: Position | null = null;
  if (err.at) {
    const o = originalPosition(map, err.at.line - 1, err.at.column - 1);
    p = { line: o.line + 1, column: o.column + 1 };
  }
  const text = err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  if (err.phase === 'compile') return saidError(at(p, text), text, said('core.notebook.ts.compile_hint'), p);
  const hint =
    err.name === NETWORK_ERROR_NAME
      ? p
        ? said('core.notebook.ts.network_at_hint', lineColumn(p))
        : said('core.notebook.ts.network_hint')
      : p
        ? said('core.notebook.ts.threw_at_hint', lineColumn(p))
        : said('core.notebook.ts.threw_hint');
  return saidError(at(p, text), text, hint, p);
}
