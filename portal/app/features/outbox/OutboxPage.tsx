/**
 * The notice outbox (administrators; GET /api/outbox): every delivery of every notice, filtered by
 * event, channel, state and a tracking or certificate number (kept in the address), with the number
 * in each state, one delivery's details (texts, event key, next attempt) and a retry of a failed one
 * (POST /api/outbox/{id}/retry).
 */
import OutboxIcon from '@mui/icons-material/OutboxOutlined';
import { Box, Button, Card, CardContent, Collapse, FormControl, InputLabel, MenuItem, Select, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { Fragment, useCallback, useEffect, useState, type ReactNode } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/http';
import { BiHeading } from '../../components/BiHeading';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { StatusChip, type Tone } from '../../components/StatusChip';
import { CHANNELS, EVENTS, STATES, type OutboxDelivery, type OutboxList } from './model';

const TONE: Record<string, Tone> = { sent: 'ok', pending: 'info', failed: 'err', skipped: 'grey' };
const FILTERS = ['event', 'channel', 'state', 'q'] as const;

function useOutbox(query: string): { list?: OutboxList; error?: unknown; reload: () => void } {
  const [state, setState] = useState<{ list?: OutboxList; error?: unknown }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    api<OutboxList>(`/api/outbox${query ? `?${query}` : ''}`, { signal: controller.signal })
      .then((list) => setState({ list }), (error: unknown) => !controller.signal.aborted && setState({ error }));
    return () => controller.abort();
  }, [query, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, reload };
}

function Details({ id }: { id: string }) {
  const translate = useTranslate();
  const [d, setD] = useState<OutboxDelivery | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const controller = new AbortController();
    api<OutboxDelivery>(`/api/outbox/${encodeURIComponent(id)}`, { signal: controller.signal }).then(setD, (e: unknown) => !controller.signal.aborted && setError(e));
    return () => controller.abort();
  }, [id]);
  if (error) return <ErrorNotice error={error} />;
  if (!d) return <LoadingBlock lines={2} />;
  const row = (k: string, v: ReactNode) => (
    <Box sx={{ display: 'grid', gridTemplateColumns: '10rem 1fr', gap: 1, py: 0.25 }}>
      <Typography variant="body2" color="text.secondary">{translate(`outbox.detail.${k}`)}</Typography>
      <Box sx={{ overflowWrap: 'anywhere' }}>{v}</Box>
    </Box>
  );
  return (
    <Box data-testid="outbox-details" sx={{ p: 1.5 }}>
      {row('eventKey', <bdi dir="ltr">{d.notice.eventKey}</bdi>)}
      {row('externalId', d.externalId ? <bdi dir="ltr">{d.externalId}</bdi> : '—')}
      {d.lastError ? row('error', <bdi dir="ltr">{d.lastError}</bdi>) : null}
      {d.nextAttemptAt ? row('nextAttempt', <JalaliDate value={d.nextAttemptAt} withTime />) : null}
      {d.sentAt ? row('sentAt', <JalaliDate value={d.sentAt} withTime />) : null}
      {row('subject', <><Typography lang="fa" dir="rtl">{d.notice.subjectFa}</Typography><Typography lang="en" dir="ltr" color="text.secondary">{d.notice.subjectEn}</Typography></>)}
      {d.channel === 'sms' ? row('sms', <Typography lang="fa" dir="rtl">{d.notice.smsText}</Typography>) : row('body', <><Typography lang="fa" dir="rtl" variant="body2">{d.notice.bodyFa}</Typography><Typography lang="en" dir="ltr" variant="body2" color="text.secondary">{d.notice.bodyEn}</Typography></>)}
    </Box>
  );
}

