/**
 * The hourly revocation schedule: set up once (a second set-up keeps it as it was), it runs the
 * publishing workflow on the worker's queue, and the worker's activity publishes the CRL and OCSP
 * answers of the PKI it holds; a second run finds them fresh and writes nothing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ensureDemoPki } from '../../activities/certificates/pki';
import { createRevocationPublisher } from '../../activities/certificates/revocation/publish';
import { ensureRevocationPublishSchedule, REVOCATION_PUBLISH_SCHEDULE_ID } from '../../activities/certificates/revocation/revocation-schedule';
import type { RevocationPublishResult } from '../../workflows/activities-api';
import { RunningWorker, startWorker, testConfig, useApi, waitFor } from '../support/harness';

const api = useApi();

describe('the revocation publishing schedule', () => {
  let worker: RunningWorker | undefined;
  let pkiDir: string;

  beforeAll(async () => {
    pkiDir = path.join(process.env.TEST_RUN_DIR!, 'revocation-schedule', 'pki');
    const passphrase = 'schedule-pass';
    const pki = await ensureDemoPki(pkiDir, passphrase, { testOnlyKeyIterations: 1_000 });
    await pki.signerFor('TA');
    const revocationPublisher = createRevocationPublisher(pkiDir, { passphrase, iterations: 1_000 });
    worker = await startWorker(api.stack.db, api.stack.pki, undefined, undefined, undefined, { revocationPublisher });
  });

  afterAll(async () => {
    await worker?.stop();
  });

  it('runs the publishing workflow hourly on the worker\'s queue, which publishes the CRL and OCSP answers; set up twice, it is one schedule', async () => {
    const { client } = api.stack;
    const { taskQueue } = testConfig().temporal;
    const handle = client.schedule.getHandle(REVOCATION_PUBLISH_SCHEDULE_ID);
    const runOnce = async (nth: number): Promise<RevocationPublishResult> => {
      await handle.trigger();
      const started = await waitFor(`scheduled run ${nth}`, async () => {
        const described = await handle.describe();
        const action = described.info.recentActions[nth - 1]?.action;
        return action?.type === 'startWorkflow' && action.workflow;
      });
      return client.workflow.getHandle(started.workflowId, started.firstExecutionRunId).result() as Promise<RevocationPublishResult>;
    };
    try {
      await ensureRevocationPublishSchedule(client, taskQueue);
      const first = await handle.describe();
      expect(first.spec.intervals).toEqual([expect.objectContaining({ every: 3_600_000 })]);
      expect(first.action).toMatchObject({ type: 'startWorkflow', workflowType: 'revocationPublishWorkflow', workflowId: REVOCATION_PUBLISH_SCHEDULE_ID, taskQueue, args: [] });

      expect(await runOnce(1)).toEqual({ generations: [{ id: 'g1', written: true }] });
      const generation = path.join(pkiDir, 'issuing', 'g1');
      expect((await fs.readdir(generation)).sort()).toEqual(['crl.der', 'issuing-ca.crt.pem', 'issuing-ca.key.pem', 'ocsp', 'signers']);
      expect(await fs.readdir(path.join(generation, 'ocsp', 'responses'))).toHaveLength(2); // the TA signer, SHA-1 and SHA-256 CertIDs
      expect(await runOnce(2)).toEqual({ generations: [{ id: 'g1', written: false }] });

      await expect(ensureRevocationPublishSchedule(client, taskQueue)).resolves.toBeUndefined();
      const second = await handle.describe();
      expect(second.action).toEqual(first.action);
      expect(second.info.createdAt).toEqual(first.info.createdAt);
    } finally {
      // it must not run on its own during other tests
      await handle.delete().catch(() => undefined);
    }
  });
});
