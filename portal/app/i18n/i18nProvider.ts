/**
 * Persian by default (react-admin's words from ra-language-farsi), English one click away. Each
 * feature's messages are merged over the shared ones. The chosen language is kept in react-admin's
 * store, and the page direction follows it (see theme/Direction.tsx).
 */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import farsiMessages from 'ra-language-farsi';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import type { Feature } from '../features/types';
import { sharedEn, sharedFa } from './shared';

export type Locale = 'fa' | 'en';

export function createI18nProvider(features: readonly Feature[]) {
  // react-admin's English words under the Persian ones: a word ra-language-farsi lacks shows in English, never as a key
  const fa = mergeTranslations(englishMessages, farsiMessages as TranslationMessages, sharedFa, ...features.map((f) => f.messages.fa)) as TranslationMessages;
  const en = mergeTranslations(englishMessages, sharedEn, ...features.map((f) => f.messages.en)) as TranslationMessages;
  const messages: Record<Locale, TranslationMessages> = { fa, en };
  return polyglotI18nProvider((locale) => messages[locale as Locale] ?? fa, 'fa', [
    { locale: 'fa', name: 'فارسی' },
    { locale: 'en', name: 'English' },
  ], { allowMissing: true });
}
