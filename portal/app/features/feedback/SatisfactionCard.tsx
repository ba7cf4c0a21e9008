/**
 * The satisfaction prompt on a decided application (applicants): 1–5 and a comment, once per
 * decision (GET/POST /api/applications/:tracking/satisfaction). Shown by the applicant's application page.
 */
import { Alert, Box, Button, Card, CardContent, Rating, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { api, ApiError } from '../../api/http';
import type { Rating as RatingRow } from './model';

const satisfactionKey = (trackingNumber: string) => ['feedback', 'satisfaction', trackingNumber];

/**
 * Whether the applicant may rate the decision, and the rating given: read by the card, and by the
 * page that shows it, which waits for it so the card does not push the page down when it arrives.
 */
export function useSatisfaction(trackingNumber: string, enabled = true) {
  return useQuery({
    queryKey: satisfactionKey(trackingNumber),
    queryFn: ({ signal }) => api<{ canRate: boolean; rating: RatingRow | null }>(`/api/applications/${encodeURIComponent(trackingNumber)}/satisfaction`, { signal }),
    enabled,
  });
}

export function SatisfactionCard({ trackingNumber }: { trackingNumber: string }) {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const key = satisfactionKey(trackingNumber);
  const query = useSatisfaction(trackingNumber);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (!query.data || (!query.data.canRate && !query.data.rating)) return null;
  const given = query.data.rating;
  const send = async () => {
    if (!rating) return;
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/applications/${encodeURIComponent(trackingNumber)}/satisfaction`, { body: { rating, ...(comment.trim() ? { comment } : {}) } });
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = error instanceof ApiError ? error.fieldErrors.comment : undefined;
  return (
    <Card data-testid="satisfaction-card" data-rated={String(!!given)} sx={{ borderInlineStart: 4, borderColor: 'primary.main' }}>
      <CardContent sx={{ display: 'grid', gap: 1.5 }}>
        <Typography variant="h6" component="h2">{translate('feedback.satisfaction.title')}</Typography>
        {given ? (
          <Box data-testid="satisfaction-given" data-rating={given.rating}>
            <Rating value={given.rating} readOnly />
            <Typography>{translate('feedback.satisfaction.thanks', { rating: given.rating })}</Typography>
            {given.comment ? <Typography dir="auto" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>{given.comment}</Typography> : null}
          </Box>
        ) : (
          <>
            <Typography>{translate('feedback.satisfaction.prompt')}</Typography>
            <Rating name={`satisfaction-${trackingNumber}`} value={rating} onChange={(_e, v) => setRating(v)} size="large" data-testid="satisfaction-rating"
              getLabelText={(v) => `${v} / 5`} aria-label={translate('feedback.satisfaction.rating')} />
            <TextField label={translate('feedback.satisfaction.comment')} value={comment} onChange={(e) => setComment(e.target.value)} multiline minRows={2}
              error={!!fieldError} helperText={fieldError} slotProps={{ htmlInput: { dir: 'auto', maxLength: 1000, 'data-testid': 'satisfaction-comment' } }} />
            {error && !fieldError ? <Alert severity="error">{(error as Error).message}</Alert> : null}
            <Box><Button variant="contained" disabled={!rating || busy} onClick={send} data-testid="satisfaction-send">{translate('feedback.satisfaction.send')}</Button></Box>
          </>
        )}
      </CardContent>
    </Card>
  );
}
