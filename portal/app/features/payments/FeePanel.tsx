/**
 * The fees of one application on its page: amount, state, the gateway's reference, the receipt, and
 * for the applicant a "pay" button while a fee is due (it sends the browser to the gateway's page,
 * which sends it back here with ?payment=paid|failed). Shows nothing for an application without fees.
 */
import PaymentIcon from '@mui/icons-material/PaymentOutlined';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { api } from '../../api/http';
import { BiHeading } from '../../components/BiHeading';
import { JalaliDate } from '../../components/JalaliDate';
import { ErrorNotice } from '../../components/States';
import { PAYABLE_STATES, type PaymentView } from './model';
import { PaymentStateChip, Rials } from './parts';

const POLL_MS = 4000;

function PayButton({ payment }: { payment: PaymentView }) {
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const { redirectUrl } = await api<{ redirectUrl: string }>(`/api/payments/${encodeURIComponent(payment.id)}/pay`, { method: 'POST', body: {} });
      window.location.assign(redirectUrl);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Box>
      <Button variant="contained" color="primary" startIcon={busy ? <CircularProgress size={16} color="inherit" /> : <PaymentIcon />} disabled={busy} onClick={pay} data-testid="pay-fee">
        {translate(payment.state === 'failed' ? 'payments.fee.pay_again' : 'payments.fee.pay')}
      </Button>
      {error ? <Box sx={{ mt: 1 }}><ErrorNotice error={error} /></Box> : null}
    </Box>
  );
}

/** A fee paid before review says so (review starts once paid; refunded when the application ended before review). */
const BEFORE_REVIEW_HINTS = new Set(['requested', 'paid', 'refunded']);
const hintKey = (p: PaymentView): string =>
  p.stage === 'before-review' && BEFORE_REVIEW_HINTS.has(p.state) ? `payments.fee.hint_before_review.${p.state}` : `payments.fee.hint.${p.state}`;

/** A fee asked for by another instance (a ruling) than the application's own: the API refuses it once that instance ended. */
const askedByRuling = (p: PaymentView, trackingNumber: string): boolean => p.trackingNumber !== trackingNumber;

/** An application's fees (the panel's query; its page waits for the first answer so the panel does not push the cards below it down). */
export const applicationPaymentsQuery = (trackingNumber: string) => ({
  queryKey: ['payments', 'application', trackingNumber],
  queryFn: ({ signal }: { signal: AbortSignal }) => api<PaymentView[]>(`/api/applications/${encodeURIComponent(trackingNumber)}/payments`, { signal }),
});

export function FeePanel({ trackingNumber, running, canPay }: { trackingNumber: string; running: boolean; canPay: boolean }) {
  const translate = useTranslate();
  const returned = new URLSearchParams(useLocation().search).get('payment');
  const query = useQuery({
    ...applicationPaymentsQuery(trackingNumber),
    // a fee a ruling (legal deadline, appeal) asked for on this, already decided, application waits
    // in the ruling's instance (its trackingNumber): payable, and worth polling, while it is open
    refetchInterval: (q) => (running || (q.state.data ?? []).some((p) => askedByRuling(p, trackingNumber) && PAYABLE_STATES.has(p.state)) ? POLL_MS : false),
  });
  if (query.error) return <Card><CardContent><BiHeading k="payments.fee.title" /><ErrorNotice error={query.error} onRetry={() => query.refetch()} /></CardContent></Card>;
  const payments = query.data ?? [];
  if (!payments.length) return null;
  return (
    <Card data-testid="fee-card">
      <CardContent>
        <BiHeading k="payments.fee.title" />
        {returned === 'paid' || returned === 'failed' ? (
          <Alert severity={returned === 'paid' ? 'success' : 'warning'} sx={{ mb: 1.5 }} data-testid="payment-returned" data-result={returned}>
            {translate(returned === 'paid' ? (payments.every((p) => p.stage === 'before-review') ? 'payments.fee.returned_paid_before_review' : 'payments.fee.returned_paid') : 'payments.fee.returned_failed')}
          </Alert>
        ) : null}
        {payments.map((p) => (
          <Stack key={p.id} spacing={1} data-testid="fee" data-state={p.state} data-payment={p.id} sx={{ '& + &': { mt: 2, pt: 2, borderTop: 1, borderColor: 'divider' } }}>
            <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
              <Typography sx={{ fontWeight: 700 }}><Rials amount={p.amount} /></Typography>
              <PaymentStateChip state={p.state} />
            </Stack>
            <Typography variant="body2" color="text.secondary" data-testid="fee-hint">{translate(hintKey(p), { _: '' })}</Typography>
            {p.gatewayReference && p.state !== 'failed' ? (
              <Typography variant="body2">{translate('payments.fee.reference')}: <bdi data-testid="payment-reference">{p.gatewayReference}</bdi></Typography>
            ) : null}
            {p.paidAt ? <Typography variant="body2">{translate('payments.fee.paid_at')}: <JalaliDate value={p.paidAt} withTime /></Typography> : null}
            {p.refundReference ? <Typography variant="body2">{translate('payments.fee.refund_reference')}: <bdi data-testid="refund-reference">{p.refundReference}</bdi></Typography> : null}
            {p.refundedAt ? <Typography variant="body2">{translate('payments.fee.refunded_at')}: <JalaliDate value={p.refundedAt} withTime /></Typography> : null}
            {p.failureReason && p.state === 'failed' ? <Alert severity="warning">{translate('payments.fee.failed')}</Alert> : null}
            {canPay && (running || askedByRuling(p, trackingNumber)) && PAYABLE_STATES.has(p.state) ? <PayButton payment={p} /> : null}
          </Stack>
        ))}
      </CardContent>
    </Card>
  );
}