export function OutboxPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))).toString();
  const { list, error, reload } = useOutbox(query);
  // the opened delivery is in the address too: a link shows it, a change of language keeps it
  const open = params.get('open') ?? undefined;
  const setOpen = (id: string | undefined) => {
    setParams(() => {
      // the address as it is now: the hook's value may be a render behind when two filters are set in quick succession
      const next = new URLSearchParams(window.location.search);
      if (id) next.set('open', id);
      else next.delete('open');
      return next;
    }, { replace: true });
  };
  const [busy, setBusy] = useState<string | undefined>();
  const [q, setQ] = useState(params.get('q') ?? '');

  const setFilter = (k: (typeof FILTERS)[number], v: string) => {
    setParams(() => {
      // the address as it is now: the hook's value may be a render behind when two filters are set in quick succession
      const next = new URLSearchParams(window.location.search);
      if (v) next.set(k, v);
      else next.delete(k);
      return next;
    }, { replace: true });
  };
  const retry = async (id: string) => {
    setBusy(id);
    try {
      await api(`/api/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST', body: {} });
      notify(translate('outbox.retried'), { type: 'success' });
      reload();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(undefined);
    }
  };
  const select = (k: 'event' | 'channel' | 'state', values: readonly string[]) => (
    <FormControl size="small" fullWidth={false} sx={{ width: 200 }}>
      <InputLabel id={`outbox-${k}-label`}>{translate(`outbox.filters.${k}`)}</InputLabel>
      <Select labelId={`outbox-${k}-label`} label={translate(`outbox.filters.${k}`)} value={params.get(k) ?? ''} onChange={(e) => setFilter(k, String(e.target.value))} data-testid={`outbox-filter-${k}`}>
        <MenuItem value="">{translate('outbox.filters.all')}</MenuItem>
        {values.map((v) => <MenuItem key={v} value={v} data-value={v}>{translate(`outbox.${k}.${v}`, { _: v })}</MenuItem>)}
      </Select>
    </FormControl>
  );
  const counts = list?.byState ?? {};
  // while something shown is queued, the page follows the dispatcher
  const queued = list?.items.some((d) => d.state === 'pending') ?? false;
  useEffect(() => {
    if (!queued) return undefined;
    const timer = setTimeout(reload, 2_000);
    return () => clearTimeout(timer);
  }, [queued, list, reload]);

  return (
    <Box sx={{ py: 2 }} data-testid="outbox">
      <Title title={translate('outbox.title')} />
      <BiHeading k="outbox.title" component="h1" variant="h5" />
      <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>{translate('outbox.intro')}</Typography>
      <Stack direction="row" spacing={1.5} useFlexGap flexWrap="wrap" alignItems="center" sx={{ mb: 2 }}>
        {select('event', EVENTS)}
        {select('channel', CHANNELS)}
        {select('state', STATES)}
        <TextField
          size="small"
          fullWidth={false}
          sx={{ width: 240 }}
          label={translate('outbox.filters.q')}
          value={q}
          onChange={(e) => setQ(e.target.value.slice(0, 60))}
          onBlur={() => setFilter('q', q.trim())}
          onKeyDown={(e) => { if (e.key === 'Enter') setFilter('q', q.trim()); }}
          inputProps={{ 'data-testid': 'outbox-filter-q', dir: 'ltr' }}
        />
      </Stack>
      {list ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="outbox-counts">
          {translate('outbox.counts', { pending: counts.pending ?? 0, sent: counts.sent ?? 0, failed: counts.failed ?? 0, skipped: counts.skipped ?? 0 })}
        </Typography>
      ) : null}
      {error ? <ErrorNotice error={error} onRetry={reload} /> : !list ? <LoadingBlock lines={6} /> : !list.items.length ? (
        <EmptyState testId="outbox-empty" icon={OutboxIcon} title={translate('outbox.empty')} hint={translate('outbox.empty_hint')} />
      ) : (
        <Card variant="outlined">
          <CardContent sx={{ p: 0, overflowX: 'auto' }}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  {['createdAt', 'event', 'tracking', 'user', 'channel', 'recipient', 'state', 'attempts', 'error', 'actions'].map((c) => <TableCell key={c}>{translate(`outbox.columns.${c}`)}</TableCell>)}
                </TableRow>
              </TableHead>
              <TableBody>
                {list.items.map((d) => (
                  <Fragment key={d.id}>
                    <TableRow data-testid="outbox-row" data-id={d.id} data-channel={d.channel} data-state={d.state} data-event={d.notice.event} data-tracking={d.notice.trackingNumber ?? ''}>
                      <TableCell><JalaliDate value={d.notice.createdAt} withTime stack /></TableCell>
                      <TableCell>{translate(`outbox.event.${d.notice.event}`, { _: d.notice.event })}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}><bdi dir="ltr">{d.notice.trackingNumber ?? '—'}</bdi></TableCell>
                      <TableCell><bdi dir="ltr">{d.notice.username ?? '—'}</bdi></TableCell>
                      <TableCell>{translate(`outbox.channel.${d.channel}`, { _: d.channel })}</TableCell>
                      <TableCell><bdi dir="ltr">{d.channel === 'inbox' ? '—' : d.recipient ?? '—'}</bdi></TableCell>
                      <TableCell><StatusChip label={translate(`outbox.state.${d.state}`, { _: d.state })} tone={TONE[d.state] ?? 'grey'} testId="outbox-state" value={d.state} /></TableCell>
                      <TableCell>{d.attempts}</TableCell>
                      <TableCell><Typography variant="body2" noWrap dir="ltr" title={d.lastError ?? undefined} sx={{ maxWidth: 220 }}>{d.lastError ?? ''}</Typography></TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <Button size="small" onClick={() => setOpen(open === d.id ? undefined : d.id)} data-testid="outbox-details-toggle">{translate(open === d.id ? 'outbox.hide' : 'outbox.details')}</Button>
                        {d.state === 'failed' ? (
                          <Button size="small" variant="contained" color="secondary" disabled={busy === d.id} onClick={() => retry(d.id)} data-testid="outbox-retry">{translate('outbox.retry')}</Button>
                        ) : null}
                      </TableCell>
                    </TableRow>
                    <TableRow>
                      <TableCell colSpan={10} sx={{ p: 0, borderBottom: open === d.id ? undefined : 0 }}>
                        <Collapse in={open === d.id} unmountOnExit>{open === d.id ? <Details id={d.id} /> : null}</Collapse>
                      </TableCell>
                    </TableRow>
                  </Fragment>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      )}
      {list && list.items.length >= list.limit ? <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{translate('outbox.limited', { limit: list.limit })}</Typography> : null}
    </Box>
  );
}
