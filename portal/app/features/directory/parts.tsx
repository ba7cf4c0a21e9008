/** Small pieces the administration pages share: bilingual headings, status and role chips, Jalali days. */
import { Chip, Stack } from '@mui/material';
import { jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bi } from '../../components/Bi';
import { StatusChip, type Tone } from '../../components/StatusChip';
import type { Bilingual, CertificateStatus } from './model';

export { BiHeading } from '../../components/BiHeading';

/** A bilingual name from the API ({ fa, en }) in the current language first. */
export function BiName({ name, stack }: { name: Bilingual; stack?: boolean }) {
  return <Bi fa={name.fa} en={name.en} stack={stack} />;
}

const CERT_TONES: Record<string, Tone> = { valid: 'ok', expired: 'warn', suspended: 'warn', revoked: 'err', superseded: 'grey' };

export function CertificateStatusChip({ status, testId = 'certificate-status' }: { status: CertificateStatus | string; testId?: string }) {
  const translate = useTranslate();
  return <StatusChip label={translate(`directory.statuses.${status}`, { _: status })} tone={CERT_TONES[status] ?? 'grey'} testId={testId} value={status} />;
}

export function ActiveChip({ active }: { active: boolean }) {
  const translate = useTranslate();
  return <StatusChip label={translate(active ? 'directory.users.active' : 'directory.users.inactive')} tone={active ? 'ok' : 'grey'} testId="user-active" value={String(active)} />;
}

export function RoleChips({ roles }: { roles: readonly string[] }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" data-testid="user-roles">
      {roles.map((r) => <Chip key={r} size="small" variant="outlined" label={translate(`directory.roles.${r}`, { _: r })} data-value={r} />)}
    </Stack>
  );
}

// ---- Jalali days (the calendar's holidays are written "1405-01-01") ----

const TEHRAN = 'Asia/Tehran';

/** Noon of a Jalali day (so its Tehran date is that day in every time zone a browser may have). */
export function dateOfJalali(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const g = toGregorian(Number(m[1]), Number(m[2]), Number(m[3]));
  return new Date(Date.UTC(g.gy, g.gm - 1, g.gd, 9, 0, 0));
}

/** Today's Jalali date in Tehran. */
export function jalaliToday(): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TEHRAN, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const j = toJalaali(get('year'), get('month'), get('day'));
  return { year: j.jy, month: j.jm, day: j.jd };
}

export const jalaliMonthLength = (year: number, month: number): number => jalaaliMonthLength(year, month);

export const pad2 = (n: number) => String(n).padStart(2, '0');

/** Persian digits for numbers shown in Persian. */
export function useNumber(): (n: number | null | undefined, digits?: number) => string {
  const [locale] = useLocaleState();
  return (n, digits = 1) => (n === null || n === undefined ? '—' : new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'fa-IR', { maximumFractionDigits: digits }).format(n));
}
