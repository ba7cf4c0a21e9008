/** /messages — the signed-in user's own messages with their state and answer (GET /api/feedback/mine). */
import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../api/http';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import type { FeedbackMessage } from './model';
import { MessageCard } from './parts';

export function MyMessagesPage() {
  const translate = useTranslate();
  const query = useQuery({ queryKey: ['feedback', 'mine'], queryFn: ({ signal }) => api<FeedbackMessage[]>('/api/feedback/mine', { signal }) });
  const newButton = <Button component={RouterLink} to="/contact" variant="contained" startIcon={<AddIcon />} data-testid="new-message">{translate('feedback.mine.new')}</Button>;
  return (
    <Box sx={{ py: 2, display: 'grid', gap: 2 }} data-testid="my-messages">
      <Title title={translate('feedback.mine.title')} />
      <Stack direction="row" alignItems="center" justifyContent="space-between" useFlexGap flexWrap="wrap" spacing={1}>
        <Typography variant="h5" component="h1">{translate('feedback.mine.title')}</Typography>
        {newButton}
      </Stack>
      {query.isPending ? <LoadingBlock lines={4} height={80} /> : null}
      {query.error ? <ErrorNotice error={query.error} onRetry={() => query.refetch()} /> : null}
      {query.data && !query.data.length ? <EmptyState title={translate('feedback.mine.empty')} hint={translate('feedback.mine.empty_hint')} action={newButton} testId="my-messages-empty" /> : null}
      {query.data?.map((m) => <MessageCard key={m.trackingNumber} message={m} />)}
    </Box>
  );
}
