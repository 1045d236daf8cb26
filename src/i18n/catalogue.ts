/**
 * The message catalogues: messages/en.json and messages/fr.json, flat files a translator edits, one key
 * per line. A message is text with `{name}` placeholders, or, when it depends on a count, an object of
 * plural forms chosen by Intl.PluralRules (`one`, `other`, and any other category the language has —
 * a missing category falls back to `other`). English is the reference: its keys type `t()`.
 */
import en from './messages/en.json';
import fr from './messages/fr.json';
import type { Lang } from './languages';

export type PluralForms = { one?: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralForms;
export type Catalogue = Record<string, Message>;
export type MessageKey = keyof typeof en;

export const CATALOGUES: Record<Lang, Catalogue> = { en, fr };

/** A value placed into a message: numbers are formatted in the language (see createI18n). */
export type Param = string | number;
export type Params = Record<string, Param>;

/** Replaces each `{name}` by its value; a placeholder without a value stays as written, to be seen. */
export function interpolate(text: string, params: Params | undefined, formatNumber: (n: number) => string): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : typeof v === 'number' ? formatNumber(v) : v;
  });
}

/** The form of a plural message for `count`, by the language's plural rules. */
export function pluralForm(forms: PluralForms, count: number, rules: Intl.PluralRules): string {
  return forms[rules.select(count)] ?? forms.other;
}
