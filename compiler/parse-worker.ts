import { Worker, resourceLimits } from 'node:worker_threads';

/**
 * moddle-xml works out the line number of every parser warning by scanning the document from the
 * start, so a big file full of small mistakes takes quadratic time (a crafted 5 MB file: hours),
 * and parsing is synchronous: it would block the server. Big files are therefore read first in a
 * worker thread under a time budget, and only a file that reads cleanly is parsed in-process.
 */

/** A moddle warning as plain data. */
export interface ReadWarning {
  message: string;
  elementType?: string;
  elementId?: string;
  property?: string;
}

export type TrialRead =
  | { kind: 'read'; warnings: ReadWarning[] }
  | { kind: 'failed'; message: string; warnings: ReadWarning[] }
  | { kind: 'timeout' }
  /** The reading thread ran out of heap (it has the heap limit of the thread that started it, if any). */
  | { kind: 'out-of-memory' };

/** What to tell the uploader when the trial read ran out of memory. */
export const OUT_OF_MEMORY_MESSAGE = 'reading the xml needed more memory than a compile may use; the file is too large';

// Plain JavaScript run by the worker (outside any TypeScript or jest transform); Node >= 20.19 can
// require() the ESM-only bpmn-moddle and dmn-moddle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Moddle = require(workerData.moddlePath)[workerData.exportName];
const plain = (w) => ({
  message: String(w.message),
  elementType: w.element && w.element.$type,
  elementId: w.element && w.element.id,
  property: w.property,
});
new Moddle(workerData.packages).fromXML(workerData.xml).then(
  (result) => parentPort.postMessage({ kind: 'read', warnings: result.warnings.map(plain) }),
  (err) => parentPort.postMessage({ kind: 'failed', message: String(err && err.message), warnings: ((err && err.warnings) || []).map(plain) }),
);
`;

/** Which moddle reads the file: BPMN (with extension descriptors by prefix, plain JSON) or DMN. */
export type ModdleKind = { moddle: 'bpmn-moddle'; exportName: 'BpmnModdle'; packages: Readonly<Record<string, Record<string, unknown>>> } | { moddle: 'dmn-moddle'; exportName: 'DmnModdle' };

export function readInWorker(xml: string, kind: ModdleKind, budgetMs: number): Promise<TrialRead> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { xml, packages: 'packages' in kind ? kind.packages : undefined, exportName: kind.exportName, moddlePath: require.resolve(kind.moddle) },
      // inside a compile thread with a heap limit (portal/server/services/compile), the same limit
      ...(resourceLimits.maxOldGenerationSizeMb ? { resourceLimits: { maxOldGenerationSizeMb: resourceLimits.maxOldGenerationSizeMb } } : {}),
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
    worker.once('error', (err: Error & { code?: string }) => {
      clearTimeout(timer);
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve({ kind: 'out-of-memory' });
      else reject(err);
    });
  });
}
