/**
 * The verify page's "scan a QR code": the camera (when the browser has one and allows it) or a
 * picture of the code; then the signed payload is verified in the browser, offline, its claims are
 * shown (Persian first, English beside; Jalali and Gregorian dates), and, when online, the page says
 * whether the register's record still agrees (valid, same record) or not (revoked, another record…).
 */
import PhotoCameraIcon from '@mui/icons-material/PhotoCamera';
import QrCodeScannerIcon from '@mui/icons-material/QrCodeScanner';
import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { JalaliDate } from '../../components/JalaliDate';
import { ErrorNotice } from '../../components/States';
import { BRAND } from '../../theme/theme';
import { messageIn } from './messages';
import { canVerifyHere, checkOnline, PICTURE_SCALES, readQrFromFile, readQrFromImage, signerList, verifyQrText, type OfflineReading, type OnlineCheck } from './offline-qr';
import { BiMessage, BiPair, Mono } from './parts';

/** How often a camera frame is looked at for a code. */
const SCAN_EVERY_MS = 250;

/** The camera and the picture button; calls onRead with the text of the first code found. */
export function QrScan({ onRead }: { onRead: (qrText: string) => void }) {
  const translate = useTranslate();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const hasCamera = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setBusy(true);
    try {
      const text = await readQrFromFile(file);
      if (text) onRead(text);
      else setProblem(translate('public.qr.no_code'));
    } catch {
      setProblem(translate('public.qr.no_code'));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Typography id="qr-hint" sx={{ color: 'text.secondary', fontSize: '0.9rem' }}>{translate('public.qr.hint')}</Typography>
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
        {hasCamera ? (
          <Button variant={camera ? 'contained' : 'outlined'} size="large" startIcon={<PhotoCameraIcon />} onClick={() => { setProblem(null); setCamera(!camera); }} data-testid="qr-camera" sx={{ minHeight: 48 }}>
            {translate(camera ? 'public.qr.stop_camera' : 'public.qr.camera')}
          </Button>
        ) : null}
        <Button variant="outlined" size="large" startIcon={<QrCodeScannerIcon />} onClick={() => input.current?.click()} disabled={busy} data-testid="qr-choose" sx={{ minHeight: 48 }} aria-describedby="qr-hint">
          {translate('public.qr.choose')}
        </Button>
        <input ref={input} type="file" accept="image/*" hidden data-testid="qr-file" aria-label={translate('public.qr.choose')} onChange={(e) => void readFile(e.target.files?.[0])} />
      </Box>
      {camera ? <CameraScan onRead={(text) => { setCamera(false); onRead(text); }} onFailure={() => { setCamera(false); setProblem(translate('public.qr.no_camera')); }} /> : null}
      <Box role="status" aria-live="polite">
        {busy ? <Box data-testid="qr-reading"><LinearProgress /><Typography sx={{ mt: 1, fontSize: '0.9rem' }}>{translate('public.qr.reading')}</Typography></Box> : null}
      </Box>
      {problem ? <Alert severity="warning" data-testid="qr-scan-problem">{problem}</Alert> : null}
    </Box>
  );
}

/** The back camera's picture, read a few times a second until a code is found. */
function CameraScan({ onRead, onFailure }: { onRead: (text: string) => void; onFailure: () => void }) {
  const translate = useTranslate();
  const video = useRef<HTMLVideoElement>(null);
  const callbacks = useRef({ onRead, onFailure });
  callbacks.current = { onRead, onFailure };
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(async (media) => {
      if (stopped) { media.getTracks().forEach((t) => t.stop()); return; }
      stream = media;
      const element = video.current;
      if (!element) return;
      element.srcObject = media;
      await element.play();
      let frame = 0;
      timer = setInterval(() => {
        if (!element.videoWidth) return;
        // one scale a frame, in turn: the code is found at some sizes and missed at others
        const text = readQrFromImage(element, element.videoWidth, element.videoHeight, [PICTURE_SCALES[frame++ % PICTURE_SCALES.length]]);
        if (text) { clearInterval(timer); callbacks.current.onRead(text); }
      }, SCAN_EVERY_MS);
    }, () => { if (!stopped) callbacks.current.onFailure(); });
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <Box sx={{ display: 'grid', gap: 1, justifyItems: 'center' }}>
      <Box component="video" ref={video} muted playsInline data-testid="qr-video" sx={{ width: '100%', maxWidth: 420, borderRadius: 2, border: `2px solid ${BRAND.brand}`, backgroundColor: '#000' }} />
      <Typography sx={{ fontSize: '0.9rem', color: 'text.secondary' }}>{translate('public.qr.aim')}</Typography>
    </Box>
  );
}

type Verification = { phase: 'checking' } | { phase: 'done'; reading: OfflineReading } | { phase: 'failed'; words?: string; error?: unknown };

