/**
 * /login/oidc, where the API sends the browser back from the single sign-on: with a bearer token in
 * the fragment, it takes the token out of the address bar (and so out of the history) at once, asks
 * the API who it belongs to, keeps both as a password sign-in does and opens the desk; with a
 * refusal, it says why and offers both ways back.
 */
import { Alert, Box, Button, Card, CardContent, CircularProgress, Typography } from '@mui/material';
import { useEffect, useLayoutEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/http';
import { session, type SessionUser } from '../api/session';
import { SINGLE_SIGN_ON_START, landingOf, type Landing } from './singleSignOn';
import { PublicFrame } from './PublicFrame';

export function SingleSignOnLanding() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [landing, setLanding] = useState<Landing>(() => landingOf(window.location));

  // the token leaves the address bar (and the history) before the page is even drawn
  useLayoutEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);

  useEffect(() => {
    if (!('token' in landing)) return;
    let current = true;
    api<SessionUser>('/api/me', { token: landing.token })
      .then((user) => {
        if (!current) return;
        session.save(landing.token, user);
        navigate('/home', { replace: true });
      })
      .catch(() => current && setLanding({ refused: 'failed' }));
    return () => { current = false; };
  }, [landing, navigate]);

  return (
    <PublicFrame width="sm">
      <Card sx={{ maxWidth: 480, mx: 'auto' }}>
        <CardContent sx={{ display: 'grid', gap: 2 }}>
          <Typography variant="h5" component="h2">{translate('refused' in landing ? 'ito.oidc.refused_title' : 'ito.oidc.title')}</Typography>
          {'refused' in landing ? (
            <>
              <Alert severity="error" data-testid="oidc-refused" data-reason={landing.refused}>{translate(`ito.oidc.errors.${landing.refused}`)}</Alert>
              <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                <Button component="a" href={SINGLE_SIGN_ON_START} variant="contained" data-testid="oidc-again">{translate('ito.oidc.again')}</Button>
                <Button component={Link} to="/login" variant="outlined" data-testid="oidc-back">{translate('ito.oidc.back')}</Button>
              </Box>
            </>
          ) : (
            <Box role="status" sx={{ display: 'flex', gap: 2, alignItems: 'center' }} data-testid="oidc-signing-in">
              <CircularProgress size={24} aria-hidden />
              <span>{translate('ito.oidc.signing_in')}</span>
            </Box>
          )}
        </CardContent>
      </Card>
    </PublicFrame>
  );
}
