/**
 * Persian and English side by side, the portal's signature: the current language's words first,
 * the other language's beside them, smaller and in its own direction.
 */
import { Box } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocaleState } from 'react-admin';

export function Bi({ fa, en, stack = false }: { fa: ReactNode; en: ReactNode; stack?: boolean }) {
  const [locale] = useLocaleState();
  const [first, second, secondLang] = locale === 'en' ? [en, fa, 'fa'] : [fa, en, 'en'];
  return (
    <Box component="span" sx={{ display: stack ? 'inline-flex' : 'inline', flexDirection: 'column' }}>
      {/* the gap on the first word's end, in the page's direction (the second has its own direction) */}
      <Box component="span" sx={{ marginInlineEnd: stack || !second ? 0 : '0.6em' }}>{first}</Box>
      {second ? (
        <Box component="span" lang={secondLang} dir={secondLang === 'fa' ? 'rtl' : 'ltr'} sx={{ color: 'text.secondary', fontSize: '0.85em', unicodeBidi: 'isolate' }}>
          {second}
        </Box>
      ) : null}
    </Box>
  );
}

/** Text written "فارسی / English" (group names, step names from BPMN): split at the slash. */
export function splitBilingual(text: string): [string, string] {
  const m = /^(.+?)\s+[/—–]\s+([A-Za-z(].*)$/.exec(text);
  return m ? [m[1], m[2]] : [text, ''];
}

export function BiText({ text, stack }: { text: string | null | undefined; stack?: boolean }) {
  const [fa, en] = splitBilingual(String(text ?? ''));
  return <Bi fa={fa} en={en} stack={stack} />;
}
