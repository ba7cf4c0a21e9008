/** Small pieces the process pages share: bilingual headings from messages, who starts a process. */
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bi, BiText, splitBilingual } from '../../components/Bi';
import { StatusChip } from '../../components/StatusChip';
import { hasRole, session } from '../../api/session';

/** A heading in the current language with the other beside it (`k` and `k_en` hold the pair). */
export function BiHeading({ k, component = 'h2', variant = 'h6', id, action }: { k: string; component?: 'h1' | 'h2' | 'h3'; variant?: 'h5' | 'h6' | 'subtitle1'; id?: string; action?: ReactNode }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [own, other] = [translate(k), translate(`${k}_en`)];
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
      <Typography variant={variant} component={component} id={id}>
        <Bi fa={locale === 'en' ? other : own} en={locale === 'en' ? own : other} />
      </Typography>
      {action ? <Box sx={{ marginInlineStart: 'auto', display: 'flex', gap: 1, flexWrap: 'wrap' }}>{action}</Box> : null}
    </Box>
  );
}

export function StartedByChip({ value }: { value: string }) {
  const translate = useTranslate();
  return <StatusChip label={translate(`processes.started_by.${value}`, { _: value })} tone={value === 'regulator' ? 'info' : 'grey'} testId="started-by" value={value} />;
}

/** Check and deploy are for administrators (POST /api/definitions*, requireRole('admin')). */
export const isAdmin = (): boolean => hasRole(session.user(), 'admin');

export const definitionPath = (key: string, version?: number) => `/definitions/${encodeURIComponent(key)}/show${version ? `?version=${version}` : ''}`;
export const editorPath = (key?: string, version?: number) => (key ? `/processes/edit/${encodeURIComponent(key)}${version ? `/${version}` : ''}` : '/processes/new');
export const diffPath = (key: string, a?: number, b?: number) => `/processes/${encodeURIComponent(key)}/diff${a && b ? `?a=${a}&b=${b}` : ''}`;

export const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' } as const;

/** A name from the BPMN: "فارسی / English" as both languages, anything else as written. */
export function NameText({ text }: { text: string | null | undefined }) {
  if (!text) return <>—</>;
  return <span dir="auto">{splitBilingual(text)[1] ? <BiText text={text} /> : text}</span>;
}
