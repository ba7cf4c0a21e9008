/**
 * One application as its applicant follows it: the summary (status, family, version, dates, the
 * legal deadline with the paused days and the family's rule), the appeal of a rejection, the fix form when it was sent back, what was applied
 * for (as last corrected), its documents, certificates (PDF, verify, renew) and the step history.
 * Refreshes itself every few seconds while it runs; the skeletons keep the layout still meanwhile.
 */
import RefreshIcon from '@mui/icons-material/Refresh';
import { Alert, Box, Card, CardContent, Grid, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { api } from '../../api/http';
import { session } from '../../api/session';
import { BiText } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { DocumentLink, FormValues, labelsOf } from './FormValues';
import { FixNotice, FixPanel } from './FixPanel';
import { History } from './History';
import { useStartInfo } from './hooks';
import { isMine, OPEN_STATUSES, type ApplicationDetail, type TaskRecord } from './model';
import { ApplicationStatusChip, BiHeading, CertificateItem, ExpectedDecision, OutcomeChip, ProcessName } from './parts';
import { WithdrawButton } from './WithdrawButton';
import { SatisfactionCard, useSatisfaction } from '../feedback/SatisfactionCard';
import { AppealPanel } from './AppealPanel';
import { applicationPaymentsQuery, FeePanel } from '../payments/FeePanel';
import { RECEIPT_KIND } from '../payments/model';

const POLL_MS = 4000;

/** Tasks the applicant completed (assigned to a person, offered to no group): the fixes. */
const isApplicantTask = (t: TaskRecord) => t.status === 'completed' && !!t.assignee && t.candidateGroups === '';

/** What was applied for as it stands: the start data with each completed fix's values over it (fields of the start form only). */
function currentData(app: ApplicationDetail, startKeys: Set<string>): { values: Record<string, unknown>; changed: Set<string> } {
  const values = { ...(app.submittedData ?? {}) };
  const changed = new Set<string>();
  for (const t of app.tasks.filter(isApplicantTask).sort((a, b) => (a.completedAt! < b.completedAt! ? -1 : 1))) {
    for (const [k, v] of Object.entries(t.output ?? {})) {
      if (!startKeys.has(k)) continue;
      if (JSON.stringify(values[k]) !== JSON.stringify(v)) changed.add(k);
      values[k] = v;
    }
  }
  return { values, changed };
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary' }}>{label}</Box>
      <Box component="dd" sx={{ m: 0, minWidth: 0 }} data-testid={testId}>{children}</Box>
    </>
  );
}

function Summary({ app }: { app: ApplicationDetail }) {
  const translate = useTranslate();
  const open = app.tasks.filter((t) => t.status === 'open');
  return (
    <Box component="dl" data-testid="application-summary" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(150px, 35%) 1fr' }, columnGap: 2, rowGap: 1.25 }}>
      <Row label={translate('resources.applications.fields.processKey')}><ProcessName processKey={app.processKey} /></Row>
      <Row label={translate('applicant.show.version')} testId="application-version"><bdi>v{app.processVersion}</bdi></Row>
      <Row label={translate('resources.applications.fields.status')}>
        <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap"><ApplicationStatusChip status={app.status} /><OutcomeChip outcome={app.outcome} /></Stack>
      </Row>
      {open.length ? (
        <Row label={translate('resources.applications.fields.nextStep')} testId="next-step">
          {open.map((t) => <Box key={t.id}><BiText text={t.name ?? t.elementId} /></Box>)}
        </Row>
      ) : null}
      <Row label={translate('resources.applications.fields.createdAt')}><JalaliDate value={app.createdAt} withTime /></Row>
      {app.decisionTime ? <Row label={translate(app.decisionTime.basis ? 'applicant.legal.deadline' : 'resources.applications.fields.expectedAt')} testId="legal-deadline"><ExpectedDecision value={app.decisionTime} decided={!!app.completedAt} /></Row> : null}
      {app.completedAt ? <Row label={translate('applicant.show.completed')}><JalaliDate value={app.completedAt} withTime /></Row> : null}
    </Box>
  );
}

