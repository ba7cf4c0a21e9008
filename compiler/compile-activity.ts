import type { MultiInstance, StandardLoop, VariableMapping } from '../workflows/graph/types';
import { expressionBody } from './events';
import { child, type ModdleElement } from './moddle';
import { optional, present } from './optional';
import { compensationHandlers, isCompensationBoundary, isCompensationHandler, type ProcessView } from './process-view';
import { feelBody, ioMappings, isFeel, multiInstanceCollections, toValueSource, type Mapping } from './zeebe';

/** The fields every activity node carries (ActivityBase), for an activity that passed the rules. */
export interface ActivityFields {
  boundaryEventIds: string[];
  inputs: VariableMapping[];
  outputs: VariableMapping[];
  multiInstance?: MultiInstance;
  loop?: StandardLoop;
  compensationHandler?: string;
  forCompensation?: true;
}

export function activityFields(view: ProcessView, node: ModdleElement): ActivityFields {
  const { inputs, outputs } = ioMappings(node);
  const loop = child(node, 'loopCharacteristics');
  return {
    boundaryEventIds: view.boundaryEvents(node).map((b) => b.id ?? ''),
    inputs: inputs.map(toMapping),
    outputs: outputs.map(toMapping),
    ...optional('multiInstance', loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics' ? toMultiInstance(loop) : undefined),
    ...optional('loop', loop?.$type === 'bpmn:StandardLoopCharacteristics' ? toStandardLoop(loop) : undefined),
    ...optional('compensationHandler', compensationHandlerOf(view, node)),
    ...(isCompensationHandler(node) ? { forCompensation: true as const } : {}),
  };
}

/** The handler associated with the activity's compensation boundary event (rules/compensation.ts: at most one). */
function compensationHandlerOf(view: ProcessView, node: ModdleElement): string | undefined {
  const boundary = view.boundaryEvents(node).find(isCompensationBoundary);
  return boundary ? compensationHandlers(view, boundary)[0]?.id : undefined;
}

/**
 * zeebe:ioMapping of an event that passed the rules (rules/io-mapping.ts says where inputs and
 * outputs may be): each list only when it has entries, so graphs of events without mappings stay
 * as they were.
 */
export function eventMappings(node: ModdleElement): { inputs?: VariableMapping[]; outputs?: VariableMapping[] } {
  const { inputs, outputs } = ioMappings(node);
  return {
    ...optional('inputs', inputs.length > 0 ? inputs.map(toMapping) : undefined),
    ...optional('outputs', outputs.length > 0 ? outputs.map(toMapping) : undefined),
  };
}


// helpers //////////

function toMapping({ source, target }: Mapping): VariableMapping {
  return { source: toValueSource(source ?? ''), target: (target ?? '').trim() };
}

/** `=expr` → `expr`; undefined stays undefined. */
function feel(value: string | undefined): string | undefined {
  return value === undefined ? undefined : feelBody(value);
}

function toMultiInstance(loop: ModdleElement): MultiInstance {
  const { inputCollection, inputElement, outputCollection, outputElement } = multiInstanceCollections(loop)[0] ?? {};
  const cardinality = expressionBody(loop, 'loopCardinality');
  const completion = expressionBody(loop, 'completionCondition');
  return {
    sequential: loop.isSequential === true,
    ...optional('inputCollection', feel(present(inputCollection))),
    // a plain number is also a FEEL expression, so the runtime evaluates either form the same way
    ...optional('cardinality', cardinality === undefined ? undefined : isFeel(cardinality) ? feelBody(cardinality) : cardinality.trim()),
    ...optional('inputElement', present(inputElement)),
    ...optional('outputCollection', present(outputCollection)),
    ...optional('outputElement', feel(present(outputElement))),
    ...optional('completionCondition', feel(present(completion))),
  };
}

function toStandardLoop(loop: ModdleElement): StandardLoop {
  const condition = present(expressionBody(loop, 'loopCondition'));
  const maximum = loop.loopMaximum;
  return {
    ...optional('condition', feel(condition)),
    testBefore: loop.testBefore === true,
    ...optional('maximum', typeof maximum === 'number' ? maximum : undefined),
  };
}
