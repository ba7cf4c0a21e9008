/**
 * One counter office (administrators): its details and counts; deactivating it (with a reason, kept
 * in the audit log) or reactivating it; its agent accounts, and a new one made here; every company's
 * authorisation of it, which an administrator may revoke.
 */
import AddIcon from '@mui/icons-material/PersonAddAlt1Outlined';
import { Box, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, List as MuiList, ListItem, ListItemText, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Title, useGetOne, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/http';
import { BiText } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { BackButton } from './BackButton';
import { ALL_AUTHORISATIONS_KEY } from './CounterOfficeList';
import type { CounterOfficeDetail } from './model';
import { NewAgentDialog } from './NewAgentDialog';
import { AuthorisationsTable, OfficeActiveChip } from './OfficeParts';
import { ActiveChip, BiHeading, useNumber } from './parts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">{label}</Typography>
      <Box>{children}</Box>
    </Box>
  );
}

function ActivationCard({ office, onChange }: { office: CounterOfficeDetail; onChange: (o: CounterOfficeDetail) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const deactivating = office.active;
  const valid = !deactivating || reason.trim().length === 0 || reason.trim().length >= 3;
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await api<CounterOfficeDetail>(`/api/counter-offices/${encodeURIComponent(office.id)}/active`, { method: 'PUT', body: { active: !office.active, ...(reason.trim() ? { reason: reason.trim() } : {}) } });
      notify(next.active ? 'directory.offices.reactivated' : 'directory.offices.deactivated', { type: 'success', messageArgs: { code: office.officeCode } });
      onChange(next);
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const label = translate(deactivating ? 'directory.offices.deactivate' : 'directory.offices.reactivate');
  return (
    <Card variant="outlined">
      <CardContent>
        <BiHeading k="directory.offices.activation" />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>{translate(office.active ? 'directory.offices.deactivate_hint' : 'directory.offices.inactive_hint')}</Typography>
        <Button variant={office.active ? 'outlined' : 'contained'} color={office.active ? 'error' : 'primary'} onClick={() => { setReason(''); setError(undefined); setOpen(true); }} data-testid="office-toggle-active">{label}</Button>
      </CardContent>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="activation-title" fullWidth maxWidth="sm">
        <DialogTitle id="activation-title">{label} — <bdi>{office.officeCode}</bdi></DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate(deactivating ? 'directory.offices.deactivate_text' : 'directory.offices.reactivate_text')}</DialogContentText>
          {deactivating ? (
            <TextField id="office-reason" label={translate('directory.offices.reason')} value={reason} onChange={(e) => setReason(e.target.value)} fullWidth multiline minRows={2} autoFocus slotProps={{ htmlInput: { 'data-testid': 'office-reason', dir: 'auto', maxLength: 500 } }} />
          ) : null}
          {error ? <Box sx={{ mt: 2 }}><ErrorNotice error={error} /></Box> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('directory.close')}</Button>
          <Button variant="contained" color={deactivating ? 'error' : 'primary'} disabled={!valid || busy} onClick={submit} data-testid="office-confirm">{label}</Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}

function AgentsCard({ office, onChange }: { office: CounterOfficeDetail; onChange: () => void }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <Card variant="outlined">
      <CardContent>
        <BiHeading k="directory.offices.agents" action={<Button variant="outlined" size="small" startIcon={<AddIcon />} onClick={() => setOpen(true)} data-testid="agent-create">{translate('directory.offices.new_agent')}</Button>} />
        {office.agents.length === 0 ? (
          <Typography color="text.secondary" data-testid="office-agents-empty">{translate('directory.offices.agents_none')}</Typography>
        ) : (
          <MuiList dense data-testid="office-agents">
            {office.agents.map((a) => (
              <ListItem key={a.id} data-testid="office-agent" data-username={a.username} divider secondaryAction={<ActiveChip active={a.active} />}>
                <ListItemText
                  primary={<Link to={`/users/${encodeURIComponent(a.id)}/show`} style={{ fontFamily: 'monospace', fontWeight: 600 }}><bdi>{a.username}</bdi></Link>}
                  secondary={<><span dir="auto"><BiText text={a.displayName} /></span> · <JalaliDate value={a.createdAt} /></>}
                />
              </ListItem>
            ))}
          </MuiList>
        )}
      </CardContent>
      <NewAgentDialog office={office} open={open} onClose={() => setOpen(false)} onCreated={onChange} />
    </Card>
  );
}