export function ApplicationShow() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const user = session.user();
  // fix tasks completed here, hidden at once (the engine closes them a moment later)
  const [sent, setSent] = useState<Set<string>>(new Set());
  const query = useQuery({
    queryKey: ['applicant', 'application', id],
    queryFn: ({ signal }) => api<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (q) => (q.state.data && OPEN_STATUSES.has(q.state.data.status) ? POLL_MS : false),
  });
  const app = query.data;
  const start = useStartInfo(app?.processKey, app?.processVersion);
  // The satisfaction card (above the cards) and the fee panel (above the certificates) load on their
  // own: the page opens once they are known rather than jump when they arrive. Once shown it is not
  // blanked again (an application decided while open brings its satisfaction card in then).
  const asksSatisfaction = app?.status === 'completed' && !!user?.roles.includes('applicant');
  const satisfaction = useSatisfaction(id, asksSatisfaction);
  const fees = useQuery({ ...applicationPaymentsQuery(id), enabled: !!app });
  const shown = useRef(false);
  const sidePartsPending = !!app && (fees.isPending || (asksSatisfaction && satisfaction.isPending));

  if (query.isPending || (sidePartsPending && !shown.current)) return <Box sx={{ py: 2 }}><Title title={translate('applicant.h.application')} /><LoadingBlock lines={10} /></Box>;
  if (query.error || !app) return <Box sx={{ py: 2 }}><Title title={translate('applicant.h.application')} /><ErrorNotice error={query.error} onRetry={() => query.refetch()} /></Box>;

  const isAgent = !!user?.roles.includes('agent');
  // an agent completes the company applicant's tasks (the API shows it only its companies' applications)
  const forAgent = (t: TaskRecord) => isAgent && t.status === 'open' && !!t.assignee && t.candidateGroups === '';
  const fixTask = app.tasks.find((t) => (isMine(t, user) || forAgent(t)) && !sent.has(t.id));
  const startKeys = labelsOf(start.data?.form);
  const { values, changed } = currentData(app, new Set(startKeys.keys()));
  const running = OPEN_STATUSES.has(app.status);
  const isApplicant = !!user?.roles.includes('applicant');
  shown.current = true;

  return (
    <Box sx={{ py: 2 }} data-testid="application-page" data-tracking={app.trackingNumber} data-status={app.status}>
      <Title title={`${translate('applicant.h.application')} ${app.trackingNumber}`} />
      <Box component="nav" aria-label={translate('applicant.show.breadcrumb')} sx={{ mb: 1, fontSize: '0.9rem' }}>
        <RouterLink to="/applications">{translate('applicant.h.applications')}</RouterLink> ‹ <bdi>{app.trackingNumber}</bdi>
      </Box>
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap" sx={{ mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flex: '1 1 auto' }}>
          {translate('applicant.h.application')} <bdi data-testid="tracking-number">{app.trackingNumber}</bdi>
        </Typography>
        {running ? (
          <Tooltip title={translate('applicant.show.auto_refresh')}>
            <IconButton onClick={() => query.refetch()} aria-label={translate('applicant.show.refresh')} data-testid="refresh-application" data-fetching={String(query.isFetching)}>
              <RefreshIcon />
            </IconButton>
          </Tooltip>
        ) : null}
        {running && (isApplicant || isAgent) ? <WithdrawButton trackingNumber={app.trackingNumber} /> : null}
      </Stack>

      {app.appeal ? <AppealPanel trackingNumber={app.trackingNumber} appeal={app.appeal} canAppeal={isApplicant} /> : null}
      {fixTask ? <FixNotice task={fixTask} /> : null}
      {sent.size && !fixTask && running ? <Alert severity="success" sx={{ mb: 2 }} data-testid="fix-sent">{translate('applicant.fix.sent')}</Alert> : null}
      {fixTask ? <FixPanel app={app} task={fixTask} onDone={(taskId) => setSent((s) => new Set(s).add(taskId))} /> : null}

      {app.status === 'completed' && isApplicant ? <Box sx={{ mb: 2 }}><SatisfactionCard trackingNumber={app.trackingNumber} /></Box> : null}

      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 7 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Card><CardContent><BiHeading k="summary" /><Summary app={app} /></CardContent></Card>
          <Card data-testid="applied-for-card">
            <CardContent>
              <BiHeading k="applied_for" />
              {start.isPending ? <LoadingBlock lines={5} /> : (
                <FormValues schema={start.data?.form} values={values} documents={app.documents} testId="submitted-data" changed={changed} />
              )}
            </CardContent>
          </Card>
          <Card data-testid="documents-card">
            <CardContent>
              <BiHeading k="documents" />
              {app.documents.length ? (
                <Box component="ul" sx={{ m: 0, paddingInlineStart: 2.5 }} data-testid="documents">
                  {app.documents.map((d) => (
                    <Box component="li" key={d.id} data-testid="document-item" sx={{ mb: 0.5 }}>
                      <DocumentLink doc={d} testId="download-document" />
                      <Typography component="span" variant="body2" color="text.secondary" sx={{ marginInlineStart: 1 }}>
                        {d.kind && startKeys.has(d.kind) ? <BiText text={startKeys.get(d.kind)} /> : d.kind === RECEIPT_KIND ? <span data-testid="receipt-label">{translate('payments.receipt')}</span> : null} {d.createdAt ? <>· <JalaliDate value={d.attachedAt ?? d.createdAt} /></> : null}
                      </Typography>
                    </Box>
                  ))}
                </Box>
              ) : <Typography color="text.secondary">{translate('applicant.show.no_documents')}</Typography>}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <FeePanel trackingNumber={app.trackingNumber} running={running} canPay={isApplicant} />
          <Card data-testid="certificates-card">
            <CardContent>
              <BiHeading k="certificates" />
              {app.certificates.length ? app.certificates.map((c) => <CertificateItem key={c.number} cert={c} canRenew={isApplicant} />) : (
                <Typography color="text.secondary">{translate(running ? 'applicant.show.no_certificates_yet' : 'applicant.show.no_certificates')}</Typography>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardContent>
              <BiHeading k="history" />
              <History entries={app.history} tasks={app.tasks} documents={app.documents} decisionTime={app.decisionTime} decided={!!app.completedAt} />
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </Box>
  );
}
