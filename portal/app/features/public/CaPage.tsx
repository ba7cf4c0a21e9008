/**
 * /ca — the CA certificates anyone needs to check a certificate PDF in their own verifier: the root
 * to trust and the issuing CAs (GET /api/public/ca), each downloadable as a PEM file, with its
 * validity (Jalali and Gregorian) and SHA-256 fingerprint to compare with a copy obtained elsewhere.
 */
import DownloadIcon from '@mui/icons-material/Download';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { StatusChip } from '../../components/StatusChip';
import { BRAND } from '../../theme/theme';
import { commonName, pemFileName, type CaAnswer, type PublishedCa } from './model';
import { BiMessage, Mono, useApiGet, useDocumentTitle } from './parts';

/** Saves text as a file in the browser. */
function saveText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CaPage() {
  const translate = useTranslate();
  useDocumentTitle(translate('public.ca.title'));
  const { data, error, loading, retry } = useApiGet<CaAnswer>('/api/public/ca');
  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <Box>
        <Typography variant="h4" component="h2" sx={{ fontWeight: 700, fontSize: { xs: '1.5rem', sm: '2rem' } }}><BiMessage id="public.ca.title" stack /></Typography>
        <Typography sx={{ mt: 1, maxWidth: 860 }}>{translate('public.ca.intro')}</Typography>
      </Box>
      {error ? <ErrorNotice error={error} onRetry={retry} /> : null}
      {loading && !data ? <LoadingBlock lines={3} height={140} /> : null}
      {data ? (
        <>
          <CaGroup title="public.ca.roots" items={data.roots} kind="root" />
          <CaGroup title="public.ca.issuing" hint={translate('public.ca.issuing_hint')} items={data.issuing} kind="issuing" />
        </>
      ) : null}
    </Box>
  );
}

function CaGroup({ title, hint, items, kind }: { title: string; hint?: string; items: PublishedCa[]; kind: 'root' | 'issuing' }) {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby={`ca-${kind}`} data-testid={`ca-${kind}`}>
      <Typography id={`ca-${kind}`} variant="h5" component="h3" sx={{ fontWeight: 700, mb: 0.5 }}><BiMessage id={title} /></Typography>
      {hint ? <Typography sx={{ color: 'text.secondary', mb: 1.5 }}>{hint}</Typography> : null}
      {items.length ? (
        <Box sx={{ display: 'grid', gap: 2 }}>
          {items.map((ca, i) => <CaCard key={ca.sha256Fingerprint} ca={ca} fallbackName={`ito-${kind}-ca-${i + 1}`} kind={kind} />)}
        </Box>
      ) : <Card><EmptyState title={translate('public.ca.none')} /></Card>}
    </Box>
  );
}

function CaCard({ ca, fallbackName, kind }: { ca: PublishedCa; fallbackName: string; kind: string }) {
  const translate = useTranslate();
  const now = Date.now();
  const current = new Date(ca.notBefore).getTime() <= now && now <= new Date(ca.notAfter).getTime();
  const name = commonName(ca.subject);
  const file = pemFileName(ca.subject, fallbackName);
  return (
    <Card data-testid="ca-card" data-kind={kind} data-fingerprint={ca.sha256Fingerprint} sx={{ borderInlineStart: `4px solid ${kind === 'root' ? BRAND.gold : BRAND.brand}` }}>
      <CardContent sx={{ display: 'grid', gap: 1.5 }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', justifyContent: 'space-between' }}>
          <Typography component="h4" variant="h6" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }} data-testid="ca-name"><bdi>{name}</bdi></Typography>
          <StatusChip label={translate(current ? 'public.ca.current' : 'public.ca.outside')} tone={current ? 'ok' : 'grey'} value={current ? 'current' : 'outside'} />
        </Box>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(160px, 25%) 1fr' }, columnGap: 2, rowGap: { xs: 0.25, sm: 1 } }}>
          <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary' }}>{translate('public.ca.subject')}</Box>
          <Box component="dd" sx={{ m: 0, mb: { xs: 1, sm: 0 } }}><Mono>{ca.subject.split('\n').join(', ')}</Mono></Box>
          <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary' }}>{translate('public.ca.valid_from')}</Box>
          <Box component="dd" sx={{ m: 0, mb: { xs: 1, sm: 0 } }}><JalaliDate value={ca.notBefore} /></Box>
          <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary' }}>{translate('public.ca.valid_to')}</Box>
          <Box component="dd" sx={{ m: 0, mb: { xs: 1, sm: 0 } }}><JalaliDate value={ca.notAfter} /></Box>
          <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary' }}>{translate('public.ca.fingerprint')}</Box>
          <Box component="dd" sx={{ m: 0 }}><Mono testId="ca-fingerprint">{ca.sha256Fingerprint}</Mono></Box>
        </Box>
        <Box>
          <Button variant="contained" size="large" startIcon={<DownloadIcon />} onClick={() => saveText(ca.pem, file, 'application/x-pem-file')} data-testid="ca-download" data-file={file}
            sx={{ minHeight: 48, width: { xs: '100%', sm: 'auto' } }}>
            {translate('public.ca.download')} <Box component="span" dir="ltr" sx={{ marginInlineStart: 1, fontFamily: 'ui-monospace, monospace', fontSize: '0.85em', unicodeBidi: 'isolate', textTransform: 'none' }}>{file}</Box>
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
}
