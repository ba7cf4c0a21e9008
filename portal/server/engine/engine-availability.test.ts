import { EngineAvailability, EngineUnavailable, isUnreachableError, isWorkflowTaskFailing } from './engine-availability';

describe('EngineAvailability', () => {
  it('asks the server once and trusts a good answer for the fresh period, then asks again', async () => {
    let now = 1_000;
    let asked = 0;
    const availability = new EngineAvailability(async () => { asked++; }, { freshForMs: 2_000, now: () => now });
    await availability.require();
    now += 1_999;
    await availability.require();
    expect(asked).toBe(1);
    now += 1;
    await availability.require();
    expect(asked).toBe(2);
  });

  it('refuses with EngineUnavailable (503 material) when the probe fails, and asks again next time', async () => {
    let up = false;
    const availability = new EngineAvailability(async () => { if (!up) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 14 }); });
    await expect(availability.require()).rejects.toBeInstanceOf(EngineUnavailable);
    expect(await availability.reachable()).toBe(false);
    up = true;
    expect(await availability.reachable()).toBe(true);
  });

  it('gives up on a probe that never answers after its own timeout instead of hanging the request', async () => {
    const availability = new EngineAvailability(() => new Promise(() => {}), { timeoutMs: 20, graceMs: 0 });
    await expect(availability.require()).rejects.toThrow('not reachable; nothing was changed');
  });

  it('stops trusting the last good answer once a call found the server gone', async () => {
    let asked = 0;
    const availability = new EngineAvailability(async () => { asked++; });
    await availability.require();
    availability.markDown();
    await availability.require();
    expect(asked).toBe(2);
  });
});

describe('isUnreachableError', () => {
  it('knows gRPC UNAVAILABLE and DEADLINE_EXCEEDED, also as the cause of another error', () => {
    expect(isUnreachableError({ code: 14 })).toBe(true);
    expect(isUnreachableError(new Error('wrapped', { cause: { code: 4 } }))).toBe(true);
  });
  it('does not take other failures (a rejected update, a missing workflow) for an outage', () => {
    expect(isUnreachableError({ code: 5 })).toBe(false);
    expect(isUnreachableError(new Error('no such workflow'))).toBe(false);
    expect(isUnreachableError(undefined)).toBe(false);
  });
});

describe('isWorkflowTaskFailing', () => {
  it('knows the refusal of an update while the instance\'s workflow task has failed (a 503, not a 500)', () => {
    const grpc = { code: 9, details: 'Unable to perform workflow execution update due to Workflow Task in failed state.', message: '9 FAILED_PRECONDITION: Unable to perform workflow execution update due to Workflow Task in failed state.' };
    expect(isWorkflowTaskFailing(new Error('Workflow Update failed', { cause: grpc }))).toBe(true);
  });
  it('leaves other preconditions and other codes alone', () => {
    expect(isWorkflowTaskFailing({ code: 9, details: 'workflow execution already completed' })).toBe(false);
    expect(isWorkflowTaskFailing({ code: 14, details: 'Workflow Task in failed state' })).toBe(false);
  });
});
