/**
 * The application's step history (GET /api/applications/:tracking `history`): what happened, when
 * (Jalali with the Gregorian beside it), in which role, and what each decision said — a completed
 * task's values read with its own form's labels (the decision, the reason, the comment). The legal
 * clock's stops (the file with the applicant) are shown among the entries, and the legal deadline
 * above them.
 */
import { Box, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useLocaleState, useTranslate } from 'react-admin';
import groups from '../../../../definitions/groups.json';
import { BiText } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import type { DocumentView } from '../../components/documents/uploads';
import { FormValues } from './FormValues';
import { KNOWN_ACTIONS, type DecisionTime, type HistoryEntry, type TaskRecord } from './model';
import { ExpectedDecision, OutcomeChip } from './parts';
import { AgentStampLine } from '../feedback/AgentParts';

/** Entries an applicant learns nothing from. */
const QUIET = new Set(['application.running', 'task.claimed', 'task.unclaimed', 'agent.acted']);

function Who({ entry }: { entry: HistoryEntry }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (entry.actor === 'system') return <span data-testid="history-role" data-role="system">{translate('applicant.roles.system')}</span>;
  const role = entry.actorRole ?? '';
  const group = (groups as Record<string, { fa: string; en: string }>)[role];
  const words = group ? (locale === 'en' ? group.en : group.fa) : translate(`applicant.roles.${role || 'unknown'}`, { _: role });
  return <span data-testid="history-role" data-role={role}>{words}</span>;
}

/** Which registry answered an inquiry, and whether its answer was positive. */
function InquiryAnswered({ registry, outcome }: { registry: string; outcome: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="body2" data-testid="history-inquiry" data-registry={registry} data-outcome={outcome}>
      {translate(`inquiries.registry.${registry}`, { _: registry })}{outcome ? ` · ${translate(`inquiries.outcome.${outcome}`, { _: outcome })}` : ''}
    </Typography>
  );
}

function Details({ entry, task, documents }: { entry: HistoryEntry; task: TaskRecord | undefined; documents: DocumentView[] }) {
  const d = entry.details ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v ? <Typography variant="body2" dir="auto" sx={{ whiteSpace: 'pre-wrap' }} data-testid="history-reason">{v}</Typography> : null);
  switch (entry.action) {
    case 'task.opened':
    case 'task.cancelled':
      return <Typography variant="body2"><BiText text={(d.name as string) ?? task?.name ?? (d.elementId as string)} /></Typography>;
    case 'task.completed': {
      const output = (d.output as Record<string, unknown> | undefined) ?? task?.output ?? null;
      return (
        <Box>
          <Typography variant="body2" sx={{ fontWeight: 700 }}><BiText text={task?.name ?? (d.elementId as string)} /></Typography>
          {task?.form && output ? <Box sx={{ mt: 0.5, fontSize: '0.9rem' }} data-testid="history-decision"><FormValues schema={task.form} values={output} documents={documents} dense /></Box> : null}
        </Box>
      );
    }
    case 'application.completed':
      return <OutcomeChip outcome={(d.outcome as string) ?? null} />;
    case 'certificate.issued':
      return <Typography variant="body2" dir="ltr" component="bdi">{entry.entityId}</Typography>;
    case 'application.deemed-approved':
    case 'application.escalation-approved':
    case 'application.legal-deadline-started':
    case 'application.appeal-started':
    case 'application.appeal-overturned':
    case 'application.appeal-upheld':
      return <RulingDetails details={d} />;
    case 'legal.clock-stopped':
    case 'legal.clock-resumed':
      return d.reason === 'fee-payment' ? <ClockStopReason /> : null;
    case 'document.attached':
      return <Typography variant="body2"><bdi>{String(d.filename ?? '')}</bdi></Typography>;
    case 'inquiry.answered':
      return <InquiryAnswered registry={String(d.registry ?? '')} outcome={String(d.outcome ?? '')} />;
    default:
      return text(d.reason) ?? text(d.message);
  }
}

