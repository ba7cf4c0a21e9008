/** The applicant's desk card (applications by state, what waits for them, a new application) and the menu's count of what waits. */
import { Badge, Box, Button, Card, CardActions, CardContent, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { ErrorNotice } from '../../components/States';
import { NewApplicationButton } from './ApplicationList';
import { useMyApplications, useNotifications } from './hooks';
import { APPLICATION_STATUSES } from './model';
import { BiHeading, useNumber } from './parts';

/** A count beside a menu entry, named in words for screen readers; nothing when there is nothing to count. */
function MenuCount({ count, label, color, testId }: { count: number; label: string; color: 'warning' | 'secondary'; testId: string }) {
  if (!count) return null;
  return (
    <Badge
      badgeContent={count}
      color={color}
      data-testid={testId}
      data-count={count}
      aria-label={label}
      sx={{ marginInlineStart: 2.5, '& .MuiBadge-badge': { position: 'static', transform: 'none' } }}
    />
  );
}

/** Beside "My applications" in the menu: how many applications wait for their applicant (fixes asked for). */
export function WaitingBadge() {
  const translate = useTranslate();
  const count = useMyApplications().data?.filter((r) => r.waiting).length ?? 0;
  return <MenuCount count={count} color="warning" testId="waiting-menu-badge" label={translate('applicant.home.waiting_count', { count, smart_count: count })} />;
}

/** Beside the inbox in the menu: how many messages are unread. */
export function UnreadBadge() {
  const translate = useTranslate();
  const count = useNotifications().data?.filter((n) => !n.readAt).length ?? 0;
  return <MenuCount count={count} color="secondary" testId="unread-menu-badge" label={translate('applicant.inbox.unread_count', { count, smart_count: count })} />;
}

export function ApplicantHomeCard() {
  const translate = useTranslate();
  const num = useNumber();
  const applications = useMyApplications();
  const rows = applications.data ?? [];
  const counts = APPLICATION_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  const waiting = rows.filter((r) => r.waiting).length;
  return (
    <Card data-testid="home-card-applicant" sx={{ display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flex: 1 }}>
        <BiHeading k="applications" component="h2" />
        {applications.error ? <ErrorNotice error={applications.error} onRetry={() => applications.refetch()} /> : applications.isPending ? <Skeleton variant="rounded" height={88} /> : (
          <>
            <Box
              component={RouterLink}
              to="/applications?filter=%7B%22waiting%22%3Atrue%7D"
              data-testid="home-waiting"
              data-count={waiting}
              sx={{ display: 'block', textDecoration: 'none', color: waiting ? 'warning.dark' : 'text.secondary', p: 1.5, mb: 1.5, borderRadius: 1, bgcolor: waiting ? 'warning.light' : 'action.hover' }}
            >
              <Typography component="span" sx={{ fontSize: '1.6rem', fontWeight: 700, marginInlineEnd: 1 }}>{num(waiting)}</Typography>
              {translate('applicant.home.waiting', { smart_count: waiting })}
            </Box>
            {counts.length ? (
              <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" data-testid="home-by-state">
                {counts.map(([s, n]) => (
                  <Chip
                    key={s}
                    component={RouterLink}
                    to={`/applications?filter=${encodeURIComponent(JSON.stringify({ status: s }))}`}
                    clickable
                    label={`${translate(`applicant.status.${s}`)} · ${num(n)}`}
                    data-testid={`home-state-${s}`}
                    data-count={n}
                  />
                ))}
              </Stack>
            ) : <Typography color="text.secondary">{translate('applicant.list.empty_title')}</Typography>}
          </>
        )}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2, gap: 1, flexWrap: 'wrap' }}>
        <NewApplicationButton />
        <Button component={RouterLink} to="/applications" data-testid="home-all-applications">{translate('applicant.home.all')}</Button>
      </CardActions>
    </Card>
  );
}
