/**
 * Every issued certificate (administrators): the number in each status as buttons that filter by
 * it, a search over number, holder, product and tracking number, filters by family and expiry; each
 * row opens the certificate (its actions, PDF and history).
 */
import { Box, Chip, Stack, Typography } from '@mui/material';
import { Datagrid, FunctionField, List, SearchInput, SelectInput, useListContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { JalaliDateField } from '../../components/JalaliDate';
import { EmptyState } from '../../components/States';
import { CERTIFICATE_STATUSES, FAMILY_CODES, type CertificateList as CertificateListAnswer, type CertificateRow } from './model';
import { BiHeading, BiName, CertificateStatusChip } from './parts';

function useFilters() {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.issued-certificates.fields.q')} aria-label={translate('resources.issued-certificates.fields.q')} data-testid="filter-q" sx={{ minWidth: 320 }} />,
    <SelectInput key="family" source="family" alwaysOn choices={FAMILY_CODES.map((f) => ({ id: f, name: `${f} — ${translate(`directory.families.${f}`)}` }))} data-testid="filter-family" />,
    <SelectInput key="status" source="status" alwaysOn choices={CERTIFICATE_STATUSES.map((s) => ({ id: s, name: translate(`directory.statuses.${s}`) }))} data-testid="filter-status" />,
    <SelectInput key="expiring" source="expiringWithinDays" alwaysOn choices={[30, 90, 180, 365].map((d) => ({ id: d, name: translate(`directory.certificates.expiring.${d}`) }))} data-testid="filter-expiring" />,
  ];
}

/** The number in each status (under the family filter); a click filters by that status. */
function StatusCounts() {
  const translate = useTranslate();
  const { meta, filterValues, setFilters, displayedFilters } = useListContext();
  const counts = (meta as Partial<CertificateListAnswer> | undefined)?.counts;
  const expiringSoon = (meta as Partial<CertificateListAnswer> | undefined)?.expiringSoon;
  const current = (filterValues as { status?: string }).status;
  const expiring = (filterValues as { expiringWithinDays?: number }).expiringWithinDays;
  const choose = (next: Record<string, unknown>) => {
    const values = { ...filterValues } as Record<string, unknown>;
    delete values.status;
    delete values.expiringWithinDays;
    setFilters({ ...values, ...next }, displayedFilters, false); // a click: into the address at once
  };
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
  return (
    <Box component="nav" aria-label={translate('directory.certificates.counts')} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, my: 1.5, minHeight: 34 }} data-testid="certificate-counts">
      <Chip label={`${translate('directory.certificates.all')} · ${total ?? '…'}`} onClick={() => choose({})} color={current || expiring ? 'default' : 'primary'} variant={current || expiring ? 'outlined' : 'filled'} aria-pressed={!current && !expiring} data-testid="certificate-count-all" />
      {CERTIFICATE_STATUSES.map((s) => (
        <Chip
          key={s}
          label={`${translate(`directory.statuses.${s}`)} · ${counts ? counts[s] : '…'}`}
          onClick={() => choose(current === s ? {} : { status: s })}
          color={current === s ? 'primary' : 'default'}
          variant={current === s ? 'filled' : 'outlined'}
          aria-pressed={current === s}
          data-testid={`certificate-count-${s}`}
          data-count={counts?.[s] ?? ''}
        />
      ))}
      <Chip
        label={`${translate('directory.certificates.expiring_soon')} · ${expiringSoon ?? '…'}`}
        onClick={() => choose(expiring === 90 ? {} : { expiringWithinDays: 90 })}
        color={expiring === 90 ? 'warning' : 'default'}
        variant={expiring === 90 ? 'filled' : 'outlined'}
        aria-pressed={expiring === 90}
        data-testid="certificate-count-expiring"
        data-count={expiringSoon ?? ''}
      />
    </Box>
  );
}

function Empty() {
  const translate = useTranslate();
  return <EmptyState testId="certificates-empty" title={translate('directory.certificates.empty')} hint={translate('directory.certificates.empty_hint')} />;
}

export const certificateLink = (number: string) => `/issued-certificates/${encodeURIComponent(number)}/show`;

function NumberLink({ row }: { row: CertificateRow }) {
  const translate = useTranslate();
  return (
    <Link to={certificateLink(row.number)} onClick={(e) => e.stopPropagation()} aria-label={translate('directory.certificates.open', { number: row.number })} data-testid="certificate-link" data-number={row.number} data-status={row.status} style={{ fontFamily: 'monospace', fontWeight: 600, whiteSpace: 'nowrap' }}>
      <bdi>{row.number}</bdi>
    </Link>
  );
}

export function CertificateList() {
  const translate = useTranslate();
  return (
    <Box sx={{ pt: 2 }}>
      <BiHeading k="directory.certificates.title" component="h1" variant="h5" />
      <List resource="issued-certificates" filters={useFilters()} sort={{ field: 'issuedAt', order: 'DESC' }} perPage={25} empty={false} exporter={false} title={translate('directory.certificates.title')} disableSyncWithLocation={false} sx={{ '& .RaList-main': { mt: 0 } }}>
        <StatusCounts />
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<Empty />} data-testid="certificates-table" sx={{ '& td': { verticalAlign: 'top' } }}>
          <FunctionField source="number" render={(r: CertificateRow) => <NumberLink row={r} />} />
          <FunctionField
            source="familyCode"
            label="resources.issued-certificates.fields.family"
            render={(r: CertificateRow) => (
              <Stack>
                <span><BiName name={r.familyTitle} stack /></span>
                <Typography variant="caption" color="text.secondary" component="bdi">{r.familyCode}</Typography>
              </Stack>
            )}
          />
          <FunctionField
            source="holder.name"
            label="resources.issued-certificates.fields.holder"
            render={(r: CertificateRow) => (
              <Stack>
                <span dir="auto">{r.holder.name}</span>
                <Typography variant="caption" color="text.secondary" component="bdi">{r.holder.nationalId}</Typography>
              </Stack>
            )}
          />
          <FunctionField source="scope" render={(r: CertificateRow) => <span dir="auto">{r.scope ?? '—'}</span>} />
          <FunctionField
            source="status"
            render={(r: CertificateRow) => (
              <Stack spacing={0.5} alignItems="flex-start">
                <CertificateStatusChip status={r.status} />
                {r.pendingChange ? (
                  <Typography variant="caption" color="warning.dark" data-testid="pending-change">
                    {translate('directory.certificates.pending_change', { action: translate(`directory.certificates.action_doing.${r.pendingChange.action}`), tracking: r.pendingChange.trackingNumber })}
                  </Typography>
                ) : null}
              </Stack>
            )}
          />
          <JalaliDateField source="issuedAt" />
          <JalaliDateField source="expiresAt" />
        </Datagrid>
      </List>
    </Box>
  );
}
