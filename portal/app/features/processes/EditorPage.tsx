/**
 * The process editor inside the portal (/processes/new, /processes/edit/<key>[/<version>]): the
 * bpmn-js modeler of portal/modeler/ (bundled on its own into /assets/build/modeler.js because its
 * properties-panel entries are preact JSX, loaded here at run time), with the toolbar, the problems
 * list and the status drawn by the app. The diagram is checked by the server 600 ms after each edit
 * (POST /api/definitions/check: the list a deploy judges by) and deployed as a new version
 * (POST /api/definitions). Administrators only, as both routes are.
 */
import CheckIcon from '@mui/icons-material/FactCheckOutlined';
import DownloadIcon from '@mui/icons-material/Download';
import NoteAddIcon from '@mui/icons-material/NoteAddOutlined';
import FolderOpenIcon from '@mui/icons-material/FolderOpenOutlined';
import PublishIcon from '@mui/icons-material/Publish';
import { Alert, Box, Button, Link as MuiLink, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslate } from 'react-admin';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/http';
import { LoadingBlock } from '../../components/States';
import { loadVersions } from './data';
import type { CheckAnswer, DeployAnswer, Problem, VersionDetail } from './model';
import { BiHeading, definitionPath, editorPath, mono } from './parts';

const CHECK_DELAY_MS = 600;
const MODELER_JS = '/assets/build/modeler.js';
const MODELER_CSS = '/assets/build/modeler.css';

interface ModelerElement {
  id: string;
  type: string;
}
/** The part of the bpmn-js Modeler this page uses. */
export interface Modeler {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  saveXML(options: { format?: boolean }): Promise<{ xml: string }>;
  get<T>(service: string): T;
  on(event: string, callback: () => void): void;
  destroy(): void;
}
interface ModelerModule {
  createEditor(options: { container: HTMLElement; propertiesParent: HTMLElement; calendars: string[]; taskTypes: unknown[] }): Modeler;
  newDiagram(processId: string): string;
}
interface ProblemMarkers {
  /** Marks the problems on the canvas; returns those with no element there. */
  show(problems: Problem[]): Problem[];
}
interface Canvas {
  zoom(level: 'fit-viewport', center: 'auto'): void;
  scrollToElement(element: ModelerElement): void;
}

/**
 * The diagram being edited, kept outside the page: react-admin draws the whole app again when the
 * language changes, and the edits must survive that (and a visit to another page and back). Cleared
 * when a new diagram is asked for or the diagram is deployed.
 */
let draft: { path: string; xml: string; key: string; version?: number } | null = null;

let modelerModule: Promise<ModelerModule> | null = null;
/** The editor bundle and its stylesheet, loaded once per page life. */
function loadModeler(): Promise<ModelerModule> {
  if (!document.querySelector(`link[href="${MODELER_CSS}"]`)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = MODELER_CSS;
    document.head.append(link);
  }
  if (!modelerModule) {
    const url = MODELER_JS; // a run-time import: the bundle is built apart from the app's
    modelerModule = import(/* @vite-ignore */ url) as Promise<ModelerModule>;
    modelerModule.catch(() => (modelerModule = null));
  }
  return modelerModule;
}

type Tone = 'ok' | 'err' | 'info';
/** Kept as a message key and its values, so it reads in the language chosen after it was set. */
interface Status {
  tone: Tone;
  key: string;
  values?: Record<string, string | number>;
}

