/**
 * Right-to-left for Persian, left-to-right for English: the document's `dir` and `lang`, the MUI
 * theme's direction, and an emotion cache that flips the CSS (stylis-plugin-rtl) when Persian.
 */
import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import { useEffect, type ReactNode } from 'react';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';
import type { Locale } from '../i18n/i18nProvider';

const caches = {
  rtl: createCache({ key: 'rtl', stylisPlugins: [prefixer, rtlPlugin] }),
  ltr: createCache({ key: 'ltr', stylisPlugins: [prefixer] }),
};

export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (locale === 'en' ? 'ltr' : 'rtl');

export function DirectionProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const dir = directionOf(locale);
  useEffect(() => {
    document.documentElement.dir = dir;
    document.documentElement.lang = locale === 'en' ? 'en' : 'fa';
  }, [dir, locale]);
  return <CacheProvider value={caches[dir]}>{children}</CacheProvider>;
}
