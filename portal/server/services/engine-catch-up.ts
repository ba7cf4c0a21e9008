/**
 * A user task's row is written by the workflow task that opens it, before that workflow task is
 * saved in Temporal (the row is a local activity's work). If the worker dies in between, the row
 * is visible at once but the workflow knows the task only after another worker has run that
 * workflow task again, after Temporal's workflow task timeout (about 10 s). Meanwhile the workflow
 * rightly answers "no open task". A rejected update leaves nothing in the history, so asking again
 * is safe: while the row still says open, the call is repeated until the workflow catches up.
 */
import { EngineRejection } from '../engine/engine-client';

export interface CatchUpOptions {
  /** How long after the first answer to keep asking. */
  withinMs: number;
  /** The first pause between asks; it doubles up to 2 s. */
  firstPauseMs: number;
}

/** Long enough for a second worker to take over a workflow task whose worker died (timeout 10 s) and run it. */
export const DEFAULT_CATCH_UP: CatchUpOptions = { withinMs: 45_000, firstPauseMs: 250 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function whileEngineCatchesUp<T>(call: () => Promise<T>, rowStillOpen: () => Promise<boolean>, options: CatchUpOptions = DEFAULT_CATCH_UP): Promise<T> {
  const deadline = Date.now() + options.withinMs;
  let pause = options.firstPauseMs;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      const notYetKnown = err instanceof EngineRejection && err.type === 'NotFound';
      if (!notYetKnown || Date.now() + pause > deadline || !(await rowStillOpen())) throw err;
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 2_000);
  }
}

/**
 * The other direction: a completed task's row is closed by a normal activity the workflow schedules
 * only once it has saved the completion (workflows/runtime/patches.ts, update-effects-after-commit),
 * a moment after the engine accepts it.
 * A route waits for the row to show it, so the caller's next read (the queue, the task) is not
 * stale. The update is durable either way: when the row is slow (the database is struggling), the
 * route answers anyway after `withinMs`.
 */
export const DEFAULT_ROW_WAIT: CatchUpOptions = { withinMs: 10_000, firstPauseMs: 20 };

export async function untilRowShows(shows: () => Promise<boolean>, options: CatchUpOptions = DEFAULT_ROW_WAIT): Promise<boolean> {
  const deadline = Date.now() + options.withinMs;
  let pause = options.firstPauseMs;
  for (;;) {
    if (await shows()) return true;
    if (Date.now() + pause > deadline) return false;
    await sleep(pause);
    pause = Math.min(pause * 2, 500);
  }
}
