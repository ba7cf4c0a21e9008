/**
 * The frame of the pages anyone may open (home, verify, register, CA certificates, sign-in): the
 * full masthead of the earlier pages (ministry line, emblem, bilingual title), the page, the footer.
 * Narrow screens get one column; nothing here needs a login.
 */
import { Box, Button, Container, Link as MuiLink } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { session } from '../api/session';
import { BRAND } from '../theme/theme';
import { Brand } from './Brand';
import { LocaleToggle } from './LocaleToggle';

/** The public pages every visitor may want, in the masthead (their words are the catalogue feature's). */
const PUBLIC_MENU = [
  ['/catalogue', 'catalogue.menu.catalogue'],
  ['/statistics', 'catalogue.menu.statistics'],
  ['/register', 'catalogue.menu.register'],
  ['/verify', 'catalogue.menu.verify'],
] as const;

export function PublicFrame({ children, width = 'lg' }: { children: ReactNode; width?: 'sm' | 'md' | 'lg' }) {
  const translate = useTranslate();
  const signedIn = !!session.token();
  const { pathname } = useLocation();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: BRAND.bg }}>
      <MuiLink href="#main" sx={{ position: 'absolute', insetInlineStart: -9999, '&:focus': { insetInlineStart: 8, top: 8, zIndex: 10, background: '#fff', p: 1 } }}>{translate('ito.skip')}</MuiLink>
      <Box component="header" sx={{ color: '#fff', backgroundColor: BRAND.brand, borderBottom: `3px solid ${BRAND.gold}` }}>
        <Box sx={{ backgroundColor: BRAND.ink, fontSize: '0.8rem' }}>
          <Container maxWidth={width} sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', py: 0.5, gap: 1, flexWrap: 'wrap' }}>
            <span>{translate('ito.ministry')}</span>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
              <LocaleToggle />
              <Button component={Link} to={signedIn ? '/home' : '/login'} color="inherit" variant="outlined" size="small" data-testid="public-sign-in">
                {translate(signedIn ? 'ito.my_desk' : 'ito.sign_in')}
              </Button>
            </Box>
          </Container>
        </Box>
        <Container maxWidth={width} sx={{ py: 1.5 }}>
          <MuiLink component={Link} to="/" color="inherit" underline="none"><Brand /></MuiLink>
          <Box component="nav" aria-label={translate('catalogue.menu.label')} data-testid="public-menu"
            sx={{ display: 'flex', flexWrap: 'wrap', gap: { xs: 0.5, sm: 1 }, mt: 1 }}>
            {PUBLIC_MENU.map(([to, label]) => (
              <Button key={to} component={Link} to={to} color="inherit" size="small" data-testid={`public-menu-${to.slice(1)}`}
                aria-current={pathname === to || pathname.startsWith(`${to}/`) ? 'page' : undefined}
                sx={{ minHeight: 40, fontWeight: 700, '&[aria-current="page"]': { boxShadow: `inset 0 -3px 0 ${BRAND.gold}` } }}>
                {translate(label)}
              </Button>
            ))}
          </Box>
        </Container>
      </Box>
      <Container component="main" id="main" maxWidth={width} sx={{ flex: 1, py: 3 }}>{children}</Container>
      <Box component="footer" sx={{ backgroundColor: BRAND.ink, color: '#dfe7ef', py: 2, fontSize: '0.85rem' }}>
        <Container maxWidth={width}>{translate('ito.footer')}</Container>
      </Box>
    </Box>
  );
}
