/**
 * /statistics — the public performance figures (GET /api/public/statistics): per service, over the
 * last 90 days, the applications received, the median and 90th-percentile days from application to certificate and the share
 * decided within the legal time. One card per service, so it reads the same on a phone.
 */
import { Box, Card, CardContent, LinearProgress, Link as MuiLink, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { BRAND } from '../../theme/theme';
import { useApiGet, useDocumentTitle } from '../public/parts';
import { formatNumber, type ServiceFigures, type StatisticsAnswer } from './model';
import { BiText, Say } from './parts';

export function StatisticsPage() {
  const translate = useTranslate();
  useDocumentTitle(translate('catalogue.stats.title'));
  const { data, error, loading, retry } = useApiGet<StatisticsAnswer>('/api/public/statistics');
  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <Box>
        <Typography variant="h4" component="h2" sx={{ fontWeight: 700, fontSize: { xs: '1.5rem', sm: '2rem' } }}><BiText id="catalogue.stats.title" stack /></Typography>
        <Typography sx={{ mt: 1, maxWidth: 860 }}>{translate('catalogue.stats.intro')}</Typography>
        {data ? (
          <Typography sx={{ mt: 1, color: 'text.secondary', display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'baseline' }} data-testid="stats-window">
            <JalaliDate value={data.from} /> — <JalaliDate value={data.to} />
          </Typography>
        ) : null}
        <MuiLink href="/api/public/statistics" target="_blank" rel="noopener" sx={{ display: 'inline-flex', minHeight: 44, alignItems: 'center' }}>
          {translate('catalogue.stats.machine')}{': '}<Box component="span" dir="ltr" sx={{ fontFamily: 'ui-monospace, monospace', unicodeBidi: 'isolate' }}>/api/public/statistics</Box>
        </MuiLink>
      </Box>
      {error ? <ErrorNotice error={error} onRetry={retry} /> : null}
      {loading && !data ? <LoadingBlock lines={4} height={120} /> : null}
      {data && !data.families.length ? <Card><EmptyState title={translate('catalogue.stats.empty')} /></Card> : null}
      {data && data.families.length ? (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' } }}>
          {data.families.map((f) => <FiguresCard key={f.processKey} figures={f} />)}
        </Box>
      ) : null}
    </Box>
  );
}

function FiguresCard({ figures: f }: { figures: ServiceFigures }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const days = (n: number | null) => (n === null ? translate('catalogue.stats.none') : formatNumber(n, locale));
  const share = f.shareWithinLegalTime;
  return (
    <Card component="li" data-testid="stats-row" data-key={f.processKey} data-median={f.medianDaysToCertificate ?? ''} data-p90={f.p90DaysToCertificate ?? ''} data-share={share ?? ''}
      sx={{ borderInlineStart: `4px solid ${BRAND.brand}` }}>
      <CardContent sx={{ display: 'grid', gap: 1.5 }}>
        <Typography variant="h6" component="h3" sx={{ fontWeight: 700, lineHeight: 1.5 }}>
          <MuiLink component={Link} to={`/catalogue/${encodeURIComponent(f.processKey)}`}><Say value={f.name} /></MuiLink>
        </Typography>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', sm: 'repeat(4, minmax(0, 1fr))' }, gap: 1, textAlign: 'center' }}>
          {[
            ['catalogue.stats.median', days(f.medianDaysToCertificate), 'stats-median'],
            ['catalogue.stats.p90', days(f.p90DaysToCertificate), 'stats-p90'],
            ['catalogue.stats.received', formatNumber(f.received, locale), 'stats-received'],
            ['catalogue.stats.certified', formatNumber(f.certified, locale), 'stats-certified'],
          ].map(([label, value, testId]) => (
            <Box key={label} sx={{ backgroundColor: BRAND.bg, borderRadius: 1, p: 1 }}>
              <Box component="dt" sx={{ color: 'text.secondary', fontSize: '0.8rem' }}>{translate(label)}</Box>
              <Box component="dd" sx={{ m: 0, fontWeight: 700, fontSize: '1.4rem' }} data-testid={testId}>{value}</Box>
            </Box>
          ))}
        </Box>
        <Box>
          <Typography sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}>
            <span>{translate('catalogue.stats.within')} <Box component="span" sx={{ color: 'text.secondary' }}>({translate('catalogue.stats.legal')}: {translate('catalogue.card.working_days', { count: formatNumber(f.legalMaxWorkingDays, locale) })})</Box></span>
            <strong data-testid="stats-share">
              {share === null ? translate('catalogue.stats.none') : formatNumber(share, locale, { style: 'percent', maximumFractionDigits: 1 })}
            </strong>
          </Typography>
          <LinearProgress variant="determinate" value={share === null ? 0 : share * 100} aria-hidden="true" sx={{ height: 8, borderRadius: 4, mt: 0.5 }}
            color={share === null || share >= 0.9 ? 'success' : share >= 0.7 ? 'warning' : 'error'} />
          <Typography sx={{ color: 'text.secondary', fontSize: '0.85rem', mt: 0.5 }}>
            {translate('catalogue.stats.share_of', { within: formatNumber(f.decidedWithinLegalTime, locale), decided: formatNumber(f.decided, locale) })}
          </Typography>
        </Box>
      </CardContent>
    </Card>
  );
}
