/**
 * Pieces the public pages share: bilingual headings from this feature's words, a small fetch hook,
 * the certificate-number form that checks the check character as you type, the verdict banner, the
 * certificate's details and its status history.
 */
import AutorenewIcon from '@mui/icons-material/Autorenew';
import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import GppBadIcon from '@mui/icons-material/GppBad';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import SearchIcon from '@mui/icons-material/Search';
import { Box, Button, InputAdornment, Link as MuiLink, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useId, useRef, useState, type ComponentType, type FormEvent, type ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import groups from '../../../../definitions/groups.json';
import { api } from '../../api/http';
import { Bi, splitBilingual } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import { StatusChip } from '../../components/StatusChip';
import { BRAND } from '../../theme/theme';
import { messageIn } from './messages';
import { checkNumber, statusTone, STATUSES, VERDICT_TONE, type Bilingual, type PublicRecord, type SubjectFieldView, type VerdictKind } from './model';

const TONE_COLOURS = {
  ok: { color: BRAND.ok, bg: BRAND.okBg },
  info: { color: BRAND.info, bg: BRAND.infoBg },
  warn: { color: BRAND.warn, bg: BRAND.warnBg },
  err: { color: BRAND.err, bg: BRAND.errBg },
  grey: { color: '#3f4a57', bg: '#e9edf1' },
} as const;

/**
 * Two languages side by side, the chosen one first. Stacked, it is the shared Bi; inline, the second
 * language is set off by a space between the two isolated runs (a margin on the second run would
 * fall on the wrong side when its direction differs from the page's).
 */
function Both({ fa, en, stack }: { fa: ReactNode; en: ReactNode; stack?: boolean }) {
  const [locale] = useLocaleState();
  if (stack) return <Bi fa={fa} en={en} stack />;
  const [first, second, lang] = locale === 'en' ? [en, fa, 'fa'] : [fa, en, 'en'];
  return (
    <span>
      <bdi>{first}</bdi>{' \u00a0'}
      <Box component="bdi" lang={lang} dir={lang === 'fa' ? 'rtl' : 'ltr'} sx={{ color: 'text.secondary', fontSize: '0.85em' }}>{second}</Box>
    </span>
  );
}

/** One of this feature's messages in both languages, the chosen one first. */
export function BiMessage({ id, stack }: { id: string; stack?: boolean }) {
  return <Both fa={messageIn('fa', id)} en={messageIn('en', id)} stack={stack} />;
}

/** Both languages of an API pair ({fa, en}). */
export function BiPair({ value, stack }: { value: Bilingual | undefined; stack?: boolean }) {
  return value ? <Both fa={value.fa} en={value.en} stack={stack} /> : <span>—</span>;
}

/** The page's title in the browser tab. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const before = document.title;
    document.title = `${title} — ITO`;
    return () => { document.title = before; };
  }, [title]);
}

export interface Fetched<T> { data?: T; error?: unknown; loading: boolean; retry: () => void; /** The path `data` or `error` answers. */ answered?: string }

/** GET `path` (null: nothing yet); a newer path cancels the older request, the older data stays until the newer arrives. */
export function useApiGet<T>(path: string | null): Fetched<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; answered?: string }>({ loading: !!path });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!path) { setState({ loading: false }); return; }
    const controller = new AbortController();
    setState((s) => ({ data: s.data, answered: s.answered, loading: true }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => setState({ data, loading: false, answered: path }),
      (error: unknown) => { if (!controller.signal.aborted) setState({ error, loading: false, answered: path }); },
    );
    return () => controller.abort();
  }, [path, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}

/**
 * The certificate-number form. The check character is checked on every keystroke by the issuer's
 * own parser: a mistyped number is said at once and never sent; an empty one only when submitted.
 */
