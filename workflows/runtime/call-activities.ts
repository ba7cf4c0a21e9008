/**
 * Call activities: another deployed process run as a child workflow, and escalations across the
 * call in both directions (the protocol is in escalations.ts). A BPMN error the child does not
 * catch fails it; the caller throws it again at its call activity.
 */
import { ApplicationFailure, CancellationScope, ParentClosePolicy, condition, executeChild, getExternalWorkflowHandle, isCancellation, log, workflowInfo } from '@temporalio/workflow';
import type { EngineActivities, InstanceRef } from '../activities-api';
import type { Variables } from '../expressions/feel';
import { childEscalationSignal, escalationAnsweredSignal, type ChildEscalation, type EscalationAnswer } from '../messages';
import type { ProcessInput } from '../state';
import { ChildEscalationInbox } from './escalations';
import type { Scope } from './scope';
import { codeOf, type ThrowTrigger } from './throws';
import type { Waits } from './waits';

export const BPMN_ERROR_FAILURE = 'BpmnError';

export interface CallHost {
  readonly input: ProcessInput;
  readonly instance: InstanceRef;
  readonly recordKeeping: EngineActivities;
  readonly waits: Waits;
  nextActivation(key: string): number;
  withIncidents<T>(elementId: string, fn: () => Promise<T>): Promise<T>;
  /** Throws a BPMN error or escalation at the element, to its nearest catcher (runtime/tokens.ts). */
  throwEvent(scope: Scope, elementId: string, trigger: ThrowTrigger): Promise<void>;
}

export class CallActivities {
  /** Escalations from the child instances call activities wait for (runtime/escalations.ts). */
  private readonly childEscalations = new ChildEscalationInbox();
  /** This instance's escalations its caller was asked about, and the answers that came back. */
  private readonly escalationAnswers = new Map<string, boolean>();

  constructor(private readonly host: CallHost) {}

  /** Runs another deployed process as a child workflow and returns its final variables. */
  async callProcess(scope: Scope, elementId: string, processId: string, variables: Variables): Promise<Variables> {
    const { input, waits } = this.host;
    // a process not (yet) deployed is an incident on the call, retried once an administrator deploys it
    const called = await this.host.withIncidents(elementId, () => this.host.recordKeeping.resolveCalledProcess({ processId }));
    const activation = this.host.nextActivation(`call:${elementId}`);
    const trackingNumber = `${input.trackingNumber}.${elementId}-${activation}`;
    const key = `call:${trackingNumber}`;
    waits.show(key, { kind: 'call', elementId, workflowId: trackingNumber });
    try {
      const child: ProcessInput = {
        trackingNumber,
        applicationId: input.applicationId,
        definition: called.definition,
        graph: called.graph,
        variables,
        parent: { trackingNumber: input.trackingNumber },
        ...(input.clockControl ? { clockControl: true } : {}),
        ...(input.stubServices ? { stubServices: true } : {}),
      };
      const result = await this.runChild(scope, elementId, trackingNumber, child);
      return (result as { variables?: Variables }).variables ?? {};
    } catch (err) {
      const bpmn = bpmnErrorOf(err);
      if (!bpmn) throw err;
      await this.host.throwEvent(scope, elementId, { type: 'error', errorCode: bpmn.code, errorMessage: bpmn.message });
      throw new Error(`engine bug: the error of ${elementId} was neither caught nor raised`);
    } finally {
      waits.close(key);
    }
  }

  /**
   * Runs the called instance as a child workflow and, while it runs, throws each escalation it hands
   * up at the call activity. An interrupting catcher ends the call: the child is cancelled, and the
   * catcher's Interrupt leaves only once the child has ended. Otherwise the child is told to go on.
   */
  private async runChild(scope: Scope, elementId: string, workflowId: string, input: ProcessInput): Promise<unknown> {
    const call = new CancellationScope();
    const child: { settled?: { ok: true; value: unknown } | { ok: false; err: unknown } } = {};
    const ended = call
      .run(() =>
        executeChild('processWorkflow', {
          workflowId,
          taskQueue: workflowInfo().taskQueue,
          args: [input],
          // should the caller close anyway (terminated by hand), the child still withdraws its tasks
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        }),
      )
      .then(
        (value) => void (child.settled = { ok: true, value }),
        (err: unknown) => void (child.settled = { ok: false, err }),
      );
    this.childEscalations.open(workflowId);
    try {
      for (;;) {
        const escalation = this.childEscalations.take(workflowId);
        if (escalation) {
          await this.throwChildEscalation(scope, elementId, escalation);
          continue;
        }
        if (child.settled) break;
        await Promise.race([ended, this.childEscalations.arrival(workflowId)]);
      }
    } finally {
      if (!child.settled) {
        // an interrupting catcher took the escalation, or this token was cancelled: the child ends first
        call.cancel();
        await ended;
      }
      this.childEscalations.close(workflowId);
    }
    const settled = child.settled!;
    if (!settled.ok) throw settled.err;
    return settled.value;
  }

