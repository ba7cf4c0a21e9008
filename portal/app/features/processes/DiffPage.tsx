/**
 * Two versions of a process side by side: version B's diagram with the added and changed elements
 * marked, version A's with the removed ones, the list of changes by element, and the XML line diff.
 */
import { Alert, Box, Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { BpmnDiagram } from '../../components/BpmnDiagram';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { loadVersions } from './data';
import { useVersionXml } from './DefinitionShow';
import { diffElements, elementsOf, hunks, lineDiff, linesOf, parseBpmn, type ChangeKind, type ElementChange, type Hunk } from './diff';
import type { VersionRow } from './model';
import { BiHeading, NameText, definitionPath, mono } from './parts';

const KIND_COLOURS: Record<ChangeKind, { color: string; bg: string }> = {
  added: { color: '#0f5a24', bg: '#e3f4e8' },
  changed: { color: '#6b4000', bg: '#fff3dc' },
  removed: { color: '#8e1414', bg: '#fdecea' },
};

function KindChip({ kind, count }: { kind: ChangeKind; count?: number }) {
  const translate = useTranslate();
  const { color, bg } = KIND_COLOURS[kind];
  return (
    <Chip
      size="small"
      label={count === undefined ? translate(`processes.diff.${kind}`) : `${translate(`processes.diff.${kind}`)}: ${count}`}
      data-testid={count === undefined ? 'change-kind' : `count-${kind}`}
      data-count={count}
      sx={{ color, bgcolor: bg, fontWeight: 700, border: `1px solid ${color}`, borderStyle: kind === 'removed' ? 'dashed' : 'solid' }}
    />
  );
}

function useVersions(key: string) {
  const [state, setState] = useState<{ versions?: VersionRow[]; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    loadVersions(key).then((versions) => live && setState({ versions }), (error: unknown) => live && setState({ error }));
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

function VersionPicker({ label, value, versions, onChange, testId }: { label: string; value: number; versions: VersionRow[]; onChange(v: number): void; testId: string }) {
  const translate = useTranslate();
  return (
    <TextField
      select
      fullWidth={false}
      label={label}
      value={value || ''}
      onChange={(e) => onChange(Number(e.target.value))}
      size="small"
      sx={{ minWidth: 220 }}
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': testId } as object } }}
    >
      {versions.map((v) => (
        <MenuItem key={v.version} value={v.version} data-testid={`${testId}-option`} data-version={v.version}>
          {translate('processes.version_short', { version: v.version })}{v.versionTag ? ` · ${v.versionTag}` : ''}
        </MenuItem>
      ))}
    </TextField>
  );
}

function ChangesTable({ changes }: { changes: ElementChange[] }) {
  const translate = useTranslate();
  if (!changes.length) return <Typography color="text.secondary" data-testid="changes-none">{translate('processes.diff.none')}</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="changes-table" aria-labelledby="changes-title">
        <TableHead>
          <TableRow>
            <TableCell>{translate('processes.diff.kind')}</TableCell>
            <TableCell>{translate('processes.diff.element')}</TableCell>
            <TableCell>{translate('processes.diff.type')}</TableCell>
            <TableCell>{translate('processes.diff.name')}</TableCell>
            <TableCell>{translate('processes.diff.aspects')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((c) => (
            <TableRow key={`${c.kind}-${c.id}`} data-testid="change-row" data-kind={c.kind} data-element={c.id}>
              <TableCell><KindChip kind={c.kind} /></TableCell>
              <TableCell><Box component="bdi" sx={mono}>{c.id}</Box></TableCell>
              <TableCell><bdi>{c.type}</bdi></TableCell>
              <TableCell><NameText text={c.name} /></TableCell>
              <TableCell><Box component="bdi" sx={{ ...mono, fontSize: 12 }}>{c.aspects.join(', ') || '—'}</Box></TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

const LINE_STYLES = {
  '+': { bgcolor: '#e6f4ea', color: '#0f5223' },
  '-': { bgcolor: '#fdecea', color: '#8e1c1c' },
  ' ': { bgcolor: 'transparent', color: 'text.primary' },
} as const;

function XmlDiff({ found, added, removed }: { found: Hunk[]; added: number; removed: number }) {
  const translate = useTranslate();
  if (!found.length) return <Typography color="text.secondary" data-testid="xml-diff-same">{translate('processes.diff.xml_same')}</Typography>;
  return (
    <>
      <Typography variant="body2" sx={{ mb: 1 }} data-testid="xml-diff-summary">{translate('processes.diff.lines', { added, removed })}</Typography>
      <Box
        dir="ltr"
        tabIndex={0}
        role="region"
        aria-label={translate('processes.diff.xml')}
        data-testid="xml-diff"
        sx={{ ...mono, fontSize: 12, maxHeight: 520, overflow: 'auto', width: 0, minWidth: '100%', border: 1, borderColor: 'divider', borderRadius: 1, textAlign: 'left' }}
      >
        {found.map((h, i) => (
          <Box key={i}>
            {h.skipped ? <Box sx={{ px: 1, py: 0.25, bgcolor: '#eef1f5', color: '#4b5563' }}>⋯ {translate('processes.diff.skipped', { count: h.skipped })}</Box> : null}
            {h.lines.map((l, j) => (
              <Box key={j} data-testid="xml-diff-line" data-op={l.op === '+' ? 'added' : l.op === '-' ? 'removed' : 'kept'} sx={{ display: 'flex', whiteSpace: 'pre', width: 'max-content', minWidth: '100%', ...LINE_STYLES[l.op] }}>
                <Box component="span" sx={{ width: '4ch', flex: 'none', textAlign: 'right', pr: 1, color: '#57606a', userSelect: 'none' }}>{l.a ?? ''}</Box>
                <Box component="span" sx={{ width: '4ch', flex: 'none', textAlign: 'right', pr: 1, color: '#57606a', userSelect: 'none' }}>{l.b ?? ''}</Box>
                <Box component="span" sx={{ width: '2ch', flex: 'none', userSelect: 'none' }} aria-hidden={l.op === ' '}>{l.op}</Box>
                <span>{l.text}</span>
              </Box>
            ))}
          </Box>
        ))}
      </Box>
    </>
  );
}

export function DiffPage() {
  const translate = useTranslate();
  const { key: rawKey = '' } = useParams<{ key: string }>();
  const key = decodeURIComponent(rawKey);
  const [params, setParams] = useSearchParams();
  const { versions, error } = useVersions(key);
  const newest = versions?.[0]?.version ?? 0;
  const second = versions?.[1]?.version ?? newest;
  const a = Number(params.get('a')) || second;
  const b = Number(params.get('b')) || newest;
  const left = useVersionXml(key, a || undefined);
  const right = useVersionXml(key, b || undefined);
  const choose = (which: 'a' | 'b', v: number) => setParams({ a: String(which === 'a' ? v : a), b: String(which === 'b' ? v : b) }, { replace: true });

  const result = useMemo(() => {
    if (!left.detail || !right.detail) return null;
    try {
      const changes = diffElements(elementsOf(parseBpmn(left.detail.xml)), elementsOf(parseBpmn(right.detail.xml)));
      const lines = lineDiff(linesOf(left.detail.xml), linesOf(right.detail.xml));
      const markersB: Record<string, string[]> = {};
      const markersA: Record<string, string[]> = {};
      for (const c of changes) {
        if (c.kind === 'added') markersB[c.id] = ['diagram-added'];
        if (c.kind === 'changed') {
          markersB[c.id] = ['diagram-changed'];
          markersA[c.id] = ['diagram-changed'];
        }
        if (c.kind === 'removed') markersA[c.id] = ['diagram-removed'];
      }
      return {
        changes,
        markersA,
        markersB,
        found: hunks(lines),
        added: lines.filter((l) => l.op === '+').length,
        removed: lines.filter((l) => l.op === '-').length,
        count: (k: ChangeKind) => changes.filter((c) => c.kind === k).length,
      };
    } catch (err) {
      return { failure: err instanceof Error ? err.message : String(err) } as const;
    }
  }, [left.detail, right.detail]);

  return (
    <Box sx={{ pt: 2, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="diff-page">
      <BiHeading k="processes.diff.title" component="h1" variant="h5" />
      <Typography>
        <Link to={definitionPath(key)} data-testid="diff-definition-link"><Box component="bdi" sx={mono}>{key}</Box></Link>
      </Typography>
      {error ? <ErrorNotice error={error} /> : !versions ? <LoadingBlock lines={2} /> : versions.length < 2 ? (
        <Alert severity="info" data-testid="diff-need-two">{translate('processes.diff.need_two')}</Alert>
      ) : (
        <>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'center', rowGap: 2 }}>
              <VersionPicker label={translate('processes.diff.a')} value={a} versions={versions} onChange={(v) => choose('a', v)} testId="diff-a" />
              <VersionPicker label={translate('processes.diff.b')} value={b} versions={versions} onChange={(v) => choose('b', v)} testId="diff-b" />
              {result && !('failure' in result) ? (
                <Stack direction="row" spacing={1} aria-label={translate('processes.diff.summary')} role="group" data-testid="diff-summary">
                  <KindChip kind="added" count={result.count('added')} />
                  <KindChip kind="changed" count={result.count('changed')} />
                  <KindChip kind="removed" count={result.count('removed')} />
                </Stack>
              ) : null}
            </Stack>
            {a === b ? <Alert severity="warning" sx={{ mt: 2 }} data-testid="diff-same-version">{translate('processes.diff.same')}</Alert> : null}
          </Paper>
          {left.error || right.error ? <ErrorNotice error={left.error ?? right.error} /> : !result ? <LoadingBlock lines={1} height={420} /> : 'failure' in result ? (
            <Alert severity="error">{translate('processes.diff.parse_failed', { message: result.failure })}</Alert>
          ) : (
            <>
              <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="diff-b-title">
                <BiHeading k="processes.diff.diagram_b" id="diff-b-title" />
                <BpmnDiagram xml={right.detail!.xml} markers={result.markersB} height={420} label={translate('processes.diff.diagram_b')} data-testid="diff-diagram-b" />
              </Paper>
              <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="changes-title">
                <BiHeading k="processes.diff.changes" id="changes-title" />
                <ChangesTable changes={result.changes} />
              </Paper>
              {result.count('removed') + result.count('changed') > 0 ? (
                <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="diff-a-title">
                  <BiHeading k="processes.diff.diagram_a" id="diff-a-title" />
                  <BpmnDiagram xml={left.detail!.xml} markers={result.markersA} height={360} label={translate('processes.diff.diagram_a')} data-testid="diff-diagram-a" />
                </Paper>
              ) : null}
              <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="xml-diff-title">
                <BiHeading k="processes.diff.xml" id="xml-diff-title" />
                <XmlDiff found={result.found} added={result.added} removed={result.removed} />
              </Paper>
            </>
          )}
        </>
      )}
    </Box>
  );
}
