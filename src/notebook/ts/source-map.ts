/**
 * Just enough of source maps to point at the user's own TypeScript: decoding the `mappings` string
 * (base64 VLQ) that sucrase writes, and finding where a position in the transpiled code came from.
 * Sucrase keeps lines as they are but moves columns (type annotations vanish), so columns need this.
 */

/** One mapping: a generated column on a line, and the original line/column (all 0-based). */
export interface Segment {
  column: number;
  sourceLine: number;
  sourceColumn: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, k) => [c, k]));

function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new Error(`Not a base64 VLQ digit: ${ch}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      // The lowest bit is the sign.
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Segments per generated line, sorted by column. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const part of line.split(',')) {
      if (part === '') continue;
      const f = decodeVlq(part);
      column += f[0]!;
      // Segments of one field map nothing; fields 2–4 are source index, line, column (relative).
      if (f.length >= 4) {
        sourceLine += f[2]!;
        sourceColumn += f[3]!;
        segments.push({ column, sourceLine, sourceColumn });
      }
    }
    lines.push(segments.sort((a, b) => a.column - b.column));
  }
  return lines;
}

/**
 * The original position of a generated one (0-based line and column): the last segment at or before
 * the column, shifted by the distance from it (inside a token, characters correspond one to one).
 */
export function originalPosition(lines: Segment[][], line: number, column: number): { line: number; column: number } {
  const segments = lines[line] ?? [];
  let best: Segment | undefined;
  for (const s of segments) {
    if (s.column > column) break;
    best = s;
  }
  if (!best) return { line, column };
  return { line: best.sourceLine, column: best.sourceColumn + (column - best.column) };
}
