/**
 * Accessibility scan of a page as it stands: axe-core (npm) injected into the page and run with the
 * WCAG 2.0/2.1/2.2 A and AA rules. Returns the serious and critical violations, each as
 * `<rule>: <help> (<first target>)`, so a test can expect an empty list and print what failed.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/**
 * Waits for the page's finite animations and transitions (a fade, a ripple) to end: axe measures
 * colours as they stand, and text half-way through a fade fails contrast (a CI run saw it once).
 * Endless ones (a progress spinner) are not waited for; a stuck one gives up after 5 s.
 */
async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Infinity)));
    await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  });
}

export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  await animationsSettled(page);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, TAGS);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
