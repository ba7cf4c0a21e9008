/**
 * The states every page has besides its data: loading (a skeleton the size of what comes, so
 * nothing jumps), empty (what to do next), and failed (the API's words and a retry).
 */
import InboxIcon from '@mui/icons-material/InboxOutlined';
import { Alert, AlertTitle, Box, Button, Skeleton, Typography } from '@mui/material';
import type { ComponentType, ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { ApiError } from '../api/http';

export function LoadingBlock({ lines = 4, height = 28 }: { lines?: number; height?: number }) {
  const translate = useTranslate();
  return (
    <Box role="status" aria-label={translate('ito.loading')} sx={{ py: 1 }}>
      {Array.from({ length: lines }, (_, i) => <Skeleton key={i} variant="rounded" height={height} sx={{ mb: 1 }} />)}
    </Box>
  );
}

export function EmptyState({ title, hint, action, icon: Icon = InboxIcon, testId }: { title: ReactNode; hint?: ReactNode; action?: ReactNode; icon?: ComponentType<{ sx?: object }>; testId?: string }) {
  return (
    <Box data-testid={testId ?? 'empty-state'} sx={{ textAlign: 'center', py: 6, px: 2, color: 'text.secondary' }}>
      <Icon sx={{ fontSize: 56, color: 'secondary.main', mb: 1 }} />
      <Typography variant="h6" component="p" color="text.primary">{title}</Typography>
      {hint ? <Typography sx={{ mt: 1, maxWidth: 560, mx: 'auto' }}>{hint}</Typography> : null}
      {action ? <Box sx={{ mt: 2 }}>{action}</Box> : null}
    </Box>
  );
}

/** An error in words: the API's message, its field errors, and what the user can do. */
export function ErrorNotice({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: ReactNode }) {
  const translate = useTranslate();
  const api = error instanceof ApiError ? error : null;
  const message = api?.status === 0 ? translate('ito.offline') : api?.status === 403 ? translate('ito.forbidden') : error instanceof Error ? error.message : String(error);
  const fields = api ? Object.entries(api.fieldErrors) : [];
  return (
    <Alert severity="error" data-testid="error-notice" action={onRetry ? <Button color="inherit" size="small" onClick={onRetry}>{translate('ito.retry')}</Button> : undefined}>
      {title ? <AlertTitle>{title}</AlertTitle> : null}
      <span dir="auto">{message}</span>
      {fields.length ? (
        <Box component="ul" sx={{ m: 0, paddingInlineStart: 3 }}>
          {fields.map(([k, v]) => <li key={k}><bdi>{k}</bdi>: <span dir="auto">{v}</span></li>)}
        </Box>
      ) : null}
    </Alert>
  );
}
