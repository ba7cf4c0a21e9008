/**
 * /register — the public register: every issued certificate, newest first, searched (q) and
 * filtered by type and status on the server, page by page (GET /api/public/certificates). The
 * filters live in the address, so a search can be bookmarked or shared; each number opens its
 * verify page.
 */
import ClearIcon from '@mui/icons-material/Clear';
import DownloadIcon from '@mui/icons-material/Download';
import SearchIcon from '@mui/icons-material/Search';
import { Box, Button, Card, CardContent, Chip, InputAdornment, Link as MuiLink, Pagination, Skeleton, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState, ErrorNotice } from '../../components/States';
import { JalaliDate } from '../../components/JalaliDate';
import { BRAND } from '../../theme/theme';
import { KINDS, STATUSES, type PublicCertificate, type RegisterPage as RegisterAnswer } from './model';
import { BiMessage, BiPair, Mono, PublicStatusChip, useApiGet, useDocumentTitle } from './parts';

/** Rows per page unless the address asks for another size (?pageSize=, 1–100, as the API allows). */
const PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

function pageSizeOf(asked: string | null): number {
  const size = Number.parseInt(asked ?? '', 10);
  return size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : PAGE_SIZE;
}

export function RegisterPage() {
  const translate = useTranslate();
  useDocumentTitle(translate('public.register.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const family = KINDS.includes(params.get('family') ?? '') ? params.get('family')! : '';
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? params.get('status')! : '';
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const pageSize = pageSizeOf(params.get('pageSize'));
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const set = (changes: Record<string, string>) => {
    setParams(() => {
      // the address as it is now: the hook's value may be a render behind when two filters are set in quick succession
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
      if (!('page' in changes)) next.delete('page');
      return next;
    }, { replace: !('page' in changes) });
  };

  // typing searches after a short pause; Enter searches at once
  useEffect(() => {
    const typed = text.trim().slice(0, 100);
    if (typed === q) return undefined;
    const timer = setTimeout(() => set({ q: typed }), 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const path = useMemo(() => {
    const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    if (q) query.set('q', q);
    if (family) query.set('family', family);
    if (status) query.set('status', status);
    return `/api/public/certificates?${query}`;
  }, [q, family, status, page, pageSize]);
  const { data, error, loading, retry, answered } = useApiGet<RegisterAnswer>(path);
  // the open-data file of the same filters (every page)
  const csvPath = useMemo(() => {
    const query = new URLSearchParams();
    if (q) query.set('q', q);
    if (family) query.set('family', family);
    if (status) query.set('status', status);
    return `/api/public/register.csv${query.size ? `?${query}` : ''}`;
  }, [q, family, status]);
  const filtered = !!(q || family || status);
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;

  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <Box>
        <Typography variant="h4" component="h2" sx={{ fontWeight: 700, fontSize: { xs: '1.5rem', sm: '2rem' } }}><BiMessage id="public.register.title" stack /></Typography>
        <Typography sx={{ mt: 1, maxWidth: 820 }}>{translate('public.register.intro')}</Typography>
        <Button href={csvPath} download="ito-register.csv" startIcon={<DownloadIcon />} data-testid="register-csv" sx={{ mt: 1, minHeight: 44 }}>{translate('public.register.csv')}</Button>
      </Box>

      <Card component="section" aria-label={translate('public.register.search')}>
        <CardContent>
          <Box component="form" role="search" onSubmit={(e) => { e.preventDefault(); set({ q: text.trim().slice(0, 100) }); }}
            sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1fr 1fr' }, alignItems: 'start' }}>
            <TextField
              id="register-q"
              type="search"
              label={translate('public.register.search')}
              helperText={translate('public.register.search_hint')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              slotProps={{
                htmlInput: { 'data-testid': 'register-q', maxLength: 100, dir: 'auto', enterKeyHint: 'search' },
                input: { startAdornment: <InputAdornment position="start"><SearchIcon aria-hidden="true" /></InputAdornment> },
              }}
            />
            <TextField id="register-family" select label={translate('public.register.family')} value={family} onChange={(e) => set({ family: e.target.value })}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'register-family' }, inputLabel: { shrink: true } }}>
              <option value="">{translate('public.register.all_families')}</option>
              {KINDS.map((k) => <option key={k} value={k}>{translate(`public.kinds.${k}`)}</option>)}
            </TextField>
            <TextField id="register-status" select label={translate('public.register.status')} value={status} onChange={(e) => set({ status: e.target.value })}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'register-status' }, inputLabel: { shrink: true } }}>
              <option value="">{translate('public.register.all_statuses')}</option>
              {STATUSES.map((s) => <option key={s} value={s}>{translate(`public.status.${s}`)}</option>)}
            </TextField>
          </Box>
        </CardContent>
      </Card>

      <Box component="section" aria-labelledby="register-results" aria-busy={loading} data-testid="register-results" data-q={q} data-family={family} data-status={status} data-ready={String(!loading && answered === path)} data-total={data?.total ?? ''} data-page={page}>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1.5, minHeight: 40 }}>
          <Typography id="register-results" component="h3" role="status" sx={{ fontWeight: 700 }} data-testid="register-total">
            {data ? translate('public.register.total', { smart_count: data.total }) : '\u00a0'}
          </Typography>
          {filtered ? <Button startIcon={<ClearIcon />} onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="register-clear" sx={{ minHeight: 44 }}>{translate('public.register.clear')}</Button> : null}
        </Box>
        {error ? <ErrorNotice error={error} onRetry={retry} /> : null}
        {!data && loading ? <Box role="status" aria-label={translate('ito.loading')}>{Array.from({ length: 5 }, (_, i) => <Skeleton key={i} variant="rounded" height={96} sx={{ mb: 1.5 }} />)}</Box> : null}
        {data && !data.items.length ? (
          <Card>
            <EmptyState
              testId="register-empty"
              title={translate(filtered ? 'public.register.empty' : 'public.register.empty_none')}
              hint={filtered ? translate('public.register.empty_hint') : undefined}
              action={filtered ? <Button variant="contained" onClick={() => setParams(new URLSearchParams(), { replace: true })}>{translate('public.register.clear')}</Button> : undefined}
            />
          </Card>
        ) : null}
        {data && data.items.length ? (
          <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.5, opacity: loading ? 0.6 : 1, transition: 'opacity 150ms' }}>
            {data.items.map((c) => <RegisterRow key={c.number} certificate={c} />)}
          </Box>
        ) : null}
        {data && pages > 1 ? (
          <Box component="nav" aria-label={translate('public.register.pages')} data-testid="register-paging" data-pages={pages} sx={{ display: 'flex', justifyContent: 'center', mt: 3 }}>
            <Pagination
              count={pages}
              page={Math.min(page, pages)}
              onChange={(_e, p) => { set({ page: p > 1 ? String(p) : '' }); window.scrollTo({ top: 0 }); }}
              color="primary"
              size="large"
              siblingCount={0}
              data-testid="register-pages"
              getItemAriaLabel={(type, p) => type === 'page' ? translate('public.register.page', { page: p }) : translate(`public.register.${type}`)}
            />
          </Box>
        ) : null}
      </Box>
    </Box>
  );
}

