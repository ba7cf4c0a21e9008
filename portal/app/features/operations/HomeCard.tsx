/** The administrator's desk card: instances running and with incidents, each a link to the filtered list. */
import ErrorIcon from '@mui/icons-material/ErrorOutline';
import RunIcon from '@mui/icons-material/PlayCircleOutline';
import { Box, Card, CardContent, Chip, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { StateCounts } from './model';
import { BiHeading } from './parts';

/** The number of instances in each state (one small request; the list's cache is shared). */
export function useStateCounts(): StateCounts | undefined {
  const { meta } = useGetList('instances', { pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' }, filter: {} }, { refetchInterval: 30_000 });
  return (meta as { counts?: StateCounts } | undefined)?.counts;
}

export const instancesLink = (state: string) => `/instances?filter=${encodeURIComponent(JSON.stringify({ state }))}`;

export function OperationsHomeCard() {
  const translate = useTranslate();
  const counts = useStateCounts();
  const rows = [
    { state: 'running', icon: <RunIcon color="info" />, label: translate('operations.home.open_running'), count: counts?.running },
    { state: 'incident', icon: <ErrorIcon color="error" />, label: translate('operations.home.open_incidents'), count: counts?.incident },
  ];
  return (
    <Card variant="outlined" data-testid="home-card-operations">
      <CardContent>
        <BiHeading k="operations.home.title" />
        <Stack spacing={1}>
          {rows.map((r) => (
            <MuiLink key={r.state} component={Link} to={instancesLink(r.state)} underline="hover" data-testid={`home-operations-${r.state}`} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
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

/** Beside the menu entry: how many instances wait in an incident (nothing when none). */
export function IncidentBadge() {
  const counts = useStateCounts();
  if (!counts?.incident) return null;
  return <Chip size="small" color="error" label={counts.incident} sx={{ marginInlineStart: 1, height: 20, fontWeight: 700 }} data-testid="incident-badge" />;
}
