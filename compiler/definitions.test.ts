import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { compileBpmn } from './index';
import { DEFINITIONS, bundledCompileOptions, ownProblems } from './test-support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BpmnModdle } = require('bpmn-moddle') as {
  BpmnModdle: new (packages: Record<string, unknown>) => { fromXML(xml: string): Promise<{ warnings: unknown[] }> };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;

const files = readdirSync(DEFINITIONS).filter((f) => f.endsWith('.bpmn'));

/** bpmnlint warnings accepted in the bundled definitions, as `rule element` (none: a rework loop joins through a merging gateway). */
const ACCEPTED_LINT_WARNINGS: Record<string, string[]> = {};

/** Every process in definitions/ is deployable: it reads cleanly and passes every rule. */
describe('definitions/', () => {
  it.each(files)('%s loads in bpmn-moddle without warnings', async (file) => {
    const { warnings } = await new BpmnModdle({ zeebe }).fromXML(readFileSync(join(DEFINITIONS, file), 'utf8'));
    expect(warnings).toEqual([]);
  });

  it.each(files)('%s compiles without problems, one process named after the file', async (file) => {
    const result = await compileBpmn(readFileSync(join(DEFINITIONS, file), 'utf8'), await bundledCompileOptions());
    expect(result.ok && ownProblems(result.warnings)).toEqual([]);
    const lint = result.ok ? result.warnings.filter((p) => p.rule.startsWith('bpmnlint/')) : [];
    expect(lint.map((p) => `${p.rule} ${p.elementId}`)).toEqual(ACCEPTED_LINT_WARNINGS[file] ?? []);
    expect(result.ok && result.processes.map((p) => p.processId)).toEqual([basename(file, '.bpmn')]);
  });

  it.each(files)('%s has a diagram shape or edge for every flow element', async (file) => {
    const xml = readFileSync(join(DEFINITIONS, file), 'utf8');
    const result = await compileBpmn(xml, await bundledCompileOptions());
    if (!result.ok) throw new Error('does not compile');
    for (const { graph } of result.processes) {
      for (const id of [...Object.keys(graph.elements), ...Object.keys(graph.flows)]) {
        expect(xml).toContain(`bpmnElement="${id}"`);
      }
    }
  });
});
