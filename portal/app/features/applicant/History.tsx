/**
 * The application's step history (GET /api/applications/:tracking `history`): what happened, when
 * (Jalali with the Gregorian beside it), in which role, and what each decision said — a completed
 * task's values read with its own form's labels (the decision, the reason, the comment).
 */
import { Box, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import groups from '../../../../definitions/groups.json';
import { BiText } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import type { DocumentView } from '../../components/documents/uploads';
import { FormValues } from './FormValues';
import { KNOWN_ACTIONS, type HistoryEntry, type TaskRecord } from './model';
import { OutcomeChip } from './parts';
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
    case 'document.attached':
      return <Typography variant="body2"><bdi>{String(d.filename ?? '')}</bdi></Typography>;
    default:
      return text(d.reason) ?? text(d.message);
  }
}

export function History({ entries, tasks, documents }: { entries: HistoryEntry[]; tasks: TaskRecord[]; documents: DocumentView[] }) {
  const translate = useTranslate();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const shown = [...entries].filter((e) => !QUIET.has(e.action)).reverse();
  if (!shown.length) return <Typography color="text.secondary">{translate('applicant.show.no_history')}</Typography>;
  return (
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
  );
}
