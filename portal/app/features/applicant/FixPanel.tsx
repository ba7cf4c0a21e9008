/**
 * Sent back for fixes: the application waits on a task of the applicant (definitions: `applicant-fix`,
 * assignee `=applicant`). A prominent notice with the deadline, the reviewer's decision and comment
 * beside the fix form, prefilled with the earlier data (GET /api/tasks/:id), completed through
 * POST /api/tasks/:id/complete; afterwards every cached read of the application is refreshed.
 */
import { Alert, AlertTitle, Box, Card, CardContent, Grid } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useNotify, useTranslate } from 'react-admin';
import { api } from '../../api/http';
import { BiText } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import { BpmnForm } from '../../components/forms/BpmnForm';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { FormValues } from './FormValues';
import { useTask } from './hooks';
import type { ApplicationDetail, TaskRecord } from './model';
import { BiHeading } from './parts';

/** The latest decision before the fix task opened: a staff task's values, with its form's labels. */
function reviewBefore(app: ApplicationDetail, task: TaskRecord): TaskRecord | undefined {
  return app.tasks
    .filter((t) => t.status === 'completed' && t.id !== task.id && t.candidateGroups !== '' && t.output && t.completedAt && t.completedAt <= task.createdAt)
    .sort((a, b) => (a.completedAt! < b.completedAt! ? 1 : -1))[0];
}

export function FixNotice({ task }: { task: TaskRecord }) {
  const translate = useTranslate();
  return (
    <Alert severity="warning" variant="outlined" data-testid="fix-notice" sx={{ mb: 2, borderWidth: 2, bgcolor: 'background.paper', '& .MuiAlert-message': { width: '100%' } }}>
      <AlertTitle sx={{ fontWeight: 700 }}>{translate('applicant.fix.notice')}</AlertTitle>
      <Box component="span" data-testid="fix-deadline">
        {task.dueDate ? <>{translate('applicant.fix.deadline')}: <JalaliDate value={task.dueDate} /></> : translate('applicant.fix.no_deadline')}
      </Box>
      <Box>{translate('applicant.fix.what_to_do')}</Box>
    </Alert>
  );
}

export function FixPanel({ app, task, onDone }: { app: ApplicationDetail; task: TaskRecord; onDone(taskId: string): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const detail = useTask(task.id);
  const review = reviewBefore(app, task);
  return (
    <Grid container spacing={2} sx={{ mb: 2 }} data-testid="fix-panel">
      <Grid size={{ xs: 12, md: 4 }}>
        <Card variant="outlined" sx={{ height: '100%', borderColor: 'warning.main' }} data-testid="fix-comment">
          <CardContent>
            <BiHeading k="review_comment" component="h2" />
            {review ? (
              <>
                <Box sx={{ fontWeight: 700, mb: 1 }}><BiText text={review.name ?? review.elementId} /></Box>
                <FormValues schema={review.form} values={review.output} documents={app.documents} dense />
                {review.completedAt ? <Box sx={{ mt: 1, color: 'text.secondary', fontSize: '0.875rem' }}><JalaliDate value={review.completedAt} /></Box> : null}
              </>
            ) : (
              <Box color="text.secondary">{translate('applicant.fix.no_comment')}</Box>
            )}
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <Card variant="outlined">
          <CardContent>
            <BiHeading k="fix_form" component="h2" />
            {detail.isPending ? <LoadingBlock lines={8} /> : detail.error ? <ErrorNotice error={detail.error} onRetry={() => detail.refetch()} /> : detail.data.form ? (
              <BpmnForm
                schema={detail.data.form}
                data={detail.data.prefill ?? {}}
                documents={detail.data.documents}
                submitLabel={translate('applicant.fix.submit')}
                testId="fix-form"
                draftKey={`task:${task.id}`}
                onSubmit={async (values) => {
                  await api(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { body: { values } });
                  notify('applicant.fix.done', { type: 'success' });
                  onDone(task.id);
                  // the application, its list and the task caches all change: no stale copy stays
                  await Promise.all([
                    queryClient.invalidateQueries({ queryKey: ['applications'] }),
                    queryClient.invalidateQueries({ queryKey: ['applicant'] }),
                  ]);
                }}
              />
            ) : (
              <Alert severity="info">{translate('applicant.fix.no_form')}</Alert>
            )}
          </CardContent>
        </Card>
      </Grid>
    </Grid>
  );
}
