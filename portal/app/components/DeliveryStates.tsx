/**
 * Where a notice went and whether it arrived: one chip per channel (portal inbox, SMS from 4040,
 * e-mail) in the delivery's state. The words come from the page's messages (`label`).
 */
import { Stack, Typography } from '@mui/material';
import { StatusChip, type Tone } from './StatusChip';

export interface DeliveryState { channel: string; state: string; attempts?: number }

const TONE: Record<string, Tone> = { sent: 'ok', pending: 'info', failed: 'err', skipped: 'grey' };
const ORDER = ['inbox', 'sms', 'email'];

export function DeliveryStates({ deliveries, label, title }: { deliveries: DeliveryState[]; label: (channel: string, state: string) => string; title?: string }) {
  if (!deliveries.length) return null;
  const sorted = [...deliveries].sort((a, b) => ORDER.indexOf(a.channel) - ORDER.indexOf(b.channel));
  return (
    <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap" data-testid="delivery-states">
      {title ? <Typography variant="body2" color="text.secondary" component="span">{title}</Typography> : null}
      {sorted.map((d) => (
        <span key={d.channel} data-testid="delivery" data-channel={d.channel} data-state={d.state}>
          <StatusChip label={label(d.channel, d.state)} tone={TONE[d.state] ?? 'grey'} />
        </span>
      ))}
    </Stack>
  );
}
