/**
 * `npm run bpmn:coverage`: writes docs/bpmn-coverage.md, the table of BPMN elements and what the
 * engine does with each (executed, or rejected at deploy with the element id), with the tests that
 * prove it and, when a test run left its results in data/test-results/, whether they passed.
 * Every test named here must exist (scripts/bpmn-coverage.test.ts checks), so the table cannot
 * claim a test that is not there. `npm test` regenerates it at the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';

export interface CoverageRow {
  group: string;
  element: string;
  support: 'executed' | 'rejected at deploy';
  tests: { file: string; title: string }[];
}

const SEMANTICS = 'test/engine/engine-semantics.test.ts';
const CALL_ESCALATIONS = 'test/engine/call-activity-escalations.test.ts';
const EVENT_MAPPINGS = 'test/engine/event-mappings.test.ts';
const RULES = 'compiler/rules.test.ts';
const COMPENSATION = 'test/engine/compensation.test.ts';
const t = (file: string, title: string) => ({ file, title });
const executed = (group: string, element: string, ...tests: { file: string; title: string }[]): CoverageRow => ({ group, element, support: 'executed', tests });
const rejected = (group: string, element: string, title: string): CoverageRow => ({ group, element, support: 'rejected at deploy', tests: [t(RULES, title)] });

export const ROWS: CoverageRow[] = [
  executed('Events', 'none start event', t('test/integration/technical-approval.test.ts', 'takes an application through both reviews to a signed certificate that verifies publicly')),
  executed('Events', 'message and signal start events (process level)', t(SEMANTICS, 'a message or signal nobody waits for starts the processes whose start event listens for it, once per event')),
  executed('Events', 'timer start event (process level, a Temporal schedule)', t(SEMANTICS, 'a timer start event starts an instance on each repetition of its cycle (a Temporal schedule), and a new version without it stops them')),
  executed('Events', 'none end event (outcome property)', t('test/integration/technical-approval.test.ts', "rejects with the reviewer's reason, notifies the applicant and issues no certificate")),
  executed('Events', 'terminate end event', t(SEMANTICS, 'a terminate end event ends the other tokens of its scope')),
  executed('Events', 'error end event', t(SEMANTICS, 'an error end event inside a sub-process is caught by the error boundary event on it')),
  executed('Events', 'escalation end event', t(SEMANTICS, 'an interrupting escalation end event inside a sub-process is caught by the boundary event on it')),
  executed('Events', 'message end event', t(SEMANTICS, 'a message end event publishes its message, which another instance waiting for it receives')),
  executed('Events', 'message intermediate catch event', t(SEMANTICS, 'an event-based gateway takes the event that happens first and withdraws the other')),
  executed('Events', 'timer intermediate catch event (duration)', t(SEMANTICS, 'a message published before anyone waits is buffered and correlated by name and key')),
  executed('Events', 'timer from FEEL (duration variable, date expression), timeDate', t(SEMANTICS, 'timers take their duration or date from FEEL: a variable, or an expression on dates')),
  executed('Events', 'signal intermediate catch and throw events', t(SEMANTICS, 'a signal thrown in one branch is caught by the instance waiting for it in another')),
  executed('Events', 'conditional intermediate catch event', t(SEMANTICS, 'a conditional catch event waits until its condition holds on the variables')),
  executed('Events', 'link throw and catch events', t(SEMANTICS, 'link events jump from the throw to the catch of the same name')),
  executed('Events', 'escalation intermediate throw event', t(SEMANTICS, 'a non-interrupting escalation from inside a sub-process starts the boundary path and the sub-process goes on')),
  executed('Events', 'none intermediate throw event', t('test/integration/script-task.test.ts', 'scores %j as %d and ends %s')),
  executed(
    'Events',
    'compensation intermediate throw and end events, compensation boundary events and handlers (Zeebe 8.5+)',
    t(COMPENSATION, 'a compensation throw runs the handlers of the completed activities, latest first, and goes on once they completed; a second throw compensates nothing again'),
    t(COMPENSATION, 'a compensation throw naming an activity (activityRef) compensates that activity only'),
    t(COMPENSATION, 'an activity left through an interrupting boundary event did not complete and is not compensated'),
    t(COMPENSATION, 'a compensation end event compensates and then ends its token'),
  ),
  executed(
    'Scopes',
    'compensation of sub-processes and multi-instance activities',
    t(COMPENSATION, 'a throw after a completed sub-process compensates the activities inside it; a throw inside a sub-process only those of the sub-process'),
    t(COMPENSATION, 'a multi-instance activity is compensated once; the inner activities of a multi-instance sub-process once per completed instance'),
    t(COMPENSATION, 'a compensation throw in an event sub-process compensates the completed activities of the scope the event sub-process belongs to'),
  ),
  executed('Versions', 'continue-as-new carrying what can be compensated', t(COMPENSATION, 'what can be compensated is carried across a continue-as-new')),
  executed('Boundary events', 'timer, interrupting', t(SEMANTICS, 'an interrupting timer boundary event withdraws the waiting task and leaves through the boundary')),
  executed('Boundary events', 'timer cycle, non-interrupting', t(SEMANTICS, 'a non-interrupting timer cycle spawns a token per repetition while the activity keeps waiting')),
  executed('Boundary events', 'message, interrupting', t(SEMANTICS, 'an interrupting message boundary event takes the token when the message is published through the API')),
  executed('Boundary events', 'error (on a sub-process)', t(SEMANTICS, 'an error end event inside a sub-process is caught by the error boundary event on it')),
  executed('Boundary events', 'escalation, interrupting and non-interrupting', t(SEMANTICS, 'an interrupting escalation end event inside a sub-process is caught by the boundary event on it'), t(SEMANTICS, 'a non-interrupting escalation from inside a sub-process starts the boundary path and the sub-process goes on')),
  executed('Tasks', 'user task (forms, candidates, assignee)', t('test/integration/technical-approval.test.ts', 'refuses a task to a reviewer outside its group, and refuses invalid form values with field errors')),
  executed('Tasks', 'user task claim/unclaim, four eyes, working-day SLA', t('test/engine/user-tasks.test.ts', 'enforces four eyes, lets a candidate claim and unclaim, and dates the SLA in Iranian working days')),
  executed('Tasks', 'user task comments and attachments; tasks of called processes', t('test/engine/user-tasks.test.ts', 'keeps comments and files on a task, and serves the tasks of a called process through the same API')),
  executed('Tasks', 'service task (retries, incidents)', t('test/integration/incidents.test.ts', 'raises an incident when retries run out, and an administrator can retry it'), t(SEMANTICS, 'service tasks without a handler raise an incident unless stubbed')),
  executed('Tasks', 'script task (FEEL)', t('test/integration/script-task.test.ts', 'scores %j as %d and ends %s')),
  executed('Tasks', 'business rule task (DMN decision table)', t(SEMANTICS, 'a business rule task evaluates the DMN decision deployed beside the model (UNIQUE hit policy)')),
  executed('Tasks', 'send task and receive task', t(SEMANTICS, 'a message published before anyone waits is buffered and correlated by name and key')),
  executed('Tasks', 'manual task', t('test/integration/script-task.test.ts', 'scores %j as %d and ends %s')),
  executed('Gateways', 'exclusive (with default flow)', t('test/integration/technical-approval.test.ts', 'returns an incomplete application to the applicant, who fixes it, and then continues')),
  executed('Gateways', 'parallel fork and join', t('test/integration/parallel-gateway.test.ts', 'forks into two reviews at once and joins only when both are done')),
  executed('Gateways', 'inclusive fork and join', t(SEMANTICS, 'an inclusive gateway forks on every true condition and its join waits only for those tokens')),
  executed('Gateways', 'event-based', t(SEMANTICS, 'an event-based gateway takes the event that happens first and withdraws the other')),
  executed('Flows', 'uncontrolled flow: several outgoing flows on a task (implicit parallel split)', t(SEMANTICS, 'a task with two outgoing flows starts two parallel paths (an implicit split)')),
  executed('Flows', 'conditional flows and a default flow leaving an activity', t(SEMANTICS, 'conditional flows leaving a task: every flow whose condition holds, the default flow when none does')),
  executed('Flows', 'implicit end (a node without outgoing flows; scopes without end events)', t(SEMANTICS, 'a path that reaches a task without outgoing flows ends there, and a process without end events completes (implicit ends)')),
  executed('Scopes', 'embedded sub-process', t(SEMANTICS, 'an error end event inside a sub-process is caught by the error boundary event on it')),
  executed('Scopes', 'event sub-process, interrupting (error start)', t(SEMANTICS, 'an interrupting error event sub-process replaces the rest of its scope')),
  executed('Scopes', 'event sub-process, non-interrupting (timer start)', t(SEMANTICS, 'a non-interrupting timer event sub-process runs beside the scope, which then ends normally')),
  executed('Scopes', 'call activity (child instance, variables in and out)', t(SEMANTICS, 'a call activity runs the called process as a child instance and maps its variables back')),
  executed(
    'Scopes',
    'escalation from a called process (call activity boundary, caller\'s event sub-process, further up; uncaught: no failure)',
    t(CALL_ESCALATIONS, 'an escalation the called process does not catch is caught by the interrupting escalation boundary event on the call activity: the called instance is cancelled'),
    t(CALL_ESCALATIONS, 'a non-interrupting escalation boundary event on the call activity starts its path while the called instance goes on to its end; a specific code wins over a catch-all'),
    t(CALL_ESCALATIONS, 'an escalation caught neither in the called process nor in the caller is no failure: both instances complete normally (a boundary event for another code does not catch it)'),
    t(CALL_ESCALATIONS, 'an interrupting escalation event sub-process of the caller catches an escalation end event of the called process and replaces the rest of the caller'),
    t(CALL_ESCALATIONS, 'an escalation crosses two call activities when the middle process does not catch it: the top caller interrupts, and both called instances stop before going on'),
  ),
  executed('Scopes', 'multi-instance, parallel, with output collection', t(SEMANTICS, 'a parallel multi-instance over a collection collects outputs in input order')),
  executed('Scopes', 'multi-instance, sequential', t(SEMANTICS, 'a sequential multi-instance runs one instance after another, each seeing the previous result')),
  executed('Scopes', 'multi-instance completion condition (3 of 5)', t(SEMANTICS, 'a committee of five user tasks is decided by the first three approvals (completion condition)')),
  executed('Scopes', 'standard loop', t(SEMANTICS, 'a standard loop repeats its activity while the loop condition holds')),
  executed('Data', 'zeebe:ioMapping input and output mappings', t(SEMANTICS, 'input mappings make local variables and output mappings decide what leaves the activity')),
  executed(
    'Data',
    'zeebe:ioMapping outputs on catch events (message catch, event-based gateway, boundary, event sub-process start): only mapped values of the payload',
    t(EVENT_MAPPINGS, 'a message catch event with output mappings sets only the values they map from the message, evaluated with the message over the process variables'),
    t(EVENT_MAPPINGS, 'a message catch event after an event-based gateway applies its output mappings when its message wins the race'),
    t(EVENT_MAPPINGS, 'an interrupting message boundary event maps the message into the process: a dotted target extends the existing context, the rest of the message stays out'),
    t(EVENT_MAPPINGS, 'an error boundary event on a sub-process sets the values of its output mappings when it catches the error'),
    t(EVENT_MAPPINGS, 'a non-interrupting timer boundary event evaluates its output mappings each time it fires'),
    t(EVENT_MAPPINGS, 'an event sub-process start event maps the signal that starts it, in the event sub-process'),
  ),
  executed(
    'Data',
    'zeebe:ioMapping outputs on message and none start events',
    t(EVENT_MAPPINGS, 'a message start event with output mappings starts the instance with only the values they map from the message'),
    t(EVENT_MAPPINGS, 'a none start event with output mappings adds the values they map to the variables the instance started with, each mapping seeing the ones before'),
  ),
  executed(
    'Data',
    'zeebe:ioMapping inputs on signal and message throw events (what the event sends), outputs on throw events',
    t(EVENT_MAPPINGS, 'a signal throw event sends exactly its input mappings as the signal variables, and its outputs see them; the thrower keeps its own variables'),
    t(EVENT_MAPPINGS, 'a message throw event (ito:publish) sends the variables it sees with its input mappings over them'),
  ),
  executed(
    'Scopes',
    'ad-hoc sub-process (Camunda 8.7: active elements collection, completion condition, cancel remaining instances)',
    t(SEMANTICS, 'starts only the elements its collection names, each running its path, and completes when they are done'),
    t(SEMANTICS, 'completes once its completion condition holds, cancelling what still runs'),
    t(SEMANTICS, 'raises an incident when the collection names an element that cannot be started'),
  ),
  executed('Versions', 'continue-as-new of long-lived instances', t('test/engine/long-lived.test.ts', 'a loop of many user tasks continues as new with its state and never lets one run grow large')),
  executed('Versions', 'continue-as-new carrying a task\'s boundary timers', t('test/engine/long-lived.test.ts', "carries a waiting task's boundary timer into the next run, where it fires once")),
  executed('Versions', 'instance migration with an element mapping', t('test/engine/long-lived.test.ts', 'moves a waiting application to the new version with an explicit mapping, withdrawing the old task')),
  executed('Time', 'timer on Iranian working days escalating to a supervisor group', t('test/engine/user-tasks.test.ts', 'a working-day timer on a review escalates to a supervisor group when the SLA passes, and the review stays open')),
  executed('Conformance', 'OMG MIWG reference models that deploy run to completion', t('test/engine/miwg-run.test.ts', 'runs every deployable MIWG model to completion')),
  executed('Tools', 'npm run bpmn -- run', t('test/engine/bpmn-cli.test.ts', 'runs a model to its end: tasks completed with the given input, variables from --vars, stubbed services')),
  executed('Versions', 'cancelling a running application (tasks withdrawn)', t('test/engine/long-lived.test.ts', 'an administrator cancels a running application: its open task is withdrawn and the reason kept')),
  rejected('Not executed', 'compensation start event (a compensation event sub-process; Zeebe refuses it too)', 'rejects %s'),
  rejected('Not executed', 'complex gateway', 'rejects %s'),
  rejected('Not executed', 'transaction and cancel events', 'rejects %s'),
  rejected('Not executed', 'parallel multiple events, several event definitions on one event', 'rejects %s'),
  {
    group: 'Not executed',
    element: 'zeebe:ioMapping inputs on catch events and on none, link, escalation throws and ends; outputs on error and terminate end events (Camunda 8 applies none there)',
    support: 'rejected at deploy',
    tests: [t(RULES, 'rejects %s, naming the element'), t(EVENT_MAPPINGS, 'refuses at deploy, naming the element, an input mapping on a catch event and an output mapping on an error end event')],
  },
];

/** `it('title'` or `it.each(...)('title'` present in the file's source. */
export function testExists(file: string, title: string): boolean {
  const source = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  const quoted = [`'${title.replace(/'/g, "\\'")}'`, `"${title}"`, `\`${title}\``];
  return quoted.some((q) => source.includes(q));
}

