/**
 * Under the verdict of an uploaded file: what was done to it since it was signed, in both
 * languages (the kind, and the objects an incremental update replaced or added), then the
 * verifier's technical sentence as it gave it (English).
 */
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { BRAND } from '../../theme/theme';
import type { Modification } from './model';
import { BiMessage, Mono } from './parts';

export function ModificationDetails({ modification }: { modification: Modification }) {
  const translate = useTranslate();
  return (
    <Box component="section" data-testid="modification" data-kind={modification.kind} sx={{ mt: 1.5, color: BRAND.text, display: 'grid', gap: 0.75 }}>
      <Typography component="h3" sx={{ fontWeight: 700 }}><BiMessage id="public.modification.title" /></Typography>
      <Typography component="p" data-testid="modification-kind"><BiMessage id={`public.modification.kinds.${modification.kind}`} stack /></Typography>
      {modification.objects.length ? (
        <Box>
          <Typography component="h4" sx={{ fontSize: '0.9rem', fontWeight: 700 }}>{translate('public.modification.objects')}</Typography>
          <Box component="ul" data-testid="modification-objects" sx={{ m: 0, paddingInlineStart: 2.5 }}>
            {modification.objects.map((object) => (
              <li key={object.ref}>
                <Mono>{object.ref}</Mono>{' '}
                {translate(`public.modification.roles.${object.role}`)} ({translate(`public.modification.change.${object.change}`)})
              </li>
            ))}
          </Box>
        </Box>
      ) : null}
      <Typography component="p" sx={{ fontSize: '0.85rem', color: 'text.secondary' }}>
        {translate('public.modification.technical')}:{' '}
        <Box component="span" lang="en" dir="ltr" data-testid="modification-detail" sx={{ unicodeBidi: 'isolate' }}>{modification.detail}</Box>
      </Typography>
    </Box>
  );
}
