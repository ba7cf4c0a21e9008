/**
 * The compiled process graph: the only form of a BPMN process the workflow ever sees.
 *
 * It is plain JSON, produced once at deploy time by compiler/ from the BPMN XML and stored with the
 * definition version. A running instance keeps the graph it started with, so editing or
 * re-deploying BPMN never changes what a running workflow replays.
 */

/**
 * 2: scopes, triggers, activities with boundary events and mappings (graphs of 1 are upgraded on read).
 * Event mappings (`inputs` / `outputs` on events) were added later as optional fields: older graphs
 * of version 2 simply have none.
 */
export const GRAPH_SCHEMA_VERSION = 2;

/** A FEEL expression (the text after the leading `=`) or a literal string value. */
export type ValueSource = { feel: string } | { literal: string };

/** Where tokens start inside a scope (the process itself or an embedded sub-process). */
export interface ScopeEntry {
  /** Start events of the scope, none start first. Event sub-process start events are not listed here. */
  startEventIds: string[];
  /** Event sub-processes directly inside the scope; they listen while the scope is active. */
  eventSubProcessIds: string[];
}

export interface ProcessGraph extends ScopeEntry {
  schemaVersion: typeof GRAPH_SCHEMA_VERSION;
  /** BPMN process id; also the definition key under which versions are stored. */
  processId: string;
  name?: string;
  /** ito:startedBy="regulator": only administrators start it (the portal offers it to no applicant). */
  startedBy?: 'regulator';
  /**
   * ito:decisionTime: the published time to a decision, in working days of `calendar` (`P30D`); the
   * days an application waits for its applicant do not count.
   */
  decisionTime?: { within: string; calendar: string };
  /** Every flow node of the process by id, nested ones included (see NodeBase.parent). */
  elements: Record<string, FlowNode>;
  /** Sequence flows by id, nested ones included. */
  flows: Record<string, SequenceFlow>;
}

export interface SequenceFlow {
  id: string;
  name?: string;
  sourceRef: string;
  targetRef: string;
  /** FEEL condition, without the leading `=`; absent means unconditional. */
  condition?: string;
}

// ---- events ---------------------------------------------------------------------------------

/** ISO 8601 timer: `timeDuration` (P3D), `timeDate` (2026-03-21T00:00:00Z) or `timeCycle` (R3/PT1H). */
export interface TimerSpec {
  kind: 'duration' | 'date' | 'cycle';
  /** Literal ISO 8601 text, or FEEL giving a string, a date-time or a duration. */
  value: ValueSource;
  /** ito:workingDays: day parts of durations count working days of this calendar (e.g. `iran`). */
  workingDayCalendar?: string;
}

/** What an event waits for or throws. Absent trigger = a none event. */
export type EventTrigger =
  | { type: 'timer'; timer: TimerSpec }
  /** Catch: correlation key from zeebe:subscription (FEEL); throw: zeebe has none, the key is ito:publish's. */
  | { type: 'message'; messageName: ValueSource; correlationKey?: ValueSource; timeToLive?: string }
  | { type: 'signal'; signalName: string }
  /** On a catch, an absent code catches every error. */
  | { type: 'error'; errorCode?: string; errorMessage?: string }
  | { type: 'escalation'; escalationCode?: string }
  | { type: 'conditional'; condition: string }
  /** Throw: linkTarget is the catch event of the same name in the same scope (resolved at compile time). */
  | { type: 'link'; linkName: string; linkTarget?: string }
  | { type: 'terminate' }
  /**
   * Throw (intermediate or end): compensates the completed activities of its scope that have a
   * handler, or only `activityRef`; boundary: marks the activity's handler (ActivityBase.compensationHandler).
   */
  | { type: 'compensation'; activityRef?: string };

export type TriggerType = EventTrigger['type'];

interface NodeBase {
  id: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
  /** zeebe:properties name/value pairs, e.g. `outcome` on end events. */
  properties: Record<string, string>;
  /** The embedded or event sub-process that directly contains the node; absent at process level. */
  parent?: string;
  /** zeebe:executionListeners, absent when there are none (runtime/execution-listeners.ts). */
  listeners?: { start: ExecutionListenerSpec[]; end: ExecutionListenerSpec[] };
}

/** One zeebe:executionListener: a job of a service-task type, run before (start) or after (end) the element. */
export interface ExecutionListenerSpec {
  taskType: string;
  /** total attempts before an incident */
  retries: number;
  headers: Record<string, string>;
}

