/** Deployed processes: each key's newest version, searchable; admins open the editor from here. */
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/EditOutlined';
import { Box, Button, Stack, Typography } from '@mui/material';
import { Datagrid, FunctionField, List, SearchInput, TopToolbar, useListContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { JalaliDate } from '../../components/JalaliDate';
import { EmptyState } from '../../components/States';
import type { DefinitionRow } from './model';
import { BiHeading, NameText, definitionPath, editorPath, isAdmin, mono, StartedByChip } from './parts';

function Actions() {
  const translate = useTranslate();
  if (!isAdmin()) return <TopToolbar />;
  return (
    <TopToolbar>
      <Button component={Link} to={editorPath()} variant="contained" startIcon={<AddIcon />} data-testid="new-process-link">
        {translate('processes.list.new')}
      </Button>
    </TopToolbar>
  );
}

function Empty() {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const searching = !!filterValues?.q;
  return (
    <EmptyState
      testId="definitions-empty"
      title={translate(searching ? 'processes.list.empty_search' : 'processes.list.empty')}
      hint={searching ? undefined : translate('processes.list.empty_hint')}
      action={!searching && isAdmin() ? <Button component={Link} to={editorPath()} variant="contained">{translate('processes.list.new')}</Button> : undefined}
    />
  );
}

function KeyLink({ row }: { row: DefinitionRow }) {
  const translate = useTranslate();
  return (
    <Link
      to={definitionPath(row.key)}
      onClick={(e) => e.stopPropagation()}
      aria-label={translate('processes.list.open_label', { key: row.key })}
      data-testid="definition-row"
      data-key={row.key}
      style={{ ...mono, fontWeight: 600, whiteSpace: 'nowrap' }}
    >
      <bdi>{row.key}</bdi>
    </Link>
  );
}

export function DefinitionList() {
  const translate = useTranslate();
  const admin = isAdmin();
  const filters = [<SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.definitions.fields.q')} aria-label={translate('resources.definitions.fields.q')} data-testid="filter-q" />];
  return (
    <Box sx={{ pt: 2 }}>
      <BiHeading k="processes.list.title" component="h1" variant="h5" />
      <Typography color="text.secondary" sx={{ mb: 1 }}>{translate('processes.list.intro')}</Typography>
      <List resource="definitions" filters={filters} actions={<Actions />} sort={{ field: 'key', order: 'ASC' }} perPage={25} empty={false} exporter={false} title={translate('processes.list.title')}>
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<Empty />} data-testid="definitions-table" sx={{ '& td': { verticalAlign: 'top' } }}>
          <FunctionField source="key" render={(r: DefinitionRow) => <KeyLink row={r} />} />
          <FunctionField source="name" render={(r: DefinitionRow) => <Box sx={{ minWidth: 160 }}><NameText text={r.name ?? r.key} /></Box>} />
          <FunctionField
            source="version"
            render={(r: DefinitionRow) => (
              <Stack sx={{ whiteSpace: 'nowrap' }}>
                <span data-testid="definition-version" data-version={r.version}>{translate('processes.version_short', { version: r.version })}</span>
                {r.versionTag ? <Typography variant="caption" color="text.secondary" component="bdi">{r.versionTag}</Typography> : null}
                <Typography variant="caption" color="text.secondary" data-testid="definition-versions" data-count={r.versions}>
                  {translate('processes.list.versions_count', { smart_count: r.versions })}
                </Typography>
              </Stack>
            )}
          />
          <FunctionField
            source="deployedAt"
            render={(r: DefinitionRow) => (
              <Stack>
                <JalaliDate value={r.deployedAt} withTime stack />
                {r.deployedBy ? <Typography variant="caption" color="text.secondary">{translate('processes.list.by', { user: r.deployedBy.username })}</Typography> : null}
              </Stack>
            )}
          />
          <FunctionField source="startedBy" render={(r: DefinitionRow) => <StartedByChip value={r.startedBy} />} />
          {admin ? (
            <FunctionField
              label=""
              sortable={false}
              render={(r: DefinitionRow) => (
                <Button
                  component={Link}
                  to={editorPath(r.key)}
                  size="small"
                  startIcon={<EditIcon />}
                  onClick={(e: React.MouseEvent) => e.stopPropagation()}
                  aria-label={translate('processes.list.edit_label', { key: r.key })}
                  data-testid="edit-definition"
                  data-key={r.key}
                >
                  {translate('processes.list.edit')}
                </Button>
              )}
            />
          ) : null}
        </Datagrid>
      </List>
    </Box>
  );
}
