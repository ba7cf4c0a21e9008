/** Why a ruling's task came to its reviewer: which application it decides, and (legal deadline) when its time ran out and which unit held it. */
import { Alert, AlertTitle, Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { JalaliDate } from '../../components/JalaliDate';
import type { Ruling } from './ruling';
import { useGroupName } from './parts';

export function RulingReason({ ruling }: { ruling: Ruling }) {
  const translate = useTranslate();
  const groupName = useGroupName();
  const units = ruling.kind === 'legal-deadline' ? ruling.reviewingUnit : ruling.rejectedByGroup;
  return (
    <Alert severity="warning" data-testid="ruling-reason" data-kind={ruling.kind} data-ruled={ruling.ruledTrackingNumber} sx={{ mb: 2 }}>
      <AlertTitle>{translate(`reviewer.ruling.${ruling.kind}.title`)}</AlertTitle>
      {translate(`reviewer.ruling.${ruling.kind}.reason`)}
      <Box component="dl" sx={{ m: 0, mt: 1, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, '& dt': { fontWeight: 700 }, '& dd': { m: 0 } }}>
        <dt>{translate('reviewer.ruling.ruled')}</dt>
        <dd><bdi dir="ltr" data-testid="ruling-ruled">{ruling.ruledTrackingNumber}</bdi></dd>
        {ruling.kind === 'legal-deadline' ? (
          <>
            <dt>{translate('reviewer.ruling.deadline')}</dt>
            <dd><JalaliDate value={ruling.legalDeadline} withTime /></dd>
          </>
        ) : null}
        {units.length ? (
          <>
            <dt>{translate(`reviewer.ruling.${ruling.kind}.unit`)}</dt>
            <dd>{units.map((g) => groupName(g)).join('، ')}</dd>
          </>
        ) : null}
      </Box>
    </Alert>
  );
}
