import { Worker } from 'node:worker_threads';
import type { ReadWarning, TrialRead } from '../parse-worker';

/**
 * The DMN twin of ../parse-worker.ts: moddle-xml's warnings cost time quadratic in the file size
 * and parsing is synchronous, so a big file is read first in a worker thread under a time budget.
 */

// Plain JavaScript run by the worker (outside any TypeScript or jest transform); Node >= 20.19 can
// require() the ESM-only dmn-moddle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DmnModdle } = require(workerData.moddlePath);
const plain = (w) => ({
  message: String(w.message),
  elementType: w.element && w.element.$type,
  elementId: w.element && w.element.id,
  property: w.property,
});
new DmnModdle().fromXML(workerData.xml).then(
  (result) => parentPort.postMessage({ kind: 'read', warnings: result.warnings.map(plain) }),
  (err) => parentPort.postMessage({ kind: 'failed', message: String(err && err.message), warnings: ((err && err.warnings) || []).map(plain) }),
);
`;

export type { ReadWarning, TrialRead };

export function readDmnInWorker(xml: string, budgetMs: number): Promise<TrialRead> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { xml, moddlePath: require.resolve('dmn-moddle') },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ kind: 'timeout' });
    }, budgetMs);
    worker.once('message', (message: TrialRead) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
