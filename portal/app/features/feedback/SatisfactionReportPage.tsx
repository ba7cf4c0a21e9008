/** /reports/satisfaction — administrators: per service (its ID and its process's name), the ratings of one Solar Hijri year's decisions (GET /api/reports/satisfaction). */
import { Box, Card, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { api } from '../../api/http';
import { useProcessChoices } from '../../api/processChoices';
import { BiText } from '../../components/Bi';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import type { SatisfactionFigures, SatisfactionReport } from './model';

function Cells({ row }: { row: SatisfactionFigures }) {
  return (
    <>
      <TableCell data-testid="sat-count">{row.count}</TableCell>
      <TableCell data-testid="sat-mean">{row.mean ?? '—'}</TableCell>
      <TableCell data-testid="sat-distribution"><bdi dir="ltr">{row.distribution.join(' · ')}</bdi></TableCell>
    </>
  );
}

export function SatisfactionReportPage() {
  const translate = useTranslate();
  const [year, setYear] = useState('');
  const path = `/api/reports/satisfaction${/^1[34][0-9]{2}$/.test(year) ? `?year=${year}` : ''}`;
  const query = useQuery({ queryKey: ['feedback', 'satisfaction-report', path], queryFn: ({ signal }) => api<SatisfactionReport>(path, { signal }) });
  // a service ID alone says little to a reader: its process's name beside it (the key when it is not deployed)
  const processNames = new Map(useProcessChoices().map((c) => [c.id, c.name]));
  return (
    <Box sx={{ py: 2, display: 'grid', gap: 2 }} data-testid="satisfaction-report">
      <Title title={translate('feedback.report.title')} />
      <Typography variant="h5" component="h1">{translate('feedback.report.title')}</Typography>
      <Typography color="text.secondary">{translate('feedback.report.intro')}</Typography>
      <TextField size="small" label={translate('feedback.report.year')} value={year || (query.data?.year ?? '')} onChange={(e) => setYear(e.target.value)} sx={{ maxWidth: 160 }} slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4, 'data-testid': 'sat-year' } }} />
      {query.isPending ? <LoadingBlock lines={4} /> : null}
      {query.error ? <ErrorNotice error={query.error} onRetry={() => query.refetch()} /> : null}
      {query.data && !query.data.services.length ? <EmptyState title={translate('feedback.report.empty')} hint={translate('feedback.report.empty_hint')} /> : null}
      {query.data?.services.length ? (
        <Card sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('feedback.report.service')}</TableCell>
                <TableCell>{translate('feedback.report.count')}</TableCell>
                <TableCell>{translate('feedback.report.mean')}</TableCell>
                <TableCell>{translate('feedback.report.distribution')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data.services.map((s) => (
                <TableRow key={s.serviceId} data-testid="sat-row" data-service={s.serviceId}>
                  <TableCell>
                    <bdi dir="ltr">{s.serviceId}</bdi>{' '}
                    <Typography component="span" variant="body2" color="text.secondary" data-testid="sat-service-name">
                      {processNames.has(s.processKey) ? <BiText text={processNames.get(s.processKey)} /> : <bdi dir="ltr">{s.processKey}</bdi>}
                    </Typography>
                  </TableCell>
                  <Cells row={s} />
                </TableRow>
              ))}
              <TableRow data-testid="sat-total" sx={{ '& td': { fontWeight: 700 } }}>
                <TableCell>{translate('feedback.report.total')}</TableCell>
                <Cells row={query.data.totals} />
              </TableRow>
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </Box>
  );
}
