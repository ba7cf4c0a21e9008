/**
 * Withdrawing an open application (POST /api/applications/:tracking/withdraw): a confirmation that
 * asks for the reason (3 to 1000 characters, as the API requires); the API's refusal said in words.
 */
import CancelIcon from '@mui/icons-material/DoDisturbOnOutlined';
import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api, ApiError } from '../../api/http';

export function WithdrawButton({ trackingNumber }: { trackingNumber: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const titleId = useId();
  const tooShort = reason.trim().length < 3;

  const close = () => {
    if (busy) return;
    setOpen(false);
    setProblem(null);
    setTouched(false);
  };
  const submit = async () => {
    setTouched(true);
    if (tooShort) return;
    setBusy(true);
    setProblem(null);
    try {
      await api(`/api/applications/${encodeURIComponent(trackingNumber)}/withdraw`, { body: { reason: reason.trim() } });
      notify('applicant.withdraw.done', { type: 'info', messageArgs: { trackingNumber } });
      setOpen(false);
      setReason('');
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['applications'] }), queryClient.invalidateQueries({ queryKey: ['applicant'] })]);
    } catch (err) {
      setProblem(err instanceof ApiError && err.status === 0 ? translate('ito.offline') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="outlined" color="error" startIcon={<CancelIcon />} onClick={() => setOpen(true)} data-testid="withdraw">
        {translate('applicant.withdraw.button')}
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm" data-testid="withdraw-dialog">
        <DialogTitle id={titleId}>{translate('applicant.withdraw.title', { trackingNumber })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('applicant.withdraw.text')}</DialogContentText>
          {problem ? <Alert severity="error" sx={{ mb: 2 }} data-testid="withdraw-error"><span dir="auto">{problem}</span></Alert> : null}
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={3}
            label={translate('applicant.withdraw.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && tooShort}
            helperText={touched && tooShort ? translate('applicant.withdraw.too_short') : translate('applicant.withdraw.reason_hint')}
            slotProps={{ htmlInput: { maxLength: 1000, dir: 'auto', 'data-testid': 'withdraw-reason' } }}
            required
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={busy} data-testid="withdraw-cancel">{translate('applicant.withdraw.keep')}</Button>
          <Button onClick={submit} color="error" variant="contained" disabled={busy} data-testid="withdraw-confirm" startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}>
            {translate('applicant.withdraw.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
