/** One click between Persian and English; the page turns right-to-left or left-to-right with it. */
import TranslateIcon from '@mui/icons-material/Translate';
import { Button } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';

export function LocaleToggle() {
  const [locale, setLocale] = useLocaleState();
  const translate = useTranslate();
  const other = locale === 'en' ? 'fa' : 'en';
  return (
    <Button color="inherit" startIcon={<TranslateIcon />} onClick={() => setLocale(other)} data-testid="locale-toggle" lang={other} title={translate('ito.language_hint')} aria-label={translate('ito.language_hint')}>
      {translate('ito.language')}
    </Button>
  );
}