/** One certificate: its number (the link to its verify page), holder, type, status and dates. */
function RegisterRow({ certificate: c }: { certificate: PublicCertificate }) {
  const translate = useTranslate();
  const product = typeof c.subject?.productName === 'string' ? c.subject.productName : null;
  return (
    <Card component="li" data-testid="register-row" data-number={c.number} data-family={c.family} data-status={c.status} sx={{ borderInlineStart: `4px solid ${BRAND.brand}` }}>
      <CardContent sx={{ display: 'grid', gap: { xs: 1, sm: 2 }, gridTemplateColumns: { xs: '1fr', sm: 'minmax(0, 2fr) minmax(0, 1fr)' }, alignItems: 'start', '&:last-child': { pb: 2 } }}>
        <Box sx={{ minWidth: 0 }}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <MuiLink component={Link} to={`/verify/${encodeURIComponent(c.number)}`} data-testid="register-number" sx={{ fontWeight: 700, fontSize: '1.05rem', display: 'inline-flex', alignItems: 'center', minHeight: 44 }}>
              <Mono>{c.number}</Mono>
            </MuiLink>
            <PublicStatusChip status={c.status} />
            {c.issuedByDeadline ? <Chip size="small" variant="outlined" color="warning" label={translate('public.deadline.chip')} data-testid="register-issued-by-deadline" /> : null}
            {c.issuedOnRegistration ? <Chip size="small" variant="outlined" color="info" label={translate('public.registration.chip')} data-testid="register-issued-on-registration" /> : null}
          </Box>
          <Typography component="p" sx={{ fontWeight: 700 }} data-testid="register-holder"><bdi>{c.holder?.name ?? '—'}</bdi></Typography>
          {product ? <Typography component="p" sx={{ color: 'text.secondary' }}><bdi>{product}</bdi></Typography> : null}
          <Typography component="p" sx={{ color: 'text.secondary', fontSize: '0.9rem' }}>{c.familyTitle ? <BiPair value={c.familyTitle} /> : translate(`public.kinds.${c.family}`, { _: c.family })}</Typography>
        </Box>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1.5, rowGap: 0.5, fontSize: '0.9rem' }}>
          <Box component="dt" sx={{ color: 'text.secondary' }}>{translate('public.fields.issued')}</Box>
          <Box component="dd" sx={{ m: 0 }}><JalaliDate value={c.issuedAt} stack /></Box>
          <Box component="dt" sx={{ color: 'text.secondary' }}>{translate('public.register.valid_until')}</Box>
          <Box component="dd" sx={{ m: 0 }}><JalaliDate value={c.expiresAt} stack /></Box>
        </Box>
      </CardContent>
    </Card>
  );
}
