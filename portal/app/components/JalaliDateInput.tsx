/**
 * A date typed as a Jalali day (YYYY/MM/DD, Persian or Latin digits) instead of the browser's
 * Gregorian date picker. The form gets the same Gregorian `YYYY-MM-DD` a date input would give (so
 * the API sees no change), the Gregorian day is shown beside what was typed, and a day that does not
 * exist is refused in words, the form keeping its last good value.
 */
import { TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useInput, useTranslate } from 'react-admin';
import { gregorian } from './JalaliDate';
import { jalaliTextOf, parseJalaliText } from './jalaliDateText';

export interface JalaliDateInputProps {
  source: string;
  /** A translation key of the label. */
  label: string;
  alwaysOn?: boolean;
  'data-testid'?: string;
}

/** react-admin's filter form hides every helper text; here the helper carries the Gregorian day and the refusal in words. */
const SHOWN_EVEN_IN_FILTERS = { '&&&': { display: 'block' } };

export function JalaliDateInput({ source, label, 'data-testid': testId }: JalaliDateInputProps) {
  const translate = useTranslate();
  const { field, id } = useInput({ source });
  const value = typeof field.value === 'string' ? field.value : '';
  const [text, setText] = useState(() => jalaliTextOf(value) ?? '');
  const parsed = parseJalaliText(text);

  // the value changed from outside (filters cleared, the address edited): show it as a Jalali day
  useEffect(() => {
    const current = parseJalaliText(text);
    const shown = current.ok && !current.empty ? current.iso : current.ok ? '' : null;
    if (shown !== null && shown !== value) setText(jalaliTextOf(value) ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only an outside change of the value
  }, [value]);

  const change = (next: string) => {
    setText(next);
    const read = parseJalaliText(next);
    if (read.ok) field.onChange(read.empty ? '' : read.iso);
  };

  const helper = !parsed.ok
    ? translate(`ito.jalali_input.${parsed.problem}`, { days: parsed.daysInMonth ?? '' })
    : parsed.empty
      ? translate('ito.jalali_input.hint')
      : gregorian(new Date(`${parsed.iso}T12:00:00+03:30`));

  return (
    <TextField
      id={id}
      label={translate(label)}
      value={text}
      onChange={(e) => change(e.target.value)}
      onBlur={field.onBlur}
      error={!parsed.ok}
      helperText={helper}
      placeholder={translate('ito.jalali_input.placeholder')}
      size="small"
      variant="filled"
      slotProps={{
        htmlInput: { 'data-testid': testId, dir: 'ltr', inputMode: 'numeric', 'data-iso': parsed.ok && !parsed.empty ? parsed.iso : '', 'aria-invalid': !parsed.ok },
        formHelperText: { sx: SHOWN_EVEN_IN_FILTERS, 'data-testid': testId ? `${testId}-helper` : undefined, lang: parsed.ok && !parsed.empty ? 'en' : undefined, dir: parsed.ok && !parsed.empty ? 'ltr' : undefined } as Record<string, unknown>,
      }}
    />
  );
}
