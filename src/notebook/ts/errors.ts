/**
 * Errors of TypeScript cells, told in the user's own coordinates: a syntax error or a thrown error
 * says the line and column of the cell's source (not of the transpiled code), and what to do next.
 */
import { CellInputError } from '../kinds/context';
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

const where = (p: Position) => `line ${p.line}, column ${p.column}`;
const at = (p: Position | null, text: string) => (p ? `Line ${p.line}, column ${p.column}: ${text}` : text);

/** A mistake found before anything runs (syntax, a static import…), at a position of the source. */
export function sourceError(text: string, position: Position, hint: string): TsCellError {
  return new TsCellError(at(position, text), hint, position);
}

/** 1-based line and column of a character offset, counting columns in UTF-16 units as editors do. */
export function positionOf(source: string, offset: number): Position {
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Sucrase's parse errors read "Unexpected token (2:8)" and carry the character offset as `pos`. */
export function syntaxError(err: unknown, source: string): TsCellError {
  const e = err as { message?: string; pos?: number };
  const text = String(e.message ?? err).replace(/\s*\(\d+:\d+\)$/, '');
  if (typeof e.pos !== 'number') return new TsCellError(text, 'The TypeScript could not be read. A missing bracket, comma or quote is the usual cause.', null);
  const p = positionOf(source, e.pos);
  return sourceError(text, p, `The TypeScript could not be read at ${where(p)}. A missing bracket, comma or quote is the usual cause.`);
}

/** Maps an error the worker reported (a position in the transpiled code) back onto the cell's source. */
export function runtimeError(err: WorkerError, map: Segment[][]): TsCellError {
  let p: Position | null = null;
  if (err.at) {
    const o = originalPosition(map, err.at.line - 1, err.at.column - 1);
    p = { line: o.line + 1, column: o.column + 1 };
  }
  const text = err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  if (err.phase === 'compile') {
    return new TsCellError(at(p, text), 'The browser could not compile this cell. Check the code near the position shown.', p);
  }
  const place = p ? ` at ${where(p)}` : '';
  const hint =
    err.name === NETWORK_ERROR_NAME
      ? `The code${place} tried to reach the network. Longtail keeps your data on this machine, so cells cannot: import files by dropping them on the page, then read them with sql\`…\`.`
      : `The code threw an error${place}. Nothing else was changed: other results and your data are as they were.`;
  return new TsCellError(at(p, text), hint, p);
}
