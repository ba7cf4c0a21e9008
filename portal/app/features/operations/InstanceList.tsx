/**
 * Every process instance, as Camunda Operate lists them: filters the server applies (state, process,
 * version, family, start dates, tracking number or company), the number in each state as buttons
 * that filter by it, and each row a link to the instance.
 */
import { Box, Chip, Stack, Typography } from '@mui/material';
import {
  Datagrid,
  FunctionField,
  List,
  NumberInput,
  SearchInput,
  SelectInput,
  TextField,
  useListContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { useProcessChoices } from '../../api/processChoices';
import { BiText } from '../../components/Bi';
import { JalaliDateField } from '../../components/JalaliDate';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { EmptyState } from '../../components/States';
import { FAMILIES, INSTANCE_STATES, type InstanceRow, type StateCounts } from './model';
import { BiHeading, StateChip } from './parts';

function useFilters() {
  const translate = useTranslate();
  const processes = useProcessChoices();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.instances.fields.q')} aria-label={translate('resources.instances.fields.q')} data-testid="filter-q" />,
    <SelectInput key="state" source="state" alwaysOn choices={INSTANCE_STATES.map((s) => ({ id: s, name: translate(`operations.states.${s}`) }))} data-testid="filter-state" />,
    <SelectInput key="processKey" source="processKey" alwaysOn choices={processes} data-testid="filter-process" />,
    <NumberInput key="version" source="version" min={1} step={1} data-testid="filter-version" />,
    <SelectInput key="family" source="family" choices={FAMILIES.map((f) => ({ id: f, name: `${f} — ${translate(`operations.families.${f}`)}` }))} data-testid="filter-family" />,
    <JalaliDateInput key="startedFrom" source="startedFrom" label="resources.instances.fields.startedFrom" alwaysOn data-testid="filter-started-from" />,
    <JalaliDateInput key="startedTo" source="startedTo" label="resources.instances.fields.startedTo" alwaysOn data-testid="filter-started-to" />,
  ];
}

/** The number of instances in each state (under the other filters); a click filters by that state. */
function StateCounts() {
  const translate = useTranslate();
  const { meta, filterValues, setFilters, displayedFilters } = useListContext();
  const counts = (meta as { counts?: StateCounts } | undefined)?.counts;
  const current = (filterValues as { state?: string }).state;
  const choose = (state: string | undefined) => {
    const next = { ...filterValues } as Record<string, unknown>;
    if (state) next.state = state;
    else delete next.state;
    setFilters(next, displayedFilters, false); // a click, not typing: into the address at once (a language switch redraws the page from it)
  };
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
  return (
    <Box component="nav" aria-label={translate('operations.list.counts')} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, my: 1.5, minHeight: 34 }} data-testid="state-counts">
      <Chip
        label={`${translate('operations.list.all')} · ${total ?? '…'}`}
        onClick={() => choose(undefined)}
        color={current ? 'default' : 'primary'}
        variant={current ? 'outlined' : 'filled'}
        aria-pressed={!current}
        data-testid="state-count-all"
      />
      {INSTANCE_STATES.map((s) => (
        <Chip
          key={s}
          label={`${translate(`operations.states.${s}`)} · ${counts ? counts[s] : '…'}`}
          onClick={() => choose(current === s ? undefined : s)}
          color={current === s ? (s === 'incident' ? 'error' : 'primary') : 'default'}
          variant={current === s ? 'filled' : 'outlined'}
          aria-pressed={current === s}
          data-testid={`state-count-${s}`}
          data-count={counts?.[s] ?? ''}
        />
      ))}
    </Box>
  );
}

function Empty() {
  const translate = useTranslate();
  return <EmptyState testId="instances-empty" title={translate('operations.list.empty')} hint={translate('operations.list.empty_hint')} />;
}

function TrackingLink({ row }: { row: InstanceRow }) {
  const translate = useTranslate();
  return (
    <Link
      to={`/instances/${encodeURIComponent(row.trackingNumber)}/show`}
      onClick={(e) => e.stopPropagation()}
      aria-label={translate('operations.list.open', { tracking: row.trackingNumber })}
      data-testid="instance-link"
      data-tracking={row.trackingNumber}
      data-state={row.state}
      style={{ fontFamily: 'monospace', fontWeight: 600, whiteSpace: 'nowrap' }}
    >
      <bdi>{row.trackingNumber}</bdi>
    </Link>
  );
}

export function InstanceList() {
  const translate = useTranslate();
  const filters = useFilters();
  return (
    <Box sx={{ pt: 2 }}>
      <BiHeading k="operations.list.title" component="h1" variant="h5" />
      <List
        resource="instances"
        filters={filters}
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={25}
        empty={false}
        exporter={false}
        title={translate('operations.list.title')}
        disableSyncWithLocation={false}
        aside={undefined}
        sx={{ '& .RaList-main': { mt: 0 } }}
      >
        <StateCounts />
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<Empty />} data-testid="instances-table" sx={{ '& td': { verticalAlign: 'top' } }}>
          <FunctionField source="trackingNumber" render={(r: InstanceRow) => <TrackingLink row={r} />} />
          <FunctionField
            source="processKey"
            label="resources.instances.fields.processName"
            render={(r: InstanceRow) => (
              <Stack>
                <span dir="auto"><BiText text={r.processName ?? r.processKey} /></span>
                <Typography variant="caption" color="text.secondary" component="span">
                  <bdi>{r.processKey}</bdi> · {translate('operations.list.version_short', { version: r.processVersion })}
                </Typography>
              </Stack>
            )}
          />
          <FunctionField source="status" label="resources.instances.fields.state" render={(r: InstanceRow) => <StateChip state={r.state} />} />
          <FunctionField
            source="organisation"
            sortable={false}
            render={(r: InstanceRow) => (
              <Stack>
                <span dir="auto">{r.organisation.nameFa}</span>
                <Typography variant="caption" color="text.secondary" component="bdi">{r.organisation.nationalId}</Typography>
              </Stack>
            )}
          />
          <JalaliDateField source="createdAt" withTime />
          <JalaliDateField source="completedAt" withTime />
          <TextField source="applicant" label="operations.show.applicant" sortable={false} />
        </Datagrid>
      </List>
    </Box>
  );
}
