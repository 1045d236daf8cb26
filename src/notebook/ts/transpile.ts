/**
 * TypeScript → JavaScript for a cell, with sucrase (types are stripped, nothing is type-checked: the
 * whole compiler is too big and slow for a keystroke). The cell is the body of an async function, so
 * top-level `await` and `return` work. Before transpiling, modules are refused (a cell cannot load code;
 * the analytics library is already in scope) and `import(` is renamed to a function that throws, with
 * a name of the same length so no column moves. The source map brings runtime positions back.
 */
import { transform } from 'sucrase';
import { positionOf, sourceError, syntaxError } from './errors';
import { BLOCKED_IMPORT } from './lockdown';
import { scan, T, textOf, type Scanned } from './scan';
import { decodeMappings, type Segment } from './source-map';
import { said } from '../../i18n/said';

export interface Transpiled {
  /** JavaScript: the body of an async function. */
  code: string;
  /** Generated → original positions, per generated line. */
  map: Segment[][];
}

/** Offsets of `import` in `import(…)`; throws on `import x from`, `import.meta` and `export`. */
function dynamicImports(s: Scanned): number[] {
  const found: number[] = [];
  s.tokens.forEach((t, k) => {
    if (t.isType) return;
    const next = s.tokens[k + 1]?.type;
    // sucrase reads `import.meta` as a plain name followed by a dot.
    const meta = t.type === T.name && textOf(s, k) === 'import' && next === T.dot;
    if (t.type === T.import && next === T.parenL) found.push(t.start);
    else if (t.type === T.import || meta) {
      const what = said(meta || next === T.dot ? 'core.notebook.ts.import_meta' : 'core.notebook.ts.no_imports');
      throw sourceError(what, positionOf(s.source, t.start), said('core.notebook.ts.no_imports_hint'));
    } else if (t.type === T.export) {
      throw sourceError(said('core.notebook.ts.no_exports'), positionOf(s.source, t.start), said('core.notebook.ts.no_exports_hint'));
    }
  });
  return found;
}

export function transpileCell(source: string): Transpiled {
  const s = scan(source);
  let text = source;
  for (const at of dynamicImports(s)) text = text.slice(0, at) + BLOCKED_IMPORT + text.slice(at + 'import'.length);
  let out: ReturnType<typeof transform>;
  try {
    out = transform(text, {
      transforms: ['typescript'],
      // Browsers run modern JavaScript: keep it as written, so positions stay close to the source.
      disableESTransforms: true,
      sourceMapOptions: { compiledFilename: 'cell.js' },
      filePath: 'cell.ts',
    });
  } catch (err) {
    // The scan parsed it already; sucrase's transform can still refuse a few constructs.
    throw syntaxError(err, text);
  }
  return { code: out.code, map: decodeMappings(out.sourceMap!.mappings) };
}
