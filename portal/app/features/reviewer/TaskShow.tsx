/**
 * One task as a reviewer works on it: the task's form (form-js, prefilled, its hide conditions
 * reading the task's context) beside what was applied for (read with the start form's labels,
 * dynamic lists as tables) and the application's documents; the due date coloured by its SLA and who
 * holds the task, with claim / give back; comments and files on the task; the decisions taken
 * earlier in the application (staff read the whole application). A ruling's task (legal deadline,
 * appeal) shows the application it decides instead, with why it came. After the decision, back to
 * the queue with the tracking number said.
 */
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import { Alert, Box, Button, Card, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify, useRedirect, useTranslate } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { api, download } from '../../api/http';
import { session } from '../../api/session';
import { BiText } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import type { DocumentView } from '../../components/documents/uploads';
import { BpmnForm, type FormSchema } from '../../components/forms/BpmnForm';
import { EMPTY_FORM } from '../../components/forms/schema';
import { FormValues, labelsOf } from '../applicant/FormValues';
import type { TaskDetail } from './model';
import { BiHeading, ClaimButton, DueDate, Holder, useGroupName } from './parts';
import { TaskNotes } from './Notes';
import { InquiryResults } from '../inquiries';
import { rulingOf } from './ruling';
import { RulingReason } from './RulingReason';

interface StartForm { form: FormSchema | null }

interface ApplicationView {
  trackingNumber: string;
  processKey: string;
  processVersion: number;
  submittedData: Record<string, unknown> | null;
  tasks: { id: string; elementId: string; name: string | null; status: string; form: FormSchema | null; output: Record<string, unknown> | null; completedBy: string | null; completedAt: string | null }[];
  documents: DocumentView[];
}

const isStaff = (): boolean => !!session.user()?.roles.some((r) => r === 'reviewer' || r === 'admin');

function useStartForm(key: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['reviewer', 'start-form', key, version],
    queryFn: ({ signal }) => api<StartForm>(`/api/definitions/${encodeURIComponent(key ?? '')}/start-form?version=${version}`, { signal }),
    enabled: !!key && !!version,
    staleTime: 5 * 60_000,
  });
}

/** The whole application, for staff (GET /api/applications/:t shows them every one). */
function useApplication(tracking: string | undefined) {
  return useQuery({
    queryKey: ['reviewer', 'application', tracking],
    queryFn: ({ signal }) => api<ApplicationView>(`/api/applications/${encodeURIComponent(tracking ?? '')}`, { signal }),
    enabled: !!tracking && isStaff(),
  });
}

function Documents({ documents, labels }: { documents: DocumentView[]; labels: Map<string, string> }) {
  const translate = useTranslate();
  const notify = useNotify();
  if (!documents.length) return <Typography color="text.secondary">{translate('reviewer.documents.none')}</Typography>;
  return (
    <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {documents.map((d) => (
        <Box component="li" key={d.id} data-testid="document-item" data-kind={d.kind ?? ''} sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography component="div" sx={{ overflowWrap: 'anywhere' }}><bdi>{d.filename}</bdi></Typography>
            <Typography component="div" variant="caption" color="text.secondary">
              {d.kind && labels.get(d.kind) ? <BiText text={labels.get(d.kind)} /> : d.kind === 'attachment' ? translate('reviewer.documents.attachment') : <bdi>{d.kind}</bdi>}
              {d.createdAt ? <> · <JalaliDate value={d.createdAt} /></> : null}
            </Typography>
          </Box>
          <Button
            size="small"
            variant="outlined"
            startIcon={<DownloadIcon />}
            data-testid="download-document"
            aria-label={translate('reviewer.documents.download', { name: d.filename })}
            onClick={() => download(`/api/documents/${encodeURIComponent(d.id)}/content`, d.filename).catch((err: Error) => notify(err.message, { type: 'error' }))}
          >
            {translate('reviewer.documents.download_short')}
          </Button>
        </Box>
      ))}
    </Stack>
  );
}

