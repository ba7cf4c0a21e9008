/**
 * The instance on the diagram of the version it is pinned to (components/BpmnDiagram): completed
 * elements and the sequence flows taken between them (the completed path), active tokens (with a count badge) and incidents (a red mark) marked; below it, the
 * same marks as a list (what a screen reader reads, and what is left when the diagram fails).
 */
import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';
import { api } from '../../api/http';
import { BiText } from '../../components/Bi';
import { BpmnDiagram, type DiagramOverlay } from '../../components/BpmnDiagram';
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

/** Classes per element: completed (elements and flows), active, incident (an element may be completed and active again). */
function markersOf(diagram: InstanceDetail['diagram']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (id: string, c: string) => (out[id] ??= []).push(c);
  for (const id of [...diagram.completed, ...diagram.flows]) add(id, 'diagram-completed');
  for (const id of Object.keys(diagram.active)) add(id, 'diagram-active');
  for (const id of diagram.incidents) add(id, 'diagram-incident');
  return out;
}

const badge = (background: string) => ({
  minWidth: 22, height: 22, px: 0.5, borderRadius: 11, bgcolor: background, color: '#fff', fontWeight: 700, fontSize: 12,
  display: 'flex', alignItems: 'center', justifyContent: 'center', boxShadow: 1, border: '2px solid #fff',
});

/** A token-count badge on each active element, a red mark on each element with an incident. */
function overlaysOf(diagram: InstanceDetail['diagram']): DiagramOverlay[] {
  return [
    ...Object.entries(diagram.active).map(([elementId, count]) => ({
      elementId,
      position: { bottom: 12, left: -10 },
      html: <Box sx={badge('#0b63c5')} data-testid="diagram-token-count" data-element={elementId}>{count}</Box>,
    })),
    ...diagram.incidents.map((elementId) => ({
      elementId,
      position: { top: -10, right: 12 },
      html: <Box sx={badge('#c62828')} data-testid="diagram-incident-mark" data-element={elementId}>!</Box>,
    })),
  ];
}

function Legend() {
  const translate = useTranslate();
  const item = (colour: string, fill: string, key: string) => (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <Box component="span" aria-hidden sx={{ width: 14, height: 14, borderRadius: 0.5, border: `2px solid ${colour}`, bgcolor: fill }} />
      {translate(key)}
    </Box>
  );
  return (
    <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" sx={{ mb: 1, fontSize: 14 }}>
      {item('#2e7d32', '#e8f5e9', 'operations.show.legend_completed')}
      {item('#0b63c5', '#e3f0fd', 'operations.show.legend_active')}
      {item('#c62828', '#fdecea', 'operations.show.legend_incident')}
    </Stack>
  );
}

export function InstanceDiagram({ instance }: { instance: InstanceDetail }) {
  const translate = useTranslate();
  const { view, error } = useVersion(instance.processKey, instance.processVersion);
  const { completed, active, incidents } = instance.diagram;
  const activeIds = Object.keys(active);
  // the page refreshes every few seconds: new marks only when they changed
  const key = JSON.stringify(instance.diagram);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content
  const markers = useMemo(() => markersOf(instance.diagram), [key]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content
  const overlays = useMemo(() => overlaysOf(instance.diagram), [key]);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="instance-diagram-title" data-testid="instance-diagram">
      <BiHeading k="operations.show.diagram" id="instance-diagram-title" />
      <Legend />
      {error ? <ErrorNotice error={error} /> : !view ? <LoadingBlock lines={1} height={420} /> : (
        <BpmnDiagram
          xml={view.xml}
          markers={markers}
          overlays={overlays}
          height={420}
          label={`${translate('operations.show.diagram')}: ${instance.processName ?? instance.processKey} v${instance.processVersion}`}
        />
      )}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1.5 }} data-testid="diagram-marks">
        <MarkList label={translate('operations.show.marks_incidents')} ids={incidents} view={view} kind="incident" />
        <MarkList label={translate('operations.show.marks_active')} ids={activeIds} view={view} kind="active" counts={active} />
        <MarkList label={translate('operations.show.marks_completed')} ids={completed} view={view} kind="completed" />
      </Stack>
    </Paper>
  );
}
