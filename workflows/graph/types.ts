/**
 * The compiled process graph: the only form of a BPMN process the workflow ever sees.
 *
 * It is plain JSON, produced once at deploy time by compiler/ from the BPMN XML and stored with the
 * definition version. A running instance keeps the graph it started with, so editing or
 * re-deploying BPMN never changes what a running workflow replays.
 */

export const GRAPH_SCHEMA_VERSION = 1;

/** A FEEL expression (the text after the leading `=`) or a literal string value. */
export type ValueSource = { feel: string } | { literal: string };

export interface ProcessGraph {
  schemaVersion: typeof GRAPH_SCHEMA_VERSION;
  /** BPMN process id; also the definition key under which versions are stored. */
  processId: string;
  name?: string;
  /** Elements by id (flow nodes only). */
  elements: Record<string, FlowNode>;
  /** Sequence flows by id. */
  flows: Record<string, SequenceFlow>;
  /** The none start event(s) of the process scope. */
  startEventIds: string[];
}

export interface SequenceFlow {
  id: string;
  name?: string;
  sourceRef: string;
  targetRef: string;
  /** FEEL condition, without the leading `=`; absent means unconditional. */
  condition?: string;
}

interface NodeBase {
  id: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
  /** zeebe:properties name/value pairs, e.g. `outcome` on end events. */
  properties: Record<string, string>;
}

export interface StartEventNode extends NodeBase {
  kind: 'startEvent';
  /** Form the process is started with (zeebe:formDefinition on the start event). */
  form?: FormSchema;
}

export interface EndEventNode extends NodeBase {
  kind: 'endEvent';
}

export interface UserTaskNode extends NodeBase {
  kind: 'userTask';
  assignment: {
    /** FEEL or literal user name. */
    assignee?: ValueSource;
    candidateGroups: string[];
    candidateUsers: string[];
  };
  form?: FormSchema;
  /** zeebe:taskHeaders, passed through to the task record. */
  headers: Record<string, string>;
}

export interface ServiceTaskNode extends NodeBase {
  kind: 'serviceTask';
  /** zeebe:taskDefinition type: the name of the service handler the activity worker runs. */
  taskType: string;
  /** zeebe:taskDefinition retries: total attempts before an incident. */
  retries: number;
  headers: Record<string, string>;
}

export interface ExclusiveGatewayNode extends NodeBase {
  kind: 'exclusiveGateway';
  /** Flow taken when no condition holds. */
  defaultFlow?: string;
}

/** Forks into every outgoing flow; joins by waiting for a token on every incoming flow. */
export interface ParallelGatewayNode extends NodeBase {
  kind: 'parallelGateway';
}

/** zeebe:script: a FEEL expression whose result is stored in `resultVariable`. */
export interface ScriptTaskNode extends NodeBase {
  kind: 'scriptTask';
  /** FEEL, without the leading `=`. */
  expression: string;
  resultVariable: string;
}

/** Work done outside any system (BPMN manual task): the engine passes the token straight on. */
export interface ManualTaskNode extends NodeBase {
  kind: 'manualTask';
}

/** A none intermediate throw event: a milestone marker; the token passes straight on. */
export interface IntermediateThrowEventNode extends NodeBase {
  kind: 'intermediateThrowEvent';
}

export type FlowNode =
  | StartEventNode
  | EndEventNode
  | UserTaskNode
  | ServiceTaskNode
  | ScriptTaskNode
  | ManualTaskNode
  | IntermediateThrowEventNode
  | ExclusiveGatewayNode
  | ParallelGatewayNode;
export type FlowNodeKind = FlowNode['kind'];

/**
 * The subset of Camunda form-js JSON the engine validates against (embedded in the BPMN as a
 * zeebe:userTaskForm). Unknown component types are kept for display and not validated.
 */
export interface FormSchema {
  id?: string;
  components: FormField[];
}

export interface FormField {
  id?: string;
  key?: string;
  type: string;
  label?: string;
  description?: string;
  /** form-js: the field is hidden (and neither validated nor kept) while this `=FEEL` holds. */
  conditional?: { hide?: string };
  validate?: {
    required?: boolean;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    min?: number;
    max?: number;
  };
  values?: { label: string; value: string }[];
}
