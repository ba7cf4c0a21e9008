/** Pieces the reviewer's pages share: bilingual headings, group names, the due date coloured by its SLA, claiming. */
import LockOpenIcon from '@mui/icons-material/LockOpenOutlined';
import PersonIcon from '@mui/icons-material/PersonOutline';
import { Box, Button, CircularProgress, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import groups from '../../../../definitions/groups.json';
import { session } from '../../api/session';
import { JalaliDate } from '../../components/JalaliDate';
import { StatusChip } from '../../components/StatusChip';
import { claimTask } from './data';
import { DUE_TONES, dueState } from './model';

export { BiHeading } from '../../components/BiHeading';

/** A candidate group by its name in the current language (an `org:` group is the user's organisation). */
export function useGroupName(): (group: string) => string {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  return (group) => {
    const named = (groups as Record<string, { fa: string; en: string }>)[group];
    if (named) return locale === 'en' ? named.en : named.fa;
    if (group.startsWith('org:')) return translate('reviewer.groups.organisation');
    return group;
  };
}

/** The due date, Jalali with the Gregorian beside it, red when overdue, amber within two days. */
export function DueDate({ value, testId = 'task-due' }: { value: string | null | undefined; testId?: string }) {
  const translate = useTranslate();
  const state = dueState(value);
  if (state === 'none') return <Typography component="span" variant="body2" color="text.secondary" data-testid={testId} data-due="none">{translate('reviewer.due.none')}</Typography>;
  const tone = DUE_TONES[state];
  const colour = tone === 'err' ? 'error.main' : tone === 'warn' ? 'warning.dark' : 'text.primary';
  return (
    <Box component="span" data-testid={testId} data-due={state} sx={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-start', gap: 0.25, color: colour, fontWeight: state === 'later' ? 400 : 700 }}>
      <JalaliDate value={value} withTime stack />
      {state !== 'later' ? <StatusChip label={translate(`reviewer.due.${state}`)} tone={tone} value={state} /> : null}
    </Box>
  );
}

/** Who holds a task: me, someone else, or nobody yet. */
export function Holder({ assignee }: { assignee: string | null }) {
  const translate = useTranslate();
  const me = session.user()?.username;
  const words = !assignee ? translate('reviewer.holder.nobody') : assignee === me ? translate('reviewer.holder.me') : assignee;
  return (
    <Box component="span" data-testid="task-holder" data-assignee={assignee ?? ''} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, color: assignee ? 'text.primary' : 'text.secondary' }}>
      {assignee ? <PersonIcon fontSize="small" aria-hidden /> : <LockOpenIcon fontSize="small" aria-hidden />}
      <bdi>{words}</bdi>
    </Box>
  );
}

/**
 * Claim (take a task offered to the group, so no one else works on it at the same time) or give it
 * back. The engine refuses what is not the user's to take; its words are shown.
 */
export function ClaimButton({ task, size = 'small', onDone }: { task: { id: string; assignee: string | null; status: string; application: { trackingNumber: string } }; size?: 'small' | 'medium'; onDone?: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const me = session.user()?.username;
  if (task.status !== 'open') return null;
  if (task.assignee && task.assignee !== me) return null;
  const claim = !task.assignee;
  const run = async () => {
    setBusy(true);
    try {
      await claimTask(task.id, claim);
      notify(claim ? 'reviewer.claim.claimed' : 'reviewer.claim.unclaimed', { type: 'info', messageArgs: { tracking: task.application.trackingNumber } });
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      await queryClient.invalidateQueries({ queryKey: ['reviewer'] });
      onDone?.();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size={size}
      variant={claim ? 'contained' : 'outlined'}
      color={claim ? 'primary' : 'inherit'}
      onClick={(e) => {
        e.stopPropagation();
        void run();
      }}
      disabled={busy}
      data-testid={claim ? 'claim-task' : 'unclaim-task'}
      aria-label={translate(claim ? 'reviewer.claim.claim_label' : 'reviewer.claim.unclaim_label', { tracking: task.application.trackingNumber })}
      startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
      sx={{ whiteSpace: 'nowrap' }}
    >
      {translate(claim ? 'reviewer.claim.claim' : 'reviewer.claim.unclaim')}
    </Button>
  );
}
