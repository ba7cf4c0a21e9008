/**
 * /verify and /verify/<number> (the address printed certificates carry in their QR code): check a
 * certificate by its number (the check character is checked while typing; a typo never reaches the
 * server), by the QR link (the verdict is shown at once), by dropping its PDF (signature, changes
 * after signing, chain of trust, the signer's family and match with the issued file), or by
 * scanning its QR code (the signed payload verified offline in the browser, then the online record
 * compared: QrCheck.tsx). One verdict first, big and coloured; then what changed, the record's
 * details and its status history.
 */
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Link as MuiLink, Skeleton, Typography } from '@mui/material';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslate } from 'react-admin';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/http';
import { JalaliDate } from '../../components/JalaliDate';
import { ErrorNotice } from '../../components/States';
import { BRAND } from '../../theme/theme';
import { checkNumber, verdictOfUpload, type PublicRecord, type VerifyAnswer } from './model';
import { ModificationDetails } from './ModificationDetails';
import { QrScan, QrVerdict } from './QrCheck';
import { BiMessage, CertificateDetails, Mono, NumberForm, StatusGuide, StatusHistory, useApiGet, useDocumentTitle, VerdictBanner, type Fetched } from './parts';

const MAX_BYTES = 10 * 1024 * 1024;

type FileResult = { name: string; answer: VerifyAnswer };

/** The last file checked: switching the language redraws the whole app, and a verdict must not vanish with it. */
let rememberedFile: FileResult | null = null;

export function VerifyPage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { number: param } = useParams();
  const [search] = useSearchParams();
  const fromQuery = search.get('number') ?? '';
  const typed = param ?? fromQuery;
  const check = checkNumber(typed);
  const canonical = check.state === 'ok' ? check.number : null;
  const [source, setSource] = useState<'number' | 'file' | 'qr'>(param ? 'number' : 'file');
  const [file, setFile] = useState<FileResult | null>(() => rememberedFile);
  // each reading is checked afresh (a second scan of the same code may be made offline, or after a revocation)
  const [qrScan, setQrScan] = useState<{ text: string; id: number } | null>(null);
  useDocumentTitle(canonical && source === 'number' ? `${canonical} — ${translate('public.verify.title')}` : translate('public.verify.title'));

  // the printed address may carry any accepted spelling (lowercase, Persian digits): show the canonical one
  useEffect(() => {
    if (canonical && typed !== canonical) navigate(`/verify/${encodeURIComponent(canonical)}`, { replace: true });
  }, [canonical, typed, navigate]);
  useEffect(() => { if (param) setSource('number'); }, [param]);

  const lookup = useApiGet<PublicRecord>(source === 'number' && canonical && param ? `/api/public/certificates/${encodeURIComponent(canonical)}` : null);

  const submitNumber = (number: string) => {
    setSource('number');
    if (number === param) lookup.retry();
    else navigate(`/verify/${encodeURIComponent(number)}`);
  };
  const fileChecked = (result: FileResult) => {
    rememberedFile = result;
    setFile(result);
    setSource('file');
    if (param) navigate('/verify', { replace: true });
  };
  const qrRead = (text: string) => {
    setQrScan((before) => ({ text, id: (before?.id ?? 0) + 1 }));
    setSource('qr');
    if (param) navigate('/verify', { replace: true });
  };

  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <Box>
        <Typography variant="h4" component="h2" sx={{ fontWeight: 700, fontSize: { xs: '1.5rem', sm: '2rem' } }}><BiMessage id="public.verify.title" stack /></Typography>
        <Typography sx={{ mt: 1, maxWidth: 820 }}>{translate('public.verify.intro')}</Typography>
      </Box>

      <Box component="section" aria-label={translate('public.verify.result')} aria-live="polite" data-testid="verify-result">
        {source === 'number' && param && canonical ? <NumberResult number={canonical} lookup={lookup} /> : null}
        {source === 'file' && file ? <FileVerdict result={file} /> : null}
        {source === 'qr' && qrScan ? <QrVerdict key={qrScan.id} qrText={qrScan.text} /> : null}
      </Box>

      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
        <Card component="section" aria-labelledby="by-number-title">
          <CardContent sx={{ display: 'grid', gap: 2 }}>
            <Typography id="by-number-title" variant="h6" component="h2"><BiMessage id="public.verify.by_number" /></Typography>
            <NumberForm initial={typed} onSubmit={submitNumber} autoFocus={!typed} />
          </CardContent>
        </Card>
        <Card component="section" aria-labelledby="by-file-title">
          <CardContent sx={{ display: 'grid', gap: 2 }}>
            <Typography id="by-file-title" variant="h6" component="h2"><BiMessage id="public.verify.by_file" /></Typography>
            <PdfDrop onChecked={fileChecked} />
          </CardContent>
        </Card>
        <Card component="section" aria-labelledby="by-qr-title" sx={{ gridColumn: { md: '1 / -1' } }}>
          <CardContent sx={{ display: 'grid', gap: 2 }}>
            <Typography id="by-qr-title" variant="h6" component="h2"><BiMessage id="public.qr.title" /></Typography>
            <QrScan onRead={qrRead} />
          </CardContent>
        </Card>
      </Box>

      <Card><CardContent><StatusGuide /></CardContent></Card>
    </Box>
  );
}