/** zeebe:ioMapping entry: `target` receives the value of `source`. */
export interface VariableMapping {
  source: ValueSource;
  target: string;
}

/**
 * zeebe:output on an event (Camunda 8), absent when there is none: evaluated once the event has
 * happened, against the enclosing scope's variables with what the event delivered (a message's or
 * signal's variables) over them; only the mapped values are set in the enclosing scope. Without
 * outputs, what the event delivered is merged there as it is.
 */
interface EventOutputs {
  outputs?: VariableMapping[];
}

/**
 * zeebe:input on a signal or message throw event, absent when there is none: local variables of
 * the event. A signal carries exactly these; a message (ito:publish) carries the enclosing
 * variables with these over them, as a send task does. Outputs see them too.
 */
interface EventInputs {
  inputs?: VariableMapping[];
}

/** Camunda 8 multi-instance (zeebe:loopCharacteristics). */
export interface MultiInstance {
  sequential: boolean;
  /** FEEL giving the list to iterate; one instance per item. */
  inputCollection?: string;
  /** bpmn:loopCardinality (FEEL or a number): how many instances, when there is no collection. */
  cardinality?: string;
  /** Local variable holding the current item. */
  inputElement?: string;
  /** Variable receiving the list of each instance's outputElement, in input order. */
  outputCollection?: string;
  /** FEEL evaluated in the instance's scope when it completes. */
  outputElement?: string;
  /** FEEL evaluated after each instance completes; when true the remaining instances are cancelled. */
  completionCondition?: string;
}

/** bpmn:standardLoopCharacteristics. */
export interface StandardLoop {
  /** FEEL; the loop repeats while it holds. Absent: repeats until loopMaximum. */
  condition?: string;
  testBefore: boolean;
  maximum?: number;
}

interface ActivityBase extends NodeBase {
  /** Boundary events attached to this activity. */
  boundaryEventIds: string[];
  /** zeebe:ioMapping: inputs create local variables, outputs copy into the enclosing scope. */
  inputs: VariableMapping[];
  outputs: VariableMapping[];
  multiInstance?: MultiInstance;
  loop?: StandardLoop;
  /**
   * The activity's default flow (bpmn:Activity default): taken when it has conditional outgoing
   * flows and none of their conditions holds (BPMN 2.0 §10.2.2, "conditional sequence flows").
   */
  defaultFlow?: string;
  /**
   * The compensation handler of this activity (the isForCompensation activity its compensation
   * boundary event is associated with): run for each completion of it when compensation is thrown
   * (runtime/compensation.ts). Absent when it has none.
   */
  compensationHandler?: string;
  /** isForCompensation: entered only by compensation, never by a sequence flow. */
  forCompensation?: true;
}

export interface StartEventNode extends NodeBase, EventOutputs {
  kind: 'startEvent';
  trigger?: EventTrigger;
  /** Only for the start event of an event sub-process: whether it cancels the enclosing scope. */
  interrupting: boolean;
  /** Form the process is started with (zeebe:formDefinition on the start event). */
  form?: FormSchema;
}

export interface EndEventNode extends NodeBase, EventInputs, EventOutputs {
  kind: 'endEvent';
  trigger?: EventTrigger;
}

/** A message throw with a job worker (zeebe:taskDefinition) is compiled as a serviceTask instead. */
export interface IntermediateThrowEventNode extends NodeBase, EventInputs, EventOutputs {
  kind: 'intermediateThrowEvent';
  trigger?: EventTrigger;
}

export interface IntermediateCatchEventNode extends NodeBase, EventOutputs {
  kind: 'intermediateCatchEvent';
  trigger: EventTrigger;
}

export interface BoundaryEventNode extends NodeBase, EventOutputs {
  kind: 'boundaryEvent';
  attachedTo: string;
  /** false for a non-interrupting boundary event (the activity keeps running). */
  cancelActivity: boolean;
  trigger: EventTrigger;
}

// ---- tasks ----------------------------------------------------------------------------------

export interface UserTaskNode extends ActivityBase {
  kind: 'userTask';
  assignment: {
    /** FEEL or literal user name. */
    assignee?: ValueSource;
    candidateGroups: string[];
    candidateUsers: string[];
    /** `=FEEL` candidate groups (without the `=`), evaluated when the task opens: a name or a list of names. */
    candidateGroupsFeel?: string;
    candidateUsersFeel?: string;
    /** The model names nobody: `candidateGroups` is the configured fallback group. */
    fallback?: true;
  };
  /** zeebe:taskSchedule: ISO date-time or FEEL. */
  dueDate?: ValueSource;
  followUpDate?: ValueSource;
  /** ito:taskSla: due in this ISO duration of working days on `calendar`, from task creation. */
  sla?: { dueIn: string; calendar: string };
  /** zeebe:priority (0-100, default 50). */
  priority?: ValueSource;
  /** ito:fourEyes: elements whose completer may not complete this task. */
  notCompletedBy: string[];
  form?: FormSchema;
  /** zeebe:taskHeaders, passed through to the task record. */
  headers: Record<string, string>;
}

