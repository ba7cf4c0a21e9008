/**
 * The reviewer's desk card (open tasks in my queues, overdue ones, links to both) and the live count
 * beside the menu entry. Shown to reviewers, and to anyone else the API gives at least one task (an
 * outside lab or audit body through its organisation's group).
 */
import TaskIcon from '@mui/icons-material/AssignmentOutlined';
import ErrorIcon from '@mui/icons-material/ErrorOutline';
import { Box, Card, CardContent, Chip, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { hasRole, session } from '../../api/session';
import { countTasks } from './data';
import { BiHeading } from './parts';

const POLL_MS = 30_000;

export function useTaskCount(filter: Record<string, string> = {}) {
  return useQuery({ queryKey: ['reviewer', 'count', filter], queryFn: ({ signal }) => countTasks(filter, signal), refetchInterval: POLL_MS, enabled: !!session.token() });
}

/** Whether the task queue is for this user: a reviewer, or someone with a task now. */
export function useQueueApplies(): boolean {
  const open = useTaskCount();
  return hasRole(session.user(), 'reviewer') || (open.data ?? 0) > 0;
}

export const tasksLink = (filter: Record<string, string>) => `/tasks?filter=${encodeURIComponent(JSON.stringify(filter))}`;

export function ReviewerHomeCard() {
  const translate = useTranslate();
  const applies = useQueueApplies();
  const open = useTaskCount();
  const overdue = useTaskCount({ due: 'overdue' });
  if (!applies) return null;
  const rows = [
    { key: 'open', to: '/tasks', icon: <TaskIcon color="primary" />, label: translate('reviewer.home.open'), count: open.data },
    { key: 'overdue', to: tasksLink({ due: 'overdue' }), icon: <ErrorIcon color={overdue.data ? 'error' : 'disabled'} />, label: translate('reviewer.home.overdue'), count: overdue.data },
  ];
  return (
    <Card variant="outlined" data-testid="home-card-reviewer">
      <CardContent>
        <BiHeading k="reviewer.home.title" />
        <Stack spacing={1}>
          {rows.map((r) => (
            <MuiLink key={r.key} component={Link} to={r.to} underline="hover" data-testid={`home-reviewer-${r.key}`} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              {r.icon}
              <Box component="span" sx={{ flex: 1 }}>{r.label}</Box>
              <Typography component="span" variant="h6" data-count={r.count ?? ''} sx={{ minWidth: '2ch', textAlign: 'end' }}>{r.count ?? '…'}</Typography>
            </MuiLink>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

/** Beside the menu entry: open tasks in my queues (nothing when none). */
export function TaskBadge() {
  const translate = useTranslate();
  const open = useTaskCount();
  if (!open.data) return null;
  return <Chip size="small" color="primary" label={open.data} aria-label={translate('reviewer.menu.badge', { count: open.data })} sx={{ marginInlineStart: 1, height: 20, fontWeight: 700 }} data-testid="tasks-badge" data-count={open.data} />;
}

/** The menu entry, for reviewers and whoever has a task now. */
export function QueueMenuGuard({ children }: { children: ReactElement }) {
  return useQueueApplies() ? children : null;
}
