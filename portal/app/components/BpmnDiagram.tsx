/**
 * A BPMN diagram drawn read-only (bpmn-js NavigatedViewer: drag to move, Ctrl+wheel to zoom), with
 * zoom in / out / fit buttons, elements marked by CSS classes and overlays (HTML strings or React
 * nodes) on elements. Used by the process pages (versions, diff) and the operations pages
 * (instances on their diagram). Marker classes styled here: diagram-completed, diagram-active,
 * diagram-incident, diagram-added, diagram-changed, diagram-removed.
 */
import FitIcon from '@mui/icons-material/FitScreen';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import { Box, IconButton, Tooltip } from '@mui/material';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useLocaleState } from 'react-admin';
import './bpmn-diagram.css';

export interface DiagramOverlay {
  elementId: string;
  html: string | ReactNode;
  /** Where on the element (diagram-js overlay position); default top-right corner. */
  position?: { top?: number; left?: number; right?: number; bottom?: number };
}

export interface BpmnDiagramProps {
  xml: string;
  /** CSS classes to add per element id. */
  markers?: Record<string, string[]>;
  overlays?: DiagramOverlay[];
  onElementClick?(id: string): void;
  /** Height of the canvas (px or CSS length); default 480. */
  height?: number | string;
  /** What the diagram shows, for screen readers (e.g. the process name). */
  label?: string;
  'data-testid'?: string;
}

interface Canvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto' | { x: number; y: number }): number;
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
  resized(): void;
}
interface Overlays {
  add(element: string, overlay: { position: DiagramOverlay['position']; html: HTMLElement | string }): string;
  remove(filter: string | { element?: string }): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

const WORDS = {
  fa: { zoomIn: 'بزرگ‌نمایی', zoomOut: 'کوچک‌نمایی', fit: 'نمایش کامل نمودار', failed: 'نمودار رسم نشد: ', diagram: 'نمودار فرایند' },
  en: { zoomIn: 'Zoom in', zoomOut: 'Zoom out', fit: 'Fit the diagram', failed: 'The diagram could not be drawn: ', diagram: 'Process diagram' },
};

export function BpmnDiagram({ xml, markers, overlays, onElementClick, height = 480, label, 'data-testid': testId = 'bpmn-diagram' }: BpmnDiagramProps) {
  const [locale] = useLocaleState();
  const words = locale === 'en' ? WORDS.en : WORDS.fa;
  const host = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const clickRef = useRef(onElementClick);
  clickRef.current = onElementClick;
  /** Bumped after each successful import: markers and overlays are (re)applied then. */
  const [drawn, setDrawn] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [portals, setPortals] = useState<{ key: string; node: HTMLElement; content: ReactNode }[]>([]);

  useEffect(() => {
    const v = new NavigatedViewer({ container: host.current! });
    viewer.current = v;
    v.on('element.click', (event: { element: { id: string; type?: string } }) => {
      if (event.element.type !== 'bpmn:Process' && event.element.type !== 'bpmn:Collaboration') clickRef.current?.(event.element.id);
    });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => (v.get('canvas') as Canvas).resized());
    observer?.observe(host.current!);
    return () => {
      observer?.disconnect();
      v.destroy();
      viewer.current = null;
    };
  }, []);

  useEffect(() => {
    const v = viewer.current;
    if (!v || !xml) return;
    let live = true;
    v.importXML(xml).then(
      () => {
        if (!live) return;
        (v.get('canvas') as Canvas).zoom('fit-viewport', 'auto');
        setFailure(null);
        setDrawn((n) => n + 1);
      },
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [xml]);

  useEffect(() => {
    const v = viewer.current;
    if (!v || !drawn || !markers) return;
    const canvas = v.get('canvas') as Canvas;
    const registry = v.get('elementRegistry') as ElementRegistry;
    const applied: [string, string][] = [];
    for (const [id, classes] of Object.entries(markers)) {
      if (!registry.get(id)) continue;
      for (const c of classes) {
        canvas.addMarker(id, c);
        applied.push([id, c]);
      }
    }
    return () => {
      if (viewer.current !== v) return;
      for (const [id, c] of applied) canvas.removeMarker(id, c);
    };
  }, [markers, drawn]);

  useEffect(() => {
    const v = viewer.current;
    if (!v || !drawn || !overlays?.length) {
      setPortals([]);
      return;
    }
    const layer = v.get('overlays') as Overlays;
    const registry = v.get('elementRegistry') as ElementRegistry;
    const added: string[] = [];
    const next: { key: string; node: HTMLElement; content: ReactNode }[] = [];
    overlays.forEach((o, i) => {
      if (!registry.get(o.elementId)) return;
      const position = o.position ?? { top: -10, right: 10 };
      if (typeof o.html === 'string') {
        added.push(layer.add(o.elementId, { position, html: o.html }));
      } else {
        const node = document.createElement('div');
        node.className = 'bpmn-diagram-overlay';
        added.push(layer.add(o.elementId, { position, html: node }));
        next.push({ key: `${o.elementId}-${i}`, node, content: o.html });
      }
    });
    setPortals(next);
    return () => {
      if (viewer.current !== v) return;
      for (const id of added) layer.remove(id);
    };
  }, [overlays, drawn]);

  const zoom = (by: number | 'fit') => {
    const canvas = viewer.current?.get('canvas') as Canvas | undefined;
    if (!canvas) return;
    if (by === 'fit') canvas.zoom('fit-viewport', 'auto');
    else canvas.zoom(Math.min(4, Math.max(0.2, canvas.zoom() * by)));
  };

  return (
    // drawn left to right in both languages (BPMN is laid out so): the zoom buttons on its right
    <Box className="bpmn-diagram" dir="ltr" data-testid={testId} data-drawn={drawn > 0 ? 'yes' : 'no'} sx={{ position: 'relative', border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff', overflow: 'hidden' }}>
      <Box ref={host} role="group" aria-label={label ?? words.diagram} dir="ltr" sx={{ height, width: '100%' }} data-testid={`${testId}-canvas`} />
      <Box sx={{ position: 'absolute', top: 8, insetInlineEnd: 8, display: 'flex', flexDirection: 'column', gap: 0.5, bgcolor: 'background.paper', borderRadius: 1, boxShadow: 1 }}>
        <Tooltip title={words.zoomIn} placement="left"><IconButton size="small" aria-label={words.zoomIn} onClick={() => zoom(1.25)} data-testid="diagram-zoom-in"><ZoomInIcon fontSize="small" /></IconButton></Tooltip>
        <Tooltip title={words.zoomOut} placement="left"><IconButton size="small" aria-label={words.zoomOut} onClick={() => zoom(0.8)} data-testid="diagram-zoom-out"><ZoomOutIcon fontSize="small" /></IconButton></Tooltip>
        <Tooltip title={words.fit} placement="left"><IconButton size="small" aria-label={words.fit} onClick={() => zoom('fit')} data-testid="diagram-fit"><FitIcon fontSize="small" /></IconButton></Tooltip>
      </Box>
      {failure ? (
        <Box role="alert" dir="auto" data-testid="diagram-error" sx={{ position: 'absolute', insetInline: 8, bottom: 8, p: 1, bgcolor: 'error.light', color: 'error.contrastText', borderRadius: 1 }}>
          {words.failed}<span dir="auto">{failure}</span>
        </Box>
      ) : null}
      {portals.map((p) => createPortal(p.content, p.node, p.key))}
    </Box>
  );
}
