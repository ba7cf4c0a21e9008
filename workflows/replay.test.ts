/**
 * Determinism guard: every recorded history in workflows/test/histories/ must replay on the current
 * interpreter code. A change that would break running applications fails here, before deploy
 * (fix it with patched(), see Temporal's patching API). Record new histories with
 * RECORD_HISTORIES=1 npm test -- technical-approval.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { bundleWorkflows } from '../temporal/worker';

const HISTORIES = path.join(__dirname, 'test', 'histories');
const files = fs.existsSync(HISTORIES) ? fs.readdirSync(HISTORIES).filter((f) => f.endsWith('.json')).sort() : [];

/** One bundle for every history (the test run's, or one made here): bundling takes seconds. */
let code: ReplayWorkerOptions['workflowBundle'];
beforeAll(async () => {
  const bundlePath = process.env.WORKFLOW_BUNDLE;
  code = bundlePath ? { codePath: bundlePath } : { code: (await bundleWorkflows()).code };
});

describe('workflows - replay of recorded histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('replays %s without non-determinism', async (file) => {
    // stored as protobufjs writes JSON (int64 as strings, enums by name); fromObject reads it back
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8')));
    await Worker.runReplayHistory({ workflowBundle: code }, history, file);
  });
});
