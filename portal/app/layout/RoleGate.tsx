/**
 * A page that needs a role the user does not have says so in words, with the way back to the desk,
 * instead of drawing the page and letting the API's 403 surface as an error. The API still decides;
 * this only keeps the browser from offering what the API would refuse.
 */
import BlockIcon from '@mui/icons-material/Block';
import { Box, Button } from '@mui/material';
import type { ReactElement } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { EmptyState } from '../components/States';
import { useSessionUser } from '../api/session';
import { allowed } from './PortalMenu';

export function RoleGate({ roles, children }: { roles?: readonly string[]; children: ReactElement }) {
  const translate = useTranslate();
  const user = useSessionUser();
  if (allowed(roles, user)) return children;
  const names = (roles ?? []).map((r) => translate(`ito.roles.${r}`, { _: r })).join(translate('ito.or', { _: ' / ' }));
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('ito.not_for_you.title')} />
      <EmptyState
        testId="not-for-your-role"
        icon={BlockIcon}
        title={translate('ito.not_for_you.title')}
        hint={translate('ito.not_for_you.hint', { roles: names })}
        action={<Button component={Link} to="/home" variant="contained">{translate('ito.not_for_you.back')}</Button>}
      />
    </Box>
  );
}
