/**
 * Driving the app's process editor (bpmn-js with its properties panel) in browser tests: selecting
 * an element, opening a properties group, clicking the empty canvas, waiting for the editor's XML
 * or its status line.
 */
import type { Page } from 'playwright-core';

export async function selectElement(page: Page, elementId: string): Promise<void> {
  await page.locator(`.djs-element.djs-shape[data-element-id="${elementId}"]`).click();
  await page.locator(`.djs-element.selected[data-element-id="${elementId}"]`).waitFor();
}

/** Opens a properties-panel group (most start closed). */
export async function openGroup(page: Page, groupId: string): Promise<void> {
  const group = page.locator(`[data-group-id="group-${groupId}"]`);
  await group.waitFor();
  if (!(await group.locator('.bio-properties-panel-group-entries.open').count())) await group.locator('.bio-properties-panel-group-header').click();
}

/** Clicks the canvas where no element is (its lower right, clear of the bpmn.io mark): selects the process, focuses the canvas. */
export async function clickCanvasBackground(page: Page): Promise<void> {
  const box = (await page.locator('.djs-container').boundingBox())!;
  await page.locator('.djs-container').click({ position: { x: box.width - 90, y: box.height - 70 } });
}

type EditorWindow = { itoModeler: { saveXML(options: object): Promise<{ xml: string }> } };

/** Polls the editor's current XML (window.itoModeler) until `accept` holds. */
export async function waitForXml(page: Page, accept: (xml: string) => boolean): Promise<string> {
  for (let i = 0; ; i++) {
    const xml = await page.evaluate(async () => (await (window as unknown as EditorWindow).itoModeler.saveXML({})).xml);
    if (accept(xml)) return xml;
    if (i > 100) throw new Error(`the editor's XML never matched; last:\n${xml}`);
    await page.waitForTimeout(100);
  }
}

/** Waits for the editor's status line to say `text`. */
export async function waitForStatus(page: Page, text: string): Promise<void> {
  await page.getByTestId('status').filter({ hasText: text }).waitFor();
}

/**
 * The process list searched for one key: the tests of a run share a database, so the list may hold
 * more processes than its first page shows.
 */
export const definitionsFor = (baseUrl: string, key: string): string => `${baseUrl}/definitions?filter=${encodeURIComponent(JSON.stringify({ q: key }))}`;
