/**
 * Template notebooks in another language from ONE source: notebooks/<name>.md holds the English
 * notebook and its code; notebooks/<lang>/<name>.yaml holds only the words of that language —
 *
 *   title: the notebook's title (front matter)
 *   markdown: the Markdown cells, in order, whole
 *   inputs: input cell name → its label
 *   charts: English text of a chart's titles, subtitles, axis, legend and tooltip titles → translation
 *
 * translateNotebook() puts those words in place of the English ones and leaves every SQL, analysis,
 * TypeScript and input value untouched, so both languages run the same code and give the same rows.
 * Result values that are stable keys (RFM segment, health status, tier advice) stay English in the rows;
 * the charts show them translated through a labelExpr on the axis or legend that draws them.
 */
import { isMap, isScalar, isSeq, parse as parseYaml, parseDocument, visit, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { parseNotebook, serializeNotebook } from '../notebook/format';
import type { Cell, Notebook } from '../notebook/model';
import { columnLabels } from './labels';
import type { I18n } from './i18n';

export interface TemplateTranslation {
  title: string;
  markdown: string[];
  inputs?: Record<string, string>;
  charts?: Record<string, string>;
}

export class TemplateTranslationError extends Error {
  override name = 'TemplateTranslationError';
}

/** Reads a translation file, checking its shape (a translator edits it by hand). */
export function parseTranslation(text: string, file = 'translation'): TemplateTranslation {
  const o = parseYaml(text) as Partial<TemplateTranslation> | null;
  const fail = (what: string) => {
    throw new TemplateTranslationError(`${file}: ${what}`);
  };
  if (!o || typeof o !== 'object') return fail('is empty or not a YAML mapping.');
  if (typeof o.title !== 'string' || !o.title.trim()) fail('needs a `title:` line.');
  if (!Array.isArray(o.markdown) || o.markdown.some((m) => typeof m !== 'string')) fail('needs `markdown:`, a list of texts, one per Markdown cell.');
  for (const k of ['inputs', 'charts'] as const) {
    const m = o[k];
    if (m !== undefined && (typeof m !== 'object' || m === null || Object.values(m).some((v) => typeof v !== 'string'))) fail(`\`${k}:\` must map names or English text to translated text.`);
  }
  return o as TemplateTranslation;
}

/** Keys of a Vega-Lite spec whose string value (or list of strings) a reader sees as words. */
const WORDED_KEYS = new Set(['title', 'text', 'subtitle']);
/** Encoding channels whose axis or legend draws a field's values. */
const AXIS_CHANNELS: Record<string, 'axis' | 'legend'> = { x: 'axis', y: 'axis', color: 'legend', fill: 'legend', stroke: 'legend', shape: 'legend' };

function keyOf(pair: unknown): string | null {
  const key = (pair as Pair | undefined)?.key;
  return isScalar(key) ? String(key.value) : null;
}

/**
 * Every string a chart spec shows as words (titles, subtitles, axis, legend and tooltip titles), with a
 * function that replaces it. `text` is only a word when it is a string (a `text` encoding is a mapping).
 */
function wordedScalars(doc: ReturnType<typeof parseDocument>): Scalar[] {
  const found: Scalar[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = keyOf(pair);
      if (!key || !WORDED_KEYS.has(key)) return;
      if (isScalar(pair.value) && typeof pair.value.value === 'string') found.push(pair.value);
      else if (isSeq(pair.value) && key === 'subtitle') for (const item of pair.value.items) if (isScalar(item) && typeof item.value === 'string') found.push(item);
    },
  });
  return found;
}

/** The words of a chart cell's spec that a translation must cover (for the completeness test). */
export function chartWords(source: string): string[] {
  return wordedScalars(parseDocument(source)).map((s) => String(s.value));
}

function labelExpr(labels: Record<string, string>): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const entries = Object.entries(labels).filter(([k, v]) => k !== v);
  return `{${entries.map(([k, v]) => `${q(k)}: ${q(v)}`).join(', ')}}[datum.value] || datum.value`;
}

/** Adds a labelExpr to each axis or legend that draws a translated key column (segment, status, advice). */
function translateKeyAxes(doc: ReturnType<typeof parseDocument>, i18n: I18n): void {
  visit(doc, {
    Pair(_, pair) {
      const channel = keyOf(pair);
      if (!channel || !(channel in AXIS_CHANNELS) || !isMap(pair.value)) return;
      const enc = pair.value as YAMLMap;
      const field = enc.get('field');
      const labels = typeof field === 'string' ? columnLabels(i18n, field) : null;
      if (!labels) return;
      const guide = AXIS_CHANNELS[channel]!;
      const current = enc.get(guide, true);
      if (isScalar(current) && current.value === null) return; // axis: null draws no labels
      const expr = labelExpr(labels);
      if (isMap(current)) current.set('labelExpr', expr);
      else enc.set(guide, doc.createNode({ labelExpr: expr }));
    },
  });
}

function translateChart(source: string, words: Record<string, string>, i18n: I18n): string {
  const doc = parseDocument(source);
  for (const s of wordedScalars(doc)) {
    const t = words[String(s.value)];
    if (t !== undefined) s.value = t;
  }
  translateKeyAxes(doc, i18n);
  return doc.toString({ lineWidth: 0 });
}

function translateFrontMatter(frontMatter: string | null, title: string): string | null {
  if (frontMatter === null) return null;
  return frontMatter.replace(/^title:.*$/m, `title: ${JSON.stringify(title)}`);
}

/**
 * The template in the translation's language. Throws when the translation does not fit the notebook
 * (a different number of Markdown cells): a stale translation must not shift text under other cells.
 */
export function translateNotebook(text: string, translation: TemplateTranslation, i18n: I18n): Notebook {
  const nb = parseNotebook(text);
  const mdCells = nb.cells.filter((c) => c.kind === 'markdown');
  if (mdCells.length !== translation.markdown.length) {
    throw new TemplateTranslationError(`the translation has ${translation.markdown.length} Markdown texts, the notebook ${mdCells.length} Markdown cells.`);
  }
  let md = 0;
  const cells = nb.cells.map((cell): Cell => {
    if (cell.kind === 'markdown') return { ...cell, source: translation.markdown[md++]!.replace(/\n+$/, '') };
    if (cell.kind === 'input') {
      const label = translation.inputs?.[cell.name];
      if (label === undefined) return cell;
      return { ...cell, attrs: cell.attrs.map((a) => (a.key === 'label' ? { ...a, value: label } : a)) };
    }
    if (cell.kind === 'chart') return { ...cell, source: translateChart(cell.source, translation.charts ?? {}, i18n).replace(/\n$/, '') };
    return cell;
  });
  return { ...nb, frontMatter: translateFrontMatter(nb.frontMatter, translation.title), cells };
}

export function translateNotebookText(text: string, translation: TemplateTranslation, i18n: I18n): string {
  return serializeNotebook(translateNotebook(text, translation, i18n));
}