export function NumberForm({ initial = '', onSubmit, testId = 'verify', autoFocus = false }: { initial?: string; onSubmit: (number: string) => void; testId?: string; autoFocus?: boolean }) {
  const translate = useTranslate();
  const [value, setValue] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => { setValue(initial); setSubmitted(false); }, [initial]);
  const check = checkNumber(value);
  const error = check.state === 'check' || check.state === 'format' || (submitted && (check.state === 'empty' || check.state === 'typing'));
  const words =
    check.state === 'check' ? translate('public.number.check')
    : check.state === 'format' || (submitted && check.state === 'typing') ? translate('public.number.format')
    : submitted && check.state === 'empty' ? translate('public.number.empty')
    : check.state === 'ok' ? translate('public.number.ok')
    : translate('public.number.hint');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check.state === 'ok') { onSubmit(check.number); return; }
    setSubmitted(true);
    input.current?.focus();
  };
  return (
    <Box component="form" onSubmit={submit} noValidate data-testid={`${testId}-form`} role="search" aria-label={translate('public.number.label')}
      sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start', flexDirection: { xs: 'column', sm: 'row' } }}>
      <TextField
        id={`${id}-number`}
        inputRef={input}
        fullWidth
        autoFocus={autoFocus}
        label={translate('public.number.label')}
        placeholder={translate('public.number.placeholder')}
        value={value}
        onChange={(e) => { setValue(e.target.value); setSubmitted(false); }}
        error={error}
        helperText={<span data-testid={error ? `${testId}-number-error` : check.state === 'ok' ? `${testId}-number-ok` : `${testId}-number-hint`} data-state={check.state}>{words}</span>}
        slotProps={{
          htmlInput: { 'data-testid': `${testId}-number`, dir: 'ltr', maxLength: 40, autoComplete: 'off', spellCheck: false, autoCapitalize: 'characters', inputMode: 'text', style: { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', fontSize: '1.1rem', letterSpacing: '0.04em' } },
          formHelperText: { role: error ? 'alert' : undefined, sx: { color: check.state === 'ok' ? BRAND.ok : undefined, fontSize: '0.85rem' } },
          input: check.state === 'ok' ? { endAdornment: <InputAdornment position="end"><CheckCircleIcon sx={{ color: BRAND.ok }} aria-hidden="true" /></InputAdornment> } : undefined,
        }}
      />
      <Button type="submit" variant="contained" size="large" startIcon={<SearchIcon />} data-testid={`${testId}-submit`}
        sx={{ minHeight: 56, minWidth: 140, width: { xs: '100%', sm: 'auto' }, flexShrink: 0 }}>
        {translate('public.number.submit')}
      </Button>
    </Box>
  );
}

const VERDICT_ICONS: Record<VerdictKind, ComponentType<{ sx?: object }>> = {
  valid: CheckCircleIcon, expired: HourglassBottomIcon, suspended: PauseCircleIcon, revoked: CancelIcon, superseded: AutorenewIcon,
  unknown: HelpOutlineIcon, forged: GppBadIcon, modified: GppBadIcon, 'signer-revoked': GppBadIcon, 'wrong-signer': GppBadIcon, mismatch: ReportProblemIcon,
};

/** The one verdict, big and coloured, in both languages; it takes the focus when it appears. */
export function VerdictBanner({ kind, number, children }: { kind: VerdictKind; number?: string | null; children?: ReactNode }) {
  const { color, bg } = TONE_COLOURS[VERDICT_TONE[kind]];
  const Icon = VERDICT_ICONS[kind];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [kind, number]);
  return (
    <Box data-testid="verdict" data-verdict={kind} sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', p: { xs: 2, sm: 3 }, borderRadius: 2, backgroundColor: bg, color, border: `2px solid ${color}`, borderInlineStartWidth: 10 }}>
      <Icon sx={{ fontSize: { xs: 44, sm: 64 }, flexShrink: 0 }} />
      <Box sx={{ minWidth: 0, flex: 1 }}>
        <Typography ref={heading} tabIndex={-1} component="h2" data-testid="verdict-title" sx={{ fontWeight: 700, fontSize: { xs: '1.35rem', sm: '1.75rem' }, lineHeight: 1.4, outline: 'none' }}>
          <BiMessage id={`public.verdict.${kind}.title`} stack />
        </Typography>
        {number ? <Typography component="p" data-testid="verdict-number" sx={{ fontFamily: 'ui-monospace, monospace', fontWeight: 700, fontSize: '1.1rem', mt: 0.5 }}><bdi dir="ltr">{number}</bdi></Typography> : null}
        <Typography component="p" sx={{ mt: 1, color: BRAND.text }}><BiMessage id={`public.verdict.${kind}.note`} stack /></Typography>
        {children}
      </Box>
    </Box>
  );
}

