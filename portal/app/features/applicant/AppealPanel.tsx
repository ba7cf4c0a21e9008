/**
 * The appeal of a rejection (POST /api/applications/:tracking/appeal), shown while the API says
 * the window is open: the window's last day, a button and a dialog for the grounds; once lodged,
 * the appeal's tracking number and how it stands. The API is the authority on the window.
 */
import GavelIcon from '@mui/icons-material/Gavel';
import { Alert, Button, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../api/http';
import { JalaliDate } from '../../components/JalaliDate';
import { ReasonDialog } from '../../components/ReasonDialog';
import type { AppealState } from './model';

export function AppealPanel({ trackingNumber, appeal, canAppeal }: { trackingNumber: string; appeal: AppealState; canAppeal: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);

  const lodge = async (reason: string) => {
    const res = await api<{ appeal: string }>(`/api/applications/${encodeURIComponent(trackingNumber)}/appeal`, { body: { reason } });
    notify('applicant.appeal.done', { type: 'info', messageArgs: { appeal: res.appeal } });
    setOpen(false);
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['applications'] }), queryClient.invalidateQueries({ queryKey: ['applicant'] })]);
  };

  if (appeal.appeal) {
    const lodged = appeal.appeal;
    const state = lodged.status === 'completed' ? `status_${lodged.outcome === 'approved' ? 'approved' : 'rejected'}` : 'status_running';
    return (
      <Alert severity={lodged.outcome === 'approved' ? 'success' : 'info'} sx={{ mb: 2 }} data-testid="appeal-lodged" data-status={lodged.status} data-outcome={lodged.outcome ?? ''}>
        <Typography>
          {translate('applicant.appeal.lodged')}{' '}
          <RouterLink to={`/applications/${encodeURIComponent(lodged.trackingNumber)}/show`}><bdi>{lodged.trackingNumber}</bdi></RouterLink>
        </Typography>
        <Typography variant="body2">{translate(`applicant.appeal.${state}`)}</Typography>
      </Alert>
    );
  }
  if (!appeal.open || !canAppeal) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="appeal-window" action={
      <Button color="inherit" variant="outlined" startIcon={<GavelIcon />} onClick={() => setOpen(true)} data-testid="appeal">
        {translate('applicant.appeal.button')}
      </Button>
    }>
      <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" alignItems="center">
        <span>{translate('applicant.appeal.window')}</span>
        <JalaliDate value={appeal.until} />
      </Stack>
      <ReasonDialog
        open={open}
        testId="appeal"
        title={translate('applicant.appeal.title', { trackingNumber })}
        text={translate('applicant.appeal.text')}
        reasonLabel={translate('applicant.appeal.reason')}
        reasonHint={translate('applicant.appeal.reason_hint')}
        minLength={3}
        confirmLabel={translate('applicant.appeal.confirm')}
        closeLabel={translate('applicant.appeal.keep')}
        onConfirm={lodge}
        onClose={() => setOpen(false)}
      />
    </Alert>
  );
}
