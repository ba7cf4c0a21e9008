/**
 * The instance on the diagram of the version it is pinned to: completed elements, active tokens
 * (with their count) and incidents marked; beside it, the same marks as a list (what a screen
 * reader reads, and what the page shows when the diagram cannot be drawn).
 */
import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { api } from '../../api/http';
import { BiText } from '../../components/Bi';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import type { InstanceDetail } from './model';
import { BiHeading } from './parts';

export interface VersionView {
  xml: string;
  graph: { elements: Record<string, { id: string; name?: string; kind?: string }> };
}

/** One version's BPMN XML and compiled graph (element names), read once per key and version. */
const versions = new Map<string, Promise<VersionView>>();
export function loadVersion(key: string, version: number): Promise<VersionView> {
  const id = `${key}@${version}`;
  let found = versions.get(id);
  if (!found) {
    found = api<VersionView>(`/api/definitions/${encodeURIComponent(key)}/versions/${version}`);
    found.catch(() => versions.delete(id));
    versions.set(id, found);
  }
  return found;
}

export function useVersion(key: string, version: number): { view?: VersionView; error?: unknown } {
  const [state, setState] = useState<{ view?: VersionView; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    setState({});
    if (!key || version < 1) return;
    loadVersion(key, version).then((view) => live && setState({ view }), (error: unknown) => live && setState({ error }));
    return () => {
      live = false;
    };
  }, [key, version]);
  return state;
}

export const elementName = (view: VersionView | undefined, id: string): string => view?.graph.elements[id]?.name || id;

function MarkList({ label, ids, view, kind, counts }: { label: string; ids: string[]; view?: VersionView; kind: 'completed' | 'active' | 'incident'; counts?: Record<string, number> }) {
  const translate = useTranslate();
  const colour = { completed: 'success', active: 'info', incident: 'error' } as const;
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">{label}</Typography>
      {ids.length ? (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
          {ids.map((id) => (
            <li key={id}>
              <Chip
                size="small"
                variant="outlined"
                color={colour[kind]}
                data-testid={`mark-${kind}`}
                data-element={id}
                label={<span dir="auto"><BiText text={elementName(view, id)} />{counts?.[id] && counts[id] > 1 ? ` ×${counts[id]}` : ''}</span>}
              />
            </li>
          ))}
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">{translate('operations.show.none')}</Typography>
      )}
    </Box>
  );
}

export function InstanceDiagram({ instance }: { instance: InstanceDetail }) {
  const translate = useTranslate();
  const { view, error } = useVersion(instance.processKey, instance.processVersion);
  const { completed, active, incidents } = instance.diagram;
  const activeIds = Object.keys(active);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="instance-diagram-title" data-testid="instance-diagram">
      <BiHeading k="operations.show.diagram" id="instance-diagram-title" />
      {error ? <ErrorNotice error={error} /> : !view ? <LoadingBlock lines={1} height={280} /> : (
        <Box data-testid="diagram-fallback" sx={{ minHeight: 60, color: 'text.secondary', mb: 1 }}>
          <Typography variant="body2">{translate('operations.show.diagram_missing')}</Typography>
        </Box>
      )}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1 }} data-testid="diagram-marks">
        <MarkList label={translate('operations.show.marks_incidents')} ids={incidents} view={view} kind="incident" />
        <MarkList label={translate('operations.show.marks_active')} ids={activeIds} view={view} kind="active" counts={active} />
        <MarkList label={translate('operations.show.marks_completed')} ids={completed} view={view} kind="completed" />
      </Stack>
    </Paper>
  );
}