  private async throwChildEscalation(scope: Scope, elementId: string, escalation: ChildEscalation): Promise<void> {
    log.info('escalation from a called instance', { elementId, childWorkflowId: escalation.childWorkflowId, thrower: escalation.elementId, code: escalation.escalationCode });
    const trigger: ThrowTrigger = { type: 'escalation', ...(escalation.escalationCode !== undefined ? { escalationCode: escalation.escalationCode } : {}) };
    await this.host.throwEvent(scope, elementId, trigger); // an Interrupt leaves through runChild, which cancels the child
    await this.answerChild(escalation);
  }

  /** Tells a called instance that its escalation did not interrupt the call: its token goes on. */
  private async answerChild(escalation: ChildEscalation): Promise<void> {
    try {
      await getExternalWorkflowHandle(escalation.childWorkflowId).signal(escalationAnsweredSignal, { requestId: escalation.requestId });
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.warn('a called instance could not be told to go on after its escalation', { childWorkflowId: escalation.childWorkflowId, err: String(err) });
    }
  }

  /**
   * The `childEscalation` signal. Queued for the call activity waiting for that child; when none
   * waits (the call is being cancelled, or it was started before escalations crossed calls and
   * waits the old way) the child is told to go on at once, as an uncaught escalation.
   */
  async childEscalated(escalation: ChildEscalation): Promise<void> {
    if (this.childEscalations.deliver(escalation)) return;
    await this.answerChild(escalation).catch(() => undefined);
  }

  /**
   * A called instance's escalation that none of its elements catches: the caller throws it at its
   * call activity. Returns when the caller answers that this token may go on; an interrupting
   * catcher in the caller cancels this instance instead (the wait ends in a cancellation).
   */
  async escalateToCaller(elementId: string, trigger: ThrowTrigger): Promise<void> {
    const { waits } = this.host;
    const callerId = this.host.input.parent!.trackingNumber;
    const requestId = `${elementId}/${this.host.nextActivation(`escalate:${elementId}`)}`;
    const escalation: ChildEscalation = {
      childWorkflowId: workflowInfo().workflowId,
      requestId,
      elementId,
      ...(codeOf(trigger) !== undefined ? { escalationCode: codeOf(trigger) } : {}),
    };
    const key = `escalate:${requestId}`;
    this.escalationAnswers.set(requestId, false);
    waits.show(key, { kind: 'escalation', elementId, workflowId: callerId, ...(escalation.escalationCode !== undefined ? { escalationCode: escalation.escalationCode } : {}) });
    try {
      try {
        await getExternalWorkflowHandle(callerId).signal(childEscalationSignal, escalation);
      } catch (err) {
        if (isCancellation(err)) throw err;
        log.warn('the calling instance could not be told of an escalation: it stays uncaught', { elementId, callerId, err: String(err) });
        return;
      }
      await condition(() => this.escalationAnswers.get(requestId) === true);
    } finally {
      this.escalationAnswers.delete(requestId);
      waits.close(key);
    }
  }

  /** The `escalationAnswered` signal: the caller did not interrupt; the throwing token goes on. */
  escalationAnswered(answer: EscalationAnswer): void {
    if (this.escalationAnswers.has(answer.requestId)) this.escalationAnswers.set(answer.requestId, true);
  }
}

/** A BPMN error that failed a called instance: the code and message its caller throws again. */
function bpmnErrorOf(err: unknown): { code?: string; message?: string } | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof ApplicationFailure && e.type === BPMN_ERROR_FAILURE) return (e.details?.[0] ?? {}) as { code?: string; message?: string };
  }
  return undefined;
}
