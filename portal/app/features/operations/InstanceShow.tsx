/**
 * One process instance for an administrator: where it stands on its diagram, its incidents (the
 * error and its stack trace, a retry button each), the actions (cancel, migrate, Temporal), its
 * open tasks, variables and history. The page refreshes itself while the instance runs.
 */
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import RefreshIcon from '@mui/icons-material/Refresh';
import ReplayIcon from '@mui/icons-material/Replay';
import {
  Alert, Box, Button, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography, useTheme,
} from '@mui/material';
import { useState } from 'react';
import { Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/http';
import { BiText } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { elementName, InstanceDiagram, useVersion, type VersionView } from './InstanceDiagram';
import { InstanceActions } from './InstanceActions';
import type { HistoryEntry, InstanceDetail, InstanceIncident } from './model';
import { BiHeading, StateChip } from './parts';
import { InquiryResults } from '../inquiries';

const POLL_MS = 3_000;

function Section({ k, id, children, testId }: { k: string; id: string; children: React.ReactNode; testId: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={id} data-testid={testId}>
      <BiHeading k={k} id={id} />
      {children}
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">{label}</Typography>
      <Box sx={{ fontWeight: 500 }}>{children}</Box>
    </Box>
  );
}

function IncidentCard({ instance, incident, view, onRetried }: { instance: InstanceDetail; incident: InstanceIncident; view?: VersionView; onRetried: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const name = elementName(view, incident.elementId);
  const retry = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/applications/${encodeURIComponent(instance.trackingNumber)}/incidents/${encodeURIComponent(incident.incidentId)}/retry`, { method: 'POST' });
      notify('operations.show.retried', { type: 'info', messageArgs: { element: name } });
      onRetried();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Alert
      severity="error"
      variant="outlined"
      data-testid="incident"
      data-incident={incident.incidentId}
      data-element={incident.elementId}
      action={
        <Button color="error" variant="contained" size="small" startIcon={<ReplayIcon />} disabled={busy} onClick={retry} data-testid="retry-incident">
          {translate('operations.show.retry')}
        </Button>
      }
      sx={{ '& .MuiAlert-message': { minWidth: 0, flex: 1 } }}
    >
      <Typography variant="subtitle2" component="h3">
        <span dir="auto"><BiText text={name} /></span> <bdi style={{ fontFamily: 'monospace', fontWeight: 400 }}>({incident.incidentId})</bdi>
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div"><JalaliDate value={incident.at} withTime stack /></Typography>
      <Typography dir="auto" sx={{ my: 1, wordBreak: 'break-word' }} data-testid="incident-message">{incident.message}</Typography>
      {incident.stack ? (
        <details>
          <summary style={{ cursor: 'pointer' }}>{translate('operations.show.stack')}</summary>
          <Box component="pre" dir="ltr" data-testid="incident-stack" sx={{ m: 0, mt: 1, p: 1, maxHeight: 260, overflow: 'auto', bgcolor: '#fff', color: '#1f2937', border: '1px solid #e5e7eb', borderRadius: 1, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} tabIndex={0}>
            {incident.stack}
          </Box>
        </details>
      ) : (
        <Typography variant="caption">{translate('operations.show.no_stack')}</Typography>
      )}
      {error ? <Box sx={{ mt: 1 }}><ErrorNotice error={error} /></Box> : null}
    </Alert>
  );
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 1) ?? String(value);
}

function Variables({ variables }: { variables: Record<string, unknown> }) {
  const translate = useTranslate();
  const names = Object.keys(variables).sort();
  if (!names.length) return <Typography color="text.secondary">{translate('operations.show.no_variables')}</Typography>;
  return (
    <Box sx={{ maxHeight: 420, overflow: 'auto' }} tabIndex={0} role="region" aria-label={translate('operations.show.variables')}>
      <Table size="small" data-testid="instance-variables">
        <TableHead>
          <TableRow><TableCell component="th" scope="col">{translate('operations.show.variable_name')}</TableCell><TableCell component="th" scope="col">{translate('operations.show.variable_value')}</TableCell></TableRow>
        </TableHead>
        <TableBody>
          {names.map((n) => (
            <TableRow key={n} data-testid="variable" data-name={n}>
              <TableCell component="th" scope="row" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}><bdi>{n}</bdi></TableCell>
              <TableCell dir="auto" sx={{ fontFamily: typeof variables[n] === 'string' ? undefined : 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 13 }}>{valueText(variables[n])}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function OpenTasks({ instance, view }: { instance: InstanceDetail; view?: VersionView }) {
  const translate = useTranslate();
  const open = instance.tasks.filter((t) => t.status === 'open');
  if (!open.length) return <Typography color="text.secondary">{translate('operations.show.no_tasks')}</Typography>;
  return (
    <Table size="small" data-testid="instance-tasks">
      <TableHead>
        <TableRow>
          {['task_element', 'task_groups', 'task_assignee', 'task_created', 'task_due'].map((k) => <TableCell key={k} component="th" scope="col">{translate(`operations.show.${k}`)}</TableCell>)}
        </TableRow>
      </TableHead>
      <TableBody>
        {open.map((t) => (
          <TableRow key={t.id} data-testid="instance-task" data-element={t.elementId}>
            <TableCell><span dir="auto"><BiText text={t.name ?? elementName(view, t.elementId)} /></span></TableCell>
            <TableCell><bdi>{t.candidateGroups.concat(t.candidateUsers).join('، ') || '—'}</bdi></TableCell>
            <TableCell>{t.assignee ? <bdi>{t.assignee}</bdi> : translate('operations.show.unassigned')}</TableCell>
            <TableCell><JalaliDate value={t.createdAt} withTime stack /></TableCell>
            <TableCell><JalaliDate value={t.dueDate} stack /></TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The parts of an entry's details worth a line: element, message, reason, outcome, versions. */
function detailLine(h: HistoryEntry): string {
  const d = h.details ?? {};
  const parts: string[] = [];
  for (const key of ['elementId', 'outcome', 'message', 'reason', 'from', 'to', 'days']) {
    const v = d[key];
    if (v !== undefined && v !== null && v !== '') parts.push(`${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return parts.join(' · ');
}

function History({ history }: { history: HistoryEntry[] }) {
  const translate = useTranslate();
  if (!history.length) return <Typography color="text.secondary">{translate('operations.show.no_history')}</Typography>;
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0, maxHeight: 520, overflow: 'auto' }} data-testid="instance-history" tabIndex={0} aria-label={translate('operations.show.history')}>
      {[...history].reverse().map((h) => (
        <Box component="li" key={h.id} data-testid="history-entry" data-action={h.action} sx={{ py: 1, borderBottom: '1px solid', borderColor: 'divider', display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '190px 1fr' }, gap: 1 }}>
          <JalaliDate value={h.at} withTime stack />
          <Box>
            <Typography component="div" sx={{ fontFamily: 'monospace', fontWeight: 600 }} dir="ltr" align="left"><bdi>{h.action}</bdi></Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('operations.show.actor')}: <bdi>{h.actor}</bdi>{h.actorRole ? <> (<bdi>{h.actorRole}</bdi>)</> : null}
            </Typography>
            {detailLine(h) ? <Typography variant="body2" dir="auto" sx={{ wordBreak: 'break-word' }}>{detailLine(h)}</Typography> : null}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

function finished(state: string): boolean {
  return ['completed', 'cancelled', 'terminated', 'failed'].includes(state);
}

export function InstanceShow() {
  const translate = useTranslate();
  const { id = '' } = useParams();
  const tracking = decodeURIComponent(id);
  const rtl = useTheme().direction === 'rtl';
  const [poll, setPoll] = useState(true);
  const { data: answer, error, isPending, refetch } = useGetOne<InstanceDetail>('instances', { id: tracking }, {
    refetchInterval: (query) => (poll && !finished((query.state.data as InstanceDetail | undefined)?.state ?? '') ? POLL_MS : false),
    retry: false,
  });
  // react-admin offers the list's row as a placeholder until the instance itself is read: wait for it
  const data = answer && 'diagram' in answer ? answer : undefined;
  const version = useVersion(data?.processKey ?? '', data?.processVersion ?? 0);
  const view = data ? version.view : undefined;
  const changed = () => {
    setPoll(true);
    void refetch();
  };

  return (
    <Box sx={{ py: 2 }} data-testid="instance-page" data-tracking={tracking} data-state={data?.state ?? ''}>
      <Title title={translate('operations.show.title', { tracking })} />
      <Button component={Link} to="/instances" startIcon={rtl ? <ArrowForwardIcon /> : <ArrowBackIcon />} size="small" sx={{ mb: 1 }}>
        {translate('operations.show.back')}
      </Button>
      {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {isPending || (answer && !data) ? <LoadingBlock lines={8} height={40} /> : null}
      {data ? (
        <Stack spacing={2}>
          <Paper variant="outlined" sx={{ p: 2 }} component="header">
            <Stack direction="row" spacing={1.5} alignItems="center" useFlexGap flexWrap="wrap">
              <Typography variant="h5" component="h1" sx={{ fontFamily: 'monospace' }} data-testid="instance-tracking"><bdi>{data.trackingNumber}</bdi></Typography>
              <StateChip state={data.state} />
              <Box sx={{ flex: 1 }} />
              <Button size="small" startIcon={<RefreshIcon />} onClick={() => void refetch()} data-testid="instance-refresh">{translate('operations.show.refresh')}</Button>
            </Stack>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 2, mt: 2 }}>
              <Fact label={translate('operations.show.process')}><span dir="auto"><BiText text={data.processName ?? data.processKey} stack /></span></Fact>
              <Fact label={translate('operations.show.version')}><bdi data-testid="instance-version">{`v${data.processVersion}${data.versionTag ? ` (${data.versionTag})` : ''}`}</bdi> · <bdi>{data.processKey}</bdi></Fact>
              <Fact label={translate('operations.show.company')}><span dir="auto">{data.organisation.nameFa}</span> <bdi>({data.organisation.nationalId})</bdi></Fact>
              <Fact label={translate('operations.show.applicant')}><bdi>{data.applicant}</bdi></Fact>
              <Fact label={translate('operations.show.started')}><JalaliDate value={data.createdAt} withTime stack /></Fact>
              <Fact label={translate('operations.show.finished')}><JalaliDate value={data.completedAt} withTime stack /></Fact>
              {data.outcome ? <Fact label={translate('operations.show.outcome')}><bdi>{data.outcome}</bdi></Fact> : null}
            </Box>
            <Box sx={{ mt: 2 }}><InstanceActions instance={data} onChanged={changed} /></Box>
          </Paper>
          {data.liveError && !finished(data.state) ? <Alert severity="warning" data-testid="live-error"><span dir="auto">{translate('operations.show.live_error', { message: data.liveError })}</span></Alert> : null}
          <Section k="operations.show.incidents" id="instance-incidents-title" testId="instance-incidents">
            {data.live?.incidents.length ? (
              <Stack spacing={1.5}>
                {data.live.incidents.map((i) => <IncidentCard key={i.incidentId} instance={data} incident={i} view={view} onRetried={changed} />)}
              </Stack>
            ) : (
              <Typography color="text.secondary" data-testid="no-incidents">{translate('operations.show.no_incidents')}</Typography>
            )}
          </Section>
          <InquiryResults tracking={data.trackingNumber} refreshKey={`${data.state}:${data.history.length}`} />
          <InstanceDiagram instance={data} />
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, alignItems: 'start' }}>
            <Section k="operations.show.tasks" id="instance-tasks-title" testId="instance-tasks-section"><OpenTasks instance={data} view={view} /></Section>
            <Section k="operations.show.variables" id="instance-variables-title" testId="instance-variables-section">
              <Variables variables={data.live?.variables ?? data.submittedData} />
            </Section>
          </Box>
          <Section k="operations.show.history" id="instance-history-title" testId="instance-history-section"><History history={data.history} /></Section>
        </Stack>
      ) : null}
      {!isPending && !error && !answer ? <EmptyState title={translate('ito.not_found')} /> : null}
    </Box>
  );
}
