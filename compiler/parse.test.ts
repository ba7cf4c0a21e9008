import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn } from './index';
import { bpmn, compileFixture, errorsOf, ownProblems, problemsOf, readFixture } from './test-support';

/** Rejections that must come back fast, whatever the input. */
/**
 * These inputs once made the parser hang or blow up; each test's own timeout is the guard against a
 * hang, never a speed target (speeds live in bench/, e.g. npm run bench:compile).
 */
jest.setTimeout(60_000);

describe('compiler/parse - unsafe input', () => {
  it('rejects a DOCTYPE with entity declarations before parsing it', async () => {
    const result = await compileFixture('parse.entity-bomb.bpmn');
    expect(problemsOf(result)).toEqual([
      {
        elementId: 'definitions',
        rule: 'xml-safety',
        severity: 'error',
        message: '<!DOCTYPE> declarations are not allowed (entity expansion and external entities)',
      },
    ]);
  });

  it('rejects an ENTITY declaration even without a DOCTYPE', async () => {
    const xml = readFixture('compile.minimal.bpmn').replace('<bpmn:definitions', '<!ENTITY x SYSTEM "file:///etc/passwd">\n<bpmn:definitions');
    expect(errorsOf(await compileBpmn(xml))).toEqual([{ elementId: 'definitions', rule: 'xml-safety' }]);
  });

  it('rejects a 6 MB file without parsing it', async () => {
    const padding = `<!-- ${'x'.repeat(6 * 1024 * 1024)} -->`;
    const xml = readFixture('compile.minimal.bpmn').replace('</bpmn:definitions>', `${padding}</bpmn:definitions>`);
    const result = await compileBpmn(xml);
    const [problem] = problemsOf(result);
    expect(problem).toMatchObject({ elementId: 'definitions', rule: 'xml-safety' });
    expect(problem.message).toMatch(/^the file is \d+ bytes; the limit is 5242880 bytes$/);
  });

  it('counts the size limit in utf-8 bytes and lets the caller lower it', async () => {
    const xml = readFixture('compile.minimal.bpmn');
    expect(errorsOf(await compileBpmn(xml, { maxBytes: 1000 }))).toEqual([{ elementId: 'definitions', rule: 'xml-safety' }]);
    expect((await compileBpmn(xml, { maxBytes: Buffer.byteLength(xml) })).ok).toBe(true);
  });

  it('survives 10,000 nested sub-processes: reads 32 levels and rejects the first one deeper', async () => {
    const open = Array.from({ length: 10_000 }, (_, i) => `<bpmn:subProcess id="nested-${i}">`).join('');
    const close = '</bpmn:subProcess>'.repeat(10_000);
    const xml = bpmn(`
      <bpmn:startEvent id="start" />${open}${close}<bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="nested-0" />
      <bpmn:sequenceFlow id="f2" sourceRef="nested-0" targetRef="end" />`);
    const result = await compileBpmn(xml);
    const errors = errorsOf(result);
    expect(errors.filter((e) => e.rule === 'scope-depth')).toEqual([{ elementId: 'nested-32', rule: 'scope-depth' }]);
    // the 32 empty sub-processes that were read each lack a start and an end event; nothing deeper is listed
    expect(errors.filter((e) => e.rule === 'start-events')).toHaveLength(32);
    expect(errors.some((e) => e.elementId === 'nested-33')).toBe(false);
  });

  it('survives 10,000 nested extension elements of another tool', async () => {
    const open = '<vendor:node>'.repeat(10_000);
    const close = '</vendor:node>'.repeat(10_000);
    const xml = bpmn(`
      <bpmn:startEvent id="start" xmlns:vendor="urn:vendor"><bpmn:extensionElements>${open}${close}</bpmn:extensionElements></bpmn:startEvent>
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />`);
    const result = await compileBpmn(xml);
    expect(result.ok && ownProblems(result.warnings).map((w) => w.rule)).toEqual(['unsupported-extension']);
  });
});

describe('compiler/parse - the ito extensions', () => {
  const task = (extensions: string) => bpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="reviewers" />${extensions}</bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" /><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />`);

  it('reads ito extensions by their namespace, whatever the prefix', async () => {
    const xml = task('<x:taskSla xmlns:x="http://ito.ir/schema/bpmn/ito/1.0" dueIn="P10D" calendar="iran" />');
    const result = await compileBpmn(xml);
    expect(result.ok && result.processes[0].graph.elements.review).toMatchObject({ sla: { dueIn: 'P10D', calendar: 'iran' } });
  });

  it('rejects an element the ito vocabulary does not have instead of dropping it', async () => {
    const problems = problemsOf(await compileBpmn(task('<ito:taskDeadline dueIn="P10D" />')));
    expect(problems).toEqual([expect.objectContaining({ rule: 'xml-schema', message: expect.stringContaining('unknown type <ito:TaskDeadline>') })]);
  });

  it('reads ito extensions in a big file too (read first in the worker thread)', async () => {
    const xml = task('<ito:taskSla dueIn="P10D" calendar="iran" />').replace('</bpmn:definitions>', `<!-- ${'padding '.repeat(20_000)} --></bpmn:definitions>`);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(128 * 1024);
    const result = await compileBpmn(xml);
    expect(result.ok && ownProblems(result.warnings)).toEqual([]);
  });
});