/** A label (both languages) and its value, one row of a definition list. */
function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary', pt: { sm: 1.25 }, pb: { xs: 0, sm: 1.25 }, borderTop: { sm: `1px solid ${BRAND.line}` } }}><BiMessage id={label} stack /></Box>
      <Box component="dd" data-testid={testId} sx={{ m: 0, py: { xs: 0.5, sm: 1.25 }, pb: { xs: 1.5 }, borderTop: { sm: `1px solid ${BRAND.line}` }, minWidth: 0, overflowWrap: 'anywhere' }}>{children}</Box>
    </>
  );
}

function RowBi({ label, children, testId }: { label: Bilingual; children: ReactNode; testId?: string }) {
  return (
    <>
      <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary', pt: { sm: 1.25 }, pb: { xs: 0, sm: 1.25 }, borderTop: { sm: `1px solid ${BRAND.line}` } }}><BiPair value={label} stack /></Box>
      <Box component="dd" data-testid={testId} sx={{ m: 0, py: { xs: 0.5, sm: 1.25 }, pb: { xs: 1.5 }, borderTop: { sm: `1px solid ${BRAND.line}` }, minWidth: 0, overflowWrap: 'anywhere' }}>{children}</Box>
    </>
  );
}

const mono = { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', overflowWrap: 'anywhere', unicodeBidi: 'isolate' } as const;

export function Mono({ children, testId, title }: { children: ReactNode; testId?: string; title?: string }) {
  return <Box component="span" dir="ltr" data-testid={testId} title={title} sx={mono}>{children}</Box>;
}

/** A subject value: enum and grade values by their labels, lists one line per item, the rest as written. */
function SubjectValue({ field, value }: { field: SubjectFieldView; value: unknown }) {
  const words = (v: unknown) => {
    const label = field.options?.[String(v)];
    // a paragraph in its own direction (mixed Persian and English keeps its order), aligned with the column
    return label ? <BiPair value={label} /> : <Box component="span" dir="auto" sx={{ display: 'block', textAlign: 'match-parent' }}>{String(v)}</Box>;
  };
  if (Array.isArray(value)) {
    return <Box component="ul" data-testid={`verify-subject-${field.key}`} sx={{ m: 0, paddingInlineStart: 2.5 }}>{value.map((v, i) => <li key={i}>{words(v)}</li>)}</Box>;
  }
  if (field.kind === 'version' || field.kind === 'score') return <Mono>{String(value)}</Mono>;
  return words(value);
}

function subjectRows(subject: Record<string, unknown>, fields: SubjectFieldView[]): { field: SubjectFieldView; value: unknown }[] {
  const known = new Map(fields.map((f) => [f.key, f]));
  const keys = [...fields.map((f) => f.key), ...Object.keys(subject).filter((k) => !known.has(k))];
  return keys
    .map((key) => ({ field: known.get(key) ?? { key, kind: 'text', label: { fa: key, en: key } }, value: subject[key] }))
    .filter(({ value }) => !(value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)));
}

export function PublicStatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return <StatusChip label={translate(`public.status.${status}`, { _: status })} tone={statusTone(status)} value={status} testId="status-chip" />;
}

