/**
 * Pieces of the counter-office pages: the office's state chip and the table of authorisations (of one
 * office, or of all offices on the list page) with the administrator's revoke.
 */
import { Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { api } from '../../api/http';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice } from '../../components/States';
import { StatusChip, type Tone } from '../../components/StatusChip';
import type { AuthorisationRow, OrgRef } from './model';

export function OfficeActiveChip({ active }: { active: boolean }) {
  const translate = useTranslate();
  return <StatusChip label={translate(active ? 'directory.offices.active' : 'directory.offices.inactive')} tone={active ? 'ok' : 'grey'} testId="office-active" value={String(active)} />;
}

/** An organisation in the page's language, its national ID under it. */
export function OrgCell({ org }: { org: OrgRef | null }) {
  const [locale] = useLocaleState();
  if (!org) return <>—</>;
  const name = locale === 'en' && org.nameEn ? org.nameEn : org.nameFa;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column' }}>
      <span dir="auto">{name}</span>
      <Typography variant="caption" color="text.secondary" component="bdi" dir="ltr">{org.nationalId}</Typography>
    </Box>
  );
}

type AuthorisationState = 'in-force' | 'revoked' | 'office-inactive' | 'ended' | 'not-yet';

function stateOf(a: AuthorisationRow, now: number): AuthorisationState {
  if (a.revokedAt) return 'revoked';
  if (a.inForce) return 'in-force';
  if (!a.officeActive) return 'office-inactive';
  return new Date(a.validFrom).getTime() > now ? 'not-yet' : 'ended';
}

const STATE_TONES: Record<AuthorisationState, Tone> = { 'in-force': 'ok', revoked: 'err', 'office-inactive': 'warn', ended: 'grey', 'not-yet': 'info' };

export function AuthorisationsTable({ rows, showOffice, onChanged, testId = 'authorisations' }: { rows: AuthorisationRow[]; showOffice: boolean; onChanged: () => void; testId?: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [revoking, setRevoking] = useState<AuthorisationRow | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const now = Date.now();
  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/agents/authorisations/${encodeURIComponent(revoking.id)}/revoke`, { method: 'POST' });
      notify('directory.offices.revoked', { type: 'success', messageArgs: { contract: revoking.contractNumber } });
      setRevoking(null);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (!rows.length) return <EmptyState testId={`${testId}-empty`} title={translate('directory.offices.authorisations_empty')} hint={translate('directory.offices.authorisations_empty_hint')} />;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('directory.offices.company')}</TableCell>
            {showOffice ? <TableCell>{translate('directory.offices.office')}</TableCell> : null}
            <TableCell>{translate('directory.offices.contract')}</TableCell>
            <TableCell>{translate('directory.offices.valid_from')}</TableCell>
            <TableCell>{translate('directory.offices.valid_to')}</TableCell>
            <TableCell>{translate('directory.offices.state')}</TableCell>
            <TableCell><Box component="span" sx={visuallyHidden}>{translate('directory.offices.actions')}</Box></TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((a) => {
            const state = stateOf(a, now);
            return (
              <TableRow key={a.id} data-testid="authorisation-row" data-contract={a.contractNumber} data-state={state}>
                <TableCell><OrgCell org={a.company} /></TableCell>
                {showOffice ? <TableCell><OrgCell org={a.office} /></TableCell> : null}
                <TableCell><bdi dir="ltr" style={{ fontFamily: 'monospace' }}>{a.contractNumber}</bdi></TableCell>
                <TableCell><JalaliDate value={a.validFrom} stack /></TableCell>
                <TableCell><JalaliDate value={a.validTo} stack /></TableCell>
                <TableCell>
                  <StatusChip label={translate(`directory.offices.states.${state}`)} tone={STATE_TONES[state]} testId="authorisation-state" value={state} />
                  {a.revokedAt ? (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {translate('directory.offices.revoked_by', { user: a.revokedBy ?? '—' })} <JalaliDate value={a.revokedAt} />
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell>
                  {!a.revokedAt ? (
                    <Button size="small" color="error" variant="outlined" onClick={() => { setError(undefined); setRevoking(a); }} data-testid="authorisation-revoke" aria-label={translate('directory.offices.revoke_label', { contract: a.contractNumber })}>
                      {translate('directory.offices.revoke')}
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Dialog open={revoking !== null} onClose={() => setRevoking(null)} aria-labelledby="revoke-title" fullWidth maxWidth="sm">
        <DialogTitle id="revoke-title">{translate('directory.offices.revoke_title', { contract: revoking?.contractNumber ?? '' })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('directory.offices.revoke_text')}</DialogContentText>
          {error ? <Box sx={{ mt: 2 }}><ErrorNotice error={error} /></Box> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRevoking(null)}>{translate('directory.close')}</Button>
          <Button variant="contained" color="error" disabled={busy} onClick={revoke} data-testid="revoke-confirm">{translate('directory.offices.revoke')}</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

