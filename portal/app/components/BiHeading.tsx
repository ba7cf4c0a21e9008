/**
 * A heading in the page's language with the other language beside it, and an optional action at
 * its end. `k` is the message key of the page language's words; `otherKey` (by default `<k>_en`)
 * holds the other language's, so each messages file keeps the pair side by side.
 */
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bi } from './Bi';

export interface BiHeadingProps {
  k: string;
  otherKey?: string;
  component?: 'h1' | 'h2' | 'h3';
  variant?: 'h5' | 'h6' | 'subtitle1';
  id?: string;
  action?: ReactNode;
}

export function BiHeading({ k, otherKey = `${k}_en`, component = 'h2', variant = 'h6', id, action }: BiHeadingProps) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [own, other] = [translate(k), translate(otherKey)];
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
      <Typography variant={variant} component={component} id={id}>
        <Bi fa={locale === 'en' ? other : own} en={locale === 'en' ? own : other} />
      </Typography>
      {action ? <Box sx={{ marginInlineStart: 'auto', display: 'flex', gap: 1, flexWrap: 'wrap' }}>{action}</Box> : null}
    </Box>
  );
}
