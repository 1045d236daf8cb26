/**
 * Transpiling TypeScript cells: syntax mistakes and refused constructs are reported at the line and
 * column of the user's own source (1-based, as the editor shows them), and the source map brings
 * positions in the transpiled code back to the source even where types were stripped.
 */
import { describe, expect, it } from 'vitest';
import { transpileCell } from '../../../src/notebook/ts/transpile';
import { TsCellError } from '../../../src/notebook/ts/errors';
import { decodeMappings, originalPosition } from '../../../src/notebook/ts/source-map';
import { BLOCKED_IMPORT } from '../../../src/notebook/ts/lockdown';

function failure(source: string): TsCellError {
  try {
    transpileCell(source);
  } catch (err) {
    if (err instanceof TsCellError) return err;
    throw err;
  }
  throw new Error('expected the cell to be refused');
}

describe('syntax errors', () => {
  it('points at the unexpected token', () => {
    // line 2 is "const b = ;": the ";" is its 11th character
    const e = failure('const a = 1;\nconst b = ;');
    expect(e.position).toEqual({ line: 2, column: 11 });
    expect(e.message).toBe('Line 2, column 11: Unexpected token');
    expect(e.hint).toMatch(/could not be read at line 2, column 11/);
  });

  it('points at a missing bracket where the parser gives up', () => {
    // "for (const r of rows {": the parser expects ")" where "{" stands, the 22nd character of line 3
    const e = failure('let total: number = 0;\nconst rows = [1, 2];\nfor (const r of rows {\n  total += r;\n}');
    expect(e.position).toEqual({ line: 3, column: 22 });
  });

  it('counts columns after a type annotation on the same line as written, not as transpiled', () => {
    // "const n: number = 1 +;" — the ";" after "+" is the 22nd character
    expect(failure('const n: number = 1 +;').position).toEqual({ line: 1, column: 22 });
  });
});

describe('refused constructs', () => {
  it('refuses a static import, at its line, saying why', () => {
    const e = failure("const x = 1;\n  import { rfmSql } from './analytics';");
    expect(e.position).toEqual({ line: 2, column: 3 });
    expect(e.message).toBe('Line 2, column 3: A cell cannot import modules.');
    expect(e.hint).toMatch(/Longtail keeps your data on this machine/);
    expect(e.hint).toMatch(/`analytics`/);
  });

  it('refuses import.meta and export', () => {
    expect(failure('const u = import.meta.url;').message).toBe('Line 1, column 11: import.meta is not available in a cell.');
    expect(failure('export const x = 1;').message).toBe('Line 1, column 1: A cell does not export anything.');
  });

  it('renames dynamic import() to the blocked stand-in without moving any column', () => {
    const { code } = transpileCell("const m = await import('https://example.com/x.js');");
    expect(code).toBe(`const m = await ${BLOCKED_IMPORT}('https://example.com/x.js');`);
  });

  it('leaves a type-level import() alone', () => {
    const { code } = transpileCell("let t: import('./x').T | null = null;\nreturn t;");
    expect(code).not.toContain(BLOCKED_IMPORT);
  });

  it('keeps the word import inside strings and comments', () => {
    const { code } = transpileCell("// import the data first\nreturn 'import(x)';");
    expect(code).toBe("// import the data first\nreturn 'import(x)';");
  });
});

describe('the source map', () => {
  it('decodes base64 VLQ segments (worked by hand)', () => {
    // "AAAA" = [0,0,0,0]; ";" next line; "IAAI" = [4,0,0,4] relative → column 4, source line 0, source column 4;
    // "AACA" on the third line = [0,0,1,0] → column 0, source line 0+1 = 1, source column 4 (carried over)
    expect(decodeMappings('AAAA;IAAI;AACA')).toEqual([
      [{ column: 0, sourceLine: 0, sourceColumn: 0 }],
      [{ column: 4, sourceLine: 0, sourceColumn: 4 }],
      [{ column: 0, sourceLine: 1, sourceColumn: 4 }],
    ]);
    // "2B": "2" = 54 has the continuation bit (32) and value bits 22, "B" = 1 adds 1 << 5 → 54, even → +27;
    // "3B" = 23 + 32 = 55, odd → −27: the second segment is back at column 0, and segments come sorted
    expect(decodeMappings('2BAAA,3BAAA')[0]!.map((s) => s.column)).toEqual([0, 27]);
  });

  it('maps a transpiled position back past stripped types', () => {
    const source = 'const n: number = (null as any).x;';
    const { code, map } = transpileCell(source);
    expect(code).toBe('const n = (null ).x;');
    // "x" is at 0-based column 18 of the transpiled line and column 32 of the source line
    expect(code.indexOf('.x') + 1).toBe(18);
    expect(originalPosition(map, 0, 18)).toEqual({ line: 0, column: source.indexOf('.x') + 1 });
    expect(source.indexOf('.x') + 1).toBe(32);
  });
});