export interface ServiceTaskNode extends ActivityBase {
  /** A service, send or business-rule task (or message throw) implemented by a handler (job worker). */
  kind: 'serviceTask';
  /** zeebe:taskDefinition type: the name of the service handler the activity worker runs. */
  taskType: string;
  /** zeebe:taskDefinition retries: total attempts before an incident. */
  retries: number;
  headers: Record<string, string>;
  /**
   * ito:execution mode="local": run as a Temporal local activity in the worker that runs the
   * instance (no task-queue round trip; for short tasks). Absent: a normal activity.
   */
  local?: true;
}

/** zeebe:script: a FEEL expression whose result is stored in `resultVariable`. */
export interface ScriptTaskNode extends ActivityBase {
  kind: 'scriptTask';
  /** FEEL, without the leading `=`. */
  expression: string;
  resultVariable: string;
}

/** Work done outside any system (BPMN manual task, or an abstract task): the token passes on. */
export interface ManualTaskNode extends ActivityBase {
  kind: 'manualTask';
}

/** A send task without a job worker: publishes its message to the engine's correlation. */
export interface SendTaskNode extends ActivityBase {
  kind: 'sendTask';
  trigger: Extract<EventTrigger, { type: 'message' }>;
}

export interface ReceiveTaskNode extends ActivityBase {
  kind: 'receiveTask';
  trigger: Extract<EventTrigger, { type: 'message' }>;
}

/** zeebe:calledDecision: evaluates a DMN decision (compiled into the graph at deploy time). */
export interface BusinessRuleTaskNode extends ActivityBase {
  kind: 'businessRuleTask';
  decisionId: string;
  resultVariable: string;
  decision: CompiledDecision;
}

/** zeebe:calledElement: runs another deployed process as a child workflow. */
export interface CallActivityNode extends ActivityBase {
  kind: 'callActivity';
  /** Process id of the called process (literal or FEEL). */
  calledElement: ValueSource;
  /** Child variables copied back when there are no output mappings (zeebe default: true). */
  propagateAllChildVariables: boolean;
  /** Parent variables copied into the child when there are no input mappings (zeebe default: true). */
  propagateAllParentVariables: boolean;
}

export interface SubProcessNode extends ActivityBase, ScopeEntry {
  kind: 'subProcess';
}

/**
 * An ad-hoc sub-process (Camunda 8.7+): no start event; when it is entered, the inner elements named
 * by `activeElements` (FEEL giving an element id or a list of them; absent: every element without an
 * incoming flow) start, each running its own path. It completes when no token is left inside, or
 * once `completionCondition` holds after an element completed (the rest cancelled when
 * `cancelRemainingInstances`, else awaited).
 */
export interface AdHocSubProcessNode extends ActivityBase, ScopeEntry {
  kind: 'adHocSubProcess';
  /** The inner elements that may be started: those without an incoming sequence flow. */
  activatable: string[];
  /** zeebe:adHoc activeElementsCollection, FEEL without the `=`. */
  activeElements?: string;
  completionCondition?: string;
  cancelRemainingInstances: boolean;
}

/** An event sub-process: started by its single start event's trigger while its parent scope is active. */
export interface EventSubProcessNode extends NodeBase, ScopeEntry {
  kind: 'eventSubProcess';
  /** zeebe:ioMapping (Camunda 8): inputs are local variables of its scope; with outputs, only the mapped values leave it. Absent when none. */
  inputs?: VariableMapping[];
  outputs?: VariableMapping[];
}

// ---- gateways -------------------------------------------------------------------------------

export interface ExclusiveGatewayNode extends NodeBase {
  kind: 'exclusiveGateway';
  /** Flow taken when no condition holds. */
  defaultFlow?: string;
}

/** Forks into every outgoing flow; joins by waiting for a token on every incoming flow. */
export interface ParallelGatewayNode extends NodeBase {
  kind: 'parallelGateway';
}

/**
 * Forks into every flow whose condition holds (default when none); joins by waiting for the tokens
 * that can still arrive: `upstream[flow]` lists the elements from which a token can reach the
 * incoming flow without passing this gateway (computed at compile time).
 */
