/**
 * An application's inquiry answers (GET /api/applications/:t/inquiries, staff only): per inquiry the
 * registry, when it answered, positive or negative, the answer in both languages, and the answer in
 * full on demand. `refreshKey` changes when the page knows the application moved on (e.g. after an
 * incident's retry), so a new answer shows without a reload.
 */
import CheckIcon from '@mui/icons-material/CheckCircleOutline';
import CancelIcon from '@mui/icons-material/HighlightOff';
import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { api } from '../../api/http';
import { Bi } from '../../components/Bi';
import { BiHeading } from '../../components/BiHeading';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';

export interface InquiryResultView {
  id: string;
  registry: string;
  elementId: string;
  outcome: 'positive' | 'negative';
  summaryFa: string;
  summaryEn: string;
  response: unknown;
  at: string;
}

interface Director { name: string; role: string }

function directorsOf(response: unknown): Director[] {
  const d = (response as { directors?: unknown } | null)?.directors;
  return Array.isArray(d) ? d.filter((x): x is Director => typeof x?.name === 'string' && typeof x?.role === 'string') : [];
}

function InquiryItem({ inquiry }: { inquiry: InquiryResultView }) {
  const translate = useTranslate();
  const positive = inquiry.outcome === 'positive';
  const directors = directorsOf(inquiry.response);
  return (
    <Box
      component="li"
      data-testid="inquiry-result"
      data-registry={inquiry.registry}
      data-outcome={inquiry.outcome}
      sx={{ borderInlineStart: 3, borderColor: positive ? 'success.main' : 'error.main', paddingInlineStart: 1.5 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography component="h3" sx={{ fontWeight: 700 }}>{translate(`inquiries.registry.${inquiry.registry}`, { _: inquiry.registry })}</Typography>
        <Chip
          size="small"
          color={positive ? 'success' : 'error'}
          variant="outlined"
          icon={positive ? <CheckIcon /> : <CancelIcon />}
          label={translate(`inquiries.outcome.${inquiry.outcome}`)}
          data-testid="inquiry-outcome"
        />
      </Box>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
        {translate('inquiries.asked_at')}: <JalaliDate value={inquiry.at} withTime />
      </Typography>
      {/* each summary in its own direction: the English one often starts with a Persian name */}
      <Typography component="div" data-testid="inquiry-summary" sx={{ overflowWrap: 'anywhere' }}>
        <Bi fa={<bdi dir="rtl" lang="fa">{inquiry.summaryFa}</bdi>} en={<bdi dir="ltr" lang="en">{inquiry.summaryEn}</bdi>} stack />
      </Typography>
      {directors.length ? (
        <Typography variant="body2" component="div" sx={{ mt: 0.5 }} data-testid="inquiry-directors">
          {translate('inquiries.directors')}: {directors.map((d, i) => <span key={i}>{i ? '، ' : ''}<bdi>{d.name}</bdi> (<bdi>{d.role}</bdi>)</span>)}
        </Typography>
      ) : null}
      <details>
        <summary style={{ cursor: 'pointer' }}>{translate('inquiries.details')}</summary>
        <Box component="pre" dir="ltr" tabIndex={0} sx={{ m: 0, mt: 1, p: 1, maxHeight: 240, overflow: 'auto', bgcolor: '#fff', color: '#1f2937', border: '1px solid #e5e7eb', borderRadius: 1, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {JSON.stringify(inquiry.response, null, 1)}
        </Box>
      </details>
    </Box>
  );
}

export function InquiryResults({ tracking, refreshKey = '' }: { tracking: string; refreshKey?: string }) {
  const translate = useTranslate();
  const { data, isPending, error, refetch } = useQuery({
    queryKey: ['inquiries', tracking, refreshKey],
    queryFn: ({ signal }) => api<InquiryResultView[]>(`/api/applications/${encodeURIComponent(tracking)}/inquiries`, { signal }),
    enabled: !!tracking,
    placeholderData: (previous) => previous,
  });
  return (
    <Card variant="outlined" component="section" aria-labelledby="inquiries-heading" data-testid="inquiry-results">
      <CardContent>
        <BiHeading k="inquiries.title" id="inquiries-heading" />
        {isPending ? <LoadingBlock lines={2} /> : error ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : data?.length ? (
          <Stack component="ol" spacing={2} sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {data.map((inquiry) => <InquiryItem key={inquiry.id} inquiry={inquiry} />)}
          </Stack>
        ) : <EmptyState title={translate('inquiries.empty')} hint={translate('inquiries.empty_hint')} testId="no-inquiries" />}
      </CardContent>
    </Card>
  );
}
