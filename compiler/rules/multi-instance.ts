import { expressionBody } from '../events';
import { child, type ModdleElement } from '../moddle';
import { present } from '../optional';
import { describe, error, type Problem } from '../problem';
import { isActivityKind, supportedKind } from '../process-view';
import { isFeel, isVariableName, multiInstanceCollections } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'multi-instance';

/** Standard BPMN data-flow settings of a multi-instance activity; this engine reads zeebe's instead. */
const BPMN_DATA = ['loopDataInputRef', 'loopDataOutputRef', 'inputDataItem', 'outputDataItem'];

/**
 * A multi-instance activity runs once per item of zeebe:loopCharacteristics inputCollection, or
 * loopCardinality times (FEEL or a whole number), exactly one of the two. Item and collection
 * variables are plain names; an output collection comes with the output element that fills it.
 * BPMN's own data inputs and event behaviours are not supported.
 */
export const multiInstance: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes.filter((n) => isActivityKind(supportedKind(n)))) {
      const loop = child(node, 'loopCharacteristics');
      if (loop?.$type !== 'bpmn:MultiInstanceLoopCharacteristics') continue;
      for (const message of checkLoop(node, loop)) problems.push(error(RULE, node.id ?? view.id, message));
    }
    return problems;
  },
};


// helpers //////////

function checkLoop(node: ModdleElement, loop: ModdleElement): string[] {
  const what = describe(node);
  const problems: string[] = [];
  const found = multiInstanceCollections(loop);
  if (found.length > 1) problems.push(`multi-instance ${what} has more than one zeebe:loopCharacteristics`);
  const { inputCollection, inputElement, outputCollection, outputElement } = found[0] ?? {};
  const collection = present(inputCollection);
  const cardinality = present(expressionBody(loop, 'loopCardinality'));
  if (collection === undefined && cardinality === undefined) {
    problems.push(`multi-instance ${what} needs a zeebe:loopCharacteristics inputCollection or a loopCardinality`);
  }
  if (collection !== undefined && cardinality !== undefined) {
    problems.push(`multi-instance ${what} has both an inputCollection and a loopCardinality; keep one`);
  }
  if (cardinality !== undefined && !isFeel(cardinality) && !/^\d{1,9}$/.test(cardinality)) {
    problems.push(`the loop cardinality "${cardinality}" of ${what} must be a whole number or a feel expression starting with "="`);
  }
  for (const [name, value] of [['inputElement', inputElement], ['outputCollection', outputCollection]] as const) {
    const given = present(value);
    if (given !== undefined && !isVariableName(given)) problems.push(`the ${name} "${given}" of ${what} must be a plain variable name`);
  }
  if (present(inputElement) !== undefined && collection === undefined) problems.push(`multi-instance ${what} has an inputElement but no inputCollection`);
  if ((present(outputCollection) === undefined) !== (present(outputElement) === undefined)) {
    problems.push(`multi-instance ${what} needs both an outputCollection and an outputElement, or neither`);
  }
  for (const property of BPMN_DATA) {
    if (loop[property] !== undefined) problems.push(`${property} on multi-instance ${what} is not supported; use zeebe:loopCharacteristics`);
  }
  if (loop.behavior !== undefined && loop.behavior !== 'All') {
    problems.push(`multi-instance behavior "${String(loop.behavior)}" on ${what} is not supported by this engine yet`);
  }
  if ((loop.complexBehaviorDefinition as unknown[] | undefined)?.length) {
    problems.push(`complex behavior definitions on multi-instance ${what} are not supported by this engine yet`);
  }
  return problems;
}
