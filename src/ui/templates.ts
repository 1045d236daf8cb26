/** The template notebooks shipped in notebooks/, bundled as text at build time (no fetch). */
import { parseNotebook } from '../notebook/format';
import { notebookTitle } from '../notebook/model';

export interface Template {
  file: string;
  title: string;
  text: string;
}

const files = import.meta.glob('../../notebooks/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function titleOf(text: string, file: string): string {
  try {
    return notebookTitle(parseNotebook(text)) || file;
  } catch {
    return file;
  }
}

export const TEMPLATES: Template[] = Object.entries(files)
  .map(([path, text]) => {
    const file = path.slice(path.lastIndexOf('/') + 1);
    return { file, title: titleOf(text, file), text };
  })
  .sort((a, b) => (a.file === 'welcome.md' ? -1 : b.file === 'welcome.md' ? 1 : a.title.localeCompare(b.title)));