type Results = { testResults: { name: string; assertionResults: { title: string; fullName: string; status: string }[] }[] };

function statusOf(results: Results[], file: string, title: string): string {
  const prefix = title.includes('%') ? title.slice(0, title.indexOf('%')) : title;
  const statuses = results
    .flatMap((r) => r.testResults)
    .filter((s) => s.name.endsWith(file))
    .flatMap((s) => s.assertionResults)
    .filter((a) => a.title === title || (prefix !== title && a.title.startsWith(prefix)))
    .map((a) => a.status);
  if (statuses.length === 0) return 'not run';
  return statuses.every((s) => s === 'passed') ? 'passed' : 'failed';
}

export function renderCoverage(results: Results[]): string {
  const lines = [
    '# BPMN coverage',
    '',
    'Generated by `npm run bpmn:coverage` (and at the end of `npm test`) from scripts/bpmn-coverage.ts and the',
    'last test results; do not edit by hand. Elements not listed as executed are rejected at deploy time',
    'with the element id (rule `unsupported-element`), never accepted and run wrongly.',
    '',
    '| Group | Element | Engine | Tests (status in the last run) |',
    '|---|---|---|---|',
  ];
  for (const row of ROWS) {
    const tests = row.tests.map((x) => `${x.file}: “${x.title}” (${statusOf(results, x.file, x.title)})`).join('<br>');
    lines.push(`| ${row.group} | ${row.element} | ${row.support} | ${tests} |`);
  }
  return `${lines.join('\n')}\n`;
}

function readResults(): Results[] {
  const dir = path.join(PROJECT_ROOT, 'data', 'test-results');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Results);
}

export function writeCoverage(): string {
  const file = path.join(PROJECT_ROOT, 'docs', 'bpmn-coverage.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderCoverage(readResults()));
  return file;
}

if (require.main === module) console.log(`wrote ${path.relative(PROJECT_ROOT, writeCoverage())}`);
