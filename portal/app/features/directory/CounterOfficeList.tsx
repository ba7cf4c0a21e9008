/**
 * Counter offices (administrators): every office with its code, national ID, agents and
 * authorisations in force, searched and filtered by state; each row opens the office. Below, every
 * company's authorisation of an office, which an administrator may revoke.
 */
import AddIcon from '@mui/icons-material/AddBusinessOutlined';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Datagrid, FunctionField, List, SearchInput, SelectInput, TopToolbar, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { api } from '../../api/http';
import { Bi } from '../../components/Bi';
import { JalaliDateField } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import type { AuthorisationRow, CounterOfficeRow } from './model';
import { AuthorisationsTable, OfficeActiveChip } from './OfficeParts';
import { BiHeading, useNumber } from './parts';

export const ALL_AUTHORISATIONS_KEY = ['directory', 'authorisations'];

function Actions() {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <Button component={Link} to="/counter-offices/create" variant="contained" startIcon={<AddIcon />} data-testid="office-create">{translate('directory.offices.create')}</Button>
    </TopToolbar>
  );
}

function Empty() {
  const translate = useTranslate();
  return <EmptyState testId="offices-empty" title={translate('directory.offices.empty')} hint={translate('directory.offices.empty_hint')} />;
}

function AllAuthorisations() {
  const query = useQuery({ queryKey: ALL_AUTHORISATIONS_KEY, queryFn: ({ signal }) => api<AuthorisationRow[]>('/api/agents/authorisations', { signal }) });
  return (
    <Card variant="outlined" sx={{ mt: 3 }}>
      <CardContent>
        <BiHeading k="directory.offices.all_authorisations" />
        {query.isPending ? <LoadingBlock lines={3} /> : null}
        {query.error ? <ErrorNotice error={query.error} onRetry={() => query.refetch()} /> : null}
        {query.data ? <AuthorisationsTable rows={query.data} showOffice onChanged={() => void query.refetch()} testId="all-authorisations" /> : null}
      </CardContent>
    </Card>
  );
}

export function CounterOfficeList() {
  const translate = useTranslate();
  const number = useNumber();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.counter-offices.fields.q')} aria-label={translate('resources.counter-offices.fields.q')} data-testid="filter-q" />,
    <SelectInput key="active" source="active" alwaysOn choices={[{ id: 'true', name: translate('directory.offices.active') }, { id: 'false', name: translate('directory.offices.inactive') }]} data-testid="filter-active" />,
  ];
  return (
    <Box sx={{ pt: 2 }}>
      <BiHeading k="directory.offices.title" component="h1" variant="h5" />
      <Typography color="text.secondary" sx={{ mb: 1 }}>{translate('directory.offices.hint')}</Typography>
      <List resource="counter-offices" filters={filters} actions={<Actions />} sort={{ field: 'officeCode', order: 'ASC' }} perPage={25} empty={false} exporter={false} title={translate('directory.offices.title')} disableSyncWithLocation={false}>
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<Empty />} data-testid="offices-table" sx={{ '& td': { verticalAlign: 'top' } }}>
          <FunctionField
            source="officeCode"
            render={(o: CounterOfficeRow) => (
              <Link to={`/counter-offices/${encodeURIComponent(o.id)}/show`} onClick={(e) => e.stopPropagation()} aria-label={translate('directory.offices.open', { code: o.officeCode })} data-testid="office-link" data-code={o.officeCode} style={{ fontFamily: 'monospace', fontWeight: 600 }}>
                <bdi>{o.officeCode}</bdi>
              </Link>
            )}
          />
          <FunctionField source="nameFa" label="resources.counter-offices.fields.name" render={(o: CounterOfficeRow) => <Bi fa={o.nameFa} en={o.nameEn ?? ''} stack />} />
          <FunctionField source="nationalId" render={(o: CounterOfficeRow) => <bdi dir="ltr">{o.nationalId}</bdi>} />
          <FunctionField source="agentCount" render={(o: CounterOfficeRow) => <span data-testid="office-agent-count" data-count={o.agentCount}>{number(o.agentCount, 0)}</span>} />
          <FunctionField source="authorisationsInForce" render={(o: CounterOfficeRow) => <span data-testid="office-in-force" data-count={o.authorisationsInForce}>{number(o.authorisationsInForce, 0)}</span>} />
          <FunctionField source="active" render={(o: CounterOfficeRow) => <OfficeActiveChip active={o.active} />} />
          <JalaliDateField source="createdAt" />
        </Datagrid>
      </List>
      <AllAuthorisations />
    </Box>
  );
}
