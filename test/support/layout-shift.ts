/**
 * Layout shift of the app's pages as they load: layout-shift entries not caused by recent input
 * (web-vitals' rule), summed from the first contentful paint. A recorder is installed in every page
 * before its scripts run (a buffered PerformanceObserver misses nothing since the document began).
 * The app changes pages without loading a document, so it notes when the path last changed: a
 * page's shift is what happened since then, until the test first acted on it (typed, clicked) —
 * what the page does in answer to a search is the test's doing, not the page's loading. 0.1 is
 * web-vitals' "good" threshold.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const GOOD_LAYOUT_SHIFT = 0.1;

interface Shift { at: number; value: number; sources: string[] }
interface Recorder { shifts: Shift[]; firstPaint?: number; pathChangedAt: number; path: string; inputs: number[] }

/** Runs in the page before any of its scripts (BrowserContext.addInitScript). */
export function recordLayoutShifts(): void {
  const w = window as unknown as { __layoutShifts?: Recorder };
  if (w.__layoutShifts) return;
  const recorder: Recorder = { shifts: [], pathChangedAt: 0, path: location.pathname, inputs: [] };
  w.__layoutShifts = recorder;
  const describe = (node: Node | null): string => {
    if (!(node instanceof Element)) return node?.nodeName ?? '?';
    const testId = node.closest('[data-testid]')?.getAttribute('data-testid');
    return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${typeof node.className === 'string' && node.className ? `.${node.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''}${testId ? ` in [data-testid=${testId}]` : ''}`;
  };
  type LayoutShiftEntry = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node: Node | null }[] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as LayoutShiftEntry[]) {
      if (!entry.hadRecentInput) recorder.shifts.push({ at: entry.startTime, value: entry.value, sources: (entry.sources ?? []).map((s) => describe(s.node)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') recorder.firstPaint = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const pathMayHaveChanged = () => {
    if (location.pathname === recorder.path) return;
    recorder.path = location.pathname;
    recorder.pathChangedAt = performance.now();
  };
  for (const type of ['pointerdown', 'keydown', 'input']) {
    addEventListener(type, (event) => {
      if (event.isTrusted) recorder.inputs.push(performance.now());
    }, true);
  }
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method].bind(history);
    history[method] = (...args: Parameters<History['pushState']>) => {
      original(...args);
      pathMayHaveChanged();
    };
  }
  addEventListener('popstate', pathMayHaveChanged);
}

/** The page's time now (performance.now()), to measure shifts from. */
export function pageTime(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

export interface LayoutShift {
  /**
   * Summed shift after the first contentful paint, since the page's path last changed (and since
   * `since`), until the first input after that.
   */
  value: number;
  /** The elements that moved in the largest shifts, for finding the cause. */
  worst: { value: number; sources: string[] }[];
}

export async function layoutShiftOf(page: Page, since = 0): Promise<LayoutShift> {
  const recorder = await page.evaluate(() => (window as unknown as { __layoutShifts?: Recorder }).__layoutShifts);
  if (!recorder) throw new Error('no layout-shift recorder in the page (BrowserSession.newPage installs it)');
  // no first paint yet: nothing has been seen, so nothing has visibly moved
  if (recorder.firstPaint === undefined) return { value: 0, worst: [] };
  const from = Math.max(recorder.firstPaint, recorder.pathChangedAt, since);
  const firstInput = recorder.inputs.find((at) => at >= from) ?? Infinity;
  const counted = recorder.shifts.filter((s) => s.at >= from && s.at < firstInput);
  return {
    value: counted.reduce((sum, s) => sum + s.value, 0),
    worst: [...counted].sort((a, b) => b.value - a.value).slice(0, 3).map(({ value, sources }) => ({ value, sources })),
  };
}

/** Appends a page's measured shift to `<dir>/layout-shift.jsonl` (the value of every main page of a run). */
export function noteLayoutShift(dir: string, name: string, shift: LayoutShift): void {
  fs.appendFileSync(path.join(dir, 'layout-shift.jsonl'), `${JSON.stringify({ page: name, value: Number(shift.value.toFixed(4)), worst: shift.worst })}\n`);
}

/** The page's shift stays under web-vitals' "good" threshold; the measured value is noted either way. */
export async function expectStableLayout(page: Page, name: string, dir: string, since = 0): Promise<void> {
  const shift = await layoutShiftOf(page, since);
  noteLayoutShift(dir, name, shift);
  expect([name, shift.value < GOOD_LAYOUT_SHIFT ? 'stable' : shift]).toEqual([name, 'stable']);
}
