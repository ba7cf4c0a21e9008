/**
 * /feedback — administrators: every message, filtered by kind, state and the delay flag (flagged
 * complaints first), each with its answer form (POST /api/feedback/:number/answer, /close). The
 * filters live in the address (?kind=&state=&flagged=true): a language switch or a reload keeps them,
 * and a filtered list can be linked to.
 */
import { Alert, Box, Button, Checkbox, FormControlLabel, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/http';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { KINDS, STATES, type FeedbackMessage } from './model';
import { MessageCard } from './parts';

function AnswerForm({ message }: { message: FeedbackMessage }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState(message.answer ?? '');
  const [close, setClose] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (message.state === 'closed') return null;
  const send = async (path: string, body?: unknown, done = 'feedback.admin.answered') => {
    setBusy(true);
    setError(undefined);
    try {
      await api(path, { method: 'POST', body });
      notify(done, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['feedback', 'admin'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = error instanceof ApiError ? error.fieldErrors.answer : undefined;
  const number = encodeURIComponent(message.trackingNumber);
  return (
    <Box sx={{ display: 'grid', gap: 1, mt: 1 }} data-testid="answer-form">
      <TextField label={translate('feedback.admin.answer_label')} value={answer} onChange={(e) => setAnswer(e.target.value)} multiline minRows={2}
        error={!!fieldError} helperText={fieldError} slotProps={{ htmlInput: { dir: 'auto', maxLength: 4000, 'data-testid': 'answer-text' } }} />
      {error && !fieldError ? <Alert severity="error">{(error as Error).message}</Alert> : null}
      <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
        <Button variant="contained" disabled={busy || answer.trim().length < 3} onClick={() => send(`/api/feedback/${number}/answer`, { answer, close })} data-testid="answer-send">{translate('feedback.admin.send')}</Button>
        <FormControlLabel control={<Checkbox checked={close} onChange={(e) => setClose(e.target.checked)} />} label={translate('feedback.admin.close_too')} />
        <Button disabled={busy} onClick={() => send(`/api/feedback/${number}/close`, undefined, 'feedback.admin.closed')} data-testid="close-message">{translate('feedback.admin.close')}</Button>
      </Stack>
    </Box>
  );
}

export function FeedbackAdminPage() {
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const kind = (KINDS as readonly string[]).includes(params.get('kind') ?? '') ? params.get('kind')! : '';
  // no state in the address: the messages waiting for an answer; an empty one: every state
  const state = params.get('state') === null ? 'received' : (STATES as readonly string[]).includes(params.get('state')!) ? params.get('state')! : '';
  const flagged = params.get('flagged') === 'true';
  const setFilter = (name: 'kind' | 'state' | 'flagged', value: string) => setParams((current) => {
    const next = new URLSearchParams(current);
    if (value || name === 'state') next.set(name, value);
    else next.delete(name);
    return next;
  }, { replace: true });
  const qs = new URLSearchParams({ perPage: '100', ...(kind ? { kind } : {}), ...(state ? { state } : {}), ...(flagged ? { flagged: 'true' } : {}) }).toString();
  const query = useQuery({ queryKey: ['feedback', 'admin', qs], queryFn: ({ signal }) => api<{ data: FeedbackMessage[]; total: number }>(`/api/feedback?${qs}`, { signal }) });
  return (
    <Box sx={{ py: 2, display: 'grid', gap: 2 }} data-testid="feedback-admin">
      <Title title={translate('feedback.admin.title')} />
      <Typography variant="h5" component="h1">{translate('feedback.admin.title')}</Typography>
      <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" alignItems="center">
        <TextField select size="small" label={translate('feedback.contact.kind')} value={kind} onChange={(e) => setFilter('kind', e.target.value)} sx={{ width: 220 }}>
          <MenuItem value="">{translate('feedback.admin.all')}</MenuItem>
          {KINDS.map((k) => <MenuItem key={k} value={k}>{translate(`feedback.kinds.${k}`)}</MenuItem>)}
        </TextField>
        <TextField select size="small" label={translate('feedback.message.state')} value={state} onChange={(e) => setFilter('state', e.target.value)} sx={{ width: 220 }} data-testid="filter-state">
          <MenuItem value="">{translate('feedback.admin.all')}</MenuItem>
          {STATES.map((s) => <MenuItem key={s} value={s}>{translate(`feedback.states.${s}`)}</MenuItem>)}
        </TextField>
        <FormControlLabel control={<Checkbox checked={flagged} onChange={(e) => setFilter('flagged', e.target.checked ? 'true' : '')} data-testid="filter-flagged" />} label={translate('feedback.admin.flagged')} />
      </Stack>
      {query.isPending ? <LoadingBlock lines={4} height={80} /> : null}
      {query.error ? <ErrorNotice error={query.error} onRetry={() => query.refetch()} /> : null}
      {query.data && !query.data.data.length ? <EmptyState title={translate('feedback.admin.empty')} hint={translate('feedback.admin.empty_hint')} /> : null}
      {query.data?.data.map((m) => <MessageCard key={m.trackingNumber} message={m}><AnswerForm message={m} /></MessageCard>)}
    </Box>
  );
}
