/**
 * Every fee (administrators): state, amount, the application, the gateway's order and reference,
 * when paid; filter by state, search by tracking number or reference; "reconcile now" asks the
 * gateway about orders still open (the server also does so on a schedule).
 */
import SyncIcon from '@mui/icons-material/Sync';
import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { useState } from 'react';
import { Datagrid, FunctionField, List, SearchInput, SelectInput, TopToolbar, useRefresh, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { api } from '../../api/http';
import { BiHeading } from '../../components/BiHeading';
import { JalaliDateField } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice } from '../../components/States';
import { PAYMENT_STATES, type PaymentView } from './model';
import { PaymentStateChip, Rials } from './parts';

function useFilters() {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('payments.list.search')} aria-label={translate('payments.list.search')} data-testid="filter-q" sx={{ minWidth: 280 }} />,
    <SelectInput key="state" source="state" alwaysOn choices={PAYMENT_STATES.map((s) => ({ id: s, name: translate(`payments.state.${s}`) }))} data-testid="filter-state" />,
  ];
}

function ReconcileButton() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ checked: number; settled: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<{ checked: number; settled: number }>('/api/payments/reconcile', { method: 'POST', body: { olderThanMinutes: 0 } }));
      refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <Button onClick={run} disabled={busy} startIcon={busy ? <CircularProgress size={16} /> : <SyncIcon />} data-testid="reconcile-payments">{translate('payments.list.reconcile')}</Button>
      {result ? <Alert severity="info" sx={{ py: 0 }} data-testid="reconcile-result">{translate('payments.list.reconciled', { checked: result.checked, settled: result.settled })}</Alert> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </Box>
  );
}

function Empty() {
  const translate = useTranslate();
  return <EmptyState testId="payments-empty" title={translate('payments.list.empty')} hint={translate('payments.list.empty_hint')} />;
}

export function PaymentList() {
  const translate = useTranslate();
  return (
    <Box sx={{ pt: 2 }}>
      <BiHeading k="payments.list.title" component="h1" variant="h5" />
      <List resource="payments" filters={useFilters()} actions={<TopToolbar><ReconcileButton /></TopToolbar>} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} empty={false} exporter={false} title={translate('payments.list.title')} disableSyncWithLocation={false}>
        <Datagrid bulkActionButtons={false} rowClick={false} empty={<Empty />} data-testid="payments-table">
          <FunctionField source="trackingNumber" label="payments.fields.trackingNumber" render={(r: PaymentView) => (
            <Link to={`/applications/${encodeURIComponent(r.trackingNumber)}/show`} data-testid="payment-row" data-tracking={r.trackingNumber} data-state={r.state} style={{ fontFamily: 'monospace' }}><bdi>{r.trackingNumber}</bdi></Link>
          )} />
          <FunctionField source="amount" label="payments.fields.amount" render={(r: PaymentView) => <Rials amount={r.amount} />} />
          <FunctionField source="state" label="payments.fields.state" render={(r: PaymentView) => <PaymentStateChip state={r.state} />} />
          <FunctionField source="gatewayReference" label="payments.fields.reference" render={(r: PaymentView) => <bdi>{r.gatewayReference ?? '—'}</bdi>} />
          <FunctionField source="attempts" label="payments.fields.attempts" render={(r: PaymentView) => r.attempts} />
          <JalaliDateField source="createdAt" label="payments.fields.createdAt" />
          <JalaliDateField source="paidAt" label="payments.fields.paidAt" />
        </Datagrid>
      </List>
    </Box>
  );
}
