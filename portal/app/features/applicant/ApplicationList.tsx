/**
 * "My applications": the organisation's applications with their live status, the next step (or
 * "waiting for you" when a fix is asked for), the expected decision date and when they were made;
 * searched by tracking number or what was applied for, filtered by family, status and waiting.
 * Refreshes itself while the page is open.
 */
import AddIcon from '@mui/icons-material/AddCircleOutline';
import { Box, Button, Stack, Typography } from '@mui/material';
import { BooleanInput, Datagrid, FunctionField, List, SearchInput, SelectInput, Title, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useSessionUser } from '../../api/session';
import { BiText } from '../../components/Bi';
import { JalaliDateField } from '../../components/JalaliDate';
import { EmptyState } from '../../components/States';
import { useDefinitions } from './hooks';
import { APPLICATION_STATUSES, OPEN_STATUSES, type ApplicationRow } from './model';
import { ApplicationStatusChip, BiHeading, ExpectedDecision, OutcomeChip, ProcessName, WaitingChip } from './parts';

export function NewApplicationButton({ variant = 'contained' }: { variant?: 'contained' | 'outlined' }) {
  const translate = useTranslate();
  const user = useSessionUser();
  // starting one is for companies and agents (POST /api/applications); reviewers and administrators only read the list
  if (!user?.roles.some((r) => r === 'applicant' || r === 'agent')) return null;
  return (
    <Button component={RouterLink} to="/apply" variant={variant} startIcon={<AddIcon />} data-testid="new-application" sx={{ whiteSpace: 'nowrap' }}>
      {translate('applicant.list.start')}
    </Button>
  );
}

function NoApplications() {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%' }}>
      <EmptyState testId="applications-empty" title={translate('applicant.list.empty_title')} hint={translate('applicant.list.empty_hint')} action={<NewApplicationButton />} />
    </Box>
  );
}

function useFilters() {
  const translate = useTranslate();
  const definitions = useDefinitions();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('applicant.list.search')} aria-label={translate('applicant.list.search')} data-testid="filter-q" />,
    <SelectInput
      key="processKey"
      source="processKey"
      alwaysOn
      label={translate('resources.applications.fields.processKey')}
      choices={(definitions.data ?? []).map((d) => ({ id: d.key, name: d.name ?? d.key }))}
      data-testid="filter-family"
    />,
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      label={translate('resources.applications.fields.status')}
      choices={[{ id: 'open', name: translate('applicant.list.open_statuses') }, ...APPLICATION_STATUSES.map((s) => ({ id: s, name: translate(`applicant.status.${s}`) }))]}
      data-testid="filter-status"
    />,
    <BooleanInput key="waiting" source="waiting" alwaysOn label={translate('applicant.list.filter_waiting')} data-testid="filter-waiting" />,
  ];
}

function NextStep({ row }: { row: ApplicationRow }) {
  const translate = useTranslate();
  if (row.waiting) return <WaitingChip />;
  const next = row.openTasks[0];
  if (!next) return <Typography variant="body2" color="text.secondary">{translate('ito.date.none')}</Typography>;
  return <Typography variant="body2" component="span" data-testid="next-step"><BiText text={next.name ?? next.elementId} stack /></Typography>;
}

export function ApplicationList() {
  const translate = useTranslate();
  const filters = useFilters();
  return (
    <>
      <Title title={translate('applicant.h.applications')} />
      <Box sx={{ pt: 2 }}><BiHeading k="applications" component="h1" variant="h5" /></Box>
      <List
        resource="applications"
        title={false}
        filters={filters}
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={25}
        empty={<NoApplications />}
        actions={<Stack direction="row" sx={{ py: 1 }}><NewApplicationButton variant="outlined" /></Stack>}
        queryOptions={{ refetchInterval: 10_000 }}
        disableSyncWithLocation={false}
        storeKey="applicant.applications"
      >
        <Datagrid rowClick="show" bulkActionButtons={false} data-testid="applications-table" sx={{ '& .RaDatagrid-headerCell': { fontWeight: 700 } }}>
          <FunctionField
            source="trackingNumber"
            render={(r: ApplicationRow) => (
              <Box component="span" dir="ltr" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} data-testid="application-link" data-tracking={r.trackingNumber} data-status={r.status} data-waiting={String(r.waiting)}>
                {r.trackingNumber}
              </Box>
            )}
          />
          <FunctionField source="processKey" render={(r: ApplicationRow) => <ProcessName processKey={r.processKey} />} />
          <FunctionField
            source="status"
            render={(r: ApplicationRow) => (
              <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
                <ApplicationStatusChip status={r.status} />
                <OutcomeChip outcome={r.outcome} />
              </Stack>
            )}
          />
          <FunctionField source="nextStep" sortable={false} render={(r: ApplicationRow) => <NextStep row={r} />} />
          <FunctionField source="expectedAt" render={(r: ApplicationRow) => (!OPEN_STATUSES.has(r.status) ? <Typography variant="body2" color="text.secondary">{translate('ito.date.none')}</Typography> : <ExpectedDecision value={r.decisionTime} compact />)} />
          <JalaliDateField source="createdAt" />
        </Datagrid>
      </List>
    </>
  );
}
