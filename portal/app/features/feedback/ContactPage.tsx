/**
 * /contact — anyone files a question, criticism, suggestion or complaint (POST /api/feedback) and
 * follows one up by tracking number and follow-up code (POST /api/public/feedback/lookup). Signed in,
 * the message is filed under the account (no name or contact asked) and may name an application.
 */
import SendIcon from '@mui/icons-material/Send';
import SearchIcon from '@mui/icons-material/Search';
import { Alert, Box, Button, Card, CardContent, MenuItem, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/http';
import { session } from '../../api/session';
import { BiText } from '../../components/Bi';
import { ErrorNotice } from '../../components/States';
import { KINDS, type FeedbackMessage, type ServiceOption } from './model';
import { MessageCard } from './parts';

function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors : {};
}

function FileForm() {
  const translate = useTranslate();
  const [params] = useSearchParams();
  const signedIn = !!session.user();
  const services = useQuery({ queryKey: ['feedback', 'services'], queryFn: ({ signal }) => api<ServiceOption[]>('/api/public/feedback/services', { signal }) });
  const [values, setValues] = useState({ kind: params.get('kind') ?? 'question', processKey: '', applicationTrackingNumber: params.get('application') ?? '', text: '', name: '', contact: '' });
  const [error, setError] = useState<unknown>();
  const [filed, setFiled] = useState<FeedbackMessage>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: Record<string, string> = { kind: values.kind, text: values.text };
      if (values.processKey) body.processKey = values.processKey;
      if (signedIn && values.applicationTrackingNumber.trim()) body.applicationTrackingNumber = values.applicationTrackingNumber.trim().toUpperCase();
      // blank fields are left out: the API then names each missing one
      if (!signedIn && values.name.trim()) body.name = values.name;
      if (!signedIn && values.contact.trim()) body.contact = values.contact.trim();
      setFiled(await api<FeedbackMessage>('/api/feedback', { body }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (filed) {
    return (
      <Box sx={{ display: 'grid', gap: 2 }} data-testid="feedback-filed" data-number={filed.trackingNumber}>
        <Alert severity="success">{translate('feedback.contact.filed', { number: filed.trackingNumber })}</Alert>
        {filed.followUpCode ? <Alert severity="warning" data-testid="follow-up-code" data-code={filed.followUpCode}>{translate('feedback.contact.keep_code', { code: filed.followUpCode })}</Alert> : null}
        <MessageCard message={filed} />
        {signedIn ? <Button component={RouterLink} to="/messages" variant="outlined">{translate('feedback.menu.mine')}</Button> : null}
      </Box>
    );
  }
  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ display: 'grid', gap: 2 }} data-testid="feedback-form">
      {signedIn ? <Alert severity="info">{translate('feedback.contact.signed_in')}</Alert> : null}
      <TextField select label={translate('feedback.contact.kind')} value={values.kind} onChange={set('kind')} data-testid="feedback-kind">
        {KINDS.map((k) => <MenuItem key={k} value={k} data-value={k}>{translate(`feedback.kinds.${k}`)}</MenuItem>)}
      </TextField>
      <TextField select label={translate('feedback.contact.service')} value={values.processKey} onChange={set('processKey')} error={!!errors.processKey} helperText={errors.processKey}>
        <MenuItem value="">{translate('feedback.contact.no_service')}</MenuItem>
        {(services.data ?? []).map((s) => <MenuItem key={s.processKey} value={s.processKey}><BiText text={s.name ?? s.processKey} /></MenuItem>)}
      </TextField>
      {signedIn ? (
        <TextField label={translate('feedback.contact.application')} value={values.applicationTrackingNumber} onChange={set('applicationTrackingNumber')}
          error={!!errors.applicationTrackingNumber} helperText={errors.applicationTrackingNumber ?? translate('feedback.contact.application_hint')}
          slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'feedback-application', maxLength: 30 } }} />
      ) : null}
      <TextField label={translate('feedback.contact.text')} value={values.text} onChange={set('text')} multiline minRows={4} required error={!!errors.text} helperText={errors.text}
        slotProps={{ htmlInput: { dir: 'auto', maxLength: 4000, 'data-testid': 'feedback-text-input' } }} />
      {!signedIn ? (
        <>
          <TextField label={translate('feedback.contact.name')} value={values.name} onChange={set('name')} required error={!!errors.name} helperText={errors.name} slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'feedback-name' } }} />
          <TextField label={translate('feedback.contact.contact')} value={values.contact} onChange={set('contact')} required error={!!errors.contact} helperText={errors.contact} slotProps={{ htmlInput: { dir: 'ltr', maxLength: 200, 'data-testid': 'feedback-contact' } }} />
        </>
      ) : null}
      {error && !Object.keys(errors).length ? <ErrorNotice error={error} /> : null}
      {error && Object.keys(errors).length ? <Alert severity="error" role="alert">{(error as Error).message}</Alert> : null}
      <Box><Button type="submit" variant="contained" size="large" startIcon={<SendIcon />} disabled={busy} data-testid="feedback-send">{translate('feedback.contact.send')}</Button></Box>
    </Box>
  );
}

function LookupForm() {
  const translate = useTranslate();
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [found, setFound] = useState<FeedbackMessage>();
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setFound(undefined);
    try {
      setFound(await api<FeedbackMessage>('/api/public/feedback/lookup', { body: { trackingNumber: number.trim().toUpperCase(), code: code.trim() } }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box component="form" onSubmit={submit} noValidate role="search" sx={{ display: 'flex', gap: 1.5, flexDirection: { xs: 'column', sm: 'row' } }} data-testid="feedback-lookup">
        <TextField label={translate('feedback.contact.number')} value={number} onChange={(e) => setNumber(e.target.value)} slotProps={{ htmlInput: { dir: 'ltr', maxLength: 30, 'data-testid': 'lookup-number' } }} />
        <TextField label={translate('feedback.contact.code')} value={code} onChange={(e) => setCode(e.target.value)} slotProps={{ htmlInput: { dir: 'ltr', maxLength: 40, 'data-testid': 'lookup-code' } }} />
        <Button type="submit" variant="contained" startIcon={<SearchIcon />} data-testid="lookup-submit">{translate('feedback.contact.lookup')}</Button>
      </Box>
      {error instanceof ApiError && (error.status === 404 || error.status === 400) ? <Alert severity="warning" data-testid="lookup-not-found">{translate('feedback.contact.not_found')}</Alert> : error ? <ErrorNotice error={error} /> : null}
      {found ? <MessageCard message={found} /> : null}
    </Box>
  );
}

export function ContactPage() {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'grid', gap: 3, py: 2 }} data-testid="contact-page">
      <Box>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 700, fontSize: { xs: '1.5rem', sm: '2rem' } }}>{translate('feedback.contact.title')}</Typography>
        <Typography sx={{ mt: 1, maxWidth: 860 }}>{translate('feedback.contact.intro')}</Typography>
      </Box>
      <Card><CardContent><FileForm /></CardContent></Card>
      <Card>
        <CardContent sx={{ display: 'grid', gap: 1 }}>
          <Typography variant="h5" component="h2">{translate('feedback.contact.lookup_title')}</Typography>
          <Typography color="text.secondary">{translate('feedback.contact.lookup_intro')}</Typography>
          <LookupForm />
        </CardContent>
      </Card>
    </Box>
  );
}
