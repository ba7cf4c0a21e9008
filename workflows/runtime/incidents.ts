/**
 * Incidents (Camunda 8): a step that fails (an expression, a mapping, a called process not deployed,
 * an uncaught BPMN error) does not fail the instance; its token waits at the element until an
 * administrator retries, then runs the step again. Cancellations and interrupts are no incidents.
 */
import { condition, isCancellation, log } from '@temporalio/workflow';
import type { EngineActivities, InstanceRef } from '../activities-api';
import type { Incident } from '../state';
import { Interrupt } from './throws';

/** Where incidents are shown and retried (the workflow's queryable state and its retry update). */
export interface IncidentHooks {
  recordKeeping: EngineActivities;
  raiseIncident(incident: Incident): void;
  resolveIncident(incidentId: string): void;
  incidentRetried(incidentId: string): boolean;
}

export class Incidents {
  constructor(
    private readonly instance: InstanceRef,
    private readonly hooks: IncidentHooks,
    /** The engine's activation counter: incident ids count per element. */
    private readonly nextActivation: (key: string) => number,
  ) {}

  /** Runs fn; when it fails, raises an incident and waits for an operator retry, then runs it again. */
  async withIncidents<T>(elementId: string, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (isCancellation(err) || err instanceof Interrupt) throw err; // not an incident
        const incidentId = `${elementId}/${this.nextActivation(`incident:${elementId}`)}`;
        const message = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
        // the stack goes only into the queryable state (no command carries it): replay is unchanged
        const stack = incidentStack(err);
        this.hooks.raiseIncident({ incidentId, elementId, message, at: new Date().toISOString(), ...(stack ? { stack } : {}) });
        log.warn('incident raised', { elementId, incidentId, message });
        await this.hooks.recordKeeping.recordApplicationStatus({ ...this.instance, status: 'incident', elementId, message });
        await condition(() => this.hooks.incidentRetried(incidentId));
        this.hooks.resolveIncident(incidentId);
        await this.hooks.recordKeeping.recordApplicationStatus({ ...this.instance, status: 'running', elementId });
      }
    }
  }
}

/** Longest stack trace an incident keeps (the failure's own frames come first). */
export const INCIDENT_STACK_MAX = 4_000;

/**
 * The stack trace of the failure behind an incident: for an activity (a service task), the remote
 * stack its ApplicationFailure cause carries from the worker; otherwise the error's own. Trimmed.
 */
export function incidentStack(err: unknown): string | undefined {
  const failure = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const stack = failure instanceof Error && typeof failure.stack === 'string' ? failure.stack.trim() : '';
  if (!stack) return undefined;
  return stack.length > INCIDENT_STACK_MAX ? `${stack.slice(0, INCIDENT_STACK_MAX)}\n…` : stack;
}
