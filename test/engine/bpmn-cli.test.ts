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