function ProblemsTable({ problems, elsewhere, onReveal }: { problems: Problem[] | null; elsewhere: Set<Problem>; onReveal(id: string): void }) {
  const translate = useTranslate();
  const errors = problems?.filter((p) => p.severity === 'error').length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="problems-title">
      <BiHeading
        k="processes.editor.problems"
        id="problems-title"
        action={
          <Typography component="span" data-testid="problem-count" color={errors ? 'error' : 'text.secondary'}>
            {problems?.length ? `${translate('processes.editor.errors', { smart_count: errors })}${translate('processes.editor.count_joiner')}${translate('processes.editor.warnings', { smart_count: warnings })}` : ''}
          </Typography>
        }
      />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('processes.editor.problems_hint')}</Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="problems-table" aria-labelledby="problems-title">
          <TableHead>
            <TableRow>
              <TableCell>{translate('processes.editor.severity')}</TableCell>
              <TableCell>{translate('processes.editor.element')}</TableCell>
              <TableCell>{translate('processes.editor.rule')}</TableCell>
              <TableCell>{translate('processes.editor.message')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {problems === null ? (
              <TableRow><TableCell colSpan={4} sx={{ color: 'text.secondary' }}>{translate('processes.editor.not_checked')}</TableCell></TableRow>
            ) : !problems.length ? (
              <TableRow><TableCell colSpan={4} data-testid="no-problems">{translate('processes.editor.no_problems')}</TableCell></TableRow>
            ) : problems.map((p, i) => {
              const onCanvas = !elsewhere.has(p);
              return (
                <TableRow key={i} data-testid="problem-row" data-element-id={onCanvas ? p.elementId : undefined} data-severity={p.severity} hover={onCanvas}>
                  <TableCell sx={{ color: p.severity === 'error' ? 'error.main' : '#8a5a00', fontWeight: p.severity === 'error' ? 700 : 400, whiteSpace: 'nowrap' }}>
                    {translate(p.severity === 'error' ? 'processes.editor.error' : 'processes.editor.warning')}
                  </TableCell>
                  <TableCell dir="ltr" sx={{ ...mono, fontSize: 13 }}>
                    {onCanvas ? (
                      <MuiLink component="button" type="button" onClick={() => onReveal(p.elementId)} sx={{ ...mono, fontSize: 13 }}>{p.elementId}</MuiLink>
                    ) : (
                      <bdi>{p.elementId || translate('processes.editor.whole_file')}</bdi>
                    )}
                  </TableCell>
                  <TableCell dir="ltr" sx={{ ...mono, fontSize: 13 }}>{p.rule}</TableCell>
                  <TableCell dir="auto">{p.message}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
    </Paper>
  );
}

function Editor() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const location = useLocation();
  const { key: rawKey, version: rawVersion } = useParams<{ key?: string; version?: string }>();
  const routeKey = rawKey ? decodeURIComponent(rawKey) : '';
  const routeVersion = rawVersion ? Number(rawVersion) : undefined;

  const canvasRef = useRef<HTMLDivElement>(null);
  const propertiesRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Modeler | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [elsewhere, setElsewhere] = useState<Set<Problem>>(new Set());
  const [title, setTitleState] = useState<{ key: string; version?: number }>({ key: '' });
  const titleRef = useRef<{ key: string; version?: number }>({ key: '' });
  const setTitle = useCallback((next: { key: string; version?: number }) => {
    titleRef.current = next;
    setTitleState(next);
  }, []);
  const [deployed, setDeployed] = useState<{ key: string; version: number } | null>(null);
  const [busy, setBusy] = useState<'check' | 'deploy' | null>(null);
  /** What the canvas holds (key and version), so a URL change the page made itself does not reload it. */
  const loaded = useRef<{ key: string; version?: number; path: string } | null>(null);
  const checkTimer = useRef<number>(0);
  const checkSeq = useRef(0);

  // the modeler: created once, destroyed with the page
  useEffect(() => {
    let live = true;
    let created: Modeler | null = null;
    Promise.all([loadModeler(), api<string[]>('/api/calendars').catch(() => ['iran']), api<unknown[]>('/api/service-task-types').catch(() => [])])
      .then(([mod, calendars, taskTypes]) => {
        if (!live || !canvasRef.current || !propertiesRef.current) return;
        created = mod.createEditor({ container: canvasRef.current, propertiesParent: propertiesRef.current, calendars, taskTypes });
        (window as unknown as { itoModeler?: Modeler }).itoModeler = created; // for the browser tests and the console
        setEditor(created);
      })
      .catch((err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
      window.clearTimeout(checkTimer.current);
      if (created) {
        created.destroy();
        delete (window as unknown as { itoModeler?: Modeler }).itoModeler;
      }
    };
  }, []);

  const showProblems = useCallback((found: Problem[]) => {
    if (!editor) return;
    setElsewhere(new Set(editor.get<ProblemMarkers>('problemMarkers').show(found)));
    setProblems(found);
  }, [editor]);

  const check = useCallback(async (): Promise<CheckAnswer | null> => {
    if (!editor) return null;
    window.clearTimeout(checkTimer.current);
    const seq = ++checkSeq.current;
    setBusy('check');
    setStatus({ tone: 'info', key: 'processes.editor.checking' });
    try {
      const { xml } = await editor.saveXML({ format: true });
      const answer = await api<CheckAnswer>('/api/definitions/check', { body: { xml } });
      if (seq !== checkSeq.current) return null; // a newer check started
      showProblems(answer.problems);
      setStatus(answer.deployable ? { tone: 'ok', key: 'processes.editor.deployable', values: { ids: answer.ids.join(', ') } } : { tone: 'err', key: 'processes.editor.not_deployable' });
      return answer;
    } catch (err) {
      if (seq === checkSeq.current) setStatus({ tone: 'err', key: 'processes.editor.check_failed', values: { message: (err as Error).message } });
      return null;
    } finally {
      if (seq === checkSeq.current) setBusy(null);
    }
  }, [editor, showProblems]);

  // a check 600 ms after the last edit
  useEffect(() => {
    if (!editor) return;
    const onChange = () => {
      const path = loaded.current?.path ?? window.location.pathname;
      const { key, version } = titleRef.current;
      void editor.saveXML({ format: true }).then(({ xml }) => (draft = { path, xml, key, version }));
      window.clearTimeout(checkTimer.current);
      checkTimer.current = window.setTimeout(() => void check(), CHECK_DELAY_MS);
    };
    editor.on('commandStack.changed', onChange);
    return () => {
      (editor as unknown as { off(e: string, f: () => void): void }).off('commandStack.changed', onChange);
    };
  }, [editor, check]);

  const open = useCallback(async (xml: string, key: string, version?: number) => {
    if (!editor) return;
    try {
      await editor.importXML(xml);
      editor.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
      setTitle({ key, version });
      setDeployed(null);
      await check();
    } catch (err) {
      setStatus({ tone: 'err', key: 'processes.editor.read_failed', values: { message: (err as Error).message } });
    }
  }, [editor, check, setTitle]);

  // open what the address names: a deployed version, the newest one, or a new diagram
  useEffect(() => {
    if (!editor) return;
    const here = loaded.current;
    if (here && here.path === location.pathname && location.state === null) return;
    if (location.state !== null) draft = null; // "New diagram" asked for afresh
    let live = true;
    (async () => {
      if (draft && draft.path === location.pathname) {
        const kept = draft;
        loaded.current = { key: kept.key, version: kept.version, path: kept.path };
        await open(kept.xml, kept.key, kept.version);
        draft = kept; // opening is no edit
        return;
      }
      draft = null;
      if (!routeKey) {
        loaded.current = { key: '', path: location.pathname };
        const mod = await loadModeler();
        await open(mod.newDiagram(`Process_${Math.random().toString(36).slice(2, 8)}`), '');
        return;
      }
      if (here && here.key === routeKey && (routeVersion === undefined || routeVersion === here.version)) {
        loaded.current = { ...here, path: location.pathname };
        return;
      }
      try {
        const version = routeVersion ?? (await loadVersions(routeKey))[0].version;
        const detail = await api<VersionDetail>(`/api/definitions/${encodeURIComponent(routeKey)}/versions/${version}`);
        if (!live) return;
        loaded.current = { key: routeKey, version, path: location.pathname };
        await open(detail.xml, routeKey, version);
      } catch (err) {
        if (live) setStatus({ tone: 'err', key: 'processes.editor.not_found', values: { message: err instanceof ApiError || err instanceof Error ? err.message : String(err) } });
      }
    })();
    return () => {
      live = false;
    };
    // location.key: "New diagram" pressed again on /processes/new opens another new diagram
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, routeKey, routeVersion, location.key]);

  const deploy = async () => {
    if (!editor) return;
    window.clearTimeout(checkTimer.current);
    checkSeq.current++;
    setBusy('deploy');
    setStatus({ tone: 'info', key: 'processes.editor.deploying' });
    try {
      const { xml } = await editor.saveXML({ format: true });
      const answer = await api<DeployAnswer>('/api/definitions', { body: { xml } });
      showProblems(answer.warnings);
      const text = answer.versions.map((v) => `${v.key} v${v.version}${v.created ? '' : ` ${translate('processes.editor.unchanged_mark')}`}`).join(', ');
      const created = answer.versions.some((v) => v.created);
      setStatus({ tone: 'ok', key: created ? 'processes.editor.deployed' : 'processes.editor.unchanged', values: { versions: text } });
      draft = null;
      const first = answer.versions[0];
      if (first) {
        setTitle({ key: first.key, version: first.version });
        setDeployed({ key: first.key, version: first.version });
        const path = editorPath(first.key, first.version);
        loaded.current = { key: first.key, version: first.version, path };
        navigate(path, { replace: true });
      }
    } catch (err) {
      setStatus({ tone: 'err', key: 'processes.editor.deploy_refused', values: { message: (err as Error).message } });
    } finally {
      setBusy(null);
    }
  };

  const download = async () => {
    if (!editor) return;
    const { xml } = await editor.saveXML({ format: true });
    const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${title.key || 'process'}.bpmn`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const openFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    await open(await file.text(), file.name.replace(/\.(bpmn|xml)$/i, ''));
  };

  const reveal = (id: string) => {
    if (!editor) return;
    const element = editor.get<{ get(id: string): ModelerElement | undefined }>('elementRegistry').get(id);
    if (!element) return;
    editor.get<{ select(e: ModelerElement): void }>('selection').select(element);
    editor.get<Canvas>('canvas').scrollToElement(element);
  };

  const statusColour = { ok: 'success.dark', err: 'error.main', info: 'text.secondary' } as const;

  return (
    <Box sx={{ pt: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }} data-testid="editor-page">
      <BiHeading k="processes.editor.title" component="h1" variant="h5" />
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center', rowGap: 1 }} role="toolbar" aria-labelledby="diagram-title">
        <Typography variant="h6" component="h2" id="diagram-title" data-testid="diagram-title" dir="auto" sx={{ ...mono, fontSize: '1.05rem', marginInlineEnd: 'auto' }}>
          {title.key ? `${title.key}${title.version ? ` — v${title.version}` : ''}` : translate('processes.editor.new_process')}
        </Typography>
        <Button size="small" variant="outlined" startIcon={<NoteAddIcon />} onClick={() => navigate('/processes/new', { state: { fresh: Date.now() } })} disabled={!editor} data-testid="new-diagram">
          {translate('processes.editor.new')}
        </Button>
        <Button size="small" variant="outlined" component="label" startIcon={<FolderOpenIcon />} disabled={!editor}>
          {translate('processes.editor.open_file')}
          <input type="file" hidden accept=".bpmn,.xml,application/xml,text/xml" onChange={(e) => void openFile(e)} data-testid="open-file" />
        </Button>
        <Button size="small" variant="outlined" startIcon={<DownloadIcon />} onClick={() => void download()} disabled={!editor} data-testid="download">
          {translate('processes.editor.download')}
        </Button>
        <Button size="small" variant="outlined" startIcon={<CheckIcon />} onClick={() => void check()} disabled={!editor || busy === 'deploy'} data-testid="check">
          {translate('processes.editor.check')}
        </Button>
        <Button size="small" variant="contained" startIcon={<PublishIcon />} onClick={() => void deploy()} disabled={!editor || busy === 'deploy'} data-testid="deploy">
          {translate('processes.editor.deploy')}
        </Button>
      </Stack>
      <Box role="status" aria-live="polite" data-testid="status" data-tone={status?.tone ?? ''} sx={{ minHeight: '1.6em', color: status ? statusColour[status.tone] : undefined, display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <span dir="auto">{status ? translate(status.key, status.values) : ''}</span>
        {deployed ? (
          <MuiLink component={Link} to={definitionPath(deployed.key, deployed.version)} data-testid="view-deployed">
            {translate('processes.editor.view_version', { version: deployed.version })}
          </MuiLink>
        ) : null}
      </Box>
      {loadError ? <Alert severity="error" data-testid="editor-load-error">{translate('processes.editor.load_failed', { message: loadError })}</Alert> : null}
      <Box dir="ltr" sx={{ position: 'relative', display: 'flex', height: '64vh', minHeight: 420, border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden', bgcolor: '#fff' }}>
        <Box ref={canvasRef} sx={{ flex: 1, position: 'relative', minWidth: 0 }} data-testid="modeler-canvas" role="application" aria-label={translate('processes.editor.canvas')} />
        <Box component="aside" ref={propertiesRef} sx={{ width: 380, flex: 'none', borderLeft: 1, borderColor: 'divider', overflow: 'auto' }} data-testid="properties-panel" aria-label={translate('processes.editor.properties')} />
        {!editor && !loadError ? (
          <Box sx={{ position: 'absolute', inset: 0, p: 2, bgcolor: '#fff' }} aria-label={translate('processes.editor.loading')}>
            <LoadingBlock lines={3} height={60} />
          </Box>
        ) : null}
      </Box>
      <ProblemsTable problems={problems} elsewhere={elsewhere} onReveal={reveal} />
    </Box>
  );
}

/** The editor (administrators only: the route's RoleGate tells anyone else why there is none). */
export function EditorPage() {
  return <Editor />;
}

/** The earlier address /modeler#/<key>[/<version>] opens the same process in the editor page. */
export function ModelerRedirect() {
  const [key, version] = window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return <Navigate to={editorPath(key, version ? Number(version) : undefined)} replace />;
}
