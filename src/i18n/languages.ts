/**
 * The languages Longtail speaks, and which one a browser asks for. English is the fallback: a reader
 * whose browser prefers neither still gets a complete interface.
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'en';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The first of the browser's preferred languages (navigator.languages, best first) that Longtail has,
 * by primary subtag: fr-FR, fr-CA and fr all give 'fr'.
 */
export function detectLanguage(preferred: readonly string[] | undefined | null): Lang {
  for (const tag of preferred ?? []) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLang(primary)) return primary;
  }
  return DEFAULT_LANG;
}

/** The BCP 47 locale Intl formats with for each language (grouping, decimal mark, date order). */
export const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };
