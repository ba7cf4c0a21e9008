/**
 * Errors that mean a service the API stands on is down (the workflow engine, the database), told
 * apart from bugs: the caller gets 503 with Retry-After and words, not a 500 after a long wait.
 */
import { EngineUnavailable } from '../engine/engine-availability';
import { isDatabaseDown } from '../../../prisma/database-down';

export interface Unavailable {
  service: 'workflow engine' | 'database';
  retryAfterSeconds: number;
  message: string;
}

export function unavailableOf(err: unknown): Unavailable | undefined {
  if (err instanceof EngineUnavailable) return { service: 'workflow engine', retryAfterSeconds: err.retryAfterSeconds, message: err.message };
  if (isDatabaseDown(err)) return { service: 'database', retryAfterSeconds: 5, message: 'the database is not reachable; nothing was changed, try again shortly' };
  return undefined;
}
