/**
 * Reviewer groups (administrators): each group with its member count and names; one group with its
 * members, adding a reviewer (or administrator) and removing one.
 */
import RemoveIcon from '@mui/icons-material/PersonRemoveOutlined';
import { Autocomplete, Box, Button, Card, CardContent, IconButton, List as MuiList, ListItem, ListItemText, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Datagrid, FunctionField, List, SearchInput, Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/http';
import { Bi, BiText } from '../../components/Bi';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { BackButton } from './BackButton';
import type { GroupRow, UserRow } from './model';
import { BiHeading, useNumber } from './parts';

function Empty() {
  const translate = useTranslate();
  return <EmptyState testId="groups-empty" title={translate('directory.groups.empty')} hint={translate('directory.groups.empty_hint')} />;
}

function Members({ group }: { group: GroupRow }) {
  const translate = useTranslate();
  if (!group.members.length) return <Typography variant="body2" color="text.secondary">—</Typography>;
  const shown = group.members.slice(0, 4);
  return (
    <Typography variant="body2" component="span">
      {shown.map((m, i) => <span key={m.id}>{i ? '، ' : ''}<bdi>{m.username}</bdi></span>)}
      {group.members.length > shown.length ? ` ${translate('directory.groups.more', { count: group.members.length - shown.length })}` : ''}
    </Typography>
  );
}

export function GroupList() {
  const translate = useTranslate();
  const number = useNumber();
  return (
    <Box sx={{ pt: 2 }}>
      <BiHeading k="directory.groups.title" component="h1" variant="h5" />
      <Typography color="text.secondary" sx={{ mb: 1 }}>{translate('directory.groups.hint')}</Typography>
      <List resource="groups" filters={[<SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.groups.fields.q')} aria-label={translate('resources.groups.fields.q')} />]} sort={{ field: 'id', order: 'ASC' }} perPage={50} empty={false} exporter={false} title={translate('directory.groups.title')}>
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<Empty />} data-testid="groups-table">
          <FunctionField
            source="id"
            render={(g: GroupRow) => (
              <Link to={`/groups/${encodeURIComponent(g.id)}/show`} onClick={(e) => e.stopPropagation()} data-testid="group-link" data-group={g.id} style={{ fontFamily: 'monospace' }}>
                <bdi>{g.id}</bdi>
              </Link>
            )}
          />
          <FunctionField source="nameFa" label="resources.groups.fields.name" render={(g: GroupRow) => <Bi fa={g.nameFa} en={g.nameEn} stack />} />
          <FunctionField source="memberCount" render={(g: GroupRow) => <span data-testid="group-member-count" data-count={g.memberCount}>{number(g.memberCount, 0)}</span>} />
          <FunctionField source="members" sortable={false} render={(g: GroupRow) => <Members group={g} />} />
        </Datagrid>
      </List>
    </Box>
  );
}

/** Accounts that may join a group: reviewers and administrators, enabled. */
function useCandidates(): UserRow[] {
  const [users, setUsers] = useState<UserRow[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api<UserRow[]>('/api/users?active=true', { signal: controller.signal })
      .then((rows) => setUsers(rows.filter((u) => u.roles.includes('reviewer') || u.roles.includes('admin'))), () => undefined);
    return () => controller.abort();
  }, []);
  return users;
}

export function GroupShow() {
  const translate = useTranslate();
  const notify = useNotify();
  const { id } = useParams();
  const { data, error, isPending, refetch } = useGetOne<GroupRow>('groups', { id: String(id ?? '') });
  const candidates = useCandidates();
  const [pick, setPick] = useState<UserRow | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (isPending) return <Box sx={{ pt: 2 }}><LoadingBlock lines={6} /></Box>;
  if (error || !data) return <Box sx={{ pt: 2 }}><ErrorNotice error={error ?? translate('ito.not_found')} onRetry={() => refetch()} /></Box>;
  const group = data;
  const members = new Set(group.members.map((m) => m.id));
  const change = async (user: { id: string; username: string }, add: boolean) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await api(`/api/groups/${encodeURIComponent(group.id)}/members/${encodeURIComponent(user.id)}`, { method: add ? 'PUT' : 'DELETE' });
      notify(add ? 'directory.groups.member_added' : 'directory.groups.member_removed', { type: 'success', messageArgs: { username: user.username } });
      setPick(null);
      await refetch();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ pt: 2, maxWidth: 900 }} data-testid="group-show" data-group={group.id}>
      <Title title={group.nameFa} />
      <BackButton to="/groups" />
      <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}><Bi fa={group.nameFa} en={group.nameEn} /></Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}><bdi style={{ fontFamily: 'monospace' }}>{group.id}</bdi></Typography>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h2">{translate('resources.groups.fields.members')} ({group.memberCount})</Typography>
          {group.members.length === 0 ? <Typography sx={{ my: 1 }}>{translate('directory.groups.members_none')}</Typography> : (
            <MuiList dense data-testid="group-members">
              {group.members.map((m) => (
                <ListItem
                  key={m.id}
                  data-username={m.username}
                  secondaryAction={
                    <Tooltip title={translate('directory.groups.remove', { username: m.username })}>
                      <IconButton edge="end" aria-label={translate('directory.groups.remove', { username: m.username })} onClick={() => change(m, false)} disabled={busy} data-testid={`remove-member-${m.username}`}>
                        <RemoveIcon />
                      </IconButton>
                    </Tooltip>
                  }
                >
                  <ListItemText
                    primary={<Link to={`/users/${encodeURIComponent(m.id)}/show`}><span dir="auto"><BiText text={m.displayName} /></span></Link>}
                    secondary={<><bdi>{m.username}</bdi>{m.active ? '' : ` · ${translate('directory.groups.inactive')}`}</>}
                  />
                </ListItem>
              ))}
            </MuiList>
          )}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} alignItems={{ sm: 'center' }} sx={{ mt: 2 }}>
            <Autocomplete
              sx={{ flex: 1, minWidth: 260 }}
              options={candidates.filter((u) => !members.has(u.id))}
              value={pick}
              onChange={(_, v) => setPick(v)}
              getOptionLabel={(u) => `${u.username} — ${u.displayName}`}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              renderInput={(params) => <TextField {...params} label={translate('directory.groups.add_member')} helperText={translate('directory.groups.add_member_hint')} slotProps={{ htmlInput: { ...params.inputProps, 'data-testid': 'add-member-input' } }} />}
              data-testid="add-member"
            />
            <Button variant="contained" disabled={!pick || busy} onClick={() => pick && change(pick, true)} data-testid="add-member-submit">{translate('directory.users.add')}</Button>
          </Stack>
          {actionError ? <Box sx={{ mt: 1 }}><ErrorNotice error={actionError} /></Box> : null}
        </CardContent>
      </Card>
    </Box>
  );
}
