/**
 * The licensing report (administrators, GET /api/reports/summary): for a Solar Hijri year, a table
 * in the shape of the organisation's published tables (per family: received, under review,
 * rejected, withdrawn, approved, issued by deadline, average review days — with closed otherwise
 * and the 90th percentile beside them), two charts of the same numbers and the table as a CSV
 * file for spreadsheets (?format=csv). The year is in the address (?year=1405).
 */
import DownloadIcon from '@mui/icons-material/Download';
import { Box, Button, Card, CardContent, FormControl, InputLabel, MenuItem, Select, Table, TableBody, TableCell, TableFooter, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, download } from '../../api/http';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import type { ReportRow, ReportSummary } from './model';
import { BiHeading, BiName, jalaliToday, useNumber } from './parts';

const COLOURS = { received: '#1f4e79', approved: '#2e7d32', rejected: '#b3261e', inReview: '#b26a00', average: '#1f4e79', p90: '#7b1fa2' };

function useReport(year: number): { report?: ReportSummary; error?: unknown; retry: () => void } {
  const [state, setState] = useState<{ report?: ReportSummary; error?: unknown }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ report: s.report?.year === year ? s.report : undefined }));
    api<ReportSummary>(`/api/reports/summary?year=${year}`, { signal: controller.signal })
      .then((report) => setState({ report }), (error: unknown) => !controller.signal.aborted && setState({ error }));
    return () => controller.abort();
  }, [year, attempt]);
  return { ...state, retry: () => setAttempt((a) => a + 1) };
}

