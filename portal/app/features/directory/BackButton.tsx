/** "Back" to a list, its arrow pointing the way the page reads. */
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import { Button } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';

export function BackButton({ to }: { to: string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Button component={Link} to={to} startIcon={locale === 'en' ? <ArrowBackIcon /> : <ArrowForwardIcon />} size="small" sx={{ mb: 1 }}>
      {translate('directory.back')}
    </Button>
  );
}
