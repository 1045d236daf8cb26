/**
 * The direction of imports (docs/architecture.md), drawn from the source itself: the core never imports
 * the UI, the notebook and the charts never import each other, the analytics library imports only the
 * leaf quoting module, and there is no import loop anywhere in src/.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte)$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec.replace(/\?.*$/, ''));
  for (const c of [base, `${base}.ts`, `${base}.svelte.ts`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      /* next */
    }
  }
  return null;
}

/** Static and dynamic imports (type-only ones too: they are arrows between concerns all the same). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.map((s) => resolve(file, s)).filter((p): p is string => p !== null && p.startsWith(SRC));
}

const all = files(SRC);
const graph = new Map(all.map((f) => [f, importsOf(f)]));
const area = (f: string) => path.relative(SRC, f).split(path.sep)[0]!;

describe('architecture', () => {
  it('no core module imports the UI', () => {
    const bad = all.filter((f) => !['ui', 'main.ts'].includes(area(f))).flatMap((f) => graph.get(f)!.filter((t) => area(t) === 'ui').map((t) => `${path.relative(SRC, f)} → ${path.relative(SRC, t)}`));
    expect(bad).toEqual([]);
  });

  it('the notebook and the charts do not import each other', () => {
    const bad = all
      .filter((f) => ['notebook', 'charts'].includes(area(f)))
      .flatMap((f) => graph.get(f)!.filter((t) => ['notebook', 'charts'].includes(area(t)) && area(t) !== area(f)).map((t) => `${path.relative(SRC, f)} → ${path.relative(SRC, t)}`));
    expect(bad).toEqual([]);
  });

  it('the analytics library uses nothing of ours but the leaf quoting module', () => {
    const bad = all.filter((f) => area(f) === 'analytics').flatMap((f) => graph.get(f)!.filter((t) => !['analytics'].includes(area(t)) && path.relative(SRC, t) !== path.join('sql', 'quote.ts')));
    expect(bad).toEqual([]);
  });

  it('the leaf modules import nothing of ours', () => {
    for (const leaf of ['sql/quote.ts', 'catalog/schemas.ts', 'errors/input-error.ts', 'crypto/sha256.ts']) expect(graph.get(path.join(SRC, leaf))).toEqual([]);
  });

  it('has no import loop', () => {
    const loops: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') loops.push(stack.slice(stack.indexOf(t)).concat(t).map((p) => path.relative(SRC, p)).join(' → '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of all) if (!state.has(f)) visit(f);
    expect(loops).toEqual([]);
  });
});