describe('compiler/parse - big files', () => {
  const manyMistakes = (count: number) =>
    bpmn(Array.from({ length: count }, (_, i) => `<bpmn:startEvent id="s${i}">stray text</bpmn:startEvent>`).join('\n'));

  it('rejects a big file full of mistakes within the time budget instead of blocking', async () => {
    const xml = manyMistakes(40_000);
    const result = await compileBpmn(xml, { parseTimeoutMs: 1000 });
    expect(problemsOf(result)).toEqual([
      {
        elementId: 'definitions',
        rule: 'xml-safety',
        severity: 'error',
        message: 'reading the xml took longer than 1000 ms; the file is too large or has too many mistakes',
      },
    ]);
  });

  it('lists the first 50 parser problems of a big file and counts the rest', async () => {
    const problems = problemsOf(await compileBpmn(manyMistakes(3_000)));
    expect(problems).toHaveLength(51);
    expect(problems[0]).toMatchObject({ elementId: 's0', rule: 'xml-schema', message: expect.stringContaining('unexpected body text <stray text>') });
    expect(problems[50]).toMatchObject({ elementId: 'definitions', message: '2950 more problems in the xml are not listed' });
  });

  it('compiles a big but correct file', async () => {
    const xml = readFixture('compile.minimal.bpmn').replace('</bpmn:definitions>', `<!-- ${'padding '.repeat(20_000)} --></bpmn:definitions>`);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(128 * 1024);
    const result = await compileBpmn(xml);
    expect(result.ok && ownProblems(result.warnings)).toEqual([]);
  });
});

describe('compiler/parse - malformed input', () => {
  it('quotes the parser and the offending line for broken xml', async () => {
    const [problem] = problemsOf(await compileFixture('parse.malformed.bpmn'));
    expect(problem).toMatchObject({ elementId: 'definitions', rule: 'xml-syntax', severity: 'error' });
    expect(problem.message).toBe('the xml cannot be parsed: closing tag mismatch near </bpmn:process> at line 6, column 3: "</bpmn:process>"');
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'this is not xml'],
    ['json', '{"definitions": []}'],
    ['another xml vocabulary', '<html xmlns="http://www.w3.org/1999/xhtml"><body /></html>'],
  ])('rejects %s as unparsable', async (_label, xml) => {
    const problems = problemsOf(await compileBpmn(xml));
    expect(problems).toEqual([expect.objectContaining({ elementId: 'definitions', rule: 'xml-syntax' })]);
  });

  it('answers for a syntax error on a line that starts with a closing tag (it once looped forever)', async () => {
    const xml = '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">\n</bpmn:process>';
    const problems = problemsOf(await compileBpmn(xml));
    expect(problems).toEqual([expect.objectContaining({ elementId: 'definitions', rule: 'xml-syntax' })]);
  });

  it('rejects something that is not a string instead of throwing', async () => {
    const result = await compileBpmn(42 as unknown as string);
    expect(errorsOf(result)).toEqual([{ elementId: 'definitions', rule: 'xml-syntax' }]);
  });

  it('rejects duplicate ids, naming the id', async () => {
    const problems = problemsOf(await compileFixture('parse.duplicate-ids.bpmn'));
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'review', rule: 'duplicate-id', message: expect.stringMatching(/^id "review" is used by more than one element at line 10/) }),
    ]);
  });

  it('rejects a flow that refers to an id that does not exist', async () => {
    const problems = problemsOf(await compileFixture('parse.missing-reference.bpmn'));
    expect(problems).toEqual([
      {
        elementId: 'f2',
        rule: 'references',
        severity: 'error',
        message: '<bpmn:SequenceFlow id="f2" /> refers to unknown id "nowhere" in targetRef',
      },
    ]);
  });

  it('deploys a model whose diagram names an element that is gone, with a warning (the diagram does not run)', async () => {
    const xml = readFileSync(join(__dirname, '..', 'definitions', 'certificate-renewal.bpmn'), 'utf8')
      .replace('</bpmndi:BPMNPlane>', '<bpmndi:BPMNShape id="gone_di" bpmnElement="gone"><dc:Bounds x="1" y="1" width="10" height="10" /></bpmndi:BPMNShape></bpmndi:BPMNPlane>');
    const result = await compileBpmn(xml);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings).toContainEqual({
      elementId: 'gone_di', rule: 'references', severity: 'warning',
      message: '<bpmndi:BPMNShape id="gone_di" /> of the diagram refers to unknown id "gone" in bpmnElement: it is not drawn; the process is not affected',
    });
  });

  it('rejects an element the bpmn schema does not know instead of dropping it', async () => {
    const problems = problemsOf(await compileFixture('parse.unknown-element.bpmn'));
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'typo', rule: 'xml-schema', message: expect.stringContaining('unknown type <bpmn:ParallelGatway>') }),
    ]);
  });

  it('warns, but compiles, when the declared encoding is not utf-8', async () => {
    const xml = readFixture('compile.minimal.bpmn').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const result = await compileBpmn(xml);
    expect(result.ok && ownProblems(result.warnings)).toEqual([expect.objectContaining({ rule: 'xml-encoding', severity: 'warning' })]);
  });
});
