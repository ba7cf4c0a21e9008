/**
 * Applications recorded while the engine was down (answered 202) are started once it answers
 * again: every `everyMs`, every application still only submitted for a while is launched
 * (idempotent: one workflow per tracking number).
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { EngineUnavailable } from '../engine/engine-availability';
import type { EngineClient } from '../engine/engine-client';
import { launchSubmitted } from './start-application';

/** Submitted this long ago and still not running: its own request is not starting it any more. */
const SETTLED_MS = 10_000;

export function relaunchSubmittedPeriodically(app: FastifyInstance, db: Db, engine: EngineClient, everyMs: number): void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const launched = await launchSubmitted(db, engine, new Date(Date.now() - SETTLED_MS));
      if (launched) app.log.info({ launched }, 'started applications recorded while the engine was down');
    } catch (err) {
      if (!(err instanceof EngineUnavailable)) app.log.warn({ err }, 'starting submitted applications failed');
    } finally {
      running = false;
    }
  };
  app.addHook('onReady', async () => {
    timer = setInterval(() => void tick(), everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
