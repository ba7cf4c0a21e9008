/**
 * Where the user's notices go besides the inbox (GET/PUT /api/notifications/contact): the mobile
 * that receives the 4040 SMS and the e-mail address, shown above the inbox and edited in place.
 * The API checks the values; its words are shown beside the field they concern.
 */
import { Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, api } from '../../api/http';

interface Contact { mobile: string | null; email: string | null }

export function ContactCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const [contact, setContact] = useState<Contact | undefined>();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ mobile: '', email: '' });
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    api<Contact>('/api/notifications/contact', { signal: controller.signal }).then(setContact, () => undefined);
    return () => controller.abort();
  }, []);
  if (!contact) return null;
  const save = async () => {
    setProblem(undefined);
    try {
      const saved = await api<Contact>('/api/notifications/contact', { method: 'PUT', body: { mobile: draft.mobile.trim() || null, email: draft.email.trim() || null } });
      setContact(saved);
      setEditing(false);
      notify(translate('applicant.contact.saved'), { type: 'success' });
    } catch (e) {
      setProblem(e instanceof ApiError && e.status === 400 ? translate('applicant.contact.invalid') : (e as Error).message);
    }
  };
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="contact-card">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>{translate('applicant.contact.title')}</Typography>
        {!editing ? (
          <Stack direction="row" spacing={2} alignItems="center" useFlexGap flexWrap="wrap">
            <Typography variant="body2">{translate('applicant.contact.mobile')}: <bdi dir="ltr" data-testid="contact-mobile">{contact.mobile ?? translate('applicant.contact.none')}</bdi></Typography>
            <Typography variant="body2">{translate('applicant.contact.email')}: <bdi dir="ltr" data-testid="contact-email">{contact.email ?? translate('applicant.contact.none')}</bdi></Typography>
            <Button size="small" onClick={() => { setDraft({ mobile: contact.mobile ?? '', email: contact.email ?? '' }); setEditing(true); }} data-testid="contact-edit">{translate('applicant.contact.edit')}</Button>
          </Stack>
        ) : (
          <Box component="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
            <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" alignItems="flex-start" sx={{ mt: 1 }}>
              <TextField size="small" fullWidth={false} sx={{ width: 220 }} label={translate('applicant.contact.mobile')} helperText={translate('applicant.contact.mobile_hint')} value={draft.mobile} onChange={(e) => setDraft({ ...draft, mobile: e.target.value.slice(0, 11) })} inputProps={{ dir: 'ltr', inputMode: 'tel', 'data-testid': 'contact-mobile-input' }} />
              <TextField size="small" fullWidth={false} sx={{ width: 300 }} label={translate('applicant.contact.email')} value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value.slice(0, 254) })} inputProps={{ dir: 'ltr', inputMode: 'email', 'data-testid': 'contact-email-input' }} />
              <Button type="submit" variant="contained" data-testid="contact-save">{translate('applicant.contact.save')}</Button>
              <Button onClick={() => setEditing(false)}>{translate('applicant.contact.cancel')}</Button>
            </Stack>
            {problem ? <Typography color="error" variant="body2" role="alert" sx={{ mt: 1 }}>{problem}</Typography> : null}
          </Box>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>{translate('applicant.contact.hint')}</Typography>
      </CardContent>
    </Card>
  );
}
