/**
 * A message said by code far from the interface (an error thrown in the import, the engine, the store):
 * its catalogue key and values rather than finished text, so whoever shows it says it in the reader's
 * language, and the English text (an Error's `message`, the command line, logs) is made from the same key.
 * A value may itself be a said message (a part of a sentence that has its own words), said in the same
 * language. Plain data: it crosses a worker's postMessage unchanged.
 */
import { CATALOGUES, type MessageKey, type Param } from './catalogue';
import { i18nFor, type I18n } from './i18n';

export interface Said {
  key: MessageKey;
  params?: Record<string, Param | Said>;
}

/** Shorthand to build a said message. */
export const said = (key: MessageKey, params?: Record<string, Param | Said>): Said => (params ? { key, params } : { key });

export function isSaid(v: unknown): v is Said {
  return typeof v === 'object' && v !== null && typeof (v as Said).key === 'string' && (v as Said).key in CATALOGUES.en;
}

/** The message in the language of `t`; nested said values first. */
export function sayIn(t: I18n['t'], message: Said): string {
  if (!message.params) return t(message.key);
  const params: Record<string, Param> = {};
  for (const [name, v] of Object.entries(message.params)) params[name] = typeof v === 'object' ? sayIn(t, v) : v;
  return t(message.key, params);
}

let englishT: I18n['t'] | null = null;

/** The message in English: what an Error's `message` holds. */
export function english(message: Said): string {
  englishT ??= i18nFor('en').t;
  return sayIn(englishT, message);
}

/**
 * What to show for an error's text in the reader's language: its said form when it has one (set by the
 * code that threw it), else its English `fallback` (DuckDB's own words, a browser's error…).
 */
export function shown(t: I18n['t'], message: Said | null | undefined, fallback: string): string {
  return message ? sayIn(t, message) : fallback;
}

/**
 * The convention for errors: an error whose text was said sets `said` (its message) and, when it has
 * one, `hintSaid` (what to do); `message` and `hint` stay the English text.
 */
export interface SaidError {
  said?: Said | null;
  hintSaid?: Said | null;
}

/** An error's message in the language of `t`: its said form when it has one, else its own message. */
export function errorText(t: I18n['t'], err: unknown): string {
  const s = (err as SaidError | null)?.said;
  if (s && isSaid(s)) return sayIn(t, s);
  return err instanceof Error ? err.message : String(err);
}

/** An error's hint in the language of `t`: its said form when it has one, else its own `hint` (or ''). */
export function hintText(t: I18n['t'], err: unknown): string {
  const s = (err as SaidError | null)?.hintSaid;
  if (s && isSaid(s)) return sayIn(t, s);
  const hint = (err as { hint?: unknown } | null)?.hint;
  return typeof hint === 'string' ? hint : '';
}
