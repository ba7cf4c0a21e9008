/**
 * A new agent account for a counter office (administrators): POST /api/users with the role `agent`
 * and the office's national ID; the API refuses an office it does not know, a taken user name.
 */
import { Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api, ApiError } from '../../api/http';
import { ErrorNotice } from '../../components/States';
import type { CounterOfficeRow, UserRow } from './model';

const USERNAME = /^[a-z][a-z0-9._-]{2,39}$/;

export function NewAgentDialog({ office, open, onClose, onCreated }: { office: CounterOfficeRow; open: boolean; onClose: () => void; onCreated: (user: UserRow) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const valid = USERNAME.test(username) && displayName.trim().length >= 2 && password.length >= 8;

  const close = () => {
    setUsername('');
    setDisplayName('');
    setPassword('');
    setTouched(false);
    setError(undefined);
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    try {
      const user = await api<UserRow>('/api/users', { body: { username, displayName: displayName.trim(), password, role: 'agent', organisation: { nationalId: office.nationalId } } });
      notify('directory.offices.agent_created', { type: 'success', messageArgs: { username: user.username } });
      onCreated(user);
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="new-agent-title" fullWidth maxWidth="sm">
      <Box component="form" noValidate onSubmit={submit} data-testid="agent-create-form">
        <DialogTitle id="new-agent-title">{translate('directory.offices.new_agent')} — <bdi>{office.officeCode}</bdi></DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('directory.offices.new_agent_text')}</DialogContentText>
          <Stack spacing={2}>
            <TextField
              id="agent-username" label={translate('resources.users.fields.username')} value={username} required autoFocus
              onChange={(e) => setUsername(e.target.value.trim())}
              error={(username !== '' && !USERNAME.test(username)) || (touched && !username) || !!fieldErrors.username}
              helperText={fieldErrors.username ?? translate('directory.users.username_hint')}
              autoComplete="off"
              slotProps={{ htmlInput: { 'data-testid': 'agent-username', dir: 'ltr', maxLength: 40, spellCheck: false } }}
            />
            <TextField
              id="agent-display-name" label={translate('resources.users.fields.displayName')} value={displayName} required
              onChange={(e) => setDisplayName(e.target.value)}
              error={(touched && displayName.trim().length < 2) || !!fieldErrors.displayName}
              helperText={fieldErrors.displayName ?? translate('directory.users.display_hint')}
              slotProps={{ htmlInput: { 'data-testid': 'agent-display-name', dir: 'auto', maxLength: 200 } }}
            />
            <TextField
              id="agent-password" type="password" label={translate('directory.users.password')} value={password} required
              onChange={(e) => setPassword(e.target.value)}
              error={(touched && password.length < 8) || !!fieldErrors.password}
              helperText={fieldErrors.password ?? translate('directory.users.password_hint')}
              autoComplete="new-password"
              slotProps={{ htmlInput: { 'data-testid': 'agent-password', dir: 'ltr', maxLength: 200 } }}
            />
          </Stack>
          {error ? <Box sx={{ mt: 2 }}><ErrorNotice error={error} /></Box> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('directory.close')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="agent-create-submit">{translate('directory.offices.create_agent')}</Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
