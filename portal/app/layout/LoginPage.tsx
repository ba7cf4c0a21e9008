/** Sign-in inside the public frame; a wrong password is said in words, nothing else is lost. */
import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import { ApiError } from '../api/http';
import { PublicFrame } from './PublicFrame';

export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ username, password });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? translate('ito.login.failed') : err instanceof ApiError && err.status === 0 ? translate('ito.offline') : (err as Error).message);
      setBusy(false);
    }
  };

  return (
    <PublicFrame width="sm">
      <Card component="form" onSubmit={submit} noValidate sx={{ maxWidth: 420, mx: 'auto' }}>
        <CardContent sx={{ display: 'grid', gap: 2 }}>
          <Typography variant="h5" component="h2">{translate('ito.login.title')}</Typography>
          {error ? <Alert severity="error" data-testid="login-error">{error}</Alert> : null}
          <TextField label={translate('ito.login.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required slotProps={{ htmlInput: { 'data-testid': 'login-username', dir: 'ltr' } }} />
          <TextField label={translate('ito.login.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required slotProps={{ htmlInput: { 'data-testid': 'login-password', dir: 'ltr' } }} />
          <Button type="submit" variant="contained" size="large" disabled={busy || !username || !password} data-testid="login-submit">{translate('ito.login.submit')}</Button>
          <Box component="p" sx={{ m: 0, color: 'text.secondary', fontSize: '0.85rem' }}>{translate('ito.login.demo')}</Box>
        </CardContent>
      </Card>
    </PublicFrame>
  );
}
