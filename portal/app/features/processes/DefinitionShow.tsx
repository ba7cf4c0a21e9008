/**
 * One process: its versions (newest first), the chosen version's diagram drawn read-only, its XML
 * to read or download, and its start form as applicants see it. Links to the comparison of two
 * versions and (administrators) to the editor.
 */
import BackIcon from '@mui/icons-material/ArrowBack';
import ForwardIcon from '@mui/icons-material/ArrowForward';
import CompareIcon from '@mui/icons-material/CompareArrows';
import DownloadIcon from '@mui/icons-material/Download';
import EditIcon from '@mui/icons-material/EditOutlined';
import { Alert, Box, Button, Paper, Radio, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/http';
import { BpmnDiagram } from '../../components/BpmnDiagram';
import { BpmnForm, type FormSchema } from '../../components/forms/BpmnForm';
import { JalaliDate } from '../../components/JalaliDate';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { loadVersion, loadVersions } from './data';
import type { StartFormAnswer, VersionDetail, VersionRow } from './model';
import { BiHeading, NameText, diffPath, editorPath, isAdmin, mono } from './parts';

interface DefinitionRecord {
  id: string;
  key: string;
  name: string | null;
  version: number;
  history: VersionRow[];
}

/** One process with all its versions (newest first). */
function useDefinition(key: string): { data?: DefinitionRecord; error?: unknown; isPending: boolean; refetch(): void } {
  const [state, setState] = useState<{ data?: DefinitionRecord; error?: unknown }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({});
    loadVersions(key).then(
      (history) => live && setState({ data: { id: key, key, name: history[0]?.name ?? null, version: history[0]?.version ?? 0, history } }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [key, attempt]);
  return { ...state, isPending: !state.data && !state.error, refetch: () => setAttempt((n) => n + 1) };
}

/** Loads one version's XML (read once per version). */
export function useVersionXml(key: string, version: number | undefined): { detail?: VersionDetail; error?: unknown } {
  const [state, setState] = useState<{ detail?: VersionDetail; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    setState({});
    if (!key || !version) return;
    loadVersion(key, version).then((detail) => live && setState({ detail }), (error: unknown) => live && setState({ error }));
    return () => {
      live = false;
    };
  }, [key, version]);
  return state;
}

function saveText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function VersionsTable({ record, selected, onSelect }: { record: DefinitionRecord; selected: number; onSelect(v: number): void }) {
  const translate = useTranslate();
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="versions-table" aria-labelledby="versions-title">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox"><Box component="span" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>{translate('processes.show.view')}</Box></TableCell>
            <TableCell>{translate('processes.show.version')}</TableCell>
            <TableCell>{translate('resources.definitions.fields.versionTag')}</TableCell>
            <TableCell>{translate('resources.definitions.fields.name')}</TableCell>
            <TableCell>{translate('resources.definitions.fields.deployedAt')}</TableCell>
            <TableCell>{translate('resources.definitions.fields.deployedBy')}</TableCell>
            <TableCell>{translate('processes.show.sha')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {record.history.map((v) => (
            <TableRow key={v.version} hover selected={v.version === selected} data-testid="version-row" data-version={v.version} onClick={() => onSelect(v.version)} sx={{ cursor: 'pointer' }}>
              <TableCell padding="checkbox">
                <Radio
                  checked={v.version === selected}
                  onChange={() => onSelect(v.version)}
                  name="version"
                  value={v.version}
                  inputProps={{ 'aria-label': translate('processes.show.view_label', { version: v.version }) }}
                  data-testid="version-select"
                />
              </TableCell>
              <TableCell>{translate('processes.version_short', { version: v.version })}</TableCell>
              <TableCell><bdi>{v.versionTag ?? '—'}</bdi></TableCell>
              <TableCell><NameText text={v.name ?? v.key} /></TableCell>
              <TableCell><JalaliDate value={v.deployedAt} withTime stack /></TableCell>
              <TableCell><bdi>{v.deployedBy?.username ?? '—'}</bdi></TableCell>
              <TableCell><Box component="bdi" sx={{ ...mono, fontSize: 12 }} title={v.sha256}>{v.sha256.slice(0, 12)}</Box></TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function XmlPanel({ detail }: { detail: VersionDetail }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="xml-title">
      <BiHeading
        k="processes.show.xml"
        id="xml-title"
        action={
          <>
            <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls="definition-xml" data-testid="xml-toggle">
              {translate(open ? 'processes.show.xml_hide' : 'processes.show.xml_show')}
            </Button>
            <Button size="small" startIcon={<DownloadIcon />} onClick={() => saveText(detail.xml, `${detail.key}-v${detail.version}.bpmn`)} data-testid="xml-download">
              {translate('processes.show.xml_download')}
            </Button>
          </>
        }
      />
      {open ? (
        <Box
          component="pre"
          id="definition-xml"
          dir="ltr"
          tabIndex={0}
          role="region"
          aria-label={translate('processes.show.xml_region', { version: detail.version })}
          data-testid="definition-xml"
          sx={{ ...mono, fontSize: 12, m: 0, p: 1.5, maxHeight: 420, overflow: 'auto', width: 0, minWidth: '100%', boxSizing: 'border-box', bgcolor: '#f6f8fa', borderRadius: 1, textAlign: 'left' }}
        >
          {detail.xml}
        </Box>
      ) : null}
    </Paper>
  );
}

/** "P20D" with a calendar as "20 working days (calendar iran)"; other durations as written. */
function durationWords(time: { within: string; calendar?: string }, translate: (key: string, options?: object) => string): string {
  const days = /^P(\d+)D$/.exec(time.within);
  if (!days) return time.within;
  const n = Number(days[1]);
  return time.calendar ? translate('processes.show.working_days', { smart_count: n, calendar: time.calendar }) : translate('processes.show.days', { smart_count: n });
}

function StartFormPanel({ processKey, version, newest }: { processKey: string; version: number; newest: boolean }) {
  const translate = useTranslate();
  const [state, setState] = useState<{ answer?: StartFormAnswer; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    setState({});
    api<StartFormAnswer>(`/api/definitions/${encodeURIComponent(processKey)}/start-form?version=${version}`).then(
      (answer) => live && setState({ answer }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [processKey, version]);
  const { answer, error } = state;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="start-form-title" data-testid="start-form-panel">
      <BiHeading k="processes.show.start_form" id="start-form-title" />
      {error ? <ErrorNotice error={error} /> : !answer ? <LoadingBlock lines={2} /> : (
        <Stack spacing={1.5}>
          {answer.startedBy === 'regulator' ? <Alert severity="info">{translate('processes.show.start_form_regulator')}</Alert> : null}
          {answer.decisionTime ? <Typography variant="body2" data-testid="decision-time">{translate('processes.show.decision_time', { within: durationWords(answer.decisionTime, translate) })}</Typography> : null}
          {answer.form ? (
            <>
              <Typography variant="body2" color="text.secondary">{translate(newest ? 'processes.show.start_form_preview' : 'processes.show.start_form_older', { version })}</Typography>
              <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
                <BpmnForm schema={answer.form as FormSchema} submitLabel={translate('processes.show.preview_submit')} onSubmit={async () => undefined} disabled testId="start-form-preview" />
              </Box>
            </>
          ) : (
            <Typography color="text.secondary" data-testid="start-form-none">{translate('processes.show.start_form_none')}</Typography>
          )}
        </Stack>
      )}
    </Paper>
  );
}

export function DefinitionShow() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { id = '' } = useParams<{ id: string }>();
  const key = decodeURIComponent(id);
  const [params, setParams] = useSearchParams();
  // read here rather than with useGetOne: react-admin fills its getOne cache with the list's rows, which have no history
  const { data, error, isPending, refetch } = useDefinition(key);
  const newest = data?.history[0]?.version;
  const wanted = Number(params.get('version'));
  const selected = data?.history.some((v) => v.version === wanted) ? wanted : newest;
  const { detail, error: xmlError } = useVersionXml(key, selected);
  const admin = isAdmin();

  const select = (v: number) => setParams(v === newest ? {} : { version: String(v) }, { replace: true });

  return (
    <Box sx={{ pt: 2, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="definition-show">
      <Box>
        <Button component={Link} to="/definitions" size="small" startIcon={locale === 'en' ? <BackIcon /> : <ForwardIcon />} data-testid="back-to-list">
          {translate('processes.show.back')}
        </Button>
      </Box>
      {error ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : isPending || !data ? <LoadingBlock lines={4} /> : (
        <>
          <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
            <Box sx={{ flex: 1, minWidth: 260 }}>
              <Typography variant="h5" component="h1" data-testid="definition-title"><NameText text={data.name ?? key} /></Typography>
              <Typography color="text.secondary" component="p"><Box component="bdi" sx={mono} data-testid="definition-key">{key}</Box></Typography>
            </Box>
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
              {data.history.length > 1 ? (
                <Button component={Link} to={diffPath(key, data.history[1].version, data.history[0].version)} variant="outlined" startIcon={<CompareIcon />} data-testid="compare-versions">
                  {translate('processes.show.compare')}
                </Button>
              ) : null}
              {admin && selected ? (
                <Button component={Link} to={editorPath(key, selected)} variant="contained" startIcon={<EditIcon />} data-testid="edit-version">
                  {translate('processes.show.edit')}
                </Button>
              ) : null}
            </Stack>
          </Box>

          <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="versions-title">
            <BiHeading k="processes.show.versions" id="versions-title" />
            <VersionsTable record={data} selected={selected ?? 0} onSelect={select} />
            {data.history.length < 2 ? <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{translate('processes.show.compare_one')}</Typography> : null}
          </Paper>

          <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="diagram-title">
            <BiHeading k="processes.show.diagram_title" id="diagram-title" action={<Typography variant="body2" color="text.secondary" data-testid="diagram-version">{translate('processes.show.diagram', { version: selected ?? '' })}</Typography>} />
            {xmlError ? <ErrorNotice error={xmlError} /> : detail ? (
              <BpmnDiagram xml={detail.xml} height={460} label={`${data.name ?? key} — ${translate('processes.show.diagram', { version: detail.version })}`} data-testid="definition-diagram" />
            ) : <LoadingBlock lines={1} height={460} />}
          </Paper>

          {detail ? <XmlPanel detail={detail} /> : null}
          {selected ? <StartFormPanel processKey={key} version={selected} newest={selected === newest} /> : null}
        </>
      )}
    </Box>
  );
}