/** The verdict of a number, then the record; an unknown number is a verdict too. */
function NumberResult({ number, lookup }: { number: string; lookup: Fetched<PublicRecord> }) {
  const translate = useTranslate();
  if (lookup.loading && !lookup.data) {
    return (
      <Box role="status" aria-label={translate('public.verify.checking')} data-testid="verify-loading">
        <Skeleton variant="rounded" height={150} />
        <Skeleton variant="rounded" height={220} sx={{ mt: 2 }} />
      </Box>
    );
  }
  if (lookup.error) {
    const status = lookup.error instanceof ApiError ? lookup.error.status : -1;
    if (status === 404) return <VerdictBanner kind="unknown" number={number} />;
    if (status === 429) return <Alert severity="warning" data-testid="verify-busy">{translate('public.verify.busy')}</Alert>;
    return <ErrorNotice error={lookup.error} onRetry={lookup.retry} title={translate('public.verify.failed')} />;
  }
  const record = lookup.data;
  if (!record) return null;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <VerdictBanner kind={record.status} number={record.number}>
        {record.replacedBy ? (
          <Typography sx={{ mt: 1 }}>
            <MuiLink component={Link} to={`/verify/${encodeURIComponent(record.replacedBy)}`} data-testid="verdict-replaced-by">{translate('public.verify.open_record', { number: record.replacedBy })}</MuiLink>
          </Typography>
        ) : null}
      </VerdictBanner>
      <RecordCard record={record} />
    </Box>
  );
}

function RecordCard({ record }: { record: PublicRecord }) {
  return (
    <Card>
      <CardContent sx={{ display: 'grid', gap: 3 }}>
        <CertificateDetails record={record} />
        <StatusHistory record={record} />
      </CardContent>
    </Card>
  );
}

/** The checks behind a file's verdict, in the order they are made. */
const checksOf = (answer: VerifyAnswer): { key: string; ok: boolean }[] => [
  { key: 'signatureValid', ok: answer.signatureValid },
  { key: 'unchangedAfterSigning', ok: answer.modifiedAfterSigning === null },
  { key: 'chainTrusted', ok: answer.chainTrusted },
  { key: 'signerFamilyMatches', ok: answer.signerFamilyMatches },
  // only when the server read a CRL that speaks of the signer
  ...(answer.signerRevocation && answer.signerRevocation.status !== 'unknown' ? [{ key: 'signerNotRevoked', ok: answer.signerRevocation.status === 'good' }] : []),
  { key: 'hashMatchesRecord', ok: answer.hashMatchesRecord },
];

