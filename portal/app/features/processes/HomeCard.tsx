/** The desk card: how many processes are deployed (and their versions), links to the list and the editor. */
import AddIcon from '@mui/icons-material/Add';
import SchemaIcon from '@mui/icons-material/SchemaOutlined';
import { Box, Card, CardContent, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { DefinitionRow } from './model';
import { BiHeading, editorPath, isAdmin } from './parts';

export function ProcessesHomeCard() {
  const translate = useTranslate();
  const { data, total } = useGetList<DefinitionRow>('definitions', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'key', order: 'ASC' }, filter: {} });
  const versions = data?.reduce((n, d) => n + d.versions, 0);
  return (
    <Card variant="outlined" data-testid="home-card-processes">
      <CardContent>
        <BiHeading k="processes.home.title" />
        <Stack spacing={1}>
          <MuiLink component={Link} to="/definitions" underline="hover" data-testid="home-processes-list" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <SchemaIcon color="primary" />
            <Box component="span" sx={{ flex: 1 }}>{translate('processes.home.count')}</Box>
            <Typography component="span" variant="h6" data-testid="home-processes-count" data-count={total ?? ''} sx={{ minWidth: '2ch', textAlign: 'end' }}>{total ?? '…'}</Typography>
          </MuiLink>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.secondary', paddingInlineStart: 4 }}>
            <Box component="span" sx={{ flex: 1 }}>{translate('processes.home.versions')}</Box>
            <Typography component="span" data-testid="home-processes-versions" sx={{ minWidth: '2ch', textAlign: 'end' }}>{versions ?? '…'}</Typography>
          </Box>
          {isAdmin() ? (
            <MuiLink component={Link} to={editorPath()} underline="hover" data-testid="home-processes-new" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <AddIcon color="primary" />
              <span>{translate('processes.home.new')}</span>
            </MuiLink>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
}
