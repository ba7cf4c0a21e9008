/**
 * / — the public home: what the service is, a prominent box to verify a certificate by number
 * (checked as typed), the ways into the public register and the CA certificates, sign-in, and the
 * five licence families with links to their issued certificates.
 */
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CloudIcon from '@mui/icons-material/Cloud';
import DnsIcon from '@mui/icons-material/Dns';
import GppGoodIcon from '@mui/icons-material/GppGood';
import HealthAndSafetyIcon from '@mui/icons-material/HealthAndSafety';
import KeyIcon from '@mui/icons-material/Key';
import ListAltIcon from '@mui/icons-material/ListAlt';
import LoginIcon from '@mui/icons-material/Login';
import TerminalIcon from '@mui/icons-material/Terminal';
import { Box, Card, CardActionArea, CardContent, Link as MuiLink, Typography } from '@mui/material';
import type { ComponentType } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router-dom';
import { session } from '../../api/session';
import { BRAND } from '../../theme/theme';
import { FAMILIES } from './model';
import { BiMessage, NumberForm, useDocumentTitle } from './parts';

const FAMILY_ICONS: Record<string, ComponentType<{ sx?: object }>> = {
  software: TerminalIcon, authenticity: HealthAndSafetyIcon, afta: GppGoodIcon, cloud: CloudIcon, datacentre: DnsIcon,
};

export function PublicHomePage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [locale] = useLocaleState();
  useDocumentTitle(translate('public.home.title'));
  const Arrow = locale === 'en' ? ArrowForwardIcon : ArrowBackIcon;
  const signedIn = !!session.token();
  return (
    <Box sx={{ display: 'grid', gap: 4 }}>
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 5fr) minmax(0, 6fr)' }, alignItems: 'center' }}>
        <Box>
          <Typography variant="h4" component="h2" sx={{ fontWeight: 700, fontSize: { xs: '1.45rem', sm: '2rem' }, lineHeight: 1.45 }}><BiMessage id="public.home.title" stack /></Typography>
          <Typography sx={{ mt: 1.5, fontSize: '1.05rem', lineHeight: 1.9 }} data-testid="home-intro">{translate('public.home.intro')}</Typography>
        </Box>
        <Card component="section" aria-labelledby="home-verify-title" data-testid="home-verify" sx={{ borderTop: `5px solid ${BRAND.gold}`, boxShadow: 3 }}>
          <CardContent sx={{ display: 'grid', gap: 2, p: { xs: 2, sm: 3 } }}>
            <Typography id="home-verify-title" variant="h5" component="h2" sx={{ fontWeight: 700 }}><BiMessage id="public.home.verify_title" stack /></Typography>
            <Typography sx={{ color: 'text.secondary' }}>{translate('public.home.verify_hint')}</Typography>
            <NumberForm testId="home-verify" onSubmit={(n) => navigate(`/verify/${encodeURIComponent(n)}`)} />
            <MuiLink component={Link} to="/verify" data-testid="home-verify-file" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, minHeight: 44, fontWeight: 700 }}>
              {translate('public.home.verify_file')} <Arrow fontSize="small" aria-hidden="true" />
            </MuiLink>
          </CardContent>
        </Card>
      </Box>

      <Box component="nav" aria-label={translate('ito.sections.public')} sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, minmax(0, 1fr))' } }}>
        <LinkCard to="/register" icon={ListAltIcon} title="public.home.register_title" text="public.home.register_text" testId="home-register" />
        <LinkCard to="/ca" icon={KeyIcon} title="public.home.ca_title" text="public.home.ca_text" testId="home-ca" />
        <LinkCard to={signedIn ? '/home' : '/login'} icon={LoginIcon} title="public.home.apply_title" text="public.home.apply_text" testId="home-apply" />
      </Box>
      {/* questions, criticism, suggestions and complaints: the feedback feature's page */}
      <MuiLink component={Link} to="/contact" data-testid="home-contact" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, minHeight: 44, fontWeight: 700, mt: -2 }}>
        {translate('feedback.menu.contact')} <Arrow fontSize="small" aria-hidden="true" />
      </MuiLink>

      <Box component="section" aria-labelledby="families-title">
        <Typography id="families-title" variant="h5" component="h2" sx={{ fontWeight: 700 }}><BiMessage id="public.home.families_title" /></Typography>
        <Typography sx={{ color: 'text.secondary', mt: 0.5, mb: 2 }}>{translate('public.home.families_hint')}</Typography>
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(3, minmax(0, 1fr))' } }}>
          {FAMILIES.map((f) => {
            const Icon = FAMILY_ICONS[f.id] ?? AccountBalanceIcon;
            return (
              <Card component="li" key={f.id} data-testid="home-family" data-family={f.id} sx={{ display: 'flex' }}>
                <CardContent sx={{ display: 'grid', gap: 1, alignContent: 'start', width: '100%' }}>
                  <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start' }}>
                    <Icon sx={{ color: BRAND.brand, fontSize: 32, flexShrink: 0 }} />
                    <Typography variant="h6" component="h3" sx={{ fontWeight: 700, lineHeight: 1.5 }}><BiMessage id={`public.families.${f.id}.name`} stack /></Typography>
                  </Box>
                  <Typography sx={{ color: 'text.secondary' }}>{translate(`public.families.${f.id}.text`)}</Typography>
                  <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
                    {f.kinds.map((k) => (
                      <li key={k}>
                        <MuiLink component={Link} to={`/register?family=${encodeURIComponent(k)}`} data-testid="home-family-kind" data-kind={k}
                          aria-label={translate('public.home.see_register', { name: translate(`public.kinds.${k}`) })}
                          sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, minHeight: 44 }}>
                          {translate(`public.kinds.${k}`)} <Arrow fontSize="small" aria-hidden="true" />
                        </MuiLink>
                      </li>
                    ))}
                  </Box>
                </CardContent>
              </Card>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}

function LinkCard({ to, icon: Icon, title, text, testId }: { to: string; icon: ComponentType<{ sx?: object }>; title: string; text: string; testId: string }) {
  const translate = useTranslate();
  return (
    <Card sx={{ height: '100%' }}>
      <CardActionArea component={Link} to={to} data-testid={testId} sx={{ height: '100%', p: 2, display: 'flex', gap: 2, alignItems: 'flex-start', justifyContent: 'flex-start' }}>
        <Icon sx={{ fontSize: 40, color: BRAND.brand, flexShrink: 0 }} />
        <Box>
          <Typography variant="h6" component="h3" sx={{ fontWeight: 700, lineHeight: 1.5 }}><BiMessage id={title} stack /></Typography>
          <Typography sx={{ color: 'text.secondary', mt: 0.5 }}>{translate(text)}</Typography>
        </Box>
      </CardActionArea>
    </Card>
  );
}
