/**
 * One account (administrators): who it is, its roles (set together and saved), its groups (added
 * and removed one by one), and its access: disable or enable it with a reason, reset its password.
 * Each change is the API's (portal/server/routes/users.ts, groups.ts); refusals are shown in its words.
 */
import DeleteIcon from '@mui/icons-material/PersonRemoveOutlined';
import { Box, Button, Card, CardContent, Checkbox, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControl, FormControlLabel, FormGroup, InputLabel, MenuItem, Select, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { api } from '../../api/http';
import { session } from '../../api/session';
import { BiText } from '../../components/Bi';
import { JalaliDate } from '../../components/JalaliDate';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { BackButton } from './BackButton';
import { ROLES, type Role, type UserRow } from './model';
import { ActiveChip, BiHeading, RoleChips } from './parts';
import { useGroupChoices } from './UserList';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">{label}</Typography>
      <Box>{children}</Box>
    </Box>
  );
}

function RolesCard({ user, onChange }: { user: UserRow; onChange: (u: UserRow) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setRoles(user.roles), [user.roles]);
  const changed = [...roles].sort().join() !== [...user.roles].sort().join();
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await api<UserRow>(`/api/users/${encodeURIComponent(user.id)}/roles`, { method: 'PUT', body: { roles } }));
      notify('directory.users.roles_saved', { type: 'success' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card variant="outlined">
      <CardContent>
        <BiHeading k="directory.users.roles_title" id="roles-heading" />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('directory.users.roles_hint')}</Typography>
        <FormGroup aria-labelledby="roles-heading">
          {ROLES.map((r) => (
            <FormControlLabel
              key={r}
              label={translate(`directory.roles.${r}`)}
              control={<Checkbox checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} slotProps={{ input: { 'data-testid': `role-${r}` } as object }} />}
            />
          ))}
        </FormGroup>
        {error ? <Box sx={{ my: 1 }}><ErrorNotice error={error} /></Box> : null}
        <Button variant="contained" disabled={!changed || roles.length === 0 || busy} onClick={save} data-testid="roles-save">{translate('directory.save')}</Button>
      </CardContent>
    </Card>
  );
}

