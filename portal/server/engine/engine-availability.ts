/**
 * Whether the Temporal server answers, asked cheaply and with a short deadline, so that a request
 * finds out in about a second that the engine is down instead of hanging in the client's own
 * retries (20 s and more) and ending in a 500. A good answer is trusted for a couple of seconds,
 * so that busy traffic does not pay one extra round trip per request.
 */
import { errorAndCauses } from '../../../prisma/database-down';

export class EngineUnavailable extends Error {
  /** Seconds after which asking again makes sense (the Retry-After of the 503). */
  readonly retryAfterSeconds = 5;
  /** `midway`: the engine stopped answering during a change, which it may or may not have taken. */
  constructor(readonly cause?: unknown, readonly midway = false, message?: string) {
    super(message ?? (midway
      ? 'the workflow engine (Temporal) stopped answering during the request; look again shortly whether it took effect'
      : 'the workflow engine (Temporal) is not reachable; nothing was changed, try again shortly'));
    this.name = 'EngineUnavailable';
  }
}

export interface AvailabilityOptions {
  /** How long a good answer is trusted. */
  freshForMs?: number;
  /** The deadline given to the probe. */
  timeoutMs?: number;
  /**
   * How much longer the probe may take to give up on its deadline before it is no longer waited for
   * (the Temporal client's retries end shortly after the deadline; waiting for that, rather than
   * leaving them running, keeps no retry timer alive once the answer is given).
   */
  graceMs?: number;
  now?: () => number;
}

export class EngineAvailability {
  private upUntil = 0;
  private readonly freshForMs: number;
  private readonly timeoutMs: number;
  private readonly graceMs: number;
  private readonly now: () => number;

  /** `probe(deadline)` must reject once `deadline` (epoch ms) has passed without an answer. */
  constructor(private readonly probe: (deadline: number) => Promise<unknown>, options: AvailabilityOptions = {}) {
    this.freshForMs = options.freshForMs ?? 2_000;
    this.timeoutMs = options.timeoutMs ?? 1_000;
    this.graceMs = options.graceMs ?? 3_000;
    this.now = options.now ?? Date.now;
  }

  /** Resolves when the engine answered lately or answers now; otherwise throws EngineUnavailable. */
  async require(): Promise<void> {
    if (this.now() < this.upUntil) return;
    const deadline = this.now() + this.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs + this.graceMs);
    });
    try {
      await Promise.race([this.probe(deadline), late]);
      this.upUntil = this.now() + this.freshForMs;
    } catch (err) {
      this.upUntil = 0;
      throw new EngineUnavailable(err);
    } finally {
      clearTimeout(timer);
    }
  }

  /** True when the engine answers now (for /api/ready). */
  async reachable(): Promise<boolean> {
    return this.require().then(() => true, () => false);
  }

  /** A call failed in a way that says the server is gone: stop trusting the last good answer. */
  markDown(): void {
    this.upUntil = 0;
  }
}

/** gRPC status codes meaning the server could not be reached or did not answer in time. */
const UNREACHABLE_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

/** True for the errors the Temporal client gives when its server is down (directly or as a cause). */
/**
 * Temporal refuses an update while the instance's last workflow task has failed or timed out and
 * the next has not yet run (a worker died, the server restarted): FAILED_PRECONDITION (9), "Workflow
 * Task in failed state". Nothing was applied, and the instance takes updates again once a worker has
 * run its next workflow task.
 */
export function isWorkflowTaskFailing(err: unknown): boolean {
  for (const { code, message, details } of errorAndCauses(err)) {
    const text = `${typeof message === 'string' ? message : ''} ${typeof details === 'string' ? details : ''}`;
    if (code === 9 && /Workflow Task in failed state/i.test(text)) return true;
  }
  return false;
}

export function isUnreachableError(err: unknown): boolean {
  for (const { code } of errorAndCauses(err)) if (typeof code === 'number' && UNREACHABLE_CODES.has(code)) return true;
  return false;
}
