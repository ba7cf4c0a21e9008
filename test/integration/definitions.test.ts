/**
 * Deploying BPMN through the API: invalid models are refused with precise problems, deploys are
 * immutable versions, and a running application stays on the version it started with.
 */
import { ApiClient, Stack, readFixture as fixture, useRunningProduct } from '../support/harness';
import { apply, completeTask, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';

const product = useRunningProduct();
let stack: Stack;
let admin: ApiClient;
let applicant: ApiClient;
let reviewer1: ApiClient;

beforeAll(async () => {
  stack = product.stack;
  [admin, applicant, reviewer1] = await product.login('admin', 'applicant', 'reviewer1');
});

describe('deploying definitions', () => {
  it('refuses malformed XML with a clear problem', async () => {
    const res = await admin.post('/api/definitions', { xml: '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_bpmn');
    expect(res.body.problems[0]).toMatchObject({ rule: 'xml-syntax', severity: 'error' });
  });

  it('refuses an element the engine cannot execute, naming its id', async () => {
    const res = await admin.post('/api/definitions', { xml: fixture('unsupported-complex.bpmn') });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'Fork_1', rule: 'unsupported-element' })]));
    expect(res.body.message).toContain('Fork_1');
  });

  it('refuses an entity-expansion document before parsing it', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><bpmn:definitions>&lol2;</bpmn:definitions>';
    const res = await admin.post('/api/definitions', { xml: bomb });
    expect(res.status).toBe(400);
    expect(res.body.problems[0].rule).toBe('xml-safety');
  });

  it('lets only administrators deploy', async () => {
    expect((await applicant.post('/api/definitions', { xml: fixture('pinning.v1.bpmn') })).status).toBe(403);
    expect((await new ApiClient(stack.baseUrl).post('/api/definitions', { xml: fixture('pinning.v1.bpmn') })).status).toBe(401);
  });

  it('accepts raw XML bodies as well as JSON', async () => {
    const raw = await admin.post('/api/definitions', { raw: fixture('unsupported-complex.bpmn'), contentType: 'application/xml' });
    expect(raw.status).toBe(400);
    expect(raw.body.problems.map((p: { elementId: string }) => p.elementId)).toContain('Fork_1');
  });
});

describe('checking definitions without deploying (what the process editor shows)', () => {
  it('lists the same problems deploy refuses with, and stores nothing', async () => {
    const xml = fixture('unsupported-complex.bpmn');
    const before = await admin.get('/api/definitions');
    const check = await admin.post('/api/definitions/check', { xml });
    expect(check.status).toBe(200);
    expect(check.body.deployable).toBe(false);
    const deploy = await admin.post('/api/definitions', { xml });
    expect(check.body.problems).toEqual(deploy.body.problems);
    expect((await admin.get('/api/definitions')).body).toEqual(before.body);
  });

  it('says a valid model is deployable and names its processes, without creating a version', async () => {
    const check = await admin.post('/api/definitions/check', { xml: fixture('pinning.v1.bpmn') });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ deployable: true, ids: ['pinning-test'] });
    expect(check.body.problems.every((p: { severity: string }) => p.severity === 'warning')).toBe(true);
  });

  it('answers malformed XML with a problem, not an error status', async () => {
    const check = await admin.post('/api/definitions/check', { xml: '<bpmn:definitions' });
    expect(check.status).toBe(200);
    expect(check.body.deployable).toBe(false);
    expect(check.body.problems[0]).toMatchObject({ rule: 'xml-syntax', severity: 'error' });
  });

  it('is for administrators only and validates its body', async () => {
    expect((await applicant.post('/api/definitions/check', { xml: fixture('pinning.v1.bpmn') })).status).toBe(403);
    expect((await new ApiClient(stack.baseUrl).post('/api/definitions/check', { xml: fixture('pinning.v1.bpmn') })).status).toBe(401);
    expect((await admin.post('/api/definitions/check', { xml: '' })).status).toBe(400);
    expect((await admin.post('/api/definitions/check', { xml: 'x', extra: 1 })).status).toBe(400);
  });
});

describe('versions', () => {
  it('keeps a running application on its version while new ones take the newest', async () => {
    const v1 = await admin.post('/api/definitions', { xml: fixture('pinning.v1.bpmn') });
    expect(v1.status).toBe(201);
    const again = await admin.post('/api/definitions', { xml: fixture('pinning.v1.bpmn') });
    expect(again.body.versions[0]).toMatchObject({ key: 'pinning-test', version: v1.body.versions[0].version, created: false });

    const old = await apply(applicant, {}, 'pinning-test');
    await waitForTask(reviewer1, old, 'step-a');

    const v2 = await admin.post('/api/definitions', { xml: fixture('pinning.v2.bpmn') });
    expect(v2.body.versions[0]).toMatchObject({ key: 'pinning-test', version: v1.body.versions[0].version + 1, created: true });

    const fresh = await apply(applicant, {}, 'pinning-test');
    await waitForTask(reviewer1, fresh, 'step-b');

    // the old instance still runs v1: completing step-a ends it with v1's outcome
    await completeTask(reviewer1, await waitForTask(reviewer1, old, 'step-a'), {});
    const oldDone = await waitForCompletion(applicant, old);
    expect(oldDone.outcome).toBe('done-v1');

    const versions = await admin.get('/api/definitions/pinning-test/versions');
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const listed = await admin.get('/api/definitions');
    expect(listed.body.find((d: { key: string }) => d.key === 'pinning-test')).toMatchObject({ version: 2, versions: 2, deployedBy: { username: 'admin' } });
    const one = await admin.get('/api/definitions/pinning-test/versions/1');
    expect(one.body.xml).toContain('Step A (v1)');
    expect(one.body.graph.elements['step-a'].kind).toBe('userTask');
  });

  it('starts an application on an explicitly requested version', async () => {
    const res = await applicant.post('/api/applications', { processKey: 'pinning-test', version: 1, data: {} });
    expect(res.status).toBe(201);
    expect(res.body.processVersion).toBe(1);
    await waitForTask(reviewer1, res.body.trackingNumber, 'step-a');
    const missing = await applicant.post('/api/applications', { processKey: 'pinning-test', version: 99, data: {} });
    expect(missing.status).toBe(404);
  });

  it('starts an application on the newest version with a requested version tag', async () => {
    const res = await applicant.post('/api/applications', { processKey: 'pinning-test', versionTag: 'spring-1405', data: {} });
    expect(res.status).toBe(201);
    expect(res.body.processVersion).toBe(1);
    const unknown = await applicant.post('/api/applications', { processKey: 'pinning-test', versionTag: 'no-such-tag', data: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('no-such-tag');
  });
});
