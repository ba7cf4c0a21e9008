/** Pieces the catalogue pages share: bilingual headings from this feature's words, a labelled row, the fee. */
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bi } from '../../components/Bi';
import { messageIn } from './messages';
import { formatNumber, type Bilingual, type CatalogueEntry } from './model';

/** One of this feature's messages in both languages, the chosen one first. */
export function BiText({ id, stack }: { id: string; stack?: boolean }) {
  return <Bi fa={messageIn('fa', id)} en={messageIn('en', id)} stack={stack} />;
}

/** An API pair ({fa, en}) in the chosen language, isolated (it may run the other way). */
export function Say({ value }: { value: Bilingual | null | undefined }) {
  const [locale] = useLocaleState();
  if (!value) return <span>—</span>;
  const text = locale === 'en' ? value.en : value.fa;
  return <bdi lang={locale === 'en' ? 'en' : 'fa'}>{text}</bdi>;
}

/** A section of a definition list: label (dt) and value (dd), one row on wide screens, stacked on phones. */
export function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary' }}>{label}</Box>
      <Box component="dd" sx={{ m: 0, mb: { xs: 1.5, sm: 0 }, minWidth: 0, overflowWrap: 'anywhere' }} data-testid={testId}>{children}</Box>
    </>
  );
}

export const dlSx = { m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(180px, 30%) minmax(0, 1fr)' }, columnGap: 2, rowGap: { xs: 0.25, sm: 1.25 } } as const;

/** The fee in rials: the amount, and per category when the service charges by category. */
export function Fee({ fee }: { fee: CatalogueEntry['fee'] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const rial = (n: number) => `${formatNumber(n, locale)} ${locale === 'en' ? 'IRR' : 'ریال'}`;
  const categories = Object.entries(fee.perCategory ?? {});
  if (!fee.amount && !categories.length) return <span>{translate('catalogue.card.cost_free')}</span>;
  const amounts = categories.map(([, v]) => v);
  return (
    <span data-testid="service-fee" data-amount={fee.amount}>
      {fee.amount ? rial(fee.amount) : null}
      {categories.length ? (
        <Typography component="span" sx={{ display: 'block' }}>
          {Math.min(...amounts) === Math.max(...amounts) ? rial(amounts[0]) : `${rial(Math.min(...amounts))} – ${rial(Math.max(...amounts))}`} {translate('catalogue.card.cost_per_category')}
        </Typography>
      ) : null}
    </span>
  );
}
