/**
 * /catalogue/<process key or service ID> — one service's identity card (regulations §3), the record
 * of each permit it issues (§4) and its figures of the last 90 days, from GET
 * /api/public/catalogue/<key> and /api/public/statistics. An incomplete card says what it lacks.
 */
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Box, Button, Card, CardContent, Chip, Link as MuiLink, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { BRAND } from '../../theme/theme';
import { useApiGet, useDocumentTitle } from '../public/parts';
import { formatNumber, type CatalogueEntry, type StatisticsAnswer } from './model';
import { BiText, dlSx, Fee, Row, Say } from './parts';

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: number }).status === 404;
}

export function ServiceCardPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { key = '' } = useParams();
  const { data, error, loading, retry } = useApiGet<CatalogueEntry>(`/api/public/catalogue/${encodeURIComponent(key)}`);
  const figures = useApiGet<StatisticsAnswer>('/api/public/statistics');
  useDocumentTitle(data ? (locale === 'en' ? data.name.en : data.name.fa) : translate('catalogue.card.identity'));
  const back = (
    <Button component={Link} to="/catalogue" startIcon={<ArrowBackIcon sx={{ transform: locale === 'en' ? undefined : 'scaleX(-1)' }} />} sx={{ minHeight: 44, justifySelf: 'start' }} data-testid="card-back">
      {translate('catalogue.card.back')}
    </Button>
  );
  if (error && isNotFound(error)) {
    return (
      <Box sx={{ display: 'grid', gap: 2 }}>
        {back}
        <Card><EmptyState testId="card-not-found" title={translate('catalogue.card.not_found')} hint={translate('catalogue.card.not_found_hint')} /></Card>
      </Box>
    );
  }
  const mine = figures.data?.families.find((f) => f.processKey === data?.processKey);
  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      {back}
      {error ? <ErrorNotice error={error} onRetry={retry} /> : null}
      {loading && !data ? <LoadingBlock lines={6} height={48} /> : null}
      {data ? (
        <>
          <Box data-testid="service-card" data-key={data.processKey}>
            <Chip label={<bdi dir="ltr">{data.serviceId}</bdi>} sx={{ mb: 1 }} data-testid="card-service-id" />
            <Typography variant="h4" component="h2" sx={{ fontWeight: 700, fontSize: { xs: '1.4rem', sm: '2rem' } }} data-testid="card-title">
              <Say value={data.name} />
            </Typography>
            {data.card ? <Typography sx={{ mt: 1, maxWidth: 860 }}><Say value={data.card.description} /></Typography> : null}
            {data.process && data.card ? (
              <Button component={Link} to={`/apply/${encodeURIComponent(data.processKey)}`} variant="contained" size="large" startIcon={<SendIcon sx={{ transform: locale === 'en' ? undefined : 'scaleX(-1)' }} />}
                sx={{ mt: 2, minHeight: 48, width: { xs: '100%', sm: 'auto' } }} data-testid="card-apply">
                {translate('catalogue.card.apply')}
              </Button>
            ) : null}
          </Box>
          {data.missingCardFields.length ? (
            <Alert severity="warning" data-testid="card-incomplete">
              {translate('catalogue.card.incomplete')}
              <Box component="ul" sx={{ m: 0, mt: 0.5 }}>{data.missingCardFields.map((m) => <li key={m.path}><Say value={m.label} /></li>)}</Box>
            </Alert>
          ) : null}
          <IdentityCard entry={data} />
          {data.permits.map((p) => <PermitCard key={p.key} entry={data} permit={p} />)}
          <Section id="figures" title="catalogue.card.figures" testId="card-figures">
            {figures.error ? <ErrorNotice error={figures.error} onRetry={figures.retry} /> : null}
            {mine ? (
              <Box component="dl" sx={dlSx}>
                <Row label={translate('catalogue.card.average_time')} testId="card-median">
                  {mine.medianDaysToCertificate === null ? '—' : translate('catalogue.card.days', { count: formatNumber(mine.medianDaysToCertificate, locale) })}
                </Row>
                <Row label={translate('catalogue.stats.within')} testId="card-within">
                  {mine.shareWithinLegalTime === null ? '—' : `${formatNumber(mine.shareWithinLegalTime, locale, { style: 'percent', maximumFractionDigits: 1 })} (${translate('catalogue.stats.share_of', { within: formatNumber(mine.decidedWithinLegalTime, locale), decided: formatNumber(mine.decided, locale) })})`}
                </Row>
                <Row label={translate('catalogue.stats.received')}>{formatNumber(mine.received, locale)}</Row>
                <Row label={translate('catalogue.stats.certified')}>{formatNumber(mine.certified, locale)}</Row>
              </Box>
            ) : figures.loading ? <LoadingBlock lines={2} /> : null}
          </Section>
        </>
      ) : null}
    </Box>
  );
}

