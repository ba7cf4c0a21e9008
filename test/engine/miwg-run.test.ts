/**
 * OMG MIWG reference models on the real engine: every model the compiler accepts runs to
 * completion, its user tasks completed by the driver and its service tasks stubbed (they name job
 * types nobody here implements). Models it rejects are covered, element by element, in
 * compiler/miwg.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileBpmn } from '../../compiler';
import { runModel } from '../../scripts/lib/model-runner';
import { testConfig, useRunningProduct } from '../support/harness';

const MIWG = process.env.MIWG_DIR ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'miwg');
const files = fs.existsSync(MIWG) ? fs.readdirSync(MIWG).filter((f) => f.endsWith('.bpmn')).sort() : [];
const product = useRunningProduct();
jest.setTimeout(120_000);

it('runs every deployable MIWG model to completion', async () => {
  const deployable: string[] = [];
  for (const file of files) {
    const xml = fs.readFileSync(path.join(MIWG, file), 'utf8');
    const compiled = await compileBpmn(xml);
    if (!compiled.ok) continue;
    deployable.push(file);
    for (const { processId } of compiled.processes) {
      const report = await runModel(product.stack.db, product.stack.client, { xml, processId, stubServices: true, taskQueue: testConfig().temporal.taskQueue, idleTimeoutMs: 5000 });
      expect({ file, processId, state: report.state, problems: report.problems }).toEqual({ file, processId, state: 'completed', problems: [] });
    }
  }
  expect(deployable).toContain('C.9.2.bpmn');
});
