/**
 * QName-prefixed references: a prefix bound to the file's own targetNamespace resolves as the bare id
 * (in attributes and in reference elements), a prefix bound to another namespace stays an unknown id,
 * and nothing but the prefix changes (line numbers in problems stay right).
 */
import { compileBpmn } from './index';
import { errorsOf } from './test-support';
import { ownNamespacePrefixes, unprefixOwnReferences } from './qname-references';

const model = (prefix: string, uri: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:${prefix}="${uri}" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://ito.example/qname">
  <bpmn:message id="Message_1" name="go"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="qname" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>${prefix}:f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="${prefix}:start" targetRef="wait" />
    <bpmn:receiveTask id="wait" messageRef="${prefix}:Message_1"><bpmn:incoming>f1</bpmn:incoming></bpmn:receiveTask>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

it('finds the prefixes bound to the file\'s own target namespace', () => {
  expect(ownNamespacePrefixes(model('tns', 'http://ito.example/qname'))).toEqual(['tns']);
  expect(ownNamespacePrefixes(model('other', 'http://elsewhere.example'))).toEqual([]);
});

it('compiles references prefixed with the own namespace as their bare ids', async () => {
  const result = await compileBpmn(model('tns', 'http://ito.example/qname'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const { elements, flows } = result.processes[0].graph;
  expect(flows.f1).toMatchObject({ sourceRef: 'start', targetRef: 'wait' });
  expect(elements.wait).toMatchObject({ kind: 'receiveTask', trigger: { type: 'message', messageName: { literal: 'go' } } });
});

it('leaves a prefix of another namespace alone: the reference stays unknown', async () => {
  expect(errorsOf(await compileBpmn(model('imported', 'http://elsewhere.example')))).toEqual(expect.arrayContaining([{ elementId: 'f1', rule: 'references' }, { elementId: 'wait', rule: 'references' }]));
});

it('removes only the prefix, so every line keeps its place', () => {
  const xml = model('tns', 'http://ito.example/qname');
  const out = unprefixOwnReferences(xml);
  expect(out.split('\n').length).toBe(xml.split('\n').length);
  expect(out).toContain('messageRef="Message_1"');
  expect(out).toContain('<bpmn:outgoing>f1</bpmn:outgoing>');
  expect(out).not.toMatch(/"tns:|>tns:/);
  expect(unprefixOwnReferences(out)).toBe(out);
});
