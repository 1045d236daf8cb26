/**
 * What a TypeScript cell reads, for the dependency graph: the free names that are cells, inputs or
 * tables (`won_deals.filter(…)` reads the cell `won_deals`), plus the relations the static SQL of its
 * `sql\`…\`` templates reads (`sql\`SELECT … FROM deals\`` reads `deals`). SQL given as a string to
 * `sql.query(text)` is not known before it runs, so it is not tracked.
 */
import type { ExecContext } from '../kinds/context';
import { sqlReads } from '../kinds/sql-cell';
import { templateText } from './binding';
import { SCOPE_NAMES } from './protocol';
import { closingBrace, freeNameTokens, scan, T, textOf, type Scanned } from './scan';

/** Free names of the cell, in order of first use. */
export function freeNames(s: Scanned): string[] {
  return [...new Set(freeNameTokens(s).map((k) => textOf(s, k)))];
}

/** The static SQL of each `sql\`…\`` template, its `${…}` replaced by named placeholders. */
export function sqlTemplates(s: Scanned): string[] {
  const out: string[] = [];
  for (const k of freeNameTokens(s)) {
    if (textOf(s, k) !== 'sql' || s.tokens[k + 1]?.type !== T.backQuote) continue;
    const open = s.tokens[k + 1]!;
    const parts: string[] = [];
    let from = open.end;
    let j = k + 2;
    for (; j < s.tokens.length && s.tokens[j]!.type !== T.backQuote; j++) {
      if (s.tokens[j]!.type === T.dollarBraceL) {
        parts.push(s.source.slice(from, s.tokens[j]!.start));
        j = closingBrace(s, j);
        from = s.tokens[j]!.end;
      }
    }
    parts.push(s.source.slice(from, s.tokens[j]?.start ?? s.source.length));
    out.push(templateText(parts));
  }
  return out;
}

/**
 * Names of `known` (cells, inputs, tables) the cell reads, case-insensitively as DuckDB compares names,
 * each spelt as in the code; then what its SQL templates read.
 */
export async function tsReads(ctx: Pick<ExecContext, 'engine' | 'knownNames'>, source: string): Promise<string[]> {
  const s = scan(source);
  const known = new Set(ctx.knownNames.map((n) => n.toLowerCase()));
  const scope = new Set<string>(SCOPE_NAMES);
  const reads = freeNames(s).filter((n) => known.has(n.toLowerCase()) && !scope.has(n));
  for (const text of sqlTemplates(s)) {
    for (const r of await sqlReads(ctx, text)) if (!reads.some((x) => x.toLowerCase() === r.toLowerCase())) reads.push(r);
  }
  return reads;
}
