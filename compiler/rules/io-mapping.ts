import type { FlowNodeKind } from '../../workflows/graph/types';
import { triggerType } from '../events';
import type { ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { isActivityKind, supportedKind } from '../process-view';
import { ioMappings, type Mapping } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'io-mapping';

/** A variable name, or a path into a context (`applicant.email`), as zeebe targets allow. */
const TARGET = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const EVENT_KINDS: ReadonlySet<FlowNodeKind> = new Set(['startEvent', 'intermediateCatchEvent', 'boundaryEvent', 'intermediateThrowEvent', 'endEvent']);

/**
 * Every zeebe:input and zeebe:output of an activity or event has a source (`=FEEL` or a literal;
 * feel-syntax checks the FEEL) and a target that is a variable name or a dotted path into one.
 *
 * Event sub-processes take both, as embedded sub-processes do. On events, mappings go where Camunda 8 applies them: outputs on every event except error and
 * terminate end events (those never complete normally); inputs only on signal and message throw
 * events, which send their local variables. Camunda 8 ignores inputs anywhere else on events, so
 * they are rejected here rather than silently dropped. (Message throws with a job worker compile
 * to service tasks and take mappings as activities do.)
 */
export const ioMapping: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      const kind = supportedKind(node);
      const event = kind !== undefined && EVENT_KINDS.has(kind);
      if (!isActivityKind(kind) && !event && kind !== 'eventSubProcess') continue;
      const id = node.id ?? view.id;
      const { inputs, outputs } = ioMappings(node);
      const check = (mapping: Mapping, entry: string) => {
        const message = mappingProblem(mapping);
        if (message) problems.push(error(RULE, id, `${entry} of ${describe(node)} ${message}`));
      };
      inputs.forEach((m, i) => check(m, `zeebe:input ${i + 1}`));
      outputs.forEach((m, i) => check(m, `zeebe:output ${i + 1}`));
      if (!event) continue;
      const inputProblem = inputs.length > 0 ? misplacedInputs(node) : undefined;
      if (inputProblem) problems.push(error(RULE, id, `zeebe:input on ${describe(node)} ${inputProblem}`));
      const outputProblem = outputs.length > 0 ? misplacedOutputs(node) : undefined;
      if (outputProblem) problems.push(error(RULE, id, `zeebe:output on ${describe(node)} ${outputProblem}`));
    }
    return problems;
  },
};

function mappingProblem({ source, target }: Mapping): string | undefined {
  if (!source?.trim()) return 'has no source';
  const name = target?.trim() ?? '';
  if (name === '') return 'has no target';
  if (!TARGET.test(name)) return `has target "${name}", which is not a variable name or a dotted path of names`;
  return undefined;
}

/** Why an event may not have input mappings, or undefined where it may (signal and message throws). */
function misplacedInputs(node: ModdleElement): string | undefined {
  const trigger = triggerType(node);
  const throwing = node.$type === 'bpmn:IntermediateThrowEvent' || node.$type === 'bpmn:EndEvent';
  if (!throwing) return 'is not supported: a catch event takes no input mappings (Camunda 8 has none there); map what the event delivers with zeebe:output';
  if (trigger === 'signal' || trigger === 'message') return undefined;
  const what = trigger === 'escalation' || trigger === 'error' ? `an ${trigger}` : `a ${trigger ?? 'none'}`;
  return `is not supported: Camunda 8 ignores input mappings on ${what} ${node.$type === 'bpmn:EndEvent' ? 'end' : 'throw'} event; only signal and message throw events send variables (set variables with zeebe:output instead)`;
}

/** Why an event may not have output mappings, or undefined where it may (every event but error and terminate ends). */
function misplacedOutputs(node: ModdleElement): string | undefined {
  if (node.$type !== 'bpmn:EndEvent') return undefined;
  const trigger = triggerType(node);
  if (trigger === 'error') return 'is not supported: an error end event never completes (the error leaves its scope), so Camunda 8 applies no output mappings there';
  if (trigger === 'terminate') return 'is not supported: a terminate end event ends its scope at once, so Camunda 8 applies no output mappings there';
  return undefined;
}