/** An uploaded file's verdict, the checks behind it, what changed after signing, and the record when the file is genuine. */
function FileVerdict({ result }: { result: FileResult }) {
  const translate = useTranslate();
  const { answer } = result;
  const kind = verdictOfUpload(answer);
  const genuine = answer.signatureValid && answer.chainTrusted && answer.signerFamilyMatches && !!answer.number && answer.status !== 'unknown';
  const record = useApiGet<PublicRecord>(genuine && answer.number ? `/api/public/certificates/${encodeURIComponent(answer.number)}` : null);
  return (
    <Box sx={{ display: 'grid', gap: 2 }} data-testid="file-verdict" data-verdict={kind}>
      <VerdictBanner kind={kind} number={answer.number}>
        <Typography sx={{ mt: 1, color: 'text.secondary', fontSize: '0.9rem' }} data-testid="verdict-file-name">
          {translate('public.verify.file_checked', { name: '' })}<bdi>{result.name}</bdi>
        </Typography>
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 1.5, display: 'grid', gap: 0.75 }}>
          {checksOf(answer).map(({ key, ok }) => (
            <Box component="li" key={key} data-testid={`check-${key}`} data-ok={String(ok)} sx={{ display: 'flex', gap: 1, alignItems: 'baseline', color: BRAND.text }}>
              <Box component="span" aria-hidden="true" sx={{ fontWeight: 700, color: ok ? BRAND.ok : BRAND.err, minWidth: '1.2em' }}>{ok ? '✓' : '✗'}</Box>
              <span>
                <Box component="span" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>{translate(ok ? 'public.checks.yes' : 'public.checks.no')}: </Box>
                <BiMessage id={`public.checks.${key}`} />
              </span>
            </Box>
          ))}
        </Box>
        <Box sx={{ mt: 1.5, color: BRAND.text }} data-testid="verdict-api">
          <Typography component="span" sx={{ fontWeight: 700 }}>{translate('public.verify.api_says')}: </Typography>
          <span lang="fa" dir="rtl">{answer.verdict.fa}</span>{' '}
          <Box component="span" lang="en" dir="ltr" sx={{ color: 'text.secondary', unicodeBidi: 'isolate' }}>{answer.verdict.en}</Box>
        </Box>
        {answer.signatureValid ? <SigningTime answer={answer} /> : null}
        {answer.modifiedAfterSigning ? <ModificationDetails modification={answer.modifiedAfterSigning} /> : null}
        {answer.number && !genuine ? (
          <Typography sx={{ mt: 1, color: BRAND.text }}>
            {translate('public.verify.number_in_file', { number: '' })}
            <MuiLink component={Link} to={`/verify/${encodeURIComponent(answer.number)}`} data-testid="verdict-lookup-number"><Mono>{answer.number}</Mono></MuiLink>
          </Typography>
        ) : null}
      </VerdictBanner>
      {record.loading ? <Skeleton variant="rounded" height={220} /> : null}
      {record.data ? <RecordCard record={record.data} /> : null}
      {record.error ? <ErrorNotice error={record.error} onRetry={record.retry} /> : null}
    </Box>
  );
}

