/** Helpers shared by the DMN compiler's tests (not part of the compiler). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../problem';
import type { CompileDmnResult } from './index';

export const DMN_NAMESPACES = {
  '1.1': 'http://www.omg.org/spec/DMN/20151101/dmn.xsd',
  '1.2': 'http://www.omg.org/spec/DMN/20180521/MODEL/',
  '1.3': 'https://www.omg.org/spec/DMN/20191111/MODEL/',
  '1.4': 'https://www.omg.org/spec/DMN/20211108/MODEL/',
  '1.5': 'https://www.omg.org/spec/DMN/20230324/MODEL/',
} as const;

export function readDmnFixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

/** Wraps decisions in a DMN definitions document. */
export function dmn(decisions: string, namespace: string = DMN_NAMESPACES['1.3'], attributes = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="${namespace}" id="test-definitions" name="Test" namespace="https://ito.gov.ir/dmn/test"${attributes ? ` ${attributes}` : ''}>
${decisions}
</definitions>`;
}

export interface TableSpec {
  id?: string;
  /** Put before the ids of inputs, outputs and rules, for several decisions in one file. */
  prefix?: string;
  hitPolicy?: string;
  aggregation?: string;
  inputs?: string[];
  /** Output names ('' for none), optionally with `outputValues` text after a `|`: `grade|"A","B"`. */
  outputs?: string[];
  /** One row per rule: input entries then output entries. */
  rules?: string[][];
}

/** A decision with one decision table; inputs and outputs get ids in-1…, out-1…, rules r1…. */
export function decision(spec: TableSpec = {}): string {
  const { id = 'decision', prefix: p = '', hitPolicy, aggregation, inputs = ['x'], outputs = ['result'], rules = [] } = spec;
  const attrs = `${hitPolicy ? ` hitPolicy="${hitPolicy}"` : ''}${aggregation ? ` aggregation="${aggregation}"` : ''}`;
  const inputXml = inputs.map((e, i) => `      <input id="${p}in-${i + 1}" label="input ${i + 1}"><inputExpression id="${p}in-${i + 1}-expression"><text>${esc(e)}</text></inputExpression></input>`);
  const outputXml = outputs.map((o, i) => {
    const [name, values] = o.split('|');
    const valuesXml = values === undefined ? '' : `<outputValues id="${p}out-${i + 1}-values"><text>${esc(values)}</text></outputValues>`;
    return `      <output id="${p}out-${i + 1}"${name ? ` name="${name}"` : ''}>${valuesXml}</output>`;
  });
  const ruleXml = rules.map((row, r) => {
    const cells = row.map((cell, c) => c < inputs.length
      ? `<inputEntry id="${p}r${r + 1}-in-${c + 1}"><text>${esc(cell)}</text></inputEntry>`
      : `<outputEntry id="${p}r${r + 1}-out-${c - inputs.length + 1}"><text>${esc(cell)}</text></outputEntry>`);
    return `      <rule id="${p}r${r + 1}">${cells.join('')}</rule>`;
  });
  return `  <decision id="${id}" name="${id}">
    <decisionTable id="${id}-table"${attrs}>
${[...inputXml, ...outputXml, ...ruleXml].join('\n')}
    </decisionTable>
  </decision>`;
}

export function problemsOf(result: CompileDmnResult): Problem[] {
  if (result.ok) throw new Error(`expected the decisions to be rejected, but they compiled: ${JSON.stringify(result.decisions)}`);
  return result.problems;
}

export function errorsOf(result: CompileDmnResult): Array<Pick<Problem, 'elementId' | 'rule'>> {
  return problemsOf(result)
    .filter((p) => p.severity === 'error')
    .map(({ elementId, rule }) => ({ elementId, rule }));
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
