import { parseTimerValue } from '../../workflows/timers/iso8601';
import { definitionType, eventDefinition, isCatchEvent, messageOf } from '../events';
import { publishes } from '../ito';
import { text, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { supportedKind, type ProcessView } from '../process-view';
import { isFeel, subscriptionKeys } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'message-events';

/**
 * Message events, send tasks and receive tasks the engine correlates itself (those run by a job
 * worker are service tasks) refer to a bpmn:message with a name. Whatever waits for a message
 * inside a running instance needs the message's zeebe:subscription correlationKey to know which
 * instance it is for; only a process-level start event, which creates the instance, does without,
 * and its message name must be fixed (it is subscribed to at deployment). A throw publishes with
 * ito:publish's correlation key and an ISO 8601 timeToLive.
 */
export const messageEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes.filter(correlatesMessages)) {
      for (const message of checkNode(view, node)) problems.push(error(RULE, node.id ?? view.id, message));
    }
    return problems;
  },
};


// helpers //////////

function correlatesMessages(node: ModdleElement): boolean {
  const kind = supportedKind(node);
  if (kind === 'sendTask' || kind === 'receiveTask') return true;
  const definition = eventDefinition(node);
  return kind !== undefined && kind !== 'serviceTask' && definition !== undefined && definitionType(definition) === 'message';
}

function checkNode(view: ProcessView, node: ModdleElement): string[] {
  const message = messageOf(node);
  if (!message) return [`${describe(node)} has no message; refer to a <bpmn:message> with a name`];
  const problems: string[] = [];
  const used = `message ${describe(message)} used by ${describe(node)}`;
  const name = text(message, 'name')?.trim() ?? '';
  if (name === '') problems.push(`${used} has no name`);
  const startsProcess = node.$type === 'bpmn:StartEvent' && view.scopeOf(node).kind === 'process';
  if (startsProcess && isFeel(name)) problems.push(`${used} must have a fixed name; a message start event is subscribed to when the process is deployed`);
  const keys = subscriptionKeys(message);
  if (keys.length > 1) problems.push(`${used} has more than one zeebe:subscription`);
  const waits = isCatchEvent(node) || node.$type === 'bpmn:ReceiveTask';
  if (waits && !startsProcess && !keys[0]?.trim()) {
    problems.push(`${used} has no zeebe:subscription correlationKey, so the engine could not tell which instance the message is for`);
  }
  if (!waits) problems.push(...checkPublish(node));
  return problems;
}

function checkPublish(node: ModdleElement): string[] {
  const found = publishes(node);
  const problems: string[] = [];
  if (found.length > 1) problems.push(`${describe(node)} has more than one ito:publish`);
  const ttl = found[0]?.timeToLive?.trim();
  if (ttl !== undefined) {
    const parsed = ttl === '' ? { ok: false as const, message: 'it is empty' } : parseTimerValue('duration', ttl);
    if (!parsed.ok) problems.push(`the ito:publish timeToLive "${ttl}" of ${describe(node)} is not an iso 8601 duration: ${parsed.message}`);
  }
  return problems;
}
