/**
 * Dates the way the portal shows them everywhere: Solar Hijri (Jalali) first, the Gregorian date
 * beside it, both in Tehran time. The browser's Intl does the calendar (fa-IR-u-ca-persian).
 */
import { Box } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

const TZ = 'Asia/Tehran';

export function jalali(value: Date, withTime = false): string {
  return new Intl.DateTimeFormat('fa-IR-u-ca-persian', { year: 'numeric', month: 'long', day: 'numeric', timeZone: TZ, ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}) }).format(value);
}

export function gregorian(value: Date, withTime = false): string {
  return new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: TZ, ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}) }).format(value);
}

export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function JalaliDate({ value, withTime = false, stack = false }: { value: unknown; withTime?: boolean; stack?: boolean }) {
  const translate = useTranslate();
  const d = toDate(value);
  if (!d) return <span>{translate('ito.date.none')}</span>;
  return (
    <Box component="time" dateTime={d.toISOString()} sx={{ display: stack ? 'inline-flex' : 'inline', flexDirection: 'column', whiteSpace: 'nowrap' }}>
      <span lang="fa" dir="rtl">{jalali(d, withTime)}</span>
      <Box component="span" lang="en" dir="ltr" sx={{ color: 'text.secondary', fontSize: '0.85em', marginInlineStart: stack ? 0 : '0.5em', unicodeBidi: 'isolate' }}>
        {gregorian(d, withTime)}
      </Box>
    </Box>
  );
}

/** A react-admin field: the record's `source` as a Jalali + Gregorian date. */
export function JalaliDateField({ source, withTime, stack = true }: { source: string; withTime?: boolean; stack?: boolean; label?: string; sortable?: boolean }) {
  const record = useRecordContext<Record<string, unknown>>();
  const value = source.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);
  return <JalaliDate value={value} withTime={withTime} stack={stack} />;
}
