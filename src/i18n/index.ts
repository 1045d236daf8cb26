export { LANGUAGES, DEFAULT_LANG, LOCALES, detectLanguage, isLang, type Lang } from './languages';
export { CATALOGUES, type Catalogue, type Message, type MessageKey, type Params } from './catalogue';
export { createFormats, type Formats } from './format';
export { createI18n, chooseLanguage, keepLanguage, i18nFor, LANG_STORAGE_KEY, type I18n, type I18nOptions, type LangStorage } from './i18n';
export { said, sayIn, english, shown, isSaid, errorText, hintText, type Said, type SaidError } from './said';