function Section({ id, title, testId, children }: { id: string; title: string; testId: string; children: ReactNode }) {
  return (
    <Card component="section" aria-labelledby={`card-${id}`} data-testid={testId} sx={{ borderInlineStart: `4px solid ${BRAND.gold}` }}>
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography id={`card-${id}`} variant="h5" component="h3" sx={{ fontWeight: 700 }}><BiText id={title} /></Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function List({ items, testId }: { items: ReactNode[]; testId?: string }) {
  if (!items.length) return <span>—</span>;
  return <Box component="ul" sx={{ m: 0, paddingInlineStart: 2.5 }} data-testid={testId}>{items.map((item, i) => <li key={i}>{item}</li>)}</Box>;
}

function IdentityCard({ entry: e }: { entry: CatalogueEntry }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const code = (table: string, value: string) => translate(`catalogue.codes.${table}.${value}`, { _: value });
  const c = e.card;
  const agencies = [...new Map(e.permits.map((p) => [p.issuer.en, p.issuer])).values()];
  return (
    <Section id="identity" title="catalogue.card.identity" testId="card-identity">
      <Box component="dl" sx={dlSx}>
        <Row label={translate('catalogue.card.service_id')}><bdi dir="ltr">{e.serviceId}</bdi></Row>
        <Row label={translate('catalogue.card.agency')}>{agencies.length ? agencies.map((a) => <Say key={a.en} value={a} />) : '—'}</Row>
        {c ? (
          <>
            <Row label={translate('catalogue.card.nature')}>{code('nature', c.nature)}</Row>
            <Row label={translate('catalogue.card.recipients')}><Say value={c.recipients} /></Row>
            <Row label={translate('catalogue.card.service_types')}>{c.serviceTypes.map((t) => code('serviceTypes', t)).join('، ')}</Row>
            <Row label={translate('catalogue.card.level')}>{code('level', c.level)}</Row>
            <Row label={translate('catalogue.card.delivery_method')}>{code('deliveryMethod', c.deliveryMethod)}</Row>
            <Row label={translate('catalogue.card.channels')}>
              <List items={Object.entries(c.channels).map(([stage, list]) => `${code('stage', stage)}: ${list.map((ch) => code('channel', ch)).join('، ')}`)} />
            </Row>
            <Row label={translate('catalogue.card.in_person')}>
              {c.inPersonVisits.count === 0 ? translate('catalogue.card.in_person_none') : (
                <>{translate('catalogue.card.in_person_count', { count: formatNumber(c.inPersonVisits.count, locale) })}<List items={c.inPersonVisits.reasons.map((r) => <Say key={r.en} value={r} />)} /></>
              )}
            </Row>
            <Row label={translate('catalogue.card.start_trigger')}><Say value={c.startTrigger} /></Row>
            {c.lifeEvent ? <Row label={translate('catalogue.card.life_event')}><Say value={c.lifeEvent} /></Row> : null}
          </>
        ) : null}
        <Row label={translate('catalogue.card.documents')} testId="card-documents">
          {e.documents.length ? <List items={e.documents.map((d) => <span key={d.key}><Say value={d.label} /> <Box component="span" sx={{ color: 'text.secondary' }}>({translate(d.required ? 'catalogue.card.required' : 'catalogue.card.optional')})</Box></span>)} /> : translate('catalogue.card.documents_none')}
        </Row>
        {c ? <Row label={translate('catalogue.card.laws')} testId="card-laws"><List items={c.upstreamLaws.map((l) => <Say key={l.en} value={l} />)} /></Row> : null}
        <Row label={translate('catalogue.card.legal_basis')}><List items={e.legalBasis.map((l) => <Say key={l.en} value={l} />)} /></Row>
        <Row label={translate('catalogue.card.conditions')} testId="card-conditions"><List items={e.conditions.map((x) => <Say key={x.code} value={x} />)} /></Row>
        <Row label={translate('catalogue.card.inquiries')} testId="card-inquiries">
          <List items={e.inquiries.map((i) => i.agency ? <Say key={i.connector} value={i.agency} /> : <bdi key={i.connector} dir="ltr">{i.connector}</bdi>)} />
        </Row>
        {c ? (
          <>
            <Row label={translate('catalogue.card.authentication')}><Say value={c.authentication} /></Row>
            <Row label={translate('catalogue.card.base_databases')}>{c.baseDatabases.map((d) => code('baseDatabases', d)).join('، ')}</Row>
          </>
        ) : null}
        <Row label={translate('catalogue.card.cost')}><Fee fee={e.fee} /></Row>
        {c ? <Row label={translate('catalogue.card.payment')}>{code('payment', c.payment)}</Row> : null}
        <Row label={translate('catalogue.card.legal_time')} testId="card-legal-time">
          {translate('catalogue.card.working_days', { count: formatNumber(e.legalTime.maxWorkingDays, locale) })}
          <Typography component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.9rem' }} data-testid="card-legal-basis" data-basis={e.legalTime.basis}>
            {translate('catalogue.card.basis')}: {translate(e.legalTime.basis === 'registration' ? 'catalogue.card.basis_registration' : 'catalogue.card.basis_approval')}
          </Typography>
          {e.legalTime.basis === 'registration' ? (
            <Typography component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.9rem' }}>
              {translate('catalogue.card.registration_rule')}{e.legalTime.undertaking ? <>: <Say value={e.legalTime.undertaking} /></> : null}
            </Typography>
          ) : (
            <Typography component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.9rem' }}>
              {translate('catalogue.card.on_deadline')}: {translate(e.legalTime.onDeadline === 'deemed-approval' ? 'catalogue.card.deemed_approval' : 'catalogue.card.escalate')}
            </Typography>
          )}
        </Row>
        <Row label={translate('catalogue.card.appeal')}>{translate('catalogue.card.working_days', { count: formatNumber(e.appeal.windowWorkingDays, locale) })}</Row>
        {c ? <Row label={translate('catalogue.card.frequency')}><Say value={c.frequency} /></Row> : null}
        <Row label={translate('catalogue.card.process_version')} testId="card-process">
          {e.process ? <span><bdi dir="ltr">v{e.process.version}{e.process.versionTag ? ` (${e.process.versionTag})` : ''}</bdi> — <JalaliDate value={e.process.deployedAt} /></span> : translate('catalogue.card.process_none')}
        </Row>
      </Box>
    </Section>
  );
}

function PermitCard({ entry: e, permit: p }: { entry: CatalogueEntry; permit: CatalogueEntry['permits'][number] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const r = e.permit;
  return (
    <Card component="section" aria-label={`${translate('catalogue.card.permit')}: ${locale === 'en' ? p.title.en : p.title.fa}`} data-testid="card-permit" data-family={p.family} sx={{ borderInlineStart: `4px solid ${BRAND.brand}` }}>
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography variant="h5" component="h3" sx={{ fontWeight: 700 }}><BiText id="catalogue.card.permit" />: <Say value={p.title} /></Typography>
        <Box component="dl" sx={dlSx}>
          <Row label={translate('catalogue.card.authority')}><Say value={p.issuer} /></Row>
          <Row label={translate('catalogue.card.legal_basis')}><Say value={p.legalBasis} /></Row>
          <Row label={translate('catalogue.card.validity')} testId="permit-validity">{translate('catalogue.card.months', { count: formatNumber(p.validityMonths, locale) })}</Row>
          <Row label={translate('catalogue.card.cost')}><Fee fee={e.fee} /></Row>
          <Row label={translate('catalogue.card.legal_time')}>{translate('catalogue.card.working_days', { count: formatNumber(e.legalTime.maxWorkingDays, locale) })}</Row>
          {r ? (
            <>
              <Row label={translate('catalogue.card.issue')}><Say value={r.issue} /></Row>
              <Row label={translate('catalogue.card.renewal')}><Say value={r.renewal} /></Row>
              <Row label={translate('catalogue.card.revocation')}><Say value={r.revocation} /></Row>
              <Row label={translate('catalogue.card.reinstatement')}><Say value={r.reinstatement} /></Row>
              <Row label={translate('catalogue.card.electronic')}>{translate(r.electronic ? 'catalogue.card.electronic_yes' : 'catalogue.card.electronic_no')}</Row>
            </>
          ) : null}
          <Row label={translate('catalogue.card.inquiries')}>
            <List items={e.inquiries.map((i) => i.agency ? <Say key={i.connector} value={i.agency} /> : <bdi key={i.connector} dir="ltr">{i.connector}</bdi>)} />
          </Row>
        </Box>
        <MuiLink component={Link} to={`/register?family=${encodeURIComponent(p.key)}`} sx={{ minHeight: 44, display: 'inline-flex', alignItems: 'center' }} data-testid="permit-register">
          {translate('catalogue.card.see_register')}
        </MuiLink>
      </CardContent>
    </Card>
  );
}
