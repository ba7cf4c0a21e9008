import { boundaryEvents } from './boundary-events';
import { callActivity } from './call-activity';
import { calledDecision } from './called-decision';
import { compensation } from './compensation';
import { conditionalEvents } from './conditional-events';
import { conditionalFlows } from './conditional-flows';
import { elementIds } from './element-ids';
import { endEvents } from './end-events';
import { errorEvents } from './error-events';
import { escalationEvents } from './escalation-events';
import { eventBasedGateway } from './event-based-gateway';
import { eventSubProcess } from './event-sub-process';
import { feelSyntax } from './feel-syntax';
import { flowReferences } from './flow-references';
import { formDefinition } from './form-definition';
import { fourEyes } from './four-eyes';
import { gatewayConditions } from './gateway-conditions';
import { ioMapping } from './io-mapping';
import { linkEvents } from './link-events';
import { messageEvents } from './message-events';
import { multiInstance } from './multi-instance';
import { noExecutableProcess } from './no-executable-process';
import { outgoingFlows } from './outgoing-flows';
import { pathToEnd } from './path-to-end';
import { reachability } from './reachability';
import type { DefinitionsRule, ProcessRule } from './rule';
import { scopeDepth } from './scope-depth';
import { scriptTask } from './script-task';
import { serviceTaskRetries } from './service-task-retries';
import { serviceTaskExecution } from './service-task-execution';
import { serviceTaskType } from './service-task-type';
import { signalEvents } from './signal-events';
import { standardLoop } from './standard-loop';
import { startEvents } from './start-events';
import { supportedElements } from './supported-elements';
import { supportedExtensions } from './supported-extensions';
import { taskHeadersRule } from './task-headers';
import { timerEvents } from './timer-events';
import { userTaskAssignment } from './user-task-assignment';
import { userTaskSchedule } from './user-task-schedule';
import { zeebeProperties } from './zeebe-properties';
import { startedByRule } from './started-by';
import { decisionTimeRule } from './decision-time';
import { executionListenerRules } from './execution-listeners';
import { joinDeadlock } from './join-deadlock';
import { adHocSubProcessRule } from './ad-hoc-sub-process';

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
  scopeDepth, // scope-depth
  supportedElements, // unsupported-element
  supportedExtensions, // unsupported-extension
  flowReferences, // flow-references
  startEvents, // start-events
  endEvents, // end-events
  outgoingFlows, // missing-outgoing-flow
  reachability, // unreachable-element
  pathToEnd, // no-path-to-end
  joinDeadlock, // join-deadlock
  boundaryEvents, // boundary-events
  compensation, // compensation
  eventSubProcess, // event-sub-process
  gatewayConditions, // gateway-conditions
  conditionalFlows, // conditional-flows
  eventBasedGateway, // event-based-gateway
  feelSyntax, // feel-syntax
  timerEvents, // timer-events
  messageEvents, // message-events
  signalEvents, // signal-events
  errorEvents, // error-events
  escalationEvents, // escalation-events
  conditionalEvents, // conditional-events
  linkEvents, // link-events
  serviceTaskType, // service-task-type
  serviceTaskRetries, // service-task-retries
  serviceTaskExecution, // service-task-execution
  executionListenerRules, // execution-listeners
  scriptTask, // script-task
  calledDecision, // called-decision
  callActivity, // call-activity
  adHocSubProcessRule, // ad-hoc-sub-process
  ioMapping, // io-mapping
  multiInstance, // multi-instance
  standardLoop, // standard-loop
  userTaskAssignment, // user-task-assignment
  userTaskSchedule, // user-task-schedule
  fourEyes, // four-eyes
  formDefinition, // form-definition
  zeebeProperties, // zeebe-properties
  startedByRule, // started-by
  decisionTimeRule, // decision-time
  taskHeadersRule, // task-headers
];
