/**
 * A new working-day calendar (PUT /api/calendars/:id) made from the one on screen: a new id and
 * name, the same time zone and weekend, and its public holidays copied unless asked otherwise (a
 * calendar for one organisation usually keeps the national holidays and adds its own). An id in use
 * is refused before anything is sent; the new calendar opens once saved.
 */
import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Stack, TextField } from '@mui/material';
import { useId, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/http';
import { ErrorNotice } from '../../components/States';
import type { WorkingCalendar } from './model';

const CALENDAR_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function NewCalendarButton({ from, existing }: { from: WorkingCalendar; existing: string[] }) {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [id, setId] = useState('');
  const [nameFa, setNameFa] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [copyHolidays, setCopyHolidays] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const idProblem = !id ? null : !CALENDAR_ID.test(id) ? translate('directory.calendars.new_id_format') : existing.includes(id) ? translate('directory.calendars.new_id_taken') : null;
  const valid = !!id && !idProblem && nameFa.trim() !== '' && nameEn.trim() !== '';

  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body: WorkingCalendar = { id, name: { fa: nameFa.trim(), en: nameEn.trim() }, utcOffsetMinutes: from.utcOffsetMinutes, weekend: from.weekend, holidays: copyHolidays ? from.holidays : [] };
      await api<WorkingCalendar>(`/api/calendars/${encodeURIComponent(id)}`, { method: 'PUT', body });
      notify('directory.calendars.created', { type: 'success', messageArgs: { id } });
      setOpen(false);
      navigate(`/calendars/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setOpen(true)} data-testid="calendar-new">{translate('directory.calendars.new')}</Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm" data-testid="calendar-new-dialog">
        <DialogTitle id={titleId}>{translate('directory.calendars.new_title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('directory.calendars.new_text', { from: from.id })}</DialogContentText>
          <Stack spacing={2}>
            <TextField
              required
              label={translate('directory.calendars.new_id')}
              value={id}
              onChange={(e) => setId(e.target.value.trim().toLowerCase())}
              error={!!idProblem}
              helperText={idProblem ?? translate('directory.calendars.new_id_hint')}
              slotProps={{ htmlInput: { dir: 'ltr', maxLength: 64, 'data-testid': 'calendar-new-id' } }}
            />
            <TextField required label={translate('directory.calendars.name_fa')} value={nameFa} onChange={(e) => setNameFa(e.target.value)} slotProps={{ htmlInput: { dir: 'rtl', lang: 'fa', maxLength: 200, 'data-testid': 'calendar-new-name-fa' } }} />
            <TextField required label={translate('directory.calendars.name_en')} value={nameEn} onChange={(e) => setNameEn(e.target.value)} slotProps={{ htmlInput: { dir: 'ltr', lang: 'en', maxLength: 200, 'data-testid': 'calendar-new-name-en' } }} />
            <FormControlLabel
              control={<Checkbox checked={copyHolidays} onChange={(e) => setCopyHolidays(e.target.checked)} slotProps={{ input: { 'data-testid': 'calendar-new-copy' } as object }} />}
              label={translate('directory.calendars.new_copy', { count: from.holidays.length })}
            />
          </Stack>
          {error ? <Box sx={{ mt: 2 }}><ErrorNotice error={error} /></Box> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>{translate('directory.close')}</Button>
          <Button variant="contained" onClick={create} disabled={!valid || busy} data-testid="calendar-new-confirm">{translate('directory.calendars.new_confirm')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
