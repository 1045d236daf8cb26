/**
 * The command palette's commands, and finding them from what the user types: every word typed must
 * start a word of the command's title or group (accents and case aside), the closest matches first.
 * Pure: the app registers its actions as commands; the palette only lists and runs them.
 */
export interface Command {
  id: string;
  title: string;
  /** What it belongs to: "Notebook", "Open template", "Data"… */
  group: string;
  /** The keyboard shortcut, as shown (e.g. "Ctrl+Shift+Enter"). */
  keys?: string;
  run(): void | Promise<void>;
  /** False when the command cannot run now (shown disabled). */
  enabled?: boolean;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const words = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Commands matching `query`, best first; all of them, in their order, for an empty query. */
export function searchCommands(commands: readonly Command[], query: string): Command[] {
  const typed = words(query);
  if (typed.length === 0) return [...commands];
  const scored: { c: Command; score: number; k: number }[] = [];
  commands.forEach((c, k) => {
    const title = words(c.title);
    const group = words(c.group);
    let score = 0;
    for (const t of typed) {
      const inTitle = title.findIndex((w) => w.startsWith(t));
      if (inTitle >= 0) score += inTitle === 0 ? 3 : 2;
      else if (group.some((w) => w.startsWith(t))) score += 1;
      else if (fold(c.title).includes(t)) score += 0.5;
      else return;
    }
    scored.push({ c, score, k });
  });
  return scored.sort((a, b) => b.score - a.score || a.k - b.k).map((s) => s.c);
}