export function CounterOfficeShow() {
  const translate = useTranslate();
  const number = useNumber();
  const [locale] = useLocaleState();
  const queryClient = useQueryClient();
  const { id } = useParams();
  const { data, error, isPending, refetch } = useGetOne<CounterOfficeDetail>('counter-offices', { id: String(id ?? '') });
  const [office, setOffice] = useState<CounterOfficeDetail>();
  const [seen, setSeen] = useState<CounterOfficeDetail>();
  if (data !== seen) {
    // a fresh answer from the server replaces what the page last showed
    setSeen(data);
    setOffice(data);
  }
  const reload = () => {
    void refetch();
    void queryClient.invalidateQueries({ queryKey: ALL_AUTHORISATIONS_KEY });
  };
  if (isPending) return <Box sx={{ pt: 2 }}><LoadingBlock lines={6} /></Box>;
  if (error || !office) return <Box sx={{ pt: 2 }}><ErrorNotice error={error ?? translate('ito.not_found')} onRetry={() => refetch()} /></Box>;
  const name = locale === 'en' && office.nameEn ? office.nameEn : office.nameFa;
  return (
    <Box sx={{ pt: 2 }} data-testid="office-show" data-code={office.officeCode} data-active={String(office.active)}>
      <Title title={office.officeCode} />
      <BackButton to="/counter-offices" />
      <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap sx={{ mb: 2 }}>
        <Typography variant="h5" component="h1" dir="auto">{name}</Typography>
        <OfficeActiveChip active={office.active} />
      </Stack>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
        <Card variant="outlined">
          <CardContent>
            <BiHeading k="directory.offices.details" />
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
              <Field label={translate('directory.offices.code')}><bdi style={{ fontFamily: 'monospace' }}>{office.officeCode}</bdi></Field>
              <Field label={translate('directory.offices.national_id')}><bdi dir="ltr">{office.nationalId}</bdi></Field>
              <Field label={translate('directory.offices.name_fa')}><span lang="fa" dir="rtl">{office.nameFa}</span></Field>
              <Field label={translate('directory.offices.name_en')}><span lang="en" dir="ltr">{office.nameEn ?? '—'}</span></Field>
              <Field label={translate('resources.counter-offices.fields.agentCount')}><span data-testid="office-agent-count" data-count={office.agentCount}>{number(office.agentCount, 0)}</span></Field>
              <Field label={translate('resources.counter-offices.fields.authorisationsInForce')}><span data-testid="office-in-force" data-count={office.authorisationsInForce}>{number(office.authorisationsInForce, 0)}</span></Field>
              <Field label={translate('resources.counter-offices.fields.createdAt')}><JalaliDate value={office.createdAt} stack /></Field>
            </Box>
          </CardContent>
        </Card>
        <ActivationCard office={office} onChange={(next) => { setOffice(next); void queryClient.invalidateQueries({ queryKey: ALL_AUTHORISATIONS_KEY }); }} />
        <AgentsCard office={office} onChange={reload} />
      </Box>
      <Card variant="outlined" sx={{ mt: 2 }}>
        <CardContent>
          <BiHeading k="directory.offices.authorisations" />
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('directory.offices.authorisations_hint')}</Typography>
          <AuthorisationsTable rows={office.authorisations} showOffice={false} onChanged={reload} />
        </CardContent>
      </Card>
    </Box>
  );
}
