/** Small pieces the applicant's pages share: status chips, the expected decision date, certificates. */
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import RenewIcon from '@mui/icons-material/AutorenewOutlined';
import VerifiedIcon from '@mui/icons-material/VerifiedOutlined';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { download } from '../../api/http';
import { BiText } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import { StatusChip } from '../../components/StatusChip';
import { CERTIFICATE_TONES, OUTCOME_TONES, RENEWAL_FIELD, RENEWAL_PROCESS, STATUS_TONES, workingDays, type CertificateRef, type DecisionTime } from './model';
import { useDefinitions, useProcessNames } from './hooks';
import { BiHeading as SharedBiHeading, type BiHeadingProps } from '../../components/BiHeading';

export function ApplicationStatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return <StatusChip label={translate(`applicant.status.${status}`, { _: status })} tone={STATUS_TONES[status] ?? 'grey'} testId="app-status" value={status} />;
}

export function OutcomeChip({ outcome }: { outcome: string | null }) {
  const translate = useTranslate();
  if (!outcome) return null;
  return <StatusChip label={translate(`applicant.outcome.${outcome}`, { _: outcome })} tone={OUTCOME_TONES[outcome] ?? 'grey'} testId="app-outcome" value={outcome} />;
}

export function WaitingChip() {
  const translate = useTranslate();
  return <StatusChip label={translate('applicant.list.waiting_you')} tone="warn" testId="waiting-badge" value="waiting" />;
}

/** The process's name in both languages, by its key. */
export function ProcessName({ processKey, stack = true }: { processKey: string; stack?: boolean }) {
  const nameOf = useProcessNames();
  return <BiText text={nameOf(processKey)} stack={stack} />;
}

/** Persian digits in Persian, Latin in English. */
export function useNumber(): (n: number) => string {
  const [locale] = useLocaleState();
  return (n: number) => n.toLocaleString(locale === 'en' ? 'en' : 'fa-IR', { useGrouping: false });
}

/** The date a decision is expected by, the published time, the paused days and overdue. */
/** `decided`: the application is over, so the rule for silence no longer applies and is not said. */
export function ExpectedDecision({ value, compact = false, decided = false }: { value: DecisionTime | null | undefined; compact?: boolean; decided?: boolean }) {
  const translate = useTranslate();
  const num = useNumber();
  if (!value) return <span data-testid="expected-decision" data-none="true">{translate('ito.date.none')}</span>;
  const days = workingDays(value.within);
  return (
    <Box data-testid="expected-decision" data-overdue={String(value.overdue)} data-expected={value.expectedAt}>
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
        <JalaliDate value={value.expectedAt} stack={compact} />
        {value.overdue ? <StatusChip label={translate('applicant.show.overdue')} tone="warn" testId="decision-overdue" /> : null}
      </Stack>
      {!compact && days ? <Typography variant="body2" color="text.secondary">{translate('applicant.show.within', { days: num(days) })}</Typography> : null}
      {!compact && value.basis ? (
        <Typography variant="body2" color="text.secondary" data-testid="legal-rule" data-basis={value.basis} data-on-deadline={value.onDeadline ?? ''}>
          {translate(`applicant.legal.basis_${value.basis}`)}
          {value.onDeadline && !decided ? ` · ${translate(value.onDeadline === 'deemed-approval' ? 'applicant.legal.rule_deemed' : 'applicant.legal.rule_escalate')}` : ''}
        </Typography>
      ) : null}
      {!compact && value.pausedWorkingDays ? (
        <Typography variant="body2" color="text.secondary" data-testid="clock-paused">{translate('applicant.show.paused', { days: num(value.pausedWorkingDays), smart_count: value.pausedWorkingDays })}</Typography>
      ) : null}
    </Box>
  );
}

/** A certificate: its number (the public verify page), status, dates, PDF download and renewal. */
export function CertificateItem({ cert, canRenew }: { cert: CertificateRef; canRenew: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const definitions = useDefinitions();
  const renewable = canRenew && cert.status === 'valid' && !!definitions.data?.some((d) => d.key === RENEWAL_PROCESS);
  const pdf = async () => {
    setBusy(true);
    try {
      await download(`/api/certificates/${encodeURIComponent(cert.number)}/pdf`, `${cert.number}.pdf`);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box data-testid="certificate" data-number={cert.number} data-status={cert.status} sx={{ py: 1, borderBottom: 1, borderColor: 'divider', '&:last-child': { borderBottom: 0 } }}>
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
        <Typography component="span" sx={{ fontWeight: 700 }} dir="ltr" data-testid="certificate-number">{cert.number}</Typography>
        <StatusChip label={translate(`applicant.certificate_status.${cert.status}`, { _: cert.status })} tone={CERTIFICATE_TONES[cert.status] ?? 'grey'} testId="certificate-status" value={cert.status} />
      </Stack>
      {cert.issuedAt ? (
        <Typography variant="body2" color="text.secondary" component="div">
          {translate('applicant.show.issued')}: <JalaliDate value={cert.issuedAt} /> · {translate('applicant.show.expires')}: <JalaliDate value={cert.expiresAt} />
        </Typography>
      ) : null}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }} useFlexGap flexWrap="wrap">
        {cert.status !== 'pending' ? (
          <Button size="small" variant="contained" startIcon={<DownloadIcon />} onClick={pdf} disabled={busy} data-testid="download-pdf" aria-label={translate('applicant.show.download_pdf_of', { number: cert.number })}>
            {translate('applicant.show.download_pdf')}
          </Button>
        ) : null}
        <Button size="small" variant="outlined" startIcon={<VerifiedIcon />} href={`/verify/${encodeURIComponent(cert.number)}`} data-testid="verify-link">
          {translate('applicant.show.verify')}
        </Button>
        {renewable ? (
          <Button size="small" variant="outlined" startIcon={<RenewIcon />} component={RouterLink} to={`/apply/${RENEWAL_PROCESS}?${RENEWAL_FIELD}=${encodeURIComponent(cert.number)}`} data-testid="renew-certificate">
            {translate('applicant.show.renew')}
          </Button>
        ) : null}
      </Stack>
    </Box>
  );
}

/** A heading in both languages: `applicant.h.<k>` in the page's language, `applicant.h_other.<k>` in the other. */
export function BiHeading({ k, ...rest }: BiHeadingProps) {
  return <SharedBiHeading k={`applicant.h.${k}`} otherKey={`applicant.h_other.${k}`} {...rest} />;
}
