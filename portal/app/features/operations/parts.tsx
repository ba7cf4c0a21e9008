/** Small pieces the operations pages share: the state chip, bilingual headings from messages. */
import { useTranslate } from 'react-admin';
import { StatusChip, type Tone } from '../../components/StatusChip';

const TONES: Record<string, Tone> = { running: 'info', submitted: 'info', incident: 'err', completed: 'ok', cancelled: 'grey', terminated: 'grey', failed: 'err' };

export function StateChip({ state, testId = 'instance-state' }: { state: string; testId?: string }) {
  const translate = useTranslate();
  return <StatusChip label={translate(`operations.states.${state}`, { _: state })} tone={TONES[state] ?? 'grey'} testId={testId} value={state} />;
}

export { BiHeading } from '../../components/BiHeading';
