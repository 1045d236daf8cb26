/**
 * The interface's language for Svelte components: a reactive holder put in context by the app (the
 * language chosen, kept, switchable) and by the snapshot viewer (the snapshot's language). A component
 * reads `useI18n().t(...)`; it re-renders when the language changes. Without a provider (a component
 * mounted alone in a test) it speaks English.
 */
import { getContext, setContext } from 'svelte';
import { i18nFor, type I18n, type Lang, type MessageKey, type Params } from '../i18n';

const KEY = Symbol('longtail-i18n');

export class LangState {
  current = $state<I18n>(i18nFor('en'));
  constructor(lang: Lang) {
    this.current = i18nFor(lang);
  }
  get lang(): Lang {
    return this.current.lang;
  }
  set(lang: Lang): void {
    if (lang !== this.current.lang) this.current = i18nFor(lang);
  }
  t = (key: MessageKey, params?: Params): string => this.current.t(key, params);
  n = (value: number, options?: Intl.NumberFormatOptions): string => this.current.n(value, options);
}

export function provideI18n(state: LangState): LangState {
  setContext(KEY, state);
  return state;
}

export function useI18n(): LangState {
  return getContext<LangState | undefined>(KEY) ?? new LangState('en');
}
