/** What the payment pages share: the state chip and an amount in rials in the page's digits. */
import { useLocaleState, useTranslate } from 'react-admin';
import { StatusChip, type Tone } from '../../components/StatusChip';

const TONES: Record<string, Tone> = { requested: 'warn', pending: 'info', paid: 'ok', failed: 'err', cancelled: 'grey', refunded: 'grey' };

export function PaymentStateChip({ state }: { state: string }) {
  const translate = useTranslate();
  return <StatusChip label={translate(`payments.state.${state}`, { _: state })} tone={TONES[state] ?? 'grey'} testId="payment-state" value={state} />;
}

export function Rials({ amount }: { amount: number }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return <bdi data-testid="payment-amount" data-amount={amount}>{translate('payments.rials', { amount: amount.toLocaleString(locale === 'en' ? 'en-US' : 'fa-IR') })}</bdi>;
}
