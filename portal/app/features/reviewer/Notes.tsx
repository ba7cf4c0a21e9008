/**
 * Comments and files on a task (GET/POST /api/tasks/:id/comments and /attachments): read by whoever
 * may see the task, added while it is open by those who may work on it.
 */
import AttachIcon from '@mui/icons-material/AttachFileOutlined';
import { Box, Button, CircularProgress, Link, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, api, download } from '../../api/http';
import { JalaliDate } from '../../components/JalaliDate';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { MAX_DOCUMENT_BYTES } from '../../components/documents/uploads';
import type { TaskAttachment, TaskComment } from './model';
import { BiHeading } from './parts';

const MAX_COMMENT = 4000;

/** The refusals of a file the reviewer can act on, in the page's language with the file's name; others as the API says them. */
const UPLOAD_REFUSALS: Record<number, string> = { 415: 'reviewer.notes.wrong_type', 413: 'reviewer.notes.too_big' };

export function TaskNotes({ taskId, canAdd }: { taskId: string; canAdd: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const path = `/api/tasks/${encodeURIComponent(taskId)}`;
  const comments = useQuery({ queryKey: ['reviewer', 'comments', taskId], queryFn: ({ signal }) => api<TaskComment[]>(`${path}/comments`, { signal }) });
  const files = useQuery({ queryKey: ['reviewer', 'attachments', taskId], queryFn: ({ signal }) => api<TaskAttachment[]>(`${path}/attachments`, { signal }) });
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const refusalInWords = (err: unknown, name: string): unknown => {
    const words = err instanceof ApiError ? UPLOAD_REFUSALS[err.status] : undefined;
    return words ? new Error(translate(words, { name })) : err;
  };

  const send = async () => {
    if (!text.trim()) return;
    setSending(true);
    setProblem(null);
    try {
      await api(`${path}/comments`, { body: { body: text.trim() } });
      setText('');
      await queryClient.invalidateQueries({ queryKey: ['reviewer', 'comments', taskId] });
      notify('reviewer.notes.comment_added', { type: 'success' });
    } catch (err) {
      setProblem(err);
    } finally {
      setSending(false);
    }
  };

  const attach = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (file.size > MAX_DOCUMENT_BYTES) {
      setProblem(new Error(translate('reviewer.notes.too_big', { name: file.name })));
      return;
    }
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      await api(`${path}/attachments`, { form });
      await queryClient.invalidateQueries({ queryKey: ['reviewer', 'attachments', taskId] });
      notify('reviewer.notes.file_added', { type: 'success', messageArgs: { name: file.name } });
    } catch (err) {
      setProblem(refusalInWords(err, file.name));
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <Box data-testid="task-notes">
      <BiHeading k="reviewer.notes.title" />
      {comments.isPending ? <LoadingBlock lines={2} /> : comments.error ? <ErrorNotice error={comments.error} onRetry={() => comments.refetch()} /> : comments.data.length ? (
        <Stack component="ol" spacing={1.5} sx={{ listStyle: 'none', p: 0, m: 0, mb: 2 }} data-testid="comments">
          {comments.data.map((c) => (
            <Box component="li" key={c.id} data-testid="comment" sx={{ borderInlineStart: 3, borderColor: 'secondary.main', paddingInlineStart: 1.5 }}>
              <Typography variant="body2" dir="auto" sx={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography>
              <Typography variant="caption" color="text.secondary" component="div"><bdi>{c.author}</bdi> · <JalaliDate value={c.createdAt} withTime /></Typography>
            </Box>
          ))}
        </Stack>
      ) : <Typography color="text.secondary" sx={{ mb: 2 }}>{translate('reviewer.notes.no_comments')}</Typography>}

      {canAdd ? (
        <Box sx={{ mb: 2 }}>
          <TextField
            id={inputId}
            label={translate('reviewer.notes.comment')}
            helperText={translate('reviewer.notes.comment_hint')}
            multiline
            minRows={2}
            fullWidth
            value={text}
            onChange={(e) => setText(e.target.value.slice(0, MAX_COMMENT))}
            slotProps={{ htmlInput: { 'data-testid': 'comment-input', dir: 'auto', maxLength: MAX_COMMENT } }}
          />
          <Button sx={{ mt: 1 }} variant="outlined" onClick={send} disabled={sending || !text.trim()} data-testid="comment-submit" startIcon={sending ? <CircularProgress size={16} color="inherit" /> : undefined}>
            {translate('reviewer.notes.add_comment')}
          </Button>
        </Box>
      ) : null}

      <Typography sx={{ fontWeight: 700, mb: 0.5 }}>{translate('reviewer.notes.files')}</Typography>
      {files.isPending ? <LoadingBlock lines={1} /> : files.error ? <ErrorNotice error={files.error} onRetry={() => files.refetch()} /> : files.data.length ? (
        <Box component="ul" sx={{ m: 0, mb: 1, paddingInlineStart: 2.5 }} data-testid="attachments">
          {files.data.map((f) => (
            <li key={f.id} data-testid="attachment">
              <Link
                component="button"
                type="button"
                onClick={() => download(`${path}/attachments/${encodeURIComponent(f.id)}`, f.filename).catch((err: Error) => notify(err.message, { type: 'error' }))}
                aria-label={translate('reviewer.documents.download', { name: f.filename })}
                sx={{ verticalAlign: 'baseline' }}
              >
                <bdi>{f.filename}</bdi>
              </Link>{' '}
              <Typography component="span" variant="caption" color="text.secondary"><bdi>{f.author}</bdi> · <JalaliDate value={f.createdAt} /></Typography>
            </li>
          ))}
        </Box>
      ) : <Typography color="text.secondary" sx={{ mb: 1 }}>{translate('reviewer.notes.no_files')}</Typography>}
      {canAdd ? (
        <Button component="label" variant="outlined" startIcon={uploading ? <CircularProgress size={16} color="inherit" /> : <AttachIcon />} disabled={uploading} data-testid="attach-button">
          {translate('reviewer.notes.attach')}
          <input ref={fileInput} type="file" hidden accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" data-testid="attachment-input" onChange={(e) => void attach(e.target.files?.[0])} />
        </Button>
      ) : null}
      {problem ? <Box sx={{ mt: 1 }}><ErrorNotice error={problem} /></Box> : null}
    </Box>
  );
}