function GroupsCard({ user, onChange }: { user: UserRow; onChange: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const groups = useGroupChoices();
  const [pick, setPick] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const canJoin = user.roles.includes('reviewer') || user.roles.includes('admin');
  const mine = new Set(user.groups.map((g) => g.id));
  const change = async (groupId: string, add: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(user.id)}`, { method: add ? 'PUT' : 'DELETE' });
      notify(add ? 'directory.users.group_added' : 'directory.users.group_removed', { type: 'success', messageArgs: { username: user.username, group: groupId } });
      setPick('');
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card variant="outlined">
      <CardContent>
        <BiHeading k="directory.users.groups_title" />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('directory.users.groups_hint')}</Typography>
        {user.groups.length === 0 ? <Typography sx={{ mb: 1 }}>{translate('directory.users.groups_none')}</Typography> : (
          <Stack direction="row" useFlexGap flexWrap="wrap" spacing={1} sx={{ mb: 2 }} data-testid="user-groups">
            {user.groups.map((g) => (
              <Chip
                key={g.id}
                label={<span dir="auto">{g.nameFa} <bdi>({g.id})</bdi></span>}
                onDelete={busy ? undefined : () => change(g.id, false)}
                deleteIcon={<DeleteIcon aria-label={translate('directory.users.remove_from', { group: g.id })} data-testid={`remove-group-${g.id}`} />}
                data-group={g.id}
              />
            ))}
          </Stack>
        )}
        {canJoin ? (
          <Stack direction="row" spacing={1} alignItems="center">
            <FormControl size="small" sx={{ minWidth: 260, flex: 1 }}>
              <InputLabel id="add-group-label">{translate('directory.users.add_group')}</InputLabel>
              <Select labelId="add-group-label" label={translate('directory.users.add_group')} value={pick} onChange={(e) => setPick(e.target.value)} data-testid="add-group-select">
                {groups.filter((g) => !mine.has(g.id)).map((g) => <MenuItem key={g.id} value={g.id} data-testid={`add-group-${g.id}`}><span dir="auto">{g.nameFa} <bdi>({g.id})</bdi></span></MenuItem>)}
              </Select>
            </FormControl>
            <Button variant="outlined" disabled={!pick || busy} onClick={() => change(pick, true)} data-testid="add-group">{translate('directory.users.add')}</Button>
          </Stack>
        ) : null}
        {error ? <Box sx={{ mt: 1 }}><ErrorNotice error={error} /></Box> : null}
      </CardContent>
    </Card>
  );
}

function AccessCard({ user, onChange }: { user: UserRow; onChange: (u: UserRow) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [dialog, setDialog] = useState<'active' | 'password' | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const self = session.user()?.id === user.id;
  const open = (d: 'active' | 'password') => {
    setText('');
    setError(undefined);
    setDialog(d);
  };
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (dialog === 'active') {
        const next = await api<UserRow>(`/api/users/${encodeURIComponent(user.id)}/active`, { method: 'PUT', body: { active: !user.active, ...(text.trim() ? { reason: text.trim() } : {}) } });
        notify(next.active ? 'directory.users.enabled' : 'directory.users.disabled', { type: 'success', messageArgs: { username: user.username } });
        onChange(next);
      } else {
        await api(`/api/users/${encodeURIComponent(user.id)}/password`, { method: 'PUT', body: { password: text } });
        notify('directory.users.password_reset', { type: 'success', messageArgs: { username: user.username } });
      }
      setDialog(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const disabling = dialog === 'active' && user.active;
  const valid = dialog === 'password' ? text.length >= 8 : !disabling || text.trim().length === 0 || text.trim().length >= 3;
  return (
    <Card variant="outlined">
      <CardContent>
        <BiHeading k="directory.users.access" />
        {self ? <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('directory.users.self')}</Typography> : null}
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
          <Button variant={user.active ? 'outlined' : 'contained'} color={user.active ? 'error' : 'primary'} onClick={() => open('active')} disabled={self && user.active} data-testid="user-toggle-active">
            {translate(user.active ? 'directory.users.disable' : 'directory.users.enable')}
          </Button>
          <Button variant="outlined" onClick={() => open('password')} data-testid="user-reset-password">{translate('directory.users.reset_password')}</Button>
        </Stack>
      </CardContent>
      <Dialog open={dialog !== null} onClose={() => setDialog(null)} aria-labelledby="access-title" fullWidth maxWidth="sm">
        <DialogTitle id="access-title">
          {dialog === 'password' ? translate('directory.users.reset_password') : translate(user.active ? 'directory.users.disable' : 'directory.users.enable')} — <bdi>{user.username}</bdi>
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{dialog === 'password' ? translate('directory.users.reset_text') : user.active ? translate('directory.users.disable_text') : ''}</DialogContentText>
          {dialog === 'password' ? (
            <TextField id="new-password" type="password" label={translate('directory.users.new_password')} helperText={translate('directory.users.password_hint')} value={text} onChange={(e) => setText(e.target.value)} fullWidth required autoFocus autoComplete="new-password" slotProps={{ htmlInput: { 'data-testid': 'new-password', dir: 'ltr' } }} />
          ) : disabling ? (
            <TextField id="disable-reason" label={translate('directory.users.disable_reason')} value={text} onChange={(e) => setText(e.target.value)} fullWidth multiline minRows={2} autoFocus slotProps={{ htmlInput: { 'data-testid': 'disable-reason', dir: 'auto', maxLength: 500 } }} />
          ) : null}
          {error ? <Box sx={{ mt: 2 }}><ErrorNotice error={error} /></Box> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDialog(null)}>{translate('directory.close')}</Button>
          <Button variant="contained" color={disabling ? 'error' : 'primary'} disabled={!valid || busy} onClick={submit} data-testid="access-confirm">
            {dialog === 'password' ? translate('directory.users.reset_password') : translate(user.active ? 'directory.users.disable' : 'directory.users.enable')}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}

export function UserShow() {
  const translate = useTranslate();
  const { id } = useParams();
  const { data, error, isPending, refetch } = useGetOne<UserRow>('users', { id: String(id ?? '') });
  const [user, setUser] = useState<UserRow>();
  useEffect(() => setUser(data), [data]);
  if (isPending) return <Box sx={{ pt: 2 }}><LoadingBlock lines={6} /></Box>;
  if (error || !user) return <Box sx={{ pt: 2 }}><ErrorNotice error={error ?? translate('ito.not_found')} onRetry={() => refetch()} /></Box>;
  return (
    <Box sx={{ pt: 2 }} data-testid="user-show" data-username={user.username} data-active={String(user.active)}>
      <Title title={user.username} />
      <BackButton to="/users" />
      <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap sx={{ mb: 2 }}>
        <Typography variant="h5" component="h1" dir="auto"><BiText text={user.displayName} /></Typography>
        <ActiveChip active={user.active} />
      </Stack>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
        <Card variant="outlined">
          <CardContent>
            <BiHeading k="directory.users.details" />
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
              <Field label={translate('resources.users.fields.username')}><bdi style={{ fontFamily: 'monospace' }}>{user.username}</bdi></Field>
              <Field label={translate('resources.users.fields.roles')}><RoleChips roles={user.roles} /></Field>
              <Field label={translate('resources.users.fields.organisation')}>
                {user.organisation ? <><span dir="auto">{user.organisation.nameFa}</span>{user.organisation.nameEn ? <Typography variant="body2" color="text.secondary" dir="ltr" lang="en">{user.organisation.nameEn}</Typography> : null}<Typography variant="caption" component="bdi">{user.organisation.nationalId}</Typography></> : translate('directory.users.no_org')}
              </Field>
              <Field label={translate('resources.users.fields.createdAt')}><JalaliDate value={user.createdAt} stack /></Field>
            </Box>
          </CardContent>
        </Card>
        <AccessCard user={user} onChange={setUser} />
        <RolesCard user={user} onChange={setUser} />
        <GroupsCard user={user} onChange={() => void refetch()} />
      </Box>
    </Box>
  );
}
