/**
 * Every template notebook in French and in English from one source (src/i18n/template.ts): the same
 * cells — names, kinds, SQL, analysis and TypeScript code, input values — and the same rows on the demo
 * data, each language run by the app's own runner on the real engine; its charts' words all translated
 * and its charts still valid Vega-Lite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compile } from 'vega-lite';
import { parse as parseVega } from 'vega';
import type { Engine } from '../../src/engine/types';
import { loadDemo } from '../../src/demo/load';
import { parseNotebook, serializeNotebook } from '../../src/notebook/format';
import { notebookTitle, type Cell } from '../../src/notebook/model';
import { Runner } from '../../src/notebook/runner';
import { cellKinds } from '../../src/app/kinds';
import { i18nFor } from '../../src/i18n';
import { chartWords, parseTranslation, translateNotebook } from '../../src/i18n/template';
import { createTsTestEngine } from '../notebook/ts/engine';
import { rowsOf } from '../analytics/helpers';

const dir = new URL('../../notebooks/', import.meta.url);
const FILES = readdirSync(dir).filter((f) => f.endsWith(".md")).sort();
const fr = i18nFor('fr');

const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');
const translation = (file: string) => parseTranslation(read(`fr/${file.replace(/\.md$/, '.yaml')}`), `fr/${file}`);
const computed = (c: Cell) => c.kind !== 'markdown' && c.kind !== 'chart';
/** What a cell runs: everything but the words a reader sees. */
const code = (c: Cell) => ({ kind: c.kind, name: c.name, attrs: c.attrs.filter((a) => a.key !== 'label'), source: c.kind === 'chart' || c.kind === 'markdown' ? null : c.source });

describe('every template has a French text', () => {
  it('in notebooks/fr/, and no French text without its template', () => {
    const yamls = readdirSync(new URL('fr/', dir)).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '.md'));
    expect(yamls.sort()).toEqual(FILES);
    expect(FILES.length).toBeGreaterThanOrEqual(13);
  });
});

describe.each(FILES)('template %s in French', (file) => {
  const en = parseNotebook(read(file));
  const t = translation(file);
  const frNb = translateNotebook(read(file), t, fr);

  it('has the same cells and code as the English one, its own title and prose', () => {
    expect(frNb.cells.map(code)).toEqual(en.cells.map(code));
    expect(notebookTitle(frNb)).toBe(t.title);
    expect(notebookTitle(frNb)).not.toBe(notebookTitle(en));
    const md = (nb: typeof en) => nb.cells.filter((c) => c.kind === 'markdown').map((c) => c.source);
    md(frNb).forEach((text, k) => expect({ k, same: text === md(en)[k] }).toEqual({ k, same: false }));
    // Front matter other than the title (needs, uses) is the English one.
    expect(frNb.frontMatter!.replace(/^title:.*$/m, '')).toBe(en.frontMatter!.replace(/^title:.*$/m, ''));
  });

  it('reads back as the same notebook when saved (it is an ordinary notebook file)', () => {
    const text = serializeNotebook(frNb);
    expect(parseNotebook(text).cells.map(code)).toEqual(en.cells.map(code));
  });

  it('labels every input, translates every word of its charts, and keeps no stale translation', () => {
    for (const c of en.cells.filter((c) => c.kind === 'input' && c.attrs.some((a) => a.key === 'label'))) {
      expect({ input: c.name, label: t.inputs?.[c.name] !== undefined }).toEqual({ input: c.name, label: true });
    }
    expect(Object.keys(t.inputs ?? {}).filter((n) => !en.cells.some((c) => c.kind === 'input' && c.name === n))).toEqual([]);
    const words = new Set(en.cells.filter((c) => c.kind === 'chart').flatMap((c) => chartWords(c.source)));
    expect([...words].filter((w) => t.charts?.[w] === undefined)).toEqual([]);
    expect(Object.keys(t.charts ?? {}).filter((w) => !words.has(w))).toEqual([]);
  });

  it('draws charts that are still valid Vega-Lite, with every word translated', () => {
    for (const c of frNb.cells.filter((c) => c.kind === 'chart')) {
      const spec = parseYaml(c.source);
      const compiled = compile(spec).spec;
      expect(() => parseVega(compiled)).not.toThrow();
      const left = chartWords(c.source).filter((w) => t.charts![w] !== undefined && t.charts![w] !== w);
      expect({ chart: c.name, english: left }).toEqual({ chart: c.name, english: [] });
    }
  });
});

describe('the French and English templates give the same results on the demo', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createTsTestEngine();
    await loadDemo(engine);
  });

  /** Rows of each computed cell as a count and an order-free checksum of every value. */
  async function results(cells: Cell[]): Promise<Record<string, string>> {
    const runner = new Runner(engine, () => cells, cellKinds());
    await runner.init();
    await runner.runAll();
    const out: Record<string, string> = {};
    for (const cell of cells.filter(computed)) {
      const state = runner.state(cell.id);
      if (cell.kind === 'input') continue;
      expect({ cell: cell.name, status: state.status, error: state.error?.message }).toEqual({ cell: cell.name, status: 'done', error: undefined });
      const [row] = await rowsOf(engine, `SELECT count(*) AS n, CAST(sum(hash(t)) AS VARCHAR) AS h FROM ${state.result!.relation} AS t`);
      out[cell.name] = `${row!.n}:${row!.h}`;
    }
    return out;
  }

  it.each(FILES)('%s', async (file) => {
    const en = parseNotebook(read(file)).cells;
    const frCells = translateNotebook(read(file), translation(file), fr).cells;
    const inEnglish = await results(en);
    const inFrench = await results(frCells);
    expect(Object.keys(inEnglish).length).toBeGreaterThan(0);
    expect(inFrench).toEqual(inEnglish);
  }, 120_000);
});