function ReportTable({ report }: { report: ReportSummary }) {
  const translate = useTranslate();
  const number = useNumber();
  const cells = (r: ReportRow) => [
    number(r.received, 0), number(r.inReview, 0), number(r.rejected, 0), number(r.withdrawn, 0), number(r.approved, 0), number(r.issuedByDeadline, 0),
    number(r.closedOtherwise, 0), number(r.averageReviewDays), number(r.p90ReviewDays),
  ];
  const heads = ['received', 'in_review', 'rejected', 'withdrawn', 'approved', 'by_deadline', 'closed', 'average', 'p90'];
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-labelledby="report-table-heading" data-testid="report-table" sx={{ '& th, & td': { textAlign: 'center' }, '& th:first-of-type, & td:first-of-type': { textAlign: 'start' } }}>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">{translate('directory.reports.family')}</TableCell>
            {heads.map((h) => (
              <TableCell key={h} component="th" scope="col" title={h === 'closed' || h === 'by_deadline' ? translate(`directory.reports.${h}_hint`) : undefined}>{translate(`directory.reports.${h}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {report.families.map((r) => (
            <TableRow key={r.family} data-testid="report-row" data-family={r.family} data-received={r.received} data-approved={r.approved} data-rejected={r.rejected} data-withdrawn={r.withdrawn} data-by-deadline={r.issuedByDeadline}>
              <TableCell component="th" scope="row"><BiName name={r.title} stack /> <Typography variant="caption" color="text.secondary" component="bdi">{r.family}</Typography></TableCell>
              {cells(r).map((c, i) => <TableCell key={i}>{c}</TableCell>)}
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow data-testid="report-total" data-received={report.totals.received}>
            <TableCell component="th" scope="row" sx={{ fontWeight: 700, color: 'text.primary' }}>{translate('directory.reports.total')}</TableCell>
            {cells(report.totals).map((c, i) => <TableCell key={i} sx={{ fontWeight: 700, color: 'text.primary', fontSize: '0.875rem' }}>{c}</TableCell>)}
          </TableRow>
        </TableFooter>
      </Table>
    </Box>
  );
}

function Charts({ report }: { report: ReportSummary }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const data = report.families.map((r) => ({
    family: r.family,
    name: locale === 'en' ? r.title.en : r.title.fa,
    received: r.received, approved: r.approved, rejected: r.rejected, inReview: r.inReview,
    average: r.averageReviewDays ?? 0, p90: r.p90ReviewDays ?? 0,
  }));
  const label = (key: string) => translate(`directory.reports.${key}`);
  const tooltipLabel = (family: unknown) => data.find((d) => d.family === family)?.name ?? String(family);
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
      <Card variant="outlined" data-testid="report-chart-counts">
        <CardContent>
          <BiHeading k="directory.reports.chart_counts" id="chart-counts-heading" />
          <Box role="img" aria-labelledby="chart-counts-heading" aria-describedby="chart-note" sx={{ height: 300, direction: 'ltr' }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="family" />
                <YAxis allowDecimals={false} />
                <Tooltip labelFormatter={tooltipLabel} />
                <Legend />
                <Bar isAnimationActive={false} dataKey="received" name={label('received')} fill={COLOURS.received} />
                <Bar isAnimationActive={false} dataKey="approved" name={label('approved')} fill={COLOURS.approved} />
                <Bar isAnimationActive={false} dataKey="rejected" name={label('rejected')} fill={COLOURS.rejected} />
                <Bar isAnimationActive={false} dataKey="inReview" name={label('in_review')} fill={COLOURS.inReview} />
              </BarChart>
            </ResponsiveContainer>
          </Box>
        </CardContent>
      </Card>
      <Card variant="outlined" data-testid="report-chart-days">
        <CardContent>
          <BiHeading k="directory.reports.chart_days" id="chart-days-heading" />
          <Box role="img" aria-labelledby="chart-days-heading" aria-describedby="chart-note" sx={{ height: 300, direction: 'ltr' }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="family" />
                <YAxis />
                <Tooltip labelFormatter={tooltipLabel} />
                <Legend />
                <Bar isAnimationActive={false} dataKey="average" name={label('average')} fill={COLOURS.average} />
                <Bar isAnimationActive={false} dataKey="p90" name={label('p90')} fill={COLOURS.p90} />
              </BarChart>
            </ResponsiveContainer>
          </Box>
        </CardContent>
      </Card>
      <Typography id="chart-note" variant="caption" color="text.secondary" sx={{ gridColumn: '1 / -1' }}>{translate('directory.reports.chart_note')}</Typography>
    </Box>
  );
}

export function ReportsPage() {
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const current = jalaliToday().year;
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 1390 && asked <= current + 1 ? asked : current;
  const { report, error, retry } = useReport(year);
  const [csv, setCsv] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  const downloadCsv = () => {
    setCsv({ busy: true });
    download(`/api/reports/summary?year=${year}&format=csv`, `ito-report-${year}.csv`).then(() => setCsv({ busy: false }), (e: unknown) => setCsv({ busy: false, error: e }));
  };
  const years = Array.from({ length: current - 1398 + 1 }, (_, i) => current - i);
  return (
    <Box sx={{ pt: 2 }} data-testid="reports-page" data-year={year}>
      <Title title={translate('directory.reports.title')} />
      <BiHeading
        k="directory.reports.title"
        component="h1"
        variant="h5"
        action={
          <FormControl size="small" sx={{ minWidth: 180 }}>
            <InputLabel id="report-year-label">{translate('directory.reports.year')}</InputLabel>
            <Select labelId="report-year-label" label={translate('directory.reports.year')} value={year} onChange={(e) => setParams({ year: String(e.target.value) })} data-testid="report-year">
              {years.map((y) => <MenuItem key={y} value={y} data-testid={`report-year-${y}`}>{y}</MenuItem>)}
            </Select>
          </FormControl>
        }
      />
      <Typography color="text.secondary" sx={{ mb: 1, maxWidth: 900 }}>{translate('directory.reports.hint')}</Typography>
      <Button variant="outlined" startIcon={<DownloadIcon />} onClick={downloadCsv} disabled={csv.busy || !report} data-testid="report-csv" sx={{ mb: 1, minHeight: 40 }}>
        {translate('directory.reports.csv')}
      </Button>
      {csv.error ? <ErrorNotice error={csv.error} onRetry={downloadCsv} /> : null}
      {report ? (
        <Typography variant="body2" sx={{ mb: 2 }} data-testid="report-period">
          <Box component="span" sx={{ display: 'inline-block' }}><JalaliDate value={report.from} /></Box>
          {' — '}
          <Box component="span" sx={{ display: 'inline-block' }}><JalaliDate value={new Date(Date.parse(report.to) - 1)} /></Box>
        </Typography>
      ) : <Box sx={{ height: 20, mb: 2 }} />}
      {error ? <ErrorNotice error={error} onRetry={retry} /> : !report ? <LoadingBlock lines={10} /> : (
        <>
          <Card variant="outlined" sx={{ mb: 2 }}>
            <CardContent>
              <BiHeading k="directory.reports.table" id="report-table-heading" />
              {report.totals.received === 0 ? <EmptyState testId="report-empty" title={translate('directory.reports.empty', { year })} hint={translate('directory.reports.empty_hint')} /> : null}
              <ReportTable report={report} />
            </CardContent>
          </Card>
          <Charts report={report} />
        </>
      )}
    </Box>
  );
}
