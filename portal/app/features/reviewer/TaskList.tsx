/**
 * The reviewer's task queue: the tasks the user may work on (GET /api/tasks, filtered, sorted and
 * paged by the server), the user's queues beside them with their counts (a click shows one
 * queue), search by tracking number or company, family, who holds it and how soon it is due; due
 * dates coloured by their SLA; claim and give back from the row.
 */
import { Box, Card, CardContent, List as MuiList, ListItem, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  Datagrid,
  DatagridBody,
  DatagridRow,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  useListContext,
  useRecordContext,
  useLocaleState,
  useTranslate,
  type DatagridRowProps,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { useProcessChoices } from '../../api/processChoices';
import { BiText, splitBilingual } from '../../components/Bi';
import { JalaliDateField } from '../../components/JalaliDate';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { fetchQueues } from './data';
import { taskPath, type Queue, type TaskRow } from './model';
import { BiHeading, ClaimButton, DueDate, Holder, useGroupName } from './parts';

function useFilters() {
  const translate = useTranslate();
  const processes = useProcessChoices();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('reviewer.list.search')} aria-label={translate('reviewer.list.search')} data-testid="filter-q" />,
    <SelectInput key="processKey" source="processKey" alwaysOn label="reviewer.list.family" choices={processes} data-testid="filter-process" />,
    <SelectInput
      key="assignee"
      source="assignee"
      alwaysOn
      label="reviewer.list.holder"
      choices={[{ id: 'me', name: translate('reviewer.list.assignee_me') }, { id: 'none', name: translate('reviewer.list.assignee_none') }]}
      data-testid="filter-assignee"
    />,
    <SelectInput
      key="due"
      source="due"
      alwaysOn
      label="reviewer.list.due"
      choices={[{ id: 'overdue', name: translate('reviewer.list.due_overdue') }, { id: 'soon', name: translate('reviewer.list.due_soon') }]}
      data-testid="filter-due"
    />,
  ];
}

export function useQueues() {
  return useQuery({ queryKey: ['reviewer', 'queues'], queryFn: ({ signal }) => fetchQueues(signal), refetchInterval: 30_000 });
}

/** The user's queues with their open counts; choosing one filters the list by its group. */
function QueuePanel() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const queues = useQueues();
  const { filterValues, setFilters, displayedFilters, total } = useListContext();
  const current = (filterValues as { group?: string }).group;
  const choose = (group: string | undefined) => {
    const next = { ...filterValues } as Record<string, unknown>;
    if (group) next.group = group;
    else delete next.group;
    setFilters(next, displayedFilters, false); // a click, not typing: into the address at once (a language switch redraws the page from it)
  };
  const item = (key: string, group: string | undefined, label: React.ReactNode, count: number | undefined, q?: Queue) => (
    <ListItem key={key} disablePadding>
    <ListItemButton
      selected={current === group}
      onClick={() => choose(group)}
      aria-current={current === group ? 'true' : undefined}
      data-testid="queue"
      data-group={group ?? ''}
      data-open={count ?? ''}
      sx={{ borderRadius: 1, alignItems: 'flex-start' }}
    >
      <ListItemText
        primary={label}
        secondary={q ? (
          <>
            {q.fallback ? <span style={{ display: 'block' }} data-testid="queue-fallback">{translate('reviewer.queues.fallback')}</span> : null}
            {translate('reviewer.queues.detail', { unassigned: q.unassigned, overdue: q.overdue })}
          </>
        ) : undefined}
        slotProps={{ primary: { component: 'span' }, secondary: { component: 'span', sx: { color: q?.overdue ? 'error.main' : 'text.secondary' } } }}
      />
      <Typography component="span" sx={{ fontWeight: 700, minWidth: '2ch', textAlign: 'end', marginInlineStart: 1 }} aria-label={translate('reviewer.queues.open', { count: count ?? 0 })}>
        {count ?? '…'}
      </Typography>
    </ListItemButton>
    </ListItem>
  );
  return (
    <Card variant="outlined" component="nav" aria-labelledby="queues-heading" sx={{ width: { xs: '100%', md: 250 }, flexShrink: 0, alignSelf: 'flex-start', order: { xs: -1, md: 0 } }} data-testid="queues">
      <CardContent>
        <BiHeading k="reviewer.queues.title" id="queues-heading" variant="subtitle1" />
        {queues.error ? <ErrorNotice error={queues.error} onRetry={() => queues.refetch()} /> : null}
        <MuiList dense disablePadding>
          {item('all', undefined, translate('reviewer.queues.all'), current ? undefined : total)}
          {(queues.data ?? []).map((q) => item(q.group, q.group, <span dir="auto">{locale === 'en' ? q.nameEn : q.nameFa}</span>, q.open, q))}
        </MuiList>
        {queues.isPending ? <LoadingBlock lines={2} height={36} /> : null}
      </CardContent>
    </Card>
  );
}

