/**
 * One language's messages and formats, made from the language asked for, the browser's preferences and
 * the choice the user kept (in the storage passed in: localStorage in the app, a Map in tests).
 */
import { CATALOGUES, interpolate, pluralForm, type MessageKey, type Params } from './catalogue';
import { createFormats, type Formats } from './format';
import { DEFAULT_LANG, detectLanguage, isLang, LOCALES, type Lang } from './languages';

/** The part of the Web Storage interface the choice needs. */
export interface LangStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const LANG_STORAGE_KEY = 'longtail.lang';

export interface I18nOptions {
  /** A language imposed (a snapshot's, a test's); wins over the kept choice and the browser. */
  lang?: Lang;
  /** The browser's preferred languages (navigator.languages). */
  languages?: readonly string[];
  /** Where the user's choice is kept. */
  storage?: LangStorage | null;
}

export interface I18n extends Formats {
  readonly lang: Lang;
  /** The BCP 47 locale the formats use (en-GB, fr-FR). */
  readonly locale: string;
  /** The message for `key`; a plural message picks its form from `params.count`. */
  t(key: MessageKey, params?: Params): string;
  /** Shorthand for number(). */
  n(value: number, options?: Intl.NumberFormatOptions): string;
}

/** The language to use: imposed, else kept, else the browser's, else English. */
export function chooseLanguage(options: I18nOptions = {}): Lang {
  if (options.lang) return options.lang;
  let kept: string | null = null;
  try {
    kept = options.storage?.getItem(LANG_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be refused (private windows, file:// pages): the browser's language still applies.
  }
  if (isLang(kept)) return kept;
  return options.languages ? detectLanguage(options.languages) : DEFAULT_LANG;
}

/** Keeps the user's choice; false when the storage refused it (the choice then lasts the session). */
export function keepLanguage(storage: LangStorage | null | undefined, lang: Lang): boolean {
  try {
    storage?.setItem(LANG_STORAGE_KEY, lang);
    return !!storage;
  } catch {
    return false;
  }
}

export function i18nFor(lang: Lang): I18n {
  const formats = createFormats(lang);
  const catalogue = CATALOGUES[lang];
  const fallback = CATALOGUES[DEFAULT_LANG];
  const rules = new Intl.PluralRules(LOCALES[lang]);
  const n = (v: number, o?: Intl.NumberFormatOptions) => formats.number(v, o);
  return {
    ...formats,
    lang,
    locale: LOCALES[lang],
    n,
    t(key, params) {
      const message = catalogue[key] ?? fallback[key] ?? key;
      const text = typeof message === 'string' ? message : pluralForm(message, Number(params?.count ?? 0), rules);
      return interpolate(text, params, (v) => n(v));
    },
  };
}

export function createI18n(options: I18nOptions = {}): I18n {
  return i18nFor(chooseLanguage(options));
}
