import { conditionalFlows } from './conditional-flows';
import { elementIds } from './element-ids';
import { endEvents } from './end-events';
import { feelSyntax } from './feel-syntax';
import { flowReferences } from './flow-references';
import { formDefinition } from './form-definition';
import { gatewayConditions } from './gateway-conditions';
import { implicitSplit } from './implicit-split';
import { noExecutableProcess } from './no-executable-process';
import { outgoingFlows } from './outgoing-flows';
import { pathToEnd } from './path-to-end';
import { reachability } from './reachability';
import type { DefinitionsRule, ProcessRule } from './rule';
import { serviceTaskRetries } from './service-task-retries';
import { scriptTask } from './script-task';
import { serviceTaskType } from './service-task-type';
import { startEvents } from './start-events';
import { supportedElements } from './supported-elements';
import { supportedExtensions } from './supported-extensions';
import { taskHeadersRule } from './task-headers';
import { userTaskAssignment } from './user-task-assignment';
import { zeebeProperties } from './zeebe-properties';

export type { DefinitionsRule, ProcessRule } from './rule';
export { isExecutable, processesOf } from './no-executable-process';

/** Rules over the whole file. */
export const definitionsRules: readonly DefinitionsRule[] = [noExecutableProcess];

/**
 * Rules over each executable process, in reporting order. A definition deploys only when none
 * of them reports an error. Rule names (used in problems) are in each file.
 */
export const processRules: readonly ProcessRule[] = [
  elementIds, // missing-id
  supportedElements, // unsupported-element
  supportedExtensions, // unsupported-extension
  flowReferences, // flow-references
  startEvents, // start-events
  endEvents, // end-events
  outgoingFlows, // missing-outgoing-flow
  implicitSplit, // implicit-split
  reachability, // unreachable-element
  pathToEnd, // no-path-to-end
  gatewayConditions, // gateway-conditions
  conditionalFlows, // conditional-flows
  feelSyntax, // feel-syntax
  serviceTaskType, // service-task-type
  serviceTaskRetries, // service-task-retries
  scriptTask, // script-task
  userTaskAssignment, // user-task-assignment
  formDefinition, // form-definition
  zeebeProperties, // zeebe-properties
  taskHeadersRule, // task-headers
];
