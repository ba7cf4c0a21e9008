/**
 * Withdrawing an open application (POST /api/applications/:tracking/withdraw): a confirmation that
 * asks for the reason (3 to 1000 characters, as the API requires); the API's refusal said in words.
 */
import CancelIcon from '@mui/icons-material/DoDisturbOnOutlined';
import { Button } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api } from '../../api/http';
import { ReasonDialog } from '../../components/ReasonDialog';

export function WithdrawButton({ trackingNumber }: { trackingNumber: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);

  const withdraw = async (reason: string) => {
    await api(`/api/applications/${encodeURIComponent(trackingNumber)}/withdraw`, { body: { reason } });
    notify('applicant.withdraw.done', { type: 'info', messageArgs: { trackingNumber } });
    setOpen(false);
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['applications'] }), queryClient.invalidateQueries({ queryKey: ['applicant'] })]);
  };

  return (
    <>
      <Button variant="outlined" color="error" startIcon={<CancelIcon />} onClick={() => setOpen(true)} data-testid="withdraw">
        {translate('applicant.withdraw.button')}
      </Button>
      <ReasonDialog
        open={open}
        testId="withdraw"
        title={translate('applicant.withdraw.title', { trackingNumber })}
        text={translate('applicant.withdraw.text')}
        reasonLabel={translate('applicant.withdraw.reason')}
        reasonHint={translate('applicant.withdraw.reason_hint')}
        minLength={3}
        confirmLabel={translate('applicant.withdraw.confirm')}
        closeLabel={translate('applicant.withdraw.keep')}
        onConfirm={withdraw}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
