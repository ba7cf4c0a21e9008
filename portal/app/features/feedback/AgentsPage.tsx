/**
 * /agents — a company authorises a counter office (پیشخوان) under a contract and revokes it; an
 * agent sees the companies that authorised its office (GET/POST /api/agents/authorisations).
 */
import { Alert, Box, Button, Card, CardContent, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { api, ApiError } from '../../api/http';
import { session } from '../../api/session';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { StatusChip } from '../../components/StatusChip';
import type { Authorisation, Office, OrgRef } from './model';

const KEY = ['feedback', 'authorisations'];

function OrgName({ org }: { org: OrgRef | null }) {
  return org ? <><bdi>{org.nameFa}</bdi> <Typography component="span" variant="body2" color="text.secondary"><bdi dir="ltr">{org.nationalId}</bdi></Typography></> : <>—</>;
}

function GrantForm() {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const offices = useQuery({ queryKey: ['feedback', 'offices'], queryFn: ({ signal }) => api<Office[]>('/api/agents/offices', { signal }) });
  const [office, setOffice] = useState('');
  const [contract, setContract] = useState('');
  const [validTo, setValidTo] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api('/api/agents/authorisations', { body: { officeNationalId: office, contractNumber: contract, validTo: new Date(`${validTo}T23:59:59`).toISOString() } });
      notify('feedback.agents.granted', { type: 'success' });
      setContract('');
      await queryClient.invalidateQueries({ queryKey: KEY });
    } catch (err) {
      setError(err);
    }
  };
  const errors = error instanceof ApiError ? error.fieldErrors : {};
  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid="grant-form">
      <TextField select label={translate('feedback.agents.office')} value={office} onChange={(e) => setOffice(e.target.value)} sx={{ minWidth: 260 }} error={!!errors.officeNationalId} helperText={errors.officeNationalId} data-testid="grant-office">
        {(offices.data ?? []).map((o) => <MenuItem key={o.nationalId} value={o.nationalId} data-value={o.nationalId}><bdi>{o.nameFa}</bdi></MenuItem>)}
      </TextField>
      <TextField label={translate('feedback.agents.contract')} value={contract} onChange={(e) => setContract(e.target.value)} error={!!errors.contractNumber} helperText={errors.contractNumber} slotProps={{ htmlInput: { dir: 'ltr', maxLength: 60, 'data-testid': 'grant-contract' } }} />
      <TextField type="date" label={translate('feedback.agents.valid_to')} value={validTo} onChange={(e) => setValidTo(e.target.value)} error={!!errors.validTo} helperText={errors.validTo} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'grant-valid-to' } }} />
      <Button type="submit" variant="contained" sx={{ minHeight: 56 }} data-testid="grant-submit" disabled={!office || !contract.trim() || !validTo}>{translate('feedback.agents.grant')}</Button>
      {error && !Object.keys(errors).length ? <Alert severity="error" sx={{ flexBasis: '100%' }}>{(error as Error).message}</Alert> : null}
    </Box>
  );
}

export function AgentsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const agent = !!session.user()?.roles.includes('agent');
  // granting is for companies (POST /api/agents/authorisations: applicant); an administrator reads and revokes
  const company = !!session.user()?.roles.includes('applicant');
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api<Authorisation[]>('/api/agents/authorisations', { signal }) });
  const revoke = async (id: string) => {
    try {
      await api(`/api/agents/authorisations/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
      notify('feedback.agents.revoked', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: KEY });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ py: 2, display: 'grid', gap: 2 }} data-testid="agents-page">
      <Title title={translate('feedback.agents.title')} />
      <Typography variant="h5" component="h1">{translate('feedback.agents.title')}</Typography>
      <Typography color="text.secondary">{translate(agent ? 'feedback.agents.intro_agent' : 'feedback.agents.intro_company')}</Typography>
      {company ? <Card><CardContent><GrantForm /></CardContent></Card> : null}
      {agent && query.data?.some((a) => !a.officeActive) ? <Alert severity="warning" data-testid="office-inactive-notice">{translate('feedback.agents.office_inactive_notice')}</Alert> : null}
      {query.isPending ? <LoadingBlock lines={3} /> : null}
      {query.error ? <ErrorNotice error={query.error} onRetry={() => query.refetch()} /> : null}
      {query.data && !query.data.length ? <EmptyState title={translate(agent ? 'feedback.agents.empty_agent' : 'feedback.agents.empty')} /> : null}
      {query.data?.length ? (
        <Card sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate(agent ? 'feedback.agents.company' : 'feedback.agents.office')}</TableCell>
                <TableCell>{translate('feedback.agents.contract')}</TableCell>
                <TableCell>{translate('feedback.agents.valid_from')}</TableCell>
                <TableCell>{translate('feedback.agents.valid_to')}</TableCell>
                <TableCell>{translate('feedback.agents.state')}</TableCell>
                {!agent ? <TableCell /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data.map((a) => (
                <TableRow key={a.id} data-testid="authorisation" data-contract={a.contractNumber}>
                  <TableCell><OrgName org={agent ? a.company : a.office} /></TableCell>
                  <TableCell><bdi dir="ltr">{a.contractNumber}</bdi></TableCell>
                  <TableCell><JalaliDate value={a.validFrom} /></TableCell>
                  <TableCell><JalaliDate value={a.validTo} /></TableCell>
                  <TableCell>
                    {a.inForce ? <StatusChip label={translate('feedback.agents.in_force')} tone="ok" value="in-force" testId="authorisation-state" />
                      : !a.officeActive && !a.revokedAt ? <StatusChip label={translate('feedback.agents.office_inactive')} tone="warn" value="office-inactive" testId="authorisation-state" />
                        : <StatusChip label={translate('feedback.agents.ended')} tone="grey" value="ended" testId="authorisation-state" />}
                  </TableCell>
                  {!agent ? <TableCell>{!a.revokedAt ? <Button size="small" color="error" onClick={() => revoke(a.id)}>{translate('feedback.agents.revoke')}</Button> : null}</TableCell> : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}

    </Box>
  );
}
