/**
 * Sign-in inside the public frame; a wrong password is said in words, nothing else is lost. When the
 * API offers the national single sign-on, its button is the second way in (layout/singleSignOn.ts).
 */
import { Alert, Box, Button, Card, CardContent, Divider, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import { ApiError } from '../api/http';
import { session } from '../api/session';
import { Bi } from '../components/Bi';
import { PublicFrame } from './PublicFrame';
import { SINGLE_SIGN_ON_START, useSingleSignOn } from './singleSignOn';

/** The words for a sign-in the API refused by status (offline, wrong password, too many failures); other errors say their own message. */
const LOGIN_ERRORS: Record<number, string> = { 0: 'ito.offline', 401: 'ito.login.failed', 429: 'ito.login.throttled' };
const loginErrorKey = (err: unknown): string | undefined => (err instanceof ApiError ? LOGIN_ERRORS[err.status] : undefined);

export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [signedOut] = useState(() => session.takeSignedOutReason());
  const singleSignOn = useSingleSignOn();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ username, password });
    } catch (err) {
      const key = loginErrorKey(err);
      setError(key ? translate(key) : (err as Error).message);
      setBusy(false);
    }
  };

  return (
    <PublicFrame width="sm">
      <Card component="form" onSubmit={submit} noValidate sx={{ maxWidth: 420, mx: 'auto' }}>
        <CardContent sx={{ display: 'grid', gap: 2 }}>
          <Typography variant="h5" component="h2">{translate('ito.login.title')}</Typography>
          {signedOut && !error ? <Alert severity="warning" data-testid="login-signed-out">{translate('ito.login.signed_out')}</Alert> : null}
          {error ? <Alert severity="error" data-testid="login-error">{error}</Alert> : null}
          <TextField label={translate('ito.login.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required slotProps={{ htmlInput: { 'data-testid': 'login-username', dir: 'ltr' } }} />
          <TextField label={translate('ito.login.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required slotProps={{ htmlInput: { 'data-testid': 'login-password', dir: 'ltr' } }} />
          <Button type="submit" variant="contained" size="large" disabled={busy || !username || !password} data-testid="login-submit">{translate('ito.login.submit')}</Button>
          {singleSignOn?.enabled && singleSignOn.label ? (
            <>
              <Divider>{translate('ito.login.or')}</Divider>
              {/* an ordinary link: the API answers with a redirect to the provider */}
              <Button component="a" href={SINGLE_SIGN_ON_START} variant="outlined" size="large" data-testid="login-oidc" sx={{ py: 1, textTransform: 'none' }}>
                <Bi fa={singleSignOn.label.fa} en={singleSignOn.label.en} stack />
              </Button>
            </>
          ) : null}
          <Box component="p" sx={{ m: 0, color: 'text.secondary', fontSize: '0.85rem' }}>{translate('ito.login.demo')}</Box>
        </CardContent>
      </Card>
    </PublicFrame>
  );
}
