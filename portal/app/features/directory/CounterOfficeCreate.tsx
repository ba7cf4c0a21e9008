/**
 * Registering a counter office (administrators): its organisation's legal national ID, checked while
 * typing with the server's own check, its names in Persian and English, and its office code. The
 * API's refusals are shown on the fields they concern.
 */
import { Box, Button, Card, CardContent, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/http';
import { ErrorNotice } from '../../components/States';
import { isValidLegalEntityId, normaliseLegalEntityId } from '../../../server/services/legal-entity-id';
import { BackButton } from './BackButton';
import type { CounterOfficeDetail } from './model';
import { BiHeading } from './parts';

const OFFICE_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{1,29}$/;

export function CounterOfficeCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [nationalId, setNationalId] = useState('');
  const [nameFa, setNameFa] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [officeCode, setOfficeCode] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const idNormal = normaliseLegalEntityId(nationalId);
  const idProblem = nationalId !== '' && !isValidLegalEntityId(idNormal) ? translate('directory.users.org_national_id_invalid') : fieldErrors.nationalId;
  const codeProblem = officeCode !== '' && !OFFICE_CODE.test(officeCode.trim()) ? translate('directory.offices.code_hint') : undefined;
  const valid = isValidLegalEntityId(idNormal) && nameFa.trim().length >= 2 && nameEn.trim().length >= 2 && OFFICE_CODE.test(officeCode.trim());
  const required = (value: string) => touched && value.trim() === '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    try {
      const office = await api<CounterOfficeDetail>('/api/counter-offices', { body: { nationalId: idNormal, nameFa: nameFa.trim(), nameEn: nameEn.trim(), officeCode: officeCode.trim() } });
      notify('directory.offices.created', { type: 'success', messageArgs: { code: office.officeCode } });
      navigate(`/counter-offices/${encodeURIComponent(office.id)}/show`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ pt: 2, maxWidth: 760 }}>
      <Title title={translate('directory.offices.create_title')} />
      <BackButton to="/counter-offices" />
      <BiHeading k="directory.offices.create_title" component="h1" variant="h5" />
      <Card variant="outlined">
        <CardContent>
          <Box component="form" noValidate onSubmit={submit} data-testid="office-create-form">
            <Stack spacing={2.5}>
              <TextField
                id="office-national-id" label={translate('directory.offices.national_id')} value={nationalId} required
                onChange={(e) => setNationalId(e.target.value)}
                error={!!idProblem || required(nationalId)}
                helperText={idProblem ?? translate('directory.offices.national_id_hint')}
                slotProps={{ htmlInput: { 'data-testid': 'office-national-id', dir: 'ltr', inputMode: 'numeric', maxLength: 20 } }}
              />
              <TextField
                id="office-name-fa" label={translate('directory.offices.name_fa')} value={nameFa} required
                onChange={(e) => setNameFa(e.target.value)}
                error={required(nameFa) || !!fieldErrors.nameFa}
                helperText={fieldErrors.nameFa ?? translate('directory.offices.name_fa_hint')}
                slotProps={{ htmlInput: { 'data-testid': 'office-name-fa', dir: 'rtl', lang: 'fa', maxLength: 200 } }}
              />
              <TextField
                id="office-name-en" label={translate('directory.offices.name_en')} value={nameEn} required
                onChange={(e) => setNameEn(e.target.value)}
                error={required(nameEn) || !!fieldErrors.nameEn}
                helperText={fieldErrors.nameEn ?? translate('directory.offices.name_en_hint')}
                slotProps={{ htmlInput: { 'data-testid': 'office-name-en', dir: 'ltr', lang: 'en', maxLength: 200 } }}
              />
              <TextField
                id="office-code" label={translate('directory.offices.code')} value={officeCode} required
                onChange={(e) => setOfficeCode(e.target.value)}
                error={!!codeProblem || required(officeCode)}
                helperText={codeProblem ?? translate('directory.offices.code_hint')}
                autoComplete="off"
                slotProps={{ htmlInput: { 'data-testid': 'office-code', dir: 'ltr', maxLength: 30, spellCheck: false } }}
              />
              {error ? <ErrorNotice error={error} /> : null}
              <Box>
                <Button type="submit" variant="contained" disabled={busy} data-testid="office-create-submit">{translate('directory.offices.create')}</Button>
              </Box>
            </Stack>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