/** Decisions taken earlier in the application: each completed step's values, by whom and when. */
function EarlierDecisions({ tracking, taskId }: { tracking: string; taskId: string }) {
  const translate = useTranslate();
  const application = useApplication(tracking);
  if (!isStaff()) return null;
  const done = (application.data?.tasks ?? []).filter((t) => t.status === 'completed' && t.id !== taskId);
  return (
    <Card variant="outlined" data-testid="earlier-decisions">
      <CardContent>
        <BiHeading k="reviewer.task.earlier" />
        {application.isPending ? <LoadingBlock lines={2} /> : application.error ? <ErrorNotice error={application.error} onRetry={() => application.refetch()} /> : done.length ? (
          <Stack component="ol" spacing={2} sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {done.map((t) => (
              <Box component="li" key={t.id} data-testid="earlier-decision" data-element={t.elementId} sx={{ borderInlineStart: 3, borderColor: 'primary.main', paddingInlineStart: 1.5 }}>
                <Typography sx={{ fontWeight: 700 }} dir="auto"><BiText text={t.name ?? t.elementId} /></Typography>
                <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
                  <bdi>{t.completedBy ?? ''}</bdi> · <JalaliDate value={t.completedAt} withTime />
                </Typography>
                <FormValues schema={t.form} values={t.output} documents={application.data?.documents ?? []} dense />
              </Box>
            ))}
          </Stack>
        ) : <Typography color="text.secondary">{translate('reviewer.task.no_earlier')}</Typography>}
      </CardContent>
    </Card>
  );
}

function Decision({ task }: { task: TaskDetail }) {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const me = session.user()?.username;
  if (task.status === 'completed') {
    return (
      <Box data-testid="task-output">
        <Alert severity="success" sx={{ mb: 2 }}>{translate('reviewer.task.completed_by', { user: task.completedBy ?? '' })}</Alert>
        <FormValues schema={task.form} values={task.output} documents={task.documents} />
      </Box>
    );
  }
  if (task.status !== 'open') return <Alert severity="info" data-testid="task-closed">{translate('reviewer.task.closed')}</Alert>;
  if (task.assignee && task.assignee !== me) return <Alert severity="info" data-testid="task-held">{translate('reviewer.task.held_by', { user: task.assignee })}</Alert>;
  return (
    <>
      {/* a step without a form is completed as it is, as Camunda's Tasklist does */}
      {!task.form ? <Alert severity="info" sx={{ mb: 2 }} data-testid="task-no-form">{translate('reviewer.task.no_form')}</Alert> : null}
      {!task.assignee ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="claim-hint" action={<ClaimButton task={task} />}>
          {translate('reviewer.task.claim_hint')}
        </Alert>
      ) : null}
      <BpmnForm
        schema={task.form ?? EMPTY_FORM}
        data={task.prefill ?? {}}
        documents={task.documents}
        submitLabel={translate('reviewer.task.submit')}
        testId="task-form"
        draftKey={`task:${task.id}`}
        onSubmit={async (values) => {
          await api(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { body: { values } });
          notify('reviewer.task.done', { type: 'success', messageArgs: { tracking: task.application.trackingNumber } });
          await Promise.all([queryClient.invalidateQueries({ queryKey: ['tasks'] }), queryClient.invalidateQueries({ queryKey: ['reviewer'] })]);
          redirect('/tasks');
        }}
      />
    </>
  );
}