/** When the signature was made, as its time-stamp proves (Jalali and Gregorian), and the PAdES level found. */
function SigningTime({ answer }: { answer: VerifyAnswer }) {
  const { timeStamp, padesLevel } = answer;
  const newestDocumentTimeStamp = (answer.documentTimeStamps ?? []).filter((stamp) => stamp.valid).pop();
  return (
    <Box sx={{ mt: 1.5, color: BRAND.text, display: 'grid', gap: 0.5 }} data-testid="verdict-signing-time" data-valid={String(!!timeStamp?.valid)}>
      {timeStamp?.valid ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography component="span" sx={{ fontWeight: 700 }}><BiMessage id="public.verify.signing_time" />:</Typography>
          <JalaliDate value={timeStamp.time} withTime />
        </Box>
      ) : (
        <Typography component="span"><BiMessage id={timeStamp ? 'public.verify.signing_time_invalid' : 'public.verify.signing_time_unproven'} /></Typography>
      )}
      {padesLevel ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline' }} data-testid="verdict-pades-level">
          <Typography component="span" sx={{ fontWeight: 700 }}><BiMessage id="public.verify.pades_level" />:</Typography>
          <Mono>{padesLevel}</Mono>
        </Box>
      ) : null}
      {newestDocumentTimeStamp ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }} data-testid="verdict-document-time-stamp">
          <Typography component="span" sx={{ fontWeight: 700 }}><BiMessage id="public.verify.document_time_stamp" />:</Typography>
          <JalaliDate value={newestDocumentTimeStamp.time} withTime />
        </Box>
      ) : null}
    </Box>
  );
}

/** A drop zone and a file button: the PDF is sent to POST /api/public/verify as soon as it is chosen. */
function PdfDrop({ onChecked }: { onChecked: (result: FileResult) => void }) {
  const translate = useTranslate();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES) { setError(new Error(translate('public.verify.too_big'))); return; }
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(file.name);
    try {
      const answer = await api<VerifyAnswer>('/api/public/verify', { method: 'POST', form });
      onChecked({ name: file.name, answer });
    } catch (err) {
      const status = err instanceof ApiError ? err.status : -1;
      const words = status === 415 ? 'public.verify.not_pdf' : status === 413 ? 'public.verify.too_big' : status === 400 ? 'public.verify.rejected' : status === 429 ? 'public.verify.busy' : null;
      setError(words ? new Error(translate(words)) : err);
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void send(event.dataTransfer.files[0]);
  };
  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    if (!over) setOver(true);
  };

  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Box
        data-testid="verify-drop"
        data-over={String(over)}
        onDragOver={onDragOver}
        onDragEnter={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        sx={{
          border: `2px dashed ${over ? BRAND.brand : BRAND.muted}`, borderRadius: 2, p: { xs: 2, sm: 3 }, textAlign: 'center',
          backgroundColor: over ? BRAND.infoBg : '#f8fafc', transition: 'background-color 120ms', display: 'grid', gap: 1, justifyItems: 'center',
        }}
      >
        <UploadFileIcon sx={{ fontSize: 44, color: BRAND.brand }} aria-hidden="true" />
        <Typography sx={{ fontWeight: 700 }}>{translate(over ? 'public.verify.drop_active' : 'public.verify.drop')}</Typography>
        <Typography sx={{ color: 'text.secondary' }}>{translate('public.verify.or')}</Typography>
        <Button variant="outlined" size="large" onClick={() => input.current?.click()} disabled={!!busy} data-testid="verify-choose" sx={{ minHeight: 48 }} aria-describedby="file-hint">
          {translate('public.verify.choose')}
        </Button>
        <input ref={input} type="file" accept="application/pdf,.pdf" hidden data-testid="verify-file" aria-label={translate('public.verify.choose')} onChange={(e) => void send(e.target.files?.[0])} />
      </Box>
      <Typography id="file-hint" sx={{ color: 'text.secondary', fontSize: '0.875rem' }}>{translate('public.verify.file_hint')}</Typography>
      <Box sx={{ minHeight: 4 }} role="status" aria-live="polite">
        {busy ? (
          <Box data-testid="verify-uploading">
            <LinearProgress />
            <Typography sx={{ mt: 1, fontSize: '0.9rem' }}>{translate('public.verify.uploading', { name: '' })}<bdi>{busy}</bdi></Typography>
          </Box>
        ) : null}
      </Box>
      {error ? <Box data-testid="verify-file-error"><ErrorNotice error={error} /></Box> : null}
    </Box>
  );
}
