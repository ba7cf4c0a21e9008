/** Every account (administrators): search, role, group and state filters; each row opens the account. */
import AddIcon from '@mui/icons-material/PersonAddAlt1Outlined';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Datagrid, FunctionField, List, SearchInput, SelectInput, TopToolbar, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { api } from '../../api/http';
import { BiText } from '../../components/Bi';
import { JalaliDateField } from '../../components/JalaliDate';
import { EmptyState } from '../../components/States';
import { ROLES, type GroupRow, type UserRow } from './model';
import { ActiveChip, BiHeading, RoleChips } from './parts';

/** The groups, for filters and pickers (one request per page). */
export function useGroupChoices(): GroupRow[] {
  const [groups, setGroups] = useState<GroupRow[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api<GroupRow[]>('/api/groups', { signal: controller.signal }).then(setGroups, () => undefined); // the filter stays empty; the page reports its own errors
    return () => controller.abort();
  }, []);
  return groups;
}

function useFilters() {
  const translate = useTranslate();
  const groups = useGroupChoices();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.users.fields.q')} aria-label={translate('resources.users.fields.q')} data-testid="filter-q" />,
    <SelectInput key="role" source="role" alwaysOn choices={ROLES.map((r) => ({ id: r, name: translate(`directory.roles.${r}`) }))} data-testid="filter-role" />,
    <SelectInput key="group" source="group" choices={groups.map((g) => ({ id: g.id, name: g.nameFa === g.nameEn ? g.id : `${g.nameFa} / ${g.nameEn}` }))} data-testid="filter-group" />,
    <SelectInput key="active" source="active" alwaysOn choices={[{ id: 'true', name: translate('directory.users.active') }, { id: 'false', name: translate('directory.users.inactive') }]} data-testid="filter-active" />,
  ];
}

function Actions() {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <Button component={Link} to="/users/create" variant="contained" startIcon={<AddIcon />} data-testid="user-create">{translate('directory.users.create')}</Button>
    </TopToolbar>
  );
}

function Empty() {
  const translate = useTranslate();
  return <EmptyState testId="users-empty" title={translate('directory.users.empty')} hint={translate('directory.users.empty_hint')} />;
}

export function UserList() {
  const translate = useTranslate();
  return (
    <Box sx={{ pt: 2 }}>
      <BiHeading k="directory.users.title" component="h1" variant="h5" />
      <List resource="users" filters={useFilters()} actions={<Actions />} sort={{ field: 'username', order: 'ASC' }} perPage={25} empty={false} exporter={false} title={translate('directory.users.title')} disableSyncWithLocation={false}>
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<Empty />} data-testid="users-table" sx={{ '& td': { verticalAlign: 'top' } }}>
          <FunctionField
            source="username"
            render={(r: UserRow) => (
              <Link to={`/users/${encodeURIComponent(r.id)}/show`} onClick={(e) => e.stopPropagation()} aria-label={translate('directory.users.open', { username: r.username })} data-testid="user-link" data-username={r.username} style={{ fontFamily: 'monospace', fontWeight: 600 }}>
                <bdi>{r.username}</bdi>
              </Link>
            )}
          />
          <FunctionField source="displayName" render={(r: UserRow) => <span dir="auto"><BiText text={r.displayName} /></span>} />
          <FunctionField source="roles" sortable={false} render={(r: UserRow) => <RoleChips roles={r.roles} />} />
          <FunctionField
            source="groups"
            sortable={false}
            render={(r: UserRow) => (r.groups.length ? (
              <Stack component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
                {r.groups.map((g) => <Typography key={g.id} component="li" variant="body2"><bdi>{g.id}</bdi></Typography>)}
              </Stack>
            ) : '—')}
          />
          <FunctionField
            source="organisation.nameFa"
            label="resources.users.fields.organisation"
            render={(r: UserRow) => (r.organisation ? (
              <Stack>
                <span dir="auto">{r.organisation.nameFa}</span>
                <Typography variant="caption" color="text.secondary" component="bdi">{r.organisation.nationalId}</Typography>
              </Stack>
            ) : <Typography variant="body2" color="text.secondary">{translate('directory.users.no_org')}</Typography>)}
          />
          <FunctionField source="active" render={(r: UserRow) => <ActiveChip active={r.active} />} />
          <JalaliDateField source="createdAt" />
        </Datagrid>
      </List>
    </Box>
  );
}