/** A ruling's details: its own tracking number, the reviewing unit, the grounds or the board's note. */
function RulingDetails({ details }: { details: Record<string, unknown> }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const unit = typeof details.reviewingUnit === 'string' && details.reviewingUnit
    ? details.reviewingUnit.split(',').map((g) => (groups as Record<string, { fa: string; en: string }>)[g]?.[locale === 'en' ? 'en' : 'fa'] ?? g).join('، ')
    : null;
  const note = [details.appealReason, details.rulingComment].find((v) => typeof v === 'string' && v);
  return (
    <Box data-testid="ruling-details">
      {typeof details.ruling === 'string' ? (
        <Typography variant="body2">
          {translate('applicant.legal.ruling', { tracking: '' })}
          <RouterLink to={`/applications/${encodeURIComponent(details.ruling)}/show`}><bdi>{details.ruling}</bdi></RouterLink>
        </Typography>
      ) : null}
      {unit ? <Typography variant="body2" data-testid="reviewing-unit">{translate('applicant.legal.reviewing_unit', { unit })}</Typography> : null}
      {note ? <Typography variant="body2" dir="auto" sx={{ whiteSpace: 'pre-wrap' }}>{String(note)}</Typography> : null}
    </Box>
  );
}

/** Why a stop was not a fix request: the fee waited for the applicant's payment. */
function ClockStopReason() {
  const translate = useTranslate();
  return <Typography variant="body2" data-testid="clock-stop-reason">{translate('applicant.legal.stop_fee')}</Typography>;
}

/**
 * The legal clock's stops as history entries: stopped when a fix request or a fee to pay reached
 * the applicant, running again when it was answered or paid.
 */
function clockEntries(decisionTime: DecisionTime | null | undefined): HistoryEntry[] {
  return (decisionTime?.clockStops ?? []).flatMap((stop, i) => [
    { id: -2 * i - 1, at: stop.from, actor: 'system', actorRole: null, action: 'legal.clock-stopped', entityType: 'application', entityId: '', details: { reason: stop.reason } } as HistoryEntry,
    ...(stop.to ? [{ id: -2 * i - 2, at: stop.to, actor: 'system', actorRole: null, action: 'legal.clock-resumed', entityType: 'application', entityId: '', details: { reason: stop.reason, workingDays: stop.workingDays } } as HistoryEntry] : []),
  ]);
}

export function History({ entries, tasks, documents, decisionTime, decided = false }: { entries: HistoryEntry[]; tasks: TaskRecord[]; documents: DocumentView[]; decisionTime?: DecisionTime | null; decided?: boolean }) {
  const translate = useTranslate();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  // the recorded entries keep their order; each clock entry goes in where its time falls
  const merged = entries.filter((e) => !QUIET.has(e.action));
  for (const c of clockEntries(decisionTime)) {
    const at = merged.findIndex((e) => new Date(e.at).getTime() > new Date(c.at).getTime());
    merged.splice(at < 0 ? merged.length : at, 0, c);
  }
  const shown = merged.reverse();
  if (!shown.length) return <Typography color="text.secondary">{translate('applicant.show.no_history')}</Typography>;
  return (
    <>
    {decisionTime?.basis ? (
      <Box data-testid="history-legal-deadline" sx={{ mb: 2, p: 1.5, borderRadius: 1, bgcolor: 'action.hover' }}>
        <Typography sx={{ fontWeight: 700 }}>{translate('applicant.legal.deadline')}</Typography>
        <ExpectedDecision value={decisionTime} decided={decided} />
      </Box>
    ) : null}
    <Box component="ol" data-testid="history" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {shown.map((e) => (
        <Box
          component="li"
          key={e.id}
          data-action={e.action}
          data-testid="history-entry"
          sx={{ position: 'relative', paddingInlineStart: 2.5, pb: 2, borderInlineStart: 2, borderColor: 'divider', '&:last-child': { pb: 0 } }}
        >
          <Box aria-hidden sx={{ position: 'absolute', insetInlineStart: -7, top: 4, width: 12, height: 12, borderRadius: '50%', bgcolor: e.action === 'task.completed' ? 'primary.main' : 'grey.400' }} />
          <Typography sx={{ fontWeight: 700 }}>
            {(KNOWN_ACTIONS as readonly string[]).includes(e.action) ? translate(`applicant.actions.${e.action.replace(/\./g, '_')}`) : <bdi>{e.action}</bdi>}
          </Typography>
          <Details entry={e} task={e.entityType === 'task' ? byId.get(e.entityId) : undefined} documents={documents} />
          <Typography variant="body2" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
            <JalaliDate value={e.at} withTime /> · <Who entry={e} />
          </Typography>
          <AgentStampLine stamp={e.agent} />
        </Box>
      ))}
    </Box>
    </>
  );
}