export function TaskShow() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const groupName = useGroupName();
  const me = session.user()?.username;
  // our own query, not useGetOne: react-admin would first offer the list's row (no form, no documents) as a placeholder
  const { data: task, isPending, error, refetch } = useQuery({
    queryKey: ['tasks', 'detail', id],
    queryFn: ({ signal }) => api<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`, { signal }),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
  // a ruling's reviewer works on the ruled application: its data, documents and earlier steps
  const ruling = task ? rulingOf(task.application.processKey, task.application.submittedData) : undefined;
  const ruled = useApplication(ruling?.ruledTrackingNumber);
  const subject = ruling ? ruled.data : task?.application;
  const startForm = useStartForm(subject?.processKey, subject?.processVersion);
  const title = <Title title={translate('reviewer.task.title')} />;
  const crumbs = (
    <Box component="nav" aria-label={translate('reviewer.task.breadcrumb')} sx={{ mb: 1, fontSize: '0.9rem' }}>
      <RouterLink to="/tasks" data-testid="back-to-queue">{translate('reviewer.task.back')}</RouterLink>
    </Box>
  );
  if (isPending) return <Box sx={{ py: 2 }}>{title}{crumbs}<LoadingBlock lines={10} /></Box>;
  if (error || !task) return <Box sx={{ py: 2 }}>{title}{crumbs}<ErrorNotice error={error ?? new Error(translate('ito.not_found'))} onRetry={() => refetch()} /></Box>;
  const labels = labelsOf(startForm.data?.form, task.form);
  const documents = ruling ? [...(ruled.data?.documents ?? []), ...task.documents] : task.documents;
  const subjectPending = (ruling && isStaff() && ruled.isPending) || (startForm.isPending && startForm.fetchStatus !== 'idle');
  const canAdd = task.status === 'open' && (!task.assignee || task.assignee === me);
  const app = task.application;
  return (
    <Box sx={{ py: 2 }} data-testid="task-page" data-task={task.id} data-tracking={app.trackingNumber} data-element={task.elementId} data-status={task.status}>
      {title}
      {crumbs}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h5" component="h1" dir="auto"><BiText text={task.name ?? task.elementId} stack /></Typography>
        <Chip variant="outlined" label={<bdi data-testid="task-tracking">{app.trackingNumber}</bdi>} sx={{ fontFamily: 'monospace', fontWeight: 700 }} />
      </Box>
      <Box component="dl" sx={{ m: 0, mb: 2, display: 'flex', flexWrap: 'wrap', columnGap: 4, rowGap: 1, '& dt': { color: 'text.secondary', fontSize: '0.85rem' }, '& dd': { m: 0 } }} data-testid="task-facts">
        <div><dt>{translate('reviewer.fields.family')}</dt><dd dir="auto"><BiText text={app.processName ?? app.processKey} /></dd></div>
        <div><dt>{translate('reviewer.fields.company')}</dt><dd dir="auto" data-testid="task-company">{app.organisation?.nameFa ?? '—'}{app.organisation?.nameEn ? <Box component="span" lang="en" dir="ltr" sx={{ color: 'text.secondary', fontSize: '0.85em', marginInlineStart: 1 }}>{app.organisation.nameEn}</Box> : null}</dd></div>
        <div><dt>{translate('reviewer.fields.queue')}</dt><dd>{task.candidateGroups.map((g) => groupName(g)).join('، ') || translate('reviewer.groups.personal')}</dd></div>
        <div><dt>{translate('reviewer.fields.createdAt')}</dt><dd><JalaliDate value={task.createdAt} withTime /></dd></div>
        <div><dt>{translate('reviewer.fields.dueDate')}</dt><dd><DueDate value={task.dueDate} /></dd></div>
        <div>
          <dt>{translate('reviewer.fields.holder')}</dt>
          <dd style={{ display: 'flex', alignItems: 'center', gap: 8 }}><Holder assignee={task.assignee} /> {task.assignee ? <ClaimButton task={task} /> : null}</dd>
        </div>
      </Box>
      {ruling ? <RulingReason ruling={ruling} /> : null}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            <Card component="section" aria-labelledby="task-decision-heading">
              <CardContent>
                <BiHeading k="reviewer.task.decision" id="task-decision-heading" />
                <Decision task={task} />
              </CardContent>
            </Card>
            <Card variant="outlined" component="section">
              <CardContent><TaskNotes taskId={task.id} canAdd={canAdd} /></CardContent>
            </Card>
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2}>
            <Card variant="outlined" component="section" aria-labelledby="submitted-heading">
              <CardContent>
                <BiHeading k="reviewer.task.submitted" id="submitted-heading" />
                {ruling && ruled.error ? <ErrorNotice error={ruled.error} onRetry={() => ruled.refetch()} /> : subjectPending ? <LoadingBlock lines={4} /> : startForm.error ? <ErrorNotice error={startForm.error} onRetry={() => startForm.refetch()} /> : (
                  <FormValues schema={startForm.data?.form} values={subject?.submittedData} documents={documents} testId="submitted-data" dense />
                )}
              </CardContent>
            </Card>
            {isStaff() ? <InquiryResults tracking={ruling?.ruledTrackingNumber ?? app.trackingNumber} /> : null}
            <Card variant="outlined" component="section" aria-labelledby="documents-heading" data-testid="task-documents">
              <CardContent>
                <BiHeading k="reviewer.task.documents" id="documents-heading" />
                <Documents documents={documents} labels={labels} />
              </CardContent>
            </Card>
          </Stack>
        </Grid>
        <Grid size={12}>
          <EarlierDecisions tracking={ruling?.ruledTrackingNumber ?? app.trackingNumber} taskId={task.id} />
        </Grid>
      </Grid>
    </Box>
  );
}
