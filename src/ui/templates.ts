/**
 * The template notebooks shipped in notebooks/, bundled as text at build time (a chunk of the app's own, precached), in each
 * language: the English notebook is the one source of the code; notebooks/fr/<name>.yaml gives its
 * French words (see src/i18n/template.ts). A translation that does not fit its notebook is skipped with
 * a console warning and the English template is offered instead, so a stale file never breaks the app.
 */
import { parseNotebook } from '../notebook/format';
import { notebookTitle } from '../notebook/model';
import { i18nFor, type Lang } from '../i18n';

export interface Template {
  file: string;
  title: string;
  text: string;
  /** Its front matter (title, and what it reads of the partner model). */
  frontMatter: string | null;
}

// The notebooks' text is not in the first screen's JavaScript either: loadTemplates reads it (precached).
const englishFiles = import.meta.glob('../../notebooks/*.md', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
let files: Record<string, string> | null = null;
// Not in the first screen's JavaScript: the French words and the YAML reader that applies them load
// when French is chosen (loadTemplates), and are precached like the rest.
const frenchFiles = import.meta.glob('../../notebooks/fr/*.yaml', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
type Translator = typeof import('../i18n/template');
const loaded = new Map<Lang, { files: Record<string, string>; translator: Translator }>();

function describe(text: string, file: string): { title: string; frontMatter: string | null } {
  try {
    const nb = parseNotebook(text);
    return { title: notebookTitle(nb) || file, frontMatter: nb.frontMatter };
  } catch {
    return { title: file, frontMatter: null };
  }
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function translated(file: string, text: string, lang: Lang): string {
  const words = loaded.get(lang);
  if (lang === 'en' || !words) return text;
  const source = words.files[`../../notebooks/fr/${file.replace(/\.md$/, '.yaml')}`];
  if (source === undefined) return text;
  try {
    return words.translator.translateNotebookText(text, words.translator.parseTranslation(source, `notebooks/fr/${file}`), i18nFor(lang));
  } catch (e) {
    console.warn(`The French text of ${file} does not fit it: ${(e as Error).message}`);
    return text;
  }
}

function build(lang: Lang): Template[] {
  return Object.entries(files ?? {})
    .map(([path, english]) => {
      const file = baseName(path);
      const text = translated(file, english, lang);
      return { file, text, ...describe(text, file) };
    })
    .sort((a, b) => (a.file === 'welcome.md' ? -1 : b.file === 'welcome.md' ? 1 : a.title.localeCompare(b.title, lang)));
}

const cache = new Map<Lang, Template[]>();

/** Makes `templatesIn(lang)` give that language's words (English needs nothing). */
export async function loadTemplates(lang: Lang): Promise<void> {
  if (!files) {
    const texts = await Promise.all(Object.values(englishFiles).map((load) => load()));
    files = Object.fromEntries(Object.keys(englishFiles).map((k, i) => [k, texts[i]!]));
    cache.clear();
  }
  if (lang === 'en' || loaded.has(lang)) return;
  const [translator, ...texts] = await Promise.all([import('../i18n/template'), ...Object.values(frenchFiles).map((load) => load())]);
  loaded.set(lang, { translator, files: Object.fromEntries(Object.keys(frenchFiles).map((k, i) => [k, texts[i]!])) });
  cache.delete(lang);
}

/**
 * The templates in a language (built once per language, on first use): none until `loadTemplates`
 * has read them, English until it has read that language's words.
 */
export function templatesIn(lang: Lang): Template[] {
  let list = cache.get(lang);
  if (!list) {
    list = build(lang);
    if (files && (lang === 'en' || loaded.has(lang))) cache.set(lang, list);
  }
  return list;
}