/** The QR code's verdict: offline first, then the online record. */
export function QrVerdict({ qrText }: { qrText: string }) {
  const translate = useTranslate();
  const [verification, setVerification] = useState<Verification>({ phase: 'checking' });
  const [disagrees, setDisagrees] = useState(false);
  useEffect(() => {
    let current = true;
    setVerification({ phase: 'checking' });
    (async (): Promise<Verification> => {
      if (!canVerifyHere()) return { phase: 'failed', words: 'public.qr.no_crypto' };
      const { signers } = await signerList();
      if (!signers.length) return { phase: 'failed', words: 'public.qr.no_signers' };
      return { phase: 'done', reading: await verifyQrText(qrText, signers) };
    })().then(
      (result) => { if (current) setVerification(result); },
      (error: unknown) => { if (current) setVerification({ phase: 'failed', words: 'public.qr.no_signers', error }); },
    );
    return () => { current = false; };
  }, [qrText]);

  if (verification.phase === 'checking') return <Box role="status" data-testid="qr-checking"><LinearProgress /><Typography sx={{ mt: 1 }}>{translate('public.qr.checking')}</Typography></Box>;
  if (verification.phase === 'failed') return <Box data-testid="qr-failed">{verification.error ? <ErrorNotice error={verification.error} title={translate(verification.words ?? 'public.qr.no_signers')} /> : <Alert severity="warning">{translate(verification.words ?? 'public.qr.no_signers')}</Alert>}</Box>;
  const { reading } = verification;
  const { valid, claims, problem } = reading;
  // a genuine code of a certificate the register no longer holds valid is not a green verdict
  const good = valid && !disagrees;
  const colour = good ? BRAND.ok : BRAND.err;
  return (
    <Box data-testid="qr-verdict" data-valid={String(valid)} sx={{ p: { xs: 2, sm: 3 }, borderRadius: 2, border: `2px solid ${colour}`, borderInlineStartWidth: 10, backgroundColor: good ? BRAND.okBg : BRAND.errBg, display: 'grid', gap: 1.5 }}>
      <Typography component="h2" data-testid="qr-verdict-title" sx={{ fontWeight: 700, fontSize: { xs: '1.3rem', sm: '1.6rem' }, color: colour }}>
        <BiMessage id={valid ? 'public.qr.valid_title' : 'public.qr.invalid_title'} stack />
      </Typography>
      {problem ? <Typography data-testid="qr-problem" data-code={problem.code} sx={{ color: BRAND.text }}><BiMessage id={`public.qr.problems.${problem.code}`} stack /></Typography> : null}
      {valid && claims ? (
        <>
          <Typography data-testid="qr-offline-verified" sx={{ color: BRAND.text, fontWeight: 700 }}><BiMessage id="public.qr.offline_verified" stack /></Typography>
          {reading.expired ? <Typography data-testid="qr-expired" sx={{ color: BRAND.warn }}><BiMessage id="public.qr.expired" stack /></Typography> : null}
          <Box component="dl" data-testid="qr-claims" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(160px, 28%) 1fr' }, columnGap: 2, rowGap: 0.75, color: BRAND.text }}>
            <Claim label="public.fields.number" testId="qr-claim-number"><Mono>{claims.number}</Mono></Claim>
            <Claim label="public.fields.holder" testId="qr-claim-holder"><Box component="span" sx={{ fontWeight: 700 }}><bdi>{claims.holder.name}</bdi></Box></Claim>
            <Claim label="public.fields.national_id" testId="qr-claim-national-id"><Mono>{claims.holder.nationalId}</Mono></Claim>
            <Claim label="public.qr.family" testId="qr-claim-family"><Mono>{claims.familyCode}</Mono></Claim>
            <Claim label="public.fields.issued" testId="qr-claim-issued"><JalaliDate value={claims.issuedAt} stack /></Claim>
            <Claim label="public.fields.expires" testId="qr-claim-expires"><JalaliDate value={claims.expiresAt} stack /></Claim>
            <Claim label="public.qr.record_hash" testId="qr-claim-hash"><Mono>{claims.recordHash}</Mono></Claim>
            <Claim label="public.qr.signer" testId="qr-claim-signer"><Mono>{reading.signer?.subject}</Mono></Claim>
          </Box>
          <OnlineAgreement reading={reading} onDisagree={setDisagrees} />
        </>
      ) : null}
    </Box>
  );
}

function Claim({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <>
      <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary' }}><BiMessage id={label} /></Box>
      <Box component="dd" data-testid={testId} sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }}>{children}</Box>
    </>
  );
}

/** "The online record agrees", "… disagrees: revoked", or "could not check" when offline. */
function OnlineAgreement({ reading, onDisagree }: { reading: OfflineReading; onDisagree: (disagrees: boolean) => void }) {
  const [check, setCheck] = useState<OnlineCheck | { state: 'checking' } | { state: 'failed'; error: unknown }>({ state: 'checking' });
  const { claims } = reading;
  useEffect(() => { onDisagree(check.state === 'disagrees'); }, [check.state, onDisagree]);
  useEffect(() => {
    if (!claims) return;
    const controller = new AbortController();
    setCheck({ state: 'checking' });
    checkOnline(claims, controller.signal).then(setCheck, (error: unknown) => { if (!controller.signal.aborted) setCheck({ state: 'failed', error }); });
    return () => controller.abort();
  }, [claims]);
  const status = check.state === 'disagrees' ? check.status : check.state === 'agrees' ? check.status : undefined;
  const line = (lang: 'fa' | 'en') => messageIn(lang, 'public.qr.online_disagrees').replace('%{status}', messageIn(lang, `public.status.${status ?? 'unknown'}`));
  return (
    <Box role="status" aria-live="polite" data-testid="qr-online" data-state={check.state} data-status={status} sx={{ fontWeight: 700, color: check.state === 'agrees' ? BRAND.ok : check.state === 'disagrees' ? BRAND.err : BRAND.text }}>
      {check.state === 'checking' ? <><LinearProgress sx={{ mb: 1 }} /><BiMessage id="public.qr.online_checking" /></> : null}
      {check.state === 'agrees' ? <BiMessage id="public.qr.online_agrees" stack /> : null}
      {check.state === 'disagrees' ? <BiPair value={{ fa: line('fa'), en: line('en') }} stack /> : null}
      {check.state === 'offline' ? <BiMessage id="public.qr.online_offline" stack /> : null}
      {check.state === 'failed' ? <ErrorNotice error={check.error} /> : null}
    </Box>
  );
}
