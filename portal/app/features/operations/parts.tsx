/** Small pieces the operations pages share: the state chip, bilingual headings from messages. */
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bi } from '../../components/Bi';
import { StatusChip, type Tone } from '../../components/StatusChip';

const TONES: Record<string, Tone> = { running: 'info', submitted: 'info', incident: 'err', completed: 'ok', cancelled: 'grey', terminated: 'grey', failed: 'err' };

export function StateChip({ state, testId = 'instance-state' }: { state: string; testId?: string }) {
  const translate = useTranslate();
  return <StatusChip label={translate(`operations.states.${state}`, { _: state })} tone={TONES[state] ?? 'grey'} testId={testId} value={state} />;
}

/**
 * A heading in the current language with the other language beside it: `key` is translated, and
 * `key_en`'s message is the other language's words (each messages file keeps the pair).
 */
export function BiHeading({ k, component = 'h2', variant = 'h6', id, action }: { k: string; component?: 'h1' | 'h2' | 'h3'; variant?: 'h5' | 'h6' | 'subtitle1'; id?: string; action?: ReactNode }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [own, other] = [translate(k), translate(`${k}_en`)];
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
      <Typography variant={variant} component={component} id={id}>
        <Bi fa={locale === 'en' ? other : own} en={locale === 'en' ? own : other} />
      </Typography>
      {action ? <Box sx={{ marginInlineStart: 'auto' }}>{action}</Box> : null}
    </Box>
  );
}
