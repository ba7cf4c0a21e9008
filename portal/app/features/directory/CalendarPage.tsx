/**
 * Working-day calendars (administrators edit, GET/PUT /api/calendars/:id): the weekend days and the
 * public holidays of a year, each with its Jalali date, the Gregorian beside it and its names;
 * holidays added (a Jalali year, month and day chosen from lists) and removed in a draft, saved
 * together. Timers and task deadlines started after the save count on it.
 */
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { Alert, Box, Button, Card, CardContent, Checkbox, FormControl, FormControlLabel, FormGroup, IconButton, InputLabel, MenuItem, Select, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Tooltip, Typography } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { useEffect, useMemo, useState } from 'react';
import { Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/http';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { NewCalendarButton } from './NewCalendarDialog';
import type { Holiday, WorkingCalendar } from './model';
import { BiHeading, BiName, dateOfJalali, jalaliMonthLength, jalaliToday, pad2 } from './parts';

/** The Iranian week: Saturday first. */
const WEEK = [6, 0, 1, 2, 3, 4, 5];

function useCalendarIds(): { ids?: string[]; error?: unknown } {
  const [state, setState] = useState<{ ids?: string[]; error?: unknown }>({});
  useEffect(() => {
    const controller = new AbortController();
    api<string[]>('/api/calendars', { signal: controller.signal }).then((ids) => setState({ ids }), (error: unknown) => !controller.signal.aborted && setState({ error }));
    return () => controller.abort();
  }, []);
  return state;
}

/** /calendars: the first calendar (the official one when there is one). */
export function CalendarIndex() {
  const translate = useTranslate();
  const { ids, error } = useCalendarIds();
  if (error) return <Box sx={{ pt: 2 }}><ErrorNotice error={error} /></Box>;
  if (!ids) return <Box sx={{ pt: 2 }}><LoadingBlock /></Box>;
  if (!ids.length) return <EmptyState title={translate('directory.calendars.none')} />;
  return <Navigate replace to={`/calendars/${encodeURIComponent(ids.includes('iran') ? 'iran' : ids[0])}`} />;
}

function AddHoliday({ onAdd, existing, defaultYear }: { onAdd: (h: Holiday) => void; existing: Set<string>; defaultYear: number }) {
  const translate = useTranslate();
  const today = jalaliToday();
  const [year, setYear] = useState(defaultYear);
  const [month, setMonth] = useState(1);
  const [day, setDay] = useState(1);
  const [nameFa, setNameFa] = useState('');
  const [nameEn, setNameEn] = useState('');
  useEffect(() => setYear(defaultYear), [defaultYear]);
  const days = jalaliMonthLength(year, month);
  useEffect(() => {
    if (day > days) setDay(days);
  }, [day, days]);
  const date = `${year}-${pad2(month)}-${pad2(Math.min(day, days))}`;
  const duplicate = existing.has(date);
  const valid = !duplicate && nameFa.trim() !== '' && nameEn.trim() !== '';
  const years = Array.from({ length: 5 }, (_, i) => today.year - 1 + i);
  const add = () => {
    onAdd({ date, name: { fa: nameFa.trim(), en: nameEn.trim() } });
    setNameFa('');
    setNameEn('');
  };
  const when = dateOfJalali(date);
  return (
    <Card variant="outlined" data-testid="holiday-add">
      <CardContent>
        <BiHeading k="directory.calendars.add" />
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} useFlexGap flexWrap="wrap" alignItems={{ md: 'flex-start' }}>
          <FormControl size="small" sx={{ minWidth: 110 }}>
            <InputLabel id="add-year-label">{translate('directory.calendars.year')}</InputLabel>
            <Select labelId="add-year-label" label={translate('directory.calendars.year')} value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="holiday-year">
              {years.map((y) => <MenuItem key={y} value={y}>{y}</MenuItem>)}
            </Select>
          </FormControl>
          <FormControl size="small" sx={{ minWidth: 150 }}>
            <InputLabel id="add-month-label">{translate('directory.calendars.month')}</InputLabel>
            <Select labelId="add-month-label" label={translate('directory.calendars.month')} value={month} onChange={(e) => setMonth(Number(e.target.value))} data-testid="holiday-month">
              {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => <MenuItem key={m} value={m} data-testid={`holiday-month-${m}`}>{m} — {translate(`directory.jalali_months.${m}`)}</MenuItem>)}
            </Select>
          </FormControl>
          <FormControl size="small" sx={{ minWidth: 90 }}>
            <InputLabel id="add-day-label">{translate('directory.calendars.day')}</InputLabel>
            <Select labelId="add-day-label" label={translate('directory.calendars.day')} value={Math.min(day, days)} onChange={(e) => setDay(Number(e.target.value))} data-testid="holiday-day">
              {Array.from({ length: days }, (_, i) => i + 1).map((d) => <MenuItem key={d} value={d} data-testid={`holiday-day-${d}`}>{d}</MenuItem>)}
            </Select>
          </FormControl>
          <TextField size="small" id="holiday-name-fa" label={translate('directory.calendars.name_fa')} value={nameFa} onChange={(e) => setNameFa(e.target.value)} required slotProps={{ htmlInput: { 'data-testid': 'holiday-name-fa', dir: 'rtl', lang: 'fa', maxLength: 200 } }} sx={{ flex: 1, minWidth: 180 }} />
          <TextField size="small" id="holiday-name-en" label={translate('directory.calendars.name_en')} value={nameEn} onChange={(e) => setNameEn(e.target.value)} required slotProps={{ htmlInput: { 'data-testid': 'holiday-name-en', dir: 'ltr', lang: 'en', maxLength: 200 } }} sx={{ flex: 1, minWidth: 180 }} />
          <Button variant="outlined" onClick={add} disabled={!valid} data-testid="holiday-add-button" sx={{ alignSelf: { md: 'center' } }}>{translate('directory.calendars.add_button')}</Button>
        </Stack>
        <Box sx={{ mt: 1, minHeight: 24 }} aria-live="polite">
          {duplicate ? <Typography color="error" variant="body2">{translate('directory.calendars.duplicate')}</Typography> : when ? <Typography variant="body2" color="text.secondary" data-testid="holiday-preview"><JalaliDate value={when} /></Typography> : null}
        </Box>
      </CardContent>
    </Card>
  );
}

