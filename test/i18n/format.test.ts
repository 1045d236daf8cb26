// Expected strings are written by hand from the French and English conventions, not computed with Intl:
// French groups digits with a narrow no-break space (U+202F), writes a decimal comma, puts the euro sign
// and the percent sign after a no-break space (U+00A0).
import { describe, expect, it } from 'vitest';
import { createI18n, i18nFor } from '../../src/i18n';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('number, money and date formats per language', () => {
  const fr = i18nFor('fr');
  const en = i18nFor('en');

  it('writes numbers the French and the English way', () => {
    expect(fr.n(1234.5)).toBe(`1${NNBSP}234,5`);
    expect(en.n(1234.5)).toBe('1,234.5');
    expect(fr.n(1234567.891)).toBe(`1${NNBSP}234${NNBSP}567,89`);
    expect(en.n(1234567.891)).toBe('1,234,567.89');
    expect(fr.n(0.5)).toBe('0,5');
  });

  it('writes money with the currency where each language puts it', () => {
    expect(fr.money(1234.5)).toBe(`1${NNBSP}234,50${NBSP}€`);
    expect(en.money(1234.5)).toBe('€1,234.50');
    expect(fr.money(-1234567.891, 'EUR')).toBe(`-1${NNBSP}234${NNBSP}567,89${NBSP}€`);
    expect(en.money(99, 'USD')).toBe('US$99.00');
  });

  it('writes percentages', () => {
    expect(fr.percent(0.125)).toBe(`12,5${NBSP}%`);
    expect(en.percent(0.125)).toBe('12.5%');
  });

  it('writes dates day first, with month names in the language, the same day in every time zone', () => {
    expect(fr.date('2024-03-05')).toBe('05/03/2024');
    expect(en.date('2024-03-05')).toBe('05/03/2024');
    expect(fr.date('2024-03-05', 'long')).toBe('5 mars 2024');
    expect(en.date('2024-03-05', 'long')).toBe('5 March 2024');
    expect(fr.date(new Date(Date.UTC(2023, 11, 31)), 'long')).toBe('31 décembre 2023');
    expect(en.date('2023-12-31', 'medium')).toBe('31 Dec 2023');
  });

  it('formats numbers placed into messages in the language', () => {
    expect(fr.t('snapshot.filters.all_pages', { count: 1234 })).toBe(`Toutes les fiches partenaires (1${NNBSP}234)`);
    expect(en.t('snapshot.filters.all_pages', { count: 1234 })).toBe('All partner pages (1,234)');
  });
});

describe('plurals', () => {
  const fr = i18nFor('fr');
  const en = i18nFor('en');
  it('French counts 0 and 1 as singular, English only 1', () => {
    expect(fr.t('snapshot.pages.count', { count: 0 })).toBe('0 fiche partenaire : imprimée sur une page A4.');
    expect(fr.t('snapshot.pages.count', { count: 1 })).toBe('1 fiche partenaire : imprimée sur une page A4.');
    expect(fr.t('snapshot.pages.count', { count: 2 })).toBe('2 fiches partenaires : imprimées une par page A4.');
    expect(en.t('snapshot.pages.count', { count: 0 })).toBe('0 partner pages: printed, one A4 page each.');
    expect(en.t('snapshot.pages.count', { count: 1 })).toBe('1 partner page: printed, one A4 page each.');
    expect(en.t('snapshot.pages.count', { count: 2 })).toBe('2 partner pages: printed, one A4 page each.');
  });
  it("falls back to the 'other' form for a category the catalogue does not write (French 'many')", () => {
    expect(fr.t('snapshot.totals', { count: 1000000 })).toBe(`Totaux sur l'ensemble des 1${NNBSP}000${NNBSP}000 lignes :`);
  });
  it('leaves a placeholder without a value visible, and interpolates text as given', () => {
    expect(en.t('snapshot.hidden.cells')).toBe('Left out: {cells}.');
    expect(fr.t('snapshot.hidden.cells', { cells: 'SQL cell "raw"' })).toBe('Laissé de côté : SQL cell "raw".');
  });
});

describe('choosing the language', () => {
  const storage = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
  };
  it('follows the browser when nothing is kept', () => {
    expect(createI18n({ languages: ['fr-FR', 'en'] }).lang).toBe('fr');
    expect(createI18n({ languages: ['de-DE', 'fr-CA'] }).lang).toBe('fr');
    expect(createI18n({ languages: ['de-DE', 'es'] }).lang).toBe('en');
    expect(createI18n({ languages: [] }).lang).toBe('en');
  });
  it('keeps the choice over the browser, and an imposed language over both', async () => {
    const s = storage();
    const { keepLanguage } = await import('../../src/i18n');
    expect(keepLanguage(s, 'en')).toBe(true);
    expect(createI18n({ languages: ['fr-FR'], storage: s }).lang).toBe('en');
    expect(createI18n({ languages: ['en-US'], storage: s, lang: 'fr' }).lang).toBe('fr');
    s.m.set('longtail.lang', 'de');
    expect(createI18n({ languages: ['fr-FR'], storage: s }).lang).toBe('fr');
  });
  it('still answers when the storage refuses to be read or written', async () => {
    const { keepLanguage } = await import('../../src/i18n');
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(createI18n({ languages: ['fr'], storage: refusing }).lang).toBe('fr');
    expect(keepLanguage(refusing, 'en')).toBe(false);
  });
});
