/**
 * /catalogue — the public list of services (GET /api/public/catalogue): each licence family with
 * its service ID, the permits it issues, its legal time and fee, opening its identity card. A
 * search narrows the list as you type; the machine-readable catalogue is linked.
 */
import ArticleIcon from '@mui/icons-material/Article';
import SearchIcon from '@mui/icons-material/Search';
import { Box, Card, CardActionArea, CardContent, Chip, InputAdornment, Link as MuiLink, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { BRAND } from '../../theme/theme';
import { useApiGet, useDocumentTitle } from '../public/parts';
import { formatNumber, matches, type CatalogueEntry } from './model';
import { BiText, Fee, Say } from './parts';

export function CataloguePage() {
  const translate = useTranslate();
  useDocumentTitle(translate('catalogue.list.title'));
  const { data, error, loading, retry } = useApiGet<{ services: CatalogueEntry[] }>('/api/public/catalogue');
  const [text, setText] = useState('');
  const shown = data?.services.filter((s) => matches(s, text)) ?? [];
  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <Box>
        <Typography variant="h4" component="h2" sx={{ fontWeight: 700, fontSize: { xs: '1.5rem', sm: '2rem' } }}><BiText id="catalogue.list.title" stack /></Typography>
        <Typography sx={{ mt: 1, maxWidth: 860 }}>{translate('catalogue.list.intro')}</Typography>
        <MuiLink href="/api/public/catalogue" target="_blank" rel="noopener" data-testid="catalogue-json" sx={{ display: 'inline-flex', minHeight: 44, alignItems: 'center' }}>
          {translate('catalogue.list.machine')}{': '}<Box component="span" dir="ltr" sx={{ fontFamily: 'ui-monospace, monospace', unicodeBidi: 'isolate' }}>/api/public/catalogue</Box>
        </MuiLink>
      </Box>
      <TextField
        type="search"
        label={translate('catalogue.list.search')}
        helperText={translate('catalogue.list.search_hint')}
        value={text}
        onChange={(e) => setText(e.target.value.slice(0, 100))}
        slotProps={{
          htmlInput: { 'data-testid': 'catalogue-search', maxLength: 100, dir: 'auto' },
          input: { startAdornment: <InputAdornment position="start"><SearchIcon aria-hidden="true" /></InputAdornment> },
        }}
        sx={{ maxWidth: 560 }}
      />
      {error ? <ErrorNotice error={error} onRetry={retry} /> : null}
      {loading && !data ? <LoadingBlock lines={4} height={120} /> : null}
      {data ? (
        <Box component="section" aria-labelledby="catalogue-total">
          <Typography id="catalogue-total" component="h3" role="status" sx={{ fontWeight: 700, mb: 1.5 }} data-testid="catalogue-total">
            {translate('catalogue.list.total', { smart_count: shown.length })}
          </Typography>
          {!shown.length ? (
            <Card>
              <EmptyState testId="catalogue-empty" title={translate(data.services.length ? 'catalogue.list.empty' : 'catalogue.list.none')} hint={data.services.length ? translate('catalogue.list.empty_hint') : undefined} />
            </Card>
          ) : (
            <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' } }}>
              {shown.map((s) => <ServiceRow key={s.processKey} service={s} />)}
            </Box>
          )}
        </Box>
      ) : null}
    </Box>
  );
}

function ServiceRow({ service: s }: { service: CatalogueEntry }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const months = [...new Set(s.permits.map((p) => p.validityMonths))];
  return (
    <Card component="li" data-testid="catalogue-row" data-key={s.processKey} data-service-id={s.serviceId} sx={{ borderInlineStart: `4px solid ${BRAND.brand}`, display: 'flex' }}>
      <CardActionArea component={Link} to={`/catalogue/${encodeURIComponent(s.processKey)}`} sx={{ p: 0, alignItems: 'stretch' }}>
        <CardContent sx={{ display: 'grid', gap: 1 }}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip size="small" label={<bdi dir="ltr">{s.serviceId}</bdi>} data-testid="catalogue-service-id" />
            {s.missingCardFields.length ? <Chip size="small" color="warning" label={translate('catalogue.list.incomplete')} /> : null}
          </Box>
          <Typography variant="h6" component="h4" sx={{ fontWeight: 700, lineHeight: 1.5, display: 'flex', gap: 1, alignItems: 'flex-start' }}>
            <ArticleIcon sx={{ color: BRAND.brand, mt: 0.5 }} aria-hidden="true" />
            <span data-testid="catalogue-name"><Say value={s.name} /></span>
          </Typography>
          <Box component="ul" sx={{ m: 0, paddingInlineStart: 3, color: 'text.secondary' }}>
            {s.permits.map((p) => <li key={p.key} data-testid="catalogue-permit" data-family={p.family}><Say value={p.title} /></li>)}
          </Box>
          <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1.5, rowGap: 0.5, fontSize: '0.9rem' }}>
            <Box component="dt" sx={{ color: 'text.secondary' }}>{translate('catalogue.card.legal_time')}</Box>
            <Box component="dd" sx={{ m: 0 }} data-testid="catalogue-legal-time">{translate('catalogue.card.working_days', { count: formatNumber(s.legalTime.maxWorkingDays, locale) })}</Box>
            <Box component="dt" sx={{ color: 'text.secondary' }}>{translate('catalogue.card.validity')}</Box>
            <Box component="dd" sx={{ m: 0 }}>{months.map((m) => translate('catalogue.card.months', { count: formatNumber(m, locale) })).join('، ') || '—'}</Box>
            <Box component="dt" sx={{ color: 'text.secondary' }}>{translate('catalogue.card.cost')}</Box>
            <Box component="dd" sx={{ m: 0 }}><Fee fee={s.fee} /></Box>
          </Box>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
