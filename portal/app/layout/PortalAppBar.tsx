/** The signed-in masthead: brand, language, refresh and the user menu (name, roles, sign out). */
import { Box, Typography } from '@mui/material';
import { AppBar, Logout, RefreshIconButton, UserMenu, useTranslate } from 'react-admin';
import { session } from '../api/session';
import { BRAND } from '../theme/theme';
import { Brand } from './Brand';
import { LocaleToggle } from './LocaleToggle';

function Who() {
  const translate = useTranslate();
  const user = session.user();
  if (!user) return null;
  return (
    <Box sx={{ px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
      <Typography data-testid="user-name" dir="auto" sx={{ fontWeight: 700 }}>{user.displayName}</Typography>
      <Typography variant="body2" color="text.secondary">{user.roles.map((r) => translate(`ito.roles.${r}`, { _: r })).join('، ')}</Typography>
    </Box>
  );
}

export function PortalAppBar() {
  return (
    <AppBar
      color="primary"
      sx={{ backgroundColor: BRAND.brand, borderBottom: `3px solid ${BRAND.gold}` }}
      toolbar={<><LocaleToggle /><RefreshIconButton /></>}
      userMenu={<UserMenu label={session.user()?.displayName ?? ''}><Who /><Logout /></UserMenu>}
    >
      <Box sx={{ flex: 1, minWidth: 0, display: 'flex' }}>
        <Brand compact />
      </Box>
    </AppBar>
  );
}
