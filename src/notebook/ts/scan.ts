/**
 * A TypeScript cell read with sucrase's parser: its tokens, with scope information, so later steps can
 * tell a free name (`won_deals`, a cell's result) from a local one, and find `sql` templates and
 * `import`. Parsing is lenient the way a function body is: top-level `return` and `await` are allowed.
 */
import { parse, type SucraseScope, type SucraseToken } from 'sucrase/dist/esm/parser/index.js';
import { TokenType } from 'sucrase/dist/esm/parser/tokenizer/types.js';
import { syntaxError } from './errors';

export const T = {
  name: TokenType.name!,
  import: TokenType._import!,
  export: TokenType._export!,
  parenL: TokenType.parenL!,
  dot: TokenType.dot!,
  backQuote: TokenType.backQuote!,
  dollarBraceL: TokenType.dollarBraceL!,
  braceL: TokenType.braceL!,
  braceBarL: TokenType.braceBarL!,
  braceR: TokenType.braceR!,
  braceBarR: TokenType.braceBarR!,
};

/** sucrase's IdentifierRole values. */
const ROLE = {
  access: 0,
  exportAccess: 1,
  topLevel: 2,
  functionScoped: 3,
  blockScoped: 4,
  shorthandTopLevel: 5,
  shorthandFunctionScoped: 6,
  shorthandBlockScoped: 7,
  shorthand: 8,
  importDeclaration: 9,
} as const;

export interface Scanned {
  source: string;
  tokens: SucraseToken[];
  scopes: SucraseScope[];
}

export function scan(source: string): Scanned {
  try {
    const { tokens, scopes } = parse(source, false, true, false);
    return { source, tokens, scopes };
  } catch (err) {
    throw syntaxError(err, source);
  }
}

export const textOf = (s: Scanned, k: number) => s.source.slice(s.tokens[k]!.start, s.tokens[k]!.end);

function innermost(scopes: SucraseScope[], index: number, functionOnly: boolean): SucraseScope | null {
  let best: SucraseScope | null = null;
  for (const sc of scopes) {
    if (functionOnly && !sc.isFunctionScope) continue;
    if (sc.startTokenIndex <= index && index < sc.endTokenIndex) {
      if (!best || sc.endTokenIndex - sc.startTokenIndex < best.endTokenIndex - best.startTokenIndex) best = sc;
    }
  }
  return best;
}

/**
 * Indexes of tokens that use a name not declared around them: `deals` in `deals.filter(…)` but not in
 * `function f(deals) { return deals }`. A declaration covers its block (let, const, class), its
 * function (var, parameters) or, at the top level, the whole cell.
 */
export function freeNameTokens(s: Scanned): number[] {
  const covers: { name: string; start: number; end: number }[] = [];
  s.tokens.forEach((t, k) => {
    if (t.type !== T.name || t.isType || t.identifierRole === null) return;
    const role = t.identifierRole;
    const name = textOf(s, k);
    if (role === ROLE.topLevel || role === ROLE.shorthandTopLevel || role === ROLE.importDeclaration) {
      covers.push({ name, start: 0, end: s.tokens.length });
    } else if (role === ROLE.blockScoped || role === ROLE.shorthandBlockScoped || role === ROLE.functionScoped || role === ROLE.shorthandFunctionScoped) {
      const fn = role === ROLE.functionScoped || role === ROLE.shorthandFunctionScoped;
      const sc = innermost(s.scopes, k, fn);
      covers.push({ name, start: sc?.startTokenIndex ?? 0, end: sc?.endTokenIndex ?? s.tokens.length });
    }
  });
  const out: number[] = [];
  s.tokens.forEach((t, k) => {
    if (t.type !== T.name || t.isType) return;
    const role = t.identifierRole;
    if (role !== ROLE.access && role !== ROLE.exportAccess && role !== ROLE.shorthand) return;
    const name = textOf(s, k);
    if (!covers.some((c) => c.name === name && c.start <= k && k < c.end)) out.push(k);
  });
  return out;
}

/** The index of the `}` closing the `${` or `{` at `open`. */
export function closingBrace(s: Scanned, open: number): number {
  let depth = 0;
  for (let k = open; k < s.tokens.length; k++) {
    const ty = s.tokens[k]!.type;
    if (ty === T.dollarBraceL || ty === T.braceL || ty === T.braceBarL) depth++;
    else if (ty === T.braceR || ty === T.braceBarR) {
      depth--;
      if (depth === 0) return k;
    }
  }
  return s.tokens.length - 1;
}
