/** A coloured status label: the tone says good / waiting / attention / bad at a glance. */
import { Chip } from '@mui/material';
import { BRAND } from '../theme/theme';

export type Tone = 'ok' | 'info' | 'warn' | 'err' | 'grey';

const TONES: Record<Tone, { color: string; bg: string }> = {
  ok: { color: BRAND.ok, bg: BRAND.okBg },
  info: { color: BRAND.info, bg: BRAND.infoBg },
  warn: { color: BRAND.warn, bg: BRAND.warnBg },
  err: { color: BRAND.err, bg: BRAND.errBg },
  grey: { color: '#4b5563', bg: '#edf0f3' },
};

export function StatusChip({ label, tone, testId, value }: { label: string; tone: Tone; testId?: string; value?: string }) {
  const { color, bg } = TONES[tone];
  return <Chip size="small" label={label} data-testid={testId} data-value={value} sx={{ color, backgroundColor: bg, fontWeight: 700, border: `1px solid ${color}33` }} />;
}
