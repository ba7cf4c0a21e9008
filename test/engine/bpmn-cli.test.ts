/**
 * `npm run bpmn -- run`: the command-line door to the engine, as a user runs it, against the
 * Temporal server and database of this test run. Its last stdout line is the JSON report.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chain, model, scriptTask, serviceTask, userTask } from '../support/bpmn-models';

jest.setTimeout(180_000);
const ROOT = path.resolve(__dirname, '..', '..');

function bpmnRun(xml: string, ...args: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpmn-run-'));
  const file = path.join(dir, 'model.bpmn');
  fs.writeFileSync(file, xml);
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bpmn.ts'), 'run', file, ...args], { cwd: ROOT, encoding: 'utf8', env: process.env });
  const lines = res.stdout.trim().split('\n');
  return { code: res.status, report: JSON.parse(lines[lines.length - 1]) as Record<string, unknown>, stdout: res.stdout, stderr: res.stderr };
}

it('runs a model to its end: tasks completed with the given input, variables from --vars, stubbed services', () => {
  const xml = model(
    'cli-demo',
    `<bpmn:startEvent id="start" />${userTask('review')}${serviceTask('lookup', 'crm-lookup')}${scriptTask('total', 'price * 2 + (if approved then 1 else 0)', 'total')}<bpmn:endEvent id="end" />
     ${chain('start', 'review', 'lookup', 'total', 'end')}`,
  );
  const { code, report, stdout } = bpmnRun(xml, '--vars', '{"price": 20}', '--complete', '{"review": {"approved": true}}', '--stub-services');
  expect(stdout.trim().split('\n')).toHaveLength(1); // only the report on stdout
  expect(code).toBe(0);
  expect(report).toEqual({ state: 'completed', completed: ['start', 'review', 'lookup', 'total', 'end'], variables: expect.objectContaining({ price: 20, approved: true, total: 41 }), problems: [] });
});

it('lists each finished iteration of a multi-instance and of a loop activity in the report', () => {
  const xml = model(
    'cli-iterations',
    `<bpmn:startEvent id="start" />
     <bpmn:scriptTask id="vote">
       <bpmn:extensionElements><zeebe:script expression="=member + &quot;: yes&quot;" resultVariable="ballot" /></bpmn:extensionElements>
       <bpmn:multiInstanceLoopCharacteristics isSequential="true">
         <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=members" inputElement="member" outputCollection="ballots" outputElement="=ballot" /></bpmn:extensionElements>
       </bpmn:multiInstanceLoopCharacteristics>
     </bpmn:scriptTask>
     ${scriptTask('init', '0', 'n')}
     <bpmn:scriptTask id="inc">
       <bpmn:extensionElements><zeebe:script expression="=n + 1" resultVariable="n" /></bpmn:extensionElements>
       <bpmn:standardLoopCharacteristics><bpmn:loopCondition xsi:type="bpmn:tFormalExpression">=n &lt; 2</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
     </bpmn:scriptTask>
     <bpmn:endEvent id="end" />
     ${chain('start', 'vote', 'init', 'inc', 'end')}`,
  );
  const { code, report } = bpmnRun(xml, '--vars', '{"members": ["a", "b", "c"]}');
  expect(code).toBe(0);
  expect(report.completed).toEqual(['start', 'vote', 'init', 'inc', 'end']);
  expect(report.iterations).toEqual([
    { elementId: 'vote', loopCounter: 1 },
    { elementId: 'vote', loopCounter: 2 },
    { elementId: 'vote', loopCounter: 3 },
    { elementId: 'inc', loopCounter: 1 },
    { elementId: 'inc', loopCounter: 2 },
  ]);
  expect(report.variables).toEqual(expect.objectContaining({ ballots: ['a: yes', 'b: yes', 'c: yes'], n: 2 }));
});

it('exits 1 with state "failed" when a service task has no handler and services are not stubbed', () => {
  const xml = model('cli-incident', `<bpmn:startEvent id="start" />${serviceTask('lookup', 'crm-lookup')}<bpmn:endEvent id="end" />${chain('start', 'lookup', 'end')}`);
  const { code, report } = bpmnRun(xml);
  expect(code).toBe(1);
  expect(report).toMatchObject({ state: 'failed', completed: ['start'], problems: [{ elementId: 'lookup', rule: 'incident' }] });
});

it('exits 1 with state "rejected" and the problems of a model that cannot be deployed', () => {
  const { code, report } = bpmnRun(model('cli-bad', '<bpmn:startEvent id="start" /><bpmn:complexGateway id="odd" />'));
  expect(code).toBe(1);
  expect(report.state).toBe('rejected');
  expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'odd', rule: 'unsupported-element' })]));
});