export function CalendarPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [locale] = useLocaleState();
  const { id = '' } = useParams();
  const { ids } = useCalendarIds();
  const [saved, setSaved] = useState<WorkingCalendar>();
  const [draft, setDraft] = useState<WorkingCalendar>();
  const [loadError, setLoadError] = useState<unknown>();
  const [saveError, setSaveError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const today = jalaliToday();
  const [year, setYear] = useState<number | 'all'>(today.year);

  useEffect(() => {
    const controller = new AbortController();
    setSaved(undefined);
    setDraft(undefined);
    setLoadError(undefined);
    api<WorkingCalendar>(`/api/calendars/${encodeURIComponent(id)}`, { signal: controller.signal })
      .then((c) => { setSaved(c); setDraft(c); }, (error: unknown) => !controller.signal.aborted && setLoadError(error));
    return () => controller.abort();
  }, [id]);

  const years = useMemo(() => [...new Set([today.year, ...(draft?.holidays ?? []).map((h) => Number(h.date.slice(0, 4)))])].sort(), [draft, today.year]);
  const dirty = !!draft && JSON.stringify(draft) !== JSON.stringify(saved);

  if (loadError) return <Box sx={{ pt: 2 }}><ErrorNotice error={loadError} /></Box>;
  if (!draft) return <Box sx={{ pt: 2 }}><LoadingBlock lines={8} /></Box>;

  const shown = draft.holidays.filter((h) => year === 'all' || h.date.startsWith(`${year}-`));
  const weekday = (date: string) => {
    const d = dateOfJalali(date);
    return d ? translate(`directory.weekdays.${d.getUTCDay()}`) : '';
  };
  const setWeekend = (day: number, on: boolean) => setDraft({ ...draft, weekend: on ? [...draft.weekend, day].sort() : draft.weekend.filter((d) => d !== day) });
  const remove = (date: string) => setDraft({ ...draft, holidays: draft.holidays.filter((h) => h.date !== date) });
  const add = (h: Holiday) => {
    setDraft({ ...draft, holidays: [...draft.holidays, h].sort((a, b) => a.date.localeCompare(b.date)) });
    setYear(Number(h.date.slice(0, 4)));
  };
  const save = async () => {
    setBusy(true);
    setSaveError(undefined);
    try {
      const answer = await api<WorkingCalendar>(`/api/calendars/${encodeURIComponent(id)}`, { method: 'PUT', body: draft });
      setSaved(answer);
      setDraft(answer);
      notify('directory.calendars.saved', { type: 'success', messageArgs: { count: answer.holidays.length } });
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ pt: 2 }} data-testid="calendar-page" data-calendar={id}>
      <Title title={translate('directory.calendars.title')} />
      <BiHeading
        k="directory.calendars.title"
        component="h1"
        variant="h5"
        action={(
          <>
            {ids && ids.length > 1 ? (
              <FormControl size="small" sx={{ minWidth: 200 }}>
                <InputLabel id="calendar-choose-label">{translate('directory.calendars.choose')}</InputLabel>
                <Select labelId="calendar-choose-label" label={translate('directory.calendars.choose')} value={id} onChange={(e) => navigate(`/calendars/${encodeURIComponent(e.target.value)}`)} data-testid="calendar-choose">
                  {ids.map((c) => <MenuItem key={c} value={c}>{c}</MenuItem>)}
                </Select>
              </FormControl>
            ) : null}
            {saved && ids ? <NewCalendarButton from={saved} existing={ids} /> : null}
          </>
        )}
      />
      <Typography variant="h6" component="p" sx={{ mb: 0.5 }}><BiName name={draft.name} /></Typography>
      <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>{translate('directory.calendars.hint')}</Typography>

      <Box sx={{ position: 'sticky', top: 56, zIndex: 2, bgcolor: 'background.default', py: 1, display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" onClick={save} disabled={!dirty || busy} data-testid="calendar-save">{translate('directory.save')}</Button>
        <Button onClick={() => setDraft(saved)} disabled={!dirty || busy}>{translate('directory.calendars.discard')}</Button>
        {dirty ? <Typography variant="body2" color="warning.dark" data-testid="calendar-dirty">{translate('directory.calendars.unsaved')}</Typography> : null}
      </Box>
      {saveError ? <Box sx={{ mb: 2 }}><ErrorNotice error={saveError} /></Box> : null}

      <Stack spacing={2}>
        <Card variant="outlined">
          <CardContent>
            <BiHeading k="directory.calendars.weekend" id="weekend-heading" />
            <FormGroup row aria-labelledby="weekend-heading" data-testid="calendar-weekend">
              {WEEK.map((d) => (
                <FormControlLabel key={d} label={translate(`directory.weekdays.${d}`)} control={<Checkbox checked={draft.weekend.includes(d)} onChange={(e) => setWeekend(d, e.target.checked)} slotProps={{ input: { 'data-testid': `weekend-${d}` } as object }} />} />
              ))}
            </FormGroup>
          </CardContent>
        </Card>

        <Card variant="outlined">
          <CardContent>
            <BiHeading
              k="directory.calendars.holidays"
              id="holidays-heading"
              action={
                <FormControl size="small" sx={{ minWidth: 140 }}>
                  <InputLabel id="holiday-filter-label">{translate('directory.calendars.year')}</InputLabel>
                  <Select labelId="holiday-filter-label" label={translate('directory.calendars.year')} value={year} onChange={(e) => setYear(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid="holiday-filter-year">
                    <MenuItem value="all">{translate('directory.calendars.all_years')}</MenuItem>
                    {years.map((y) => <MenuItem key={y} value={y}>{y}</MenuItem>)}
                  </Select>
                </FormControl>
              }
            />
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('directory.calendars.holidays_count', { count: shown.length })}</Typography>
            {shown.length === 0 ? <EmptyState testId="holidays-empty" title={translate('directory.calendars.empty')} hint={translate('directory.calendars.empty_hint')} /> : (
              <Box sx={{ overflowX: 'auto' }}>
                <Table size="small" aria-labelledby="holidays-heading" data-testid="holidays-table">
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('directory.calendars.date')}</TableCell>
                      <TableCell>{translate(locale === 'en' ? 'directory.calendars.name_en' : 'directory.calendars.name_fa')}</TableCell>
                      <TableCell>{translate(locale === 'en' ? 'directory.calendars.name_fa' : 'directory.calendars.name_en')}</TableCell>
                      <TableCell><Box component="span" sx={visuallyHidden}>{translate('ra.action.delete')}</Box></TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {shown.map((h) => (
                      <TableRow key={h.date} data-testid="holiday-row" data-date={h.date}>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          <JalaliDate value={dateOfJalali(h.date)} stack />
                          <Typography variant="caption" color="text.secondary" component="div">{weekday(h.date)}</Typography>
                        </TableCell>
                        <TableCell lang={locale === 'en' ? 'en' : 'fa'} dir="auto">{locale === 'en' ? h.name.en : h.name.fa}</TableCell>
                        <TableCell lang={locale === 'en' ? 'fa' : 'en'} dir="auto" sx={{ color: 'text.secondary' }}>{locale === 'en' ? h.name.fa : h.name.en}</TableCell>
                        <TableCell align="right">
                          <Tooltip title={translate('directory.calendars.remove', { name: locale === 'en' ? h.name.en : h.name.fa })}>
                            <IconButton size="small" onClick={() => remove(h.date)} aria-label={translate('directory.calendars.remove', { name: `${h.date} ${locale === 'en' ? h.name.en : h.name.fa}` })} data-testid={`holiday-remove-${h.date}`}>
                              <DeleteIcon fontSize="small" />
                            </IconButton>
                          </Tooltip>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            )}
          </CardContent>
        </Card>

        <AddHoliday onAdd={add} existing={new Set(draft.holidays.map((h) => h.date))} defaultYear={year === 'all' ? today.year : year} />
        {draft.source ? <Alert severity="info" variant="outlined"><strong>{translate('directory.calendars.source')}:</strong> <span dir="auto">{draft.source}</span></Alert> : null}
      </Stack>
    </Box>
  );
}
