/** The signed-in desk: a greeting and the cards each feature offers the user's roles. */
import { Box, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { useSessionUser } from '../api/session';
import { FEATURES } from '../features';
import { allowed } from './PortalMenu';

export function HomePage() {
  const translate = useTranslate();
  const user = useSessionUser();
  const cards = FEATURES.flatMap((f) => f.homeCards ?? []).filter((c) => allowed(c.roles, user));
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('ito.home_page.title')} />
      <Typography variant="h5" component="h1" sx={{ mb: 2 }} dir="auto">{translate('ito.home_page.greeting', { name: user?.displayName ?? '' })}</Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))' }}>
        {cards.map(({ Card }, i) => <Card key={i} />)}
      </Box>
    </Box>
  );
}
