/**
 * The inbox (GET /api/notifications): messages newest first, the subject and body in both languages,
 * each paragraph in its own direction (Persian text carries English names and numbers), unread ones
 * marked, and a link to the application a message is about.
 */
import MailIcon from '@mui/icons-material/MailOutline';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { DeliveryStates } from '../../components/DeliveryStates';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { StatusChip } from '../../components/StatusChip';
import { ContactCard } from './ContactCard';
import { useMarkRead, useMyApplications, useNotifications } from './hooks';
import type { NotificationRow } from './model';
import { BiHeading, useNumber } from './parts';

function Message({ n, trackingNumber, unread }: { n: NotificationRow; trackingNumber: string | undefined; unread: boolean }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [first, second] = locale === 'en' ? [['en', n.subjectEn, n.bodyEn], ['fa', n.subjectFa, n.bodyFa]] : [['fa', n.subjectFa, n.bodyFa], ['en', n.subjectEn, n.bodyEn]];
  return (
    <Card component="article" data-testid="notification" data-id={n.id} data-unread={String(unread)} data-tracking={trackingNumber ?? ''} sx={{ borderInlineStart: 4, borderColor: unread ? 'secondary.main' : 'transparent' }}>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap" sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2" lang={first[0]} dir="auto" sx={{ flex: '1 1 auto', fontSize: '1.05rem' }}>{first[1]}</Typography>
          {unread ? <StatusChip label={translate('applicant.inbox.unread')} tone="info" testId="notification-unread" /> : null}
          <Typography variant="body2" color="text.secondary" component="span"><JalaliDate value={n.createdAt} withTime /></Typography>
        </Stack>
        {String(first[2]).split(/\n+/).map((p, i) => <Typography key={i} lang={first[0]} dir="auto" sx={{ mb: 0.5 }} data-testid="notification-body">{p}</Typography>)}
        {second[1] || second[2] ? (
          <Box lang={second[0]} dir={second[0] === 'fa' ? 'rtl' : 'ltr'} sx={{ mt: 1.5, pt: 1, borderTop: 1, borderColor: 'divider', color: 'text.secondary' }}>
            <Typography sx={{ fontWeight: 700 }} dir="auto">{second[1]}</Typography>
            {String(second[2]).split(/\n+/).map((p, i) => <Typography key={i} variant="body2" dir="auto">{p}</Typography>)}
          </Box>
        ) : null}
        <Box sx={{ mt: 1.5 }}>
          <DeliveryStates
            deliveries={n.deliveries ?? []}
            title={translate('applicant.inbox.delivered')}
            label={(channel, state) => `${translate(`applicant.inbox.channel.${channel}`, { _: channel })}: ${translate(`applicant.inbox.state.${state}`, { _: state })}`}
          />
        </Box>
        {trackingNumber ? (
          <Button component={RouterLink} to={`/applications/${encodeURIComponent(trackingNumber)}/show`} size="small" sx={{ mt: 1 }} data-testid="notification-application">
            {translate('applicant.inbox.open_application')}&nbsp;<bdi>{trackingNumber}</bdi>
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

export function InboxPage() {
  const translate = useTranslate();
  const num = useNumber();
  const notifications = useNotifications();
  const applications = useMyApplications();
  const tracking = new Map((applications.data ?? []).map((a) => [a.applicationId, a.trackingNumber]));
  const list = notifications.data ?? [];
  const markRead = useMarkRead();
  // what was unread when the page showed it stays marked new for this visit; the server learns at once that it was seen
  const [seenUnread, setSeenUnread] = useState<ReadonlySet<string>>(() => new Set());
  const unreadIds = list.filter((n) => !n.readAt).map((n) => n.id).join(',');
  useEffect(() => {
    if (!unreadIds) return;
    const ids = unreadIds.split(',');
    setSeenUnread((seen) => (ids.every((id) => seen.has(id)) ? seen : new Set([...seen, ...ids])));
    markRead(ids);
  }, [unreadIds, markRead]);
  const isNew = (n: { id: string; readAt: string | null }) => !n.readAt || seenUnread.has(n.id);
  const unread = list.filter(isNew).length;
  return (
    <Box sx={{ py: 2, maxWidth: 900 }} data-testid="inbox">
      <Title title={translate('applicant.h.inbox')} />
      <BiHeading k="inbox" component="h1" variant="h5" action={notifications.data ? <Typography color="text.secondary" data-testid="inbox-count">{translate('applicant.inbox.count', { count: num(list.length), unread: num(unread), smart_count: list.length })}</Typography> : null} />
      <ContactCard />
      {notifications.isPending ? <LoadingBlock lines={4} height={90} /> : notifications.error ? <ErrorNotice error={notifications.error} onRetry={() => notifications.refetch()} /> : !list.length ? (
        <EmptyState testId="inbox-empty" icon={MailIcon} title={translate('applicant.inbox.empty')} hint={translate('applicant.inbox.empty_hint')} />
      ) : (
        <Stack spacing={2}>{list.map((n) => <Message key={n.id} n={n} unread={isNew(n)} trackingNumber={n.applicationId ? tracking.get(n.applicationId) : undefined} />)}</Stack>
      )}
    </Box>
  );
}
