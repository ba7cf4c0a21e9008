/** Pieces the feedback pages share: a message's state chip and its card (what was asked, the state, the answer). */
import type { ReactNode } from 'react';
import { Alert, Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { JalaliDate } from '../../components/JalaliDate';
import { StatusChip } from '../../components/StatusChip';
import { STATE_TONE, type FeedbackMessage } from './model';

export function StateChip({ state }: { state: string }) {
  const translate = useTranslate();
  return <StatusChip label={translate(`feedback.states.${state}`, { _: state })} tone={STATE_TONE[state] ?? 'grey'} value={state} testId="feedback-state" />;
}

/** One message as its sender or an administrator sees it; `children` adds the administrator's controls. */
export function MessageCard({ message, children }: { message: FeedbackMessage; children?: ReactNode }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-testid="feedback-message" data-number={message.trackingNumber} data-state={message.state} data-flagged={String(message.delayFlagged)}>
      <CardContent sx={{ display: 'grid', gap: 1 }}>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
          <Typography component="h3" sx={{ fontWeight: 700 }}><bdi dir="ltr">{message.trackingNumber}</bdi></Typography>
          <Chip size="small" label={translate(`feedback.kinds.${message.kind}`, { _: message.kind })} />
          <StateChip state={message.state} />
          {message.delayFlagged ? (
            <Chip size="small" color="error" data-testid="delay-flag" sx={{ '& [lang="en"]': { color: 'inherit' } }} label={<>{translate('feedback.message.delay')} <JalaliDate value={message.expectedDecisionAt} /></>} />
          ) : null}
        </Stack>
        <Typography variant="body2" color="text.secondary" component="div">
          {translate('feedback.message.filed_at')}: <JalaliDate value={message.createdAt} withTime />
          {message.applicationTrackingNumber ? <> · {translate('feedback.message.about')}: <bdi dir="ltr">{message.applicationTrackingNumber}</bdi></> : null}
          {!message.applicationTrackingNumber && message.processKey ? <> · {translate('feedback.message.about')}: <bdi dir="ltr">{message.serviceId ?? message.processKey}</bdi></> : null}
          {message.senderName || message.senderUsername ? <> · {translate('feedback.admin.sender')}: <bdi>{message.senderName ?? message.senderUsername}</bdi>{message.senderContact ? <> (<bdi dir="ltr">{message.senderContact}</bdi>)</> : null}</> : null}
        </Typography>
        <Typography dir="auto" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="feedback-text">{message.text}</Typography>
        {message.answer ? (
          <Alert severity="success" icon={false} data-testid="feedback-answer">
            <Typography sx={{ fontWeight: 700 }}>{translate('feedback.message.answer')}{message.answeredAt ? <> · <JalaliDate value={message.answeredAt} withTime /></> : null}</Typography>
            <Typography dir="auto" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.answer}</Typography>
          </Alert>
        ) : <Typography color="text.secondary" data-testid="feedback-no-answer">{translate('feedback.message.no_answer')}</Typography>}
        {children ? <Box>{children}</Box> : null}
      </CardContent>
    </Card>
  );
}
