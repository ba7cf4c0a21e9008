/** The administrator's desk cards: certificates by status (each a link to the filtered list), and the year's report. */
import ReportIcon from '@mui/icons-material/AssessmentOutlined';
import { Box, Card, CardContent, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { CertificateList } from './model';
import { BiHeading, CertificateStatusChip, jalaliToday, useNumber } from './parts';

const listLink = (filter: Record<string, unknown>) => `/issued-certificates?filter=${encodeURIComponent(JSON.stringify(filter))}`;

export function CertificatesHomeCard() {
  const translate = useTranslate();
  const number = useNumber();
  const { meta } = useGetList('issued-certificates', { pagination: { page: 1, perPage: 1 }, sort: { field: 'issuedAt', order: 'DESC' }, filter: {} });
  const answer = meta as Partial<CertificateList> | undefined;
  const rows: { key: string; label: React.ReactNode; count?: number; to: string }[] = [
    ...(['valid', 'suspended', 'revoked', 'expired'] as const).map((s) => ({ key: s, label: <CertificateStatusChip status={s} testId={`home-status-${s}`} />, count: answer?.counts?.[s], to: listLink({ status: s }) })),
    { key: 'expiring', label: translate('directory.home.expiring'), count: answer?.expiringSoon, to: listLink({ expiringWithinDays: 90 }) },
  ];
  return (
    <Card variant="outlined" data-testid="home-card-certificates">
      <CardContent>
        <BiHeading k="directory.home.certificates" />
        <Stack spacing={1}>
          {rows.map((r) => (
            <MuiLink key={r.key} component={Link} to={r.to} underline="hover" data-testid={`home-certificates-${r.key}`} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Box component="span" sx={{ flex: 1 }}>{r.label}</Box>
              <Typography component="span" variant="h6" data-count={r.count ?? ''} sx={{ minWidth: '2ch', textAlign: 'end' }}>{r.count === undefined ? '…' : number(r.count, 0)}</Typography>
            </MuiLink>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

export function ReportsHomeCard() {
  const translate = useTranslate();
  const year = jalaliToday().year;
  return (
    <Card variant="outlined" data-testid="home-card-reports">
      <CardContent>
        <BiHeading k="directory.reports.home" />
        <Typography sx={{ mb: 1.5 }}>{translate('directory.reports.home_text', { year })}</Typography>
        <MuiLink component={Link} to={`/reports?year=${year}`} sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }} data-testid="home-reports-link">
          <ReportIcon /> {translate('directory.reports.home_link')}
        </MuiLink>
      </CardContent>
    </Card>
  );
}
