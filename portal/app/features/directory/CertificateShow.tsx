/**
 * One issued certificate (administrators): its record, the signed PDF, the actions its status allows
 * (suspend, reinstate, revoke, each with a reason; each starts a status-change process whose
 * tracking number is shown), and its status history as the public record has it. While a change is
 * under way the page follows it and shows the new status when the process ends.
 */
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import OpenIcon from '@mui/icons-material/OpenInNew';
import { Alert, AlertTitle, Box, Button, Card, CardContent, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { BackButton } from './BackButton';
import { Link, useParams } from 'react-router-dom';
import { api, download } from '../../api/http';
import { JalaliDate } from '../../components/JalaliDate';
import { ReasonDialog } from '../../components/ReasonDialog';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { ACTIONS_FROM, type CertificateRow, type HistoryEntry, type StatusAction } from './model';
import { BiHeading, BiName, CertificateStatusChip } from './parts';

function StatusDialog({ cert, action, onClose, onDone }: { cert: CertificateRow; action: StatusAction; onClose: () => void; onDone: (tracking: string) => void }) {
  const translate = useTranslate();
  const change = async (reason: string) => {
    const answer = await api<{ trackingNumber: string }>(`/api/certificates/${encodeURIComponent(cert.number)}/status-changes`, { body: { action, reason } });
    onDone(answer.trackingNumber);
  };
  return (
    <ReasonDialog
      open
      testId="status"
      title={translate('directory.certificates.action_title', { action: translate(`directory.certificates.action.${action}`), number: cert.number })}
      text={translate(`directory.certificates.action_text.${action}`)}
      reasonLabel={translate('directory.certificates.reason')}
      reasonHint={translate('directory.certificates.reason_hint')}
      minLength={5}
      danger={action !== 'reinstate'}
      confirmLabel={translate('directory.certificates.confirm')}
      closeLabel={translate('directory.close')}
      onConfirm={change}
      onClose={onClose}
    />
  );
}

function useHistory(number: string, key: string): { history?: HistoryEntry[]; error?: unknown } {
  const [state, setState] = useState<{ history?: HistoryEntry[]; error?: unknown }>({});
  useEffect(() => {
    const controller = new AbortController();
    api<{ history: HistoryEntry[] }>(`/api/public/certificates/${encodeURIComponent(number)}`, { signal: controller.signal })
      .then((r) => setState({ history: r.history }), (error: unknown) => {
        if (!controller.signal.aborted) setState({ error });
      });
    return () => controller.abort();
  }, [number, key]);
  return state;
}

function History({ cert }: { cert: CertificateRow }) {
  const translate = useTranslate();
  const { history, error } = useHistory(cert.number, `${cert.status}|${cert.pendingChange?.trackingNumber ?? ''}`);
  return (
    <Card variant="outlined">
      <CardContent>
        <BiHeading k="directory.certificates.history" id="history-heading" />
        {error ? <ErrorNotice error={error} /> : !history ? <LoadingBlock lines={3} /> : history.length === 0 ? <Typography>{translate('directory.certificates.history_empty')}</Typography> : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-labelledby="history-heading" data-testid="certificate-history">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('directory.certificates.history_at')}</TableCell>
                  <TableCell>{translate('directory.certificates.history_what')}</TableCell>
                  <TableCell>{translate('directory.certificates.history_status')}</TableCell>
                  <TableCell>{translate('directory.certificates.history_reason')}</TableCell>
                  <TableCell>{translate('directory.certificates.history_by')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {history.map((h, i) => (
                  <TableRow key={i} data-testid="history-row" data-action={h.action}>
                    <TableCell><JalaliDate value={h.at} withTime stack /></TableCell>
                    <TableCell>{translate(`directory.certificates.history_action.${h.action}`, { _: h.action })}</TableCell>
                    <TableCell><CertificateStatusChip status={h.status} testId="history-status" /></TableCell>
                    <TableCell><span dir="auto">{h.reason ?? '—'}</span></TableCell>
                    <TableCell><bdi>{h.decidedBy}</bdi></TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">{label}</Typography>
      <Box>{children}</Box>
    </Box>
  );
}

export function CertificateShow() {
  const translate = useTranslate();
  const notify = useNotify();
  const { id } = useParams();
  const number = decodeURIComponent(String(id ?? ''));
  const [requested, setRequested] = useState<{ tracking: string; action: StatusAction; done?: boolean } | null>(null);
  const [dialog, setDialog] = useState<StatusAction | null>(null);
  const [downloading, setDownloading] = useState(false);
  const { data: cert, error, isPending, refetch } = useGetOne<CertificateRow>('issued-certificates', { id: number }, {
    // follows a change under way until its process ends
    refetchInterval: (query) => (query.state.data?.pendingChange || (requested && !requested.done) ? 2000 : false),
  });
  // the request is answered before its process registers: keep following until the change shows
  useEffect(() => {
    if (!requested || requested.done || !cert || cert.pendingChange) return;
    const arrived = requested.action === 'reinstate' ? cert.status === 'valid' : cert.status !== 'valid';
    if (arrived) setRequested({ ...requested, done: true });
  }, [cert, requested]);

  if (isPending) return <Box sx={{ pt: 2 }}><LoadingBlock lines={6} /></Box>;
  if (error || !cert) return <Box sx={{ pt: 2 }}><ErrorNotice error={error ?? translate('ito.not_found')} onRetry={() => refetch()} /></Box>;
  const actions = ACTIONS_FROM[cert.status] ?? [];
  const pdf = async () => {
    setDownloading(true);
    try {
      await download(`/api/certificates/${encodeURIComponent(cert.number)}/pdf`, `${cert.number}.pdf`);
    } catch (err) {
      notify('directory.certificates.download_failed', { type: 'error', messageArgs: { message: err instanceof Error ? err.message : String(err) } });
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Box sx={{ pt: 2 }} data-testid="certificate-show" data-number={cert.number} data-status={cert.status}>
      <Title title={translate('directory.certificates.show_title', { number: cert.number })} />
      <BackButton to="/issued-certificates" />
      <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap sx={{ mb: 2 }}>
        <Typography variant="h5" component="h1"><bdi style={{ fontFamily: 'monospace' }}>{cert.number}</bdi></Typography>
        <CertificateStatusChip status={cert.status} testId="certificate-show-status" />
        <Box sx={{ flex: 1 }} />
        <Button variant="outlined" startIcon={<DownloadIcon />} onClick={pdf} disabled={downloading} data-testid="certificate-pdf">{translate('directory.certificates.download')}</Button>
        <Button component={Link} to={`/verify/${encodeURIComponent(cert.number)}`} target="_blank" rel="noopener" startIcon={<OpenIcon />}>{translate('directory.certificates.verify_page')}</Button>
      </Stack>

      {requested ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="status-requested" data-tracking={requested.tracking}>
          <AlertTitle>{translate('directory.certificates.requested_title')}</AlertTitle>
          {translate('directory.certificates.requested_text', { tracking: requested.tracking })}{' '}
          <Link to={`/instances/${encodeURIComponent(requested.tracking)}/show`}>{translate('directory.certificates.follow')}</Link>
        </Alert>
      ) : null}

      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1fr' }, alignItems: 'start' }}>
        <Card variant="outlined">
          <CardContent>
            <BiHeading k="directory.certificates.summary" />
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
              <Field label={translate('resources.issued-certificates.fields.family')}><BiName name={cert.familyTitle} stack /> <bdi>({cert.familyCode})</bdi></Field>
              <Field label={translate('resources.issued-certificates.fields.scope')}><span dir="auto">{cert.scope ?? '—'}</span></Field>
              <Field label={translate('resources.issued-certificates.fields.holder')}><span dir="auto">{cert.holder.name}</span></Field>
              <Field label={translate('directory.certificates.holder_id')}><bdi>{cert.holder.nationalId}</bdi></Field>
              <Field label={translate('resources.issued-certificates.fields.issuedAt')}><JalaliDate value={cert.issuedAt} stack /></Field>
              <Field label={translate('resources.issued-certificates.fields.expiresAt')}><JalaliDate value={cert.expiresAt} stack /></Field>
              <Field label={translate('directory.certificates.application')}>
                <Link to={`/instances/${encodeURIComponent(cert.trackingNumber)}/show`}><bdi style={{ fontFamily: 'monospace' }}>{cert.trackingNumber}</bdi></Link>
              </Field>
              {cert.replaces ? <Field label={translate('directory.certificates.replaces')}><Link to={`/issued-certificates/${encodeURIComponent(cert.replaces)}/show`}><bdi>{cert.replaces}</bdi></Link></Field> : null}
            </Box>
          </CardContent>
        </Card>
        <Card variant="outlined" data-testid="certificate-actions">
          <CardContent>
            <BiHeading k="directory.certificates.actions" />
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{translate('directory.certificates.actions_hint')}</Typography>
            {cert.pendingChange ? (
              <Alert severity="warning" data-testid="pending-change">
                {translate('directory.certificates.pending_notice', { tracking: cert.pendingChange.trackingNumber })}
              </Alert>
            ) : actions.length === 0 ? (
              <Typography>{translate('directory.certificates.no_actions', { status: translate(`directory.statuses.${cert.status}`) })}</Typography>
            ) : (
              <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
                {actions.map((a) => (
                  <Button key={a} variant={a === 'revoke' ? 'outlined' : 'contained'} color={a === 'reinstate' ? 'primary' : a === 'revoke' ? 'error' : 'warning'} onClick={() => setDialog(a)} data-testid={`certificate-${a}`}>
                    {translate(`directory.certificates.action.${a}`)}
                  </Button>
                ))}
              </Stack>
            )}
          </CardContent>
        </Card>
      </Box>
      <Box sx={{ mt: 2 }}>
        <History cert={cert} />
      </Box>
      {dialog ? (
        <StatusDialog
          cert={cert}
          action={dialog}
          onClose={() => setDialog(null)}
          onDone={(tracking) => {
            notify('directory.certificates.requested', { type: 'info', messageArgs: { action: translate(`directory.certificates.action.${dialog}`), tracking } });
            setRequested({ tracking, action: dialog });
            setDialog(null);
            void refetch();
          }}
        />
      ) : null}
    </Box>
  );
}
