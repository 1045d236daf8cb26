// A said message is shown in the reader's language and in English from one key, nested parts included,
// and survives the structured clone a worker's postMessage makes.
import { describe, expect, it } from 'vitest';
import { english, errorText, i18nFor, isSaid, said, sayIn, shown } from '../../src/i18n';

describe('said messages', () => {
  const fr = i18nFor('fr').t;

  it('say the same key in English and in French, with its values', () => {
    const m = said('cell.run_aria', { name: 'q1' });
    expect(english(m)).toBe('Run q1 and its dependants (Ctrl+Enter)');
    expect(sayIn(fr, m)).toBe('Exécuter q1 et les cellules qui en dépendent (Ctrl+Entrée)');
  });

  it('say a nested part in the same language as the whole', () => {
    const m = said('cell.aria', { kind: 'SQL', name: said('cell.run_aria', { name: 'q1' }) });
    expect(english(m)).toBe('SQL cell Run q1 and its dependants (Ctrl+Enter)');
    expect(sayIn(fr, m)).toBe('Cellule SQL Exécuter q1 et les cellules qui en dépendent (Ctrl+Entrée)');
  });

  it('fall back to the English text an error had when nothing was said', () => {
    expect(shown(fr, null, 'Binder Error: x')).toBe('Binder Error: x');
    expect(shown(fr, said('cell.run_aria', { name: 'q' }), 'ignored')).toBe('Exécuter q et les cellules qui en dépendent (Ctrl+Entrée)');
  });

  it('cross a structured clone unchanged, and are told from other objects', () => {
    const m = said('cell.aria', { kind: 'SQL', name: said('cell.run_aria', { name: 'q1' }) });
    const copy = structuredClone(m);
    expect(isSaid(copy)).toBe(true);
    expect(sayIn(fr, copy)).toBe(sayIn(fr, m));
    expect(isSaid({ key: 'no.such.key' })).toBe(false);
    expect(isSaid('cell.aria')).toBe(false);
  });
});

describe('errorText', () => {
  it("says an error's said message in the reader's language, and any other error's own message", () => {
    const err = Object.assign(new Error('Run q and its dependants (Ctrl+Enter)'), { said: said('cell.run_aria', { name: 'q' }) });
    expect(errorText(i18nFor('fr').t, err)).toBe('Exécuter q et les cellules qui en dépendent (Ctrl+Entrée)');
    expect(errorText(i18nFor('fr').t, new Error('plain'))).toBe('plain');
    expect(errorText(i18nFor('fr').t, 'text')).toBe('text');
  });
});
