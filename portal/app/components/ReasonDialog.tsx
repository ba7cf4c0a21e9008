/**
 * A confirmation that asks for a reason: withdrawing an application, cancelling an instance,
 * suspending, reinstating or revoking a certificate. The reason is checked for its length as the API
 * checks it (said under the field once touched), sent trimmed, and the API's refusal is shown in
 * words inside the dialog, which stays open with what was typed. Test ids: `<testId>-dialog`,
 * `-reason`, `-confirm`, `-close`.
 */
import { Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useId, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { ErrorNotice } from './States';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  text: string;
  reasonLabel: string;
  reasonHint: string;
  /** The shortest reason the API accepts (trimmed). */
  minLength: number;
  confirmLabel: string;
  closeLabel: string;
  /** A red confirm button for what cannot be undone lightly; primary otherwise. */
  danger?: boolean;
  testId: string;
  /** Sends the reason; throws the API's error to keep the dialog open and show it. */
  onConfirm(reason: string): Promise<void>;
  onClose(): void;
}

export function ReasonDialog({ open, title, text, reasonLabel, reasonHint, minLength, confirmLabel, closeLabel, danger = true, testId, onConfirm, onClose }: ReasonDialogProps) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const tooShort = reason.trim().length < minLength;

  const close = () => {
    if (busy) return;
    setTouched(false);
    setError(undefined);
    onClose();
  };
  const submit = async () => {
    setTouched(true);
    if (tooShort) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim());
      setReason('');
      setTouched(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm" data-testid={`${testId}-dialog`}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{text}</DialogContentText>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          required
          label={reasonLabel}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onBlur={() => setTouched(true)}
          error={touched && tooShort}
          helperText={touched && tooShort ? translate('ito.reason_too_short', { count: minLength.toLocaleString(locale === 'en' ? 'en' : 'fa-IR') }) : reasonHint}
          slotProps={{ htmlInput: { maxLength: 1000, dir: 'auto', 'data-testid': `${testId}-reason` } }}
        />
        {error ? <Box sx={{ mt: 2 }}><ErrorNotice error={error} /></Box> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy} data-testid={`${testId}-close`}>{closeLabel}</Button>
        <Button
          onClick={submit}
          color={danger ? 'error' : 'primary'}
          variant="contained"
          disabled={busy}
          data-testid={`${testId}-confirm`}
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