function Empty() {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const filtered = Object.keys(filterValues ?? {}).length > 0;
  return <EmptyState testId="tasks-empty" title={translate(filtered ? 'reviewer.list.empty_filtered' : 'reviewer.list.empty')} hint={translate(filtered ? 'reviewer.list.empty_filtered_hint' : 'reviewer.list.empty_hint')} />;
}

/** A row carrying what tests and scripts look for: the tracking number, the element and who holds it. */
function TaskGridRow(props: DatagridRowProps) {
  const record = useRecordContext<TaskRow>();
  return (
    <DatagridRow
      {...props}
      {...({ 'data-testid': 'task-row', 'data-tracking': record?.application.trackingNumber, 'data-element': record?.elementId, 'data-assignee': record?.assignee ?? '' } as object)}
    />
  );
}

/** The family in the current language only (the list is dense; the task page shows both). */
function FamilyName({ name }: { name: string }) {
  const [locale] = useLocaleState();
  const [fa, en] = splitBilingual(name);
  return <Typography variant="caption" color="text.secondary" component="span" dir="auto" sx={{ mt: 0.5 }}>{locale === 'en' && en ? en : fa}</Typography>;
}

function OpenLink({ row }: { row: TaskRow }) {
  const translate = useTranslate();
  return (
    <Link
      to={taskPath(row.id)}
      onClick={(e) => e.stopPropagation()}
      data-testid="open-task"
      aria-label={translate('reviewer.list.open', { tracking: row.application.trackingNumber })}
      style={{ fontFamily: 'monospace', fontWeight: 600, whiteSpace: 'nowrap' }}
    >
      <bdi>{row.application.trackingNumber}</bdi>
    </Link>
  );
}

export function TaskList() {
  const translate = useTranslate();
  const filters = useFilters();
  const groupName = useGroupName();
  return (
    // contain: its width is the page's, not its table's (a wide table scrolls inside the card instead of widening the page)
    <Box sx={{ pt: 2, contain: 'inline-size' }} data-testid="task-list">
      <BiHeading k="reviewer.list.title" component="h1" variant="h5" />
      <List
        resource="tasks"
        filters={filters}
        sort={{ field: 'dueDate', order: 'ASC' }}
        perPage={25}
        empty={false}
        exporter={false}
        title={translate('reviewer.list.title')}
        aside={<QueuePanel />}
        queryOptions={{ refetchInterval: 15_000 }}
        sx={{ flexDirection: { xs: 'column', md: 'row-reverse' }, gap: 2, '& .RaList-main': { mt: 0, minWidth: 0 }, '& .RaList-content': { overflowX: 'auto' } }}
      >
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<Empty />} body={<DatagridBody row={<TaskGridRow />} />} data-testid="tasks-table" sx={{ '& td': { verticalAlign: 'top' } }}>
          <FunctionField source="trackingNumber" sortBy="trackingNumber" label="reviewer.fields.trackingNumber" render={(r: TaskRow) => <OpenLink row={r} />} />
          <FunctionField
            source="name"
            sortable={false}
            label="reviewer.fields.task"
            render={(r: TaskRow) => (
              <Stack sx={{ minWidth: 160 }}>
                <span dir="auto"><BiText text={r.name ?? r.elementId} stack /></span>
                <FamilyName name={r.application.processName ?? r.application.processKey} />
              </Stack>
            )}
          />
          <FunctionField
            source="company"
            sortBy="company"
            label="reviewer.fields.company"
            render={(r: TaskRow) => <Box component="span" dir="auto" sx={{ display: 'block', minWidth: 120 }}>{r.application.organisation?.nameFa ?? '—'}</Box>}
          />
          <FunctionField
            source="candidateGroups"
            sortable={false}
            label="reviewer.fields.queue"
            render={(r: TaskRow) => (
              <Stack data-testid="task-groups">
                {r.candidateGroups.map((g) => <span key={g} dir="auto">{groupName(g)}</span>)}
                {!r.candidateGroups.length && r.candidateUsers.length ? <span>{translate('reviewer.groups.personal')}</span> : null}
              </Stack>
            )}
          />
          <FunctionField source="assignee" sortable={false} label="reviewer.fields.holder" render={(r: TaskRow) => <Holder assignee={r.assignee} />} />
          <JalaliDateField source="createdAt" label="reviewer.fields.createdAt" />
          <FunctionField source="dueDate" label="reviewer.fields.dueDate" render={(r: TaskRow) => <DueDate value={r.dueDate} />} />
          <FunctionField source="actions" sortable={false} label="reviewer.fields.actions" render={(r: TaskRow) => <ClaimButton task={r} />} />
        </Datagrid>
      </List>
    </Box>
  );
}