/** What the record says: holder, type, subject, dates (Jalali and Gregorian), hashes, renewals. */
export function CertificateDetails({ record }: { record: PublicRecord }) {
  const translate = useTranslate();
  const rows = subjectRows(record.subject ?? {}, record.subjectFields ?? []);
  return (
    <Box component="section" aria-labelledby="details-title" data-testid="verify-record" data-status={record.status}>
      <Typography id="details-title" variant="h6" component="h3" sx={{ mb: 1 }}><BiMessage id="public.fields.details" /></Typography>
      <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(180px, 30%) 1fr' }, columnGap: 3 }}>
        <Row label="public.fields.number" testId="verify-field-number"><Mono>{record.number}</Mono> <PublicStatusChip status={record.status} /></Row>
        {record.familyTitle ? <Row label="public.fields.kind" testId="verify-field-kind"><BiPair value={record.familyTitle} stack /></Row> : null}
        {record.issuer ? <Row label="public.fields.issuer"><BiPair value={record.issuer} stack /></Row> : null}
        {record.holder ? (
          <Row label="public.fields.holder" testId="verify-field-holder">
            <Box component="span" sx={{ display: 'block', fontWeight: 700 }}><bdi>{record.holder.name || '—'}</bdi></Box>
            {record.holder.nationalId ? <Box component="span" data-testid="verify-field-national-id" sx={{ color: 'text.secondary', fontSize: '0.9em' }}>{translate('public.fields.national_id')}: <Mono>{record.holder.nationalId}</Mono></Box> : null}
          </Row>
        ) : null}
        {rows.map(({ field, value }) => <RowBi key={field.key} label={field.label} testId={`verify-field-${field.key}`}><SubjectValue field={field} value={value} /></RowBi>)}
        <Row label="public.fields.issued" testId="verify-field-issued"><JalaliDate value={record.issuedAt} stack /></Row>
        <Row label="public.fields.expires" testId="verify-field-expires"><JalaliDate value={record.expiresAt} stack /></Row>
        {record.replaces ? <Row label="public.fields.replaces"><MuiLink component={Link} to={`/verify/${encodeURIComponent(record.replaces)}`} data-testid="verify-replaces"><Mono>{record.replaces}</Mono></MuiLink></Row> : null}
        {record.replacedBy ? <Row label="public.fields.replaced_by"><MuiLink component={Link} to={`/verify/${encodeURIComponent(record.replacedBy)}`} data-testid="verify-replaced-by"><Mono>{record.replacedBy}</Mono></MuiLink></Row> : null}
        {record.legacyNumber ? <Row label="public.fields.legacy"><Mono>{record.legacyNumber}</Mono></Row> : null}
        {record.issuedByDeadline ? (
          <Row label="public.fields.issued_by_deadline" testId="verify-issued-by-deadline">
            <Box component="span" sx={{ display: 'block' }}>{translate('public.deadline.note')}</Box>
            {record.issuedByDeadline.reviewingUnit ? <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.9em' }}>{translate('public.deadline.unit')}: <bdi data-testid="verify-reviewing-unit"><RoleWords roles={record.issuedByDeadline.reviewingUnit} /></bdi></Box> : null}
          </Row>
        ) : null}
        {record.issuedOnRegistration ? (
          <Row label="public.fields.issued_by_deadline" testId="verify-issued-on-registration">
            <Box component="span" sx={{ display: 'block' }}>{translate('public.registration.note')}</Box>
            <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.9em' }}>{translate('public.registration.undertaking')}: <BiPair value={record.issuedOnRegistration.undertaking} stack /></Box>
          </Row>
        ) : null}
        {record.shortHash ? <Row label="public.fields.short_hash"><Mono testId="verify-short-hash" title={record.recordSha256}>{record.shortHash}</Mono></Row> : null}
        {record.sha256 ? <Row label="public.fields.sha256"><Mono testId="verify-sha256">{record.sha256}</Mono></Row> : null}
      </Box>
    </Box>
  );
}

/** A BPMN step's name, written "فارسی — English", in both languages. */
function StepName({ text }: { text: string }) {
  const [fa, en] = splitBilingual(text);
  return <Both fa={fa} en={en} />;
}

const GROUPS = groups as Record<string, Bilingual | undefined>;

/** Who decided: the system, a role, or reviewer groups by their names in definitions/groups.json. */
function RoleWords({ roles }: { roles: string }) {
  const [locale] = useLocaleState();
  const lang: 'fa' | 'en' = locale === 'en' ? 'en' : 'fa';
  const names = roles.split(',').map((r) => r.trim()).filter(Boolean).map((r) => {
    const own = messageIn(lang, `public.history.roles.${r}`);
    if (own !== `public.history.roles.${r}`) return own;
    const org = /^org:(\d+)$/.exec(r);
    if (org) return messageIn(lang, 'public.history.org').replace('%{id}', org[1]);
    return GROUPS[r]?.[lang] ?? r;
  });
  return <span dir="auto">{names.join(lang === 'fa' ? '، ' : ', ')}</span>;
}

/** Every status change since issue, and the decisions that led to the certificate (roles, never people). */
export function StatusHistory({ record }: { record: PublicRecord }) {
  const translate = useTranslate();
  const history = record.history ?? [];
  const process = record.process;
  return (
    <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
      {history.length ? (
        <Box component="section" aria-labelledby="history-title" data-testid="verify-history">
          <Typography id="history-title" variant="h6" component="h3" sx={{ mb: 1 }}><BiMessage id="public.history.title" /></Typography>
          <Timeline>
            {history.map((e, i) => (
              <TimelineItem key={i} testId="history-entry" data={e.action} tone={statusTone(e.status)}>
                <JalaliDate value={e.at} withTime stack />
                <Box sx={{ fontWeight: 700 }}>{translate(`public.history.actions.${e.action}`, { _: e.action })}{' '}
                  <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary' }}>— {translate('public.history.by')} <RoleWords roles={e.decidedBy} /></Box>
                </Box>
                {e.reason ? <Box component="p" data-testid="history-reason" sx={{ m: 0, mt: 0.5 }}><bdi>{e.reason}</bdi></Box> : null}
              </TimelineItem>
            ))}
          </Timeline>
        </Box>
      ) : null}
      {process ? (
        <Box component="section" aria-labelledby="process-title" data-testid="verify-process">
          <Typography id="process-title" variant="h6" component="h3" sx={{ mb: 0.5 }}><BiMessage id="public.history.process" /></Typography>
          <Typography sx={{ color: 'text.secondary', mb: 1 }}>{translate('public.history.process_line', { key: process.key, version: process.version })}</Typography>
          <Timeline>
            <TimelineItem tone="info" testId="process-entry" data="submitted">
              <JalaliDate value={process.submittedAt} withTime stack />
              <Box sx={{ fontWeight: 700 }}>{translate('public.history.submitted')}</Box>
            </TimelineItem>
            {process.decisions.map((d, i) => (
              <TimelineItem key={i} tone="ok" testId="process-entry" data={d.step}>
                <JalaliDate value={d.at} withTime stack />
                <Box sx={{ fontWeight: 700 }}><StepName text={d.name || d.step} /></Box>
                <Box sx={{ color: 'text.secondary' }}><RoleWords roles={d.role} /></Box>
              </TimelineItem>
            ))}
          </Timeline>
        </Box>
      ) : null}
    </Box>
  );
}

function Timeline({ children }: { children: ReactNode }) {
  return <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>{children}</Box>;
}

function TimelineItem({ children, tone, testId, data }: { children: ReactNode; tone: keyof typeof TONE_COLOURS; testId: string; data: string }) {
  return (
    <Box component="li" data-testid={testId} data-action={data} sx={{ position: 'relative', paddingInlineStart: 3, pb: 2, borderInlineStart: `2px solid ${BRAND.line}`, marginInlineStart: 1, '&:last-of-type': { borderColor: 'transparent' } }}>
      <Box aria-hidden="true" sx={{ position: 'absolute', insetInlineStart: -7, top: 4, width: 12, height: 12, borderRadius: '50%', backgroundColor: TONE_COLOURS[tone].color }} />
      {children}
    </Box>
  );
}

/** What each status means, as a reader of a certificate needs to know. */
export function StatusGuide() {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby="guide-title">
      <Typography id="guide-title" variant="h6" component="h2" sx={{ mb: 1 }}><BiMessage id="public.verify.statuses_title" /></Typography>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gap: 1 }}>
        {STATUSES.map((s) => (
          <Box component="li" key={s} sx={{ display: 'flex', gap: 1.5, alignItems: 'baseline', flexWrap: 'wrap' }}>
            <PublicStatusChip status={s} />
            <span>{translate(`public.verdict.${s}.note`)}</span>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
