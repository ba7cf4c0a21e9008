import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { compileBpmn } from './index';
import { DEFINITIONS, bundledCompileOptions, ownProblems } from './test-support';
import type { FlowNode, ProcessGraph } from '../workflows/graph/types';

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

/** Processes that issue without a fee of their own: a renewal and a paper conversion re-issue what was paid for. */
const ISSUE_WITHOUT_FEE = new Set(['certificate-renewal', 'paper-certificate-conversion']);

const waitsForSettledFee = (node: FlowNode) =>
  (node.kind === 'receiveTask' || node.kind === 'intermediateCatchEvent') && node.trigger?.type === 'message' &&
  'literal' in node.trigger.messageName && node.trigger.messageName.literal === 'payment-settled';
const requestsFee = (node: FlowNode) => node.kind === 'serviceTask' && node.taskType === 'payment.request';

/** The way around the wait when nothing is due (payment.request then settles the free fee itself): a gateway's default beside a `paymentDue` condition. */
function noFeeBypasses(graph: ProcessGraph): Set<string> {
  const bypasses = new Set<string>();
  for (const node of Object.values(graph.elements)) {
    if (node.kind !== 'exclusiveGateway' || !node.defaultFlow) continue;
    if (node.outgoing.some((f) => graph.flows[f].condition?.includes('paymentDue'))) bypasses.add(node.defaultFlow);
  }
  return bypasses;
}

/** The nodes a token can reach from the process's start events without entering `blocked` nodes or flows. */
function reachable(graph: ProcessGraph, blocked: (node: FlowNode) => boolean, blockedFlows: Set<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  const queue = [...graph.startEventIds, ...graph.eventSubProcessIds];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const node = graph.elements[id];
    if (!node || seen.has(id) || blocked(node)) continue;
    seen.add(id);
    queue.push(...node.outgoing.filter((f) => !blockedFlows.has(f)).map((f) => graph.flows[f].targetRef));
    if ('boundaryEventIds' in node) queue.push(...node.boundaryEventIds);
    if ('startEventIds' in node) queue.push(...node.startEventIds, ...node.eventSubProcessIds);
  }
  return seen;
}

/**
 * No certificate before payment, wherever a model asks for the fee (after approval, or before
 * review as data-centre grading does): every path from the start to issue-certificate passes the
 * fee request, and then the wait for the settled payment unless the model branched on nothing
 * being due (`paymentDue` false: the request settled the free fee itself).
 */
describe('every path to issue-certificate passes a settled fee', () => {
  it.each(files)('%s', async (file) => {
    const result = await compileBpmn(readFileSync(join(DEFINITIONS, file), 'utf8'), await bundledCompileOptions());
    if (!result.ok) throw new Error('does not compile');
    for (const { processId, graph } of result.processes) {
      const issues = Object.values(graph.elements).filter((n) => n.kind === 'serviceTask' && n.taskType === 'issue-certificate').map((n) => n.id);
      if (issues.length === 0 || ISSUE_WITHOUT_FEE.has(processId)) continue;
      expect(issues.filter((id) => reachable(graph, () => false).has(id))).toEqual(issues);
      expect(issues.filter((id) => reachable(graph, requestsFee).has(id))).toEqual([]);
      expect(issues.filter((id) => reachable(graph, waitsForSettledFee, noFeeBypasses(graph)).has(id))).toEqual([]);
    }
  });
});