export interface InclusiveGatewayNode extends NodeBase {
  kind: 'inclusiveGateway';
  defaultFlow?: string;
  upstream: Record<string, string[]>;
}

/** Waits for the first of the events (or receive tasks) its outgoing flows lead to. */
export interface EventBasedGatewayNode extends NodeBase {
  kind: 'eventBasedGateway';
}

export type FlowNode =
  | StartEventNode
  | EndEventNode
  | IntermediateThrowEventNode
  | IntermediateCatchEventNode
  | BoundaryEventNode
  | UserTaskNode
  | ServiceTaskNode
  | ScriptTaskNode
  | ManualTaskNode
  | SendTaskNode
  | ReceiveTaskNode
  | BusinessRuleTaskNode
  | CallActivityNode
  | SubProcessNode
  | AdHocSubProcessNode
  | EventSubProcessNode
  | ExclusiveGatewayNode
  | ParallelGatewayNode
  | InclusiveGatewayNode
  | EventBasedGatewayNode;
export type FlowNodeKind = FlowNode['kind'];
export type ActivityNode = Extract<FlowNode, { boundaryEventIds: string[] }>;

// ---- decisions (DMN) ------------------------------------------------------------------------

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'ANY' | 'PRIORITY' | 'RULE ORDER' | 'OUTPUT ORDER' | 'COLLECT';
export type CollectAggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

/** A DMN decision table, compiled from its .dmn file at deploy time and carried in the graph. */
export interface CompiledDecision {
  decisionId: string;
  name?: string;
  hitPolicy: HitPolicy;
  aggregation?: CollectAggregation;
  /** FEEL input expressions. */
  inputs: { id: string; label?: string; expression: string }[];
  /** Output names; a single unnamed output gives a plain value. */
  outputs: { id: string; name: string; label?: string; outputValues?: string[] }[];
  /** For each rule: one FEEL unary test per input (`-` = any) and one FEEL expression per output. */
  rules: { id: string; inputEntries: string[]; outputEntries: string[] }[];
  /**
   * The decisions this one requires (its decision requirements graph, from the same file), each
   * evaluated first; their results are variables of this one, named by their `resultName`.
   */
  required?: CompiledDecision[];
  /** The name this decision's result has in a decision that requires it: its variable's name, else its id (as in Camunda 8). */
  resultName?: string;
}

/**
 * The subset of Camunda form-js JSON the engine validates against (embedded in the BPMN as a
 * zeebe:userTaskForm). Unknown component types are kept for display and not validated.
 */
export interface FormSchema {
  id?: string;
  components: FormField[];
}

export interface FormOption {
  label: string;
  value: string;
}

export interface FormField {
  id?: string;
  key?: string;
  type: string;
  label?: string;
  description?: string;
  /** form-js `text` component: display-only text (markdown in form-js; shown as plain text here). */
  text?: string;
  /** form-js: the field is hidden (and neither validated nor kept) while this `=FEEL` holds. */
  conditional?: { hide?: string };
  /** form-js: shown with its current value, never taken from a submission (display only). */
  readonly?: boolean;
  validate?: {
    required?: boolean;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    min?: number;
    max?: number;
  };
  /** Options of select, radio and checklist fields (static, or filled in from `valuesKey`). */
  values?: FormOption[];
  /**
   * form-js: options come from this input variable. The compiler fills `values` in for the lists it
   * knows (the family's rejection conditions); register lists (qualified labs, audit bodies) are
   * filled in by the portal server when a start form is shown and validated.
   */
  valuesKey?: string;
  /** filepicker: accepted types, comma-separated extensions or MIME types (`.pdf`, `image/*`). */
  accept?: string;
  /** filepicker: more than one file. */
  multiple?: boolean;
  /** dynamiclist: the variable holding the list of rows (form-js uses `path`, not `key`). */
  path?: string;
  /** dynamiclist: the fields of one row (keys relative to the row). */
  components?: FormField[];
  /** dynamiclist (form-js): rows shown at first. */
  defaultRepetitions?: number;
  /** form-js custom properties (key/value text), kept as they are. */
  properties?: Record<string, string>;
}

/**
 * A filepicker field's value: the ids of documents uploaded beforehand (POST /api/documents), in
 * order. The portal server checks that each exists, belongs to the submitter and fits `accept`.
 */
export type DocumentIds = string[];

/** What a document id looks like (a cuid, or an id kept from an earlier store). */
export const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
