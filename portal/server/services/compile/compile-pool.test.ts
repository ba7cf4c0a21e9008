/**
 * Uploaded BPMN/DMN compiles in worker threads with a time and a memory limit, and a bounded queue
 * (issue 13): an overrun ends in an error the API can answer with, never a hung request, and the
 * pool keeps serving afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileBpmn } from '../../../../compiler';
import { CompileBusy, CompileOutOfMemory, CompilePool, CompileTimedOut, type CompileLimits } from './compile-pool';

const LIMITS: CompileLimits = { timeLimitMs: 60_000, memoryLimitMb: 512, threads: 1, queueLength: 1 };
const BPMN_NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';

/** Unconnected tasks: within the element limit, but seconds of work for the compiler. */
function manyTasks(n: number, nameLength = 10): string {
  const tasks = Array.from({ length: n }, (_, i) => `<bpmn:task id="Task_${i}" name="${'x'.repeat(nameLength)}" />`).join('\n');
  return `<bpmn:definitions ${BPMN_NS} id="Defs"><bpmn:process id="many" isExecutable="true">${tasks}</bpmn:process></bpmn:definitions>`;
}

const readFixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../../test/fixtures', name), 'utf8');

const pools: CompilePool[] = [];
const poolWith = (limits: Partial<CompileLimits>) => {
  const pool = new CompilePool({ ...LIMITS, ...limits });
  pools.push(pool);
  return pool;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe('compiling untrusted definitions in worker threads', () => {
  it('gives the same result as compiling in-process', async () => {
    const xml = readFixture('pinning.v1.bpmn');
    const pool = poolWith({});
    expect(await pool.compile({ kind: 'bpmn', xml, options: {} })).toEqual(await compileBpmn(xml));
  });

  it('stops a compile that overruns the time limit, then compiles the next file in a fresh thread', async () => {
    const pool = poolWith({ timeLimitMs: 1 });
    await expect(pool.compile({ kind: 'bpmn', xml: manyTasks(4_000), options: {} })).rejects.toBeInstanceOf(CompileTimedOut);
    pool.limits.timeLimitMs = 60_000; // the threads read the limit per job
    await expect(pool.compile({ kind: 'bpmn', xml: readFixture('pinning.v1.bpmn'), options: {} })).resolves.toMatchObject({ ok: true });
  });

  it('stops a compile that needs more memory than the limit', async () => {
    const pool = poolWith({ memoryLimitMb: 32 });
    await expect(pool.compile({ kind: 'bpmn', xml: manyTasks(4_900, 900), options: {} })).rejects.toBeInstanceOf(CompileOutOfMemory);
  });

  it('refuses a compile when every thread is busy and the queue is full, and runs the queued one', async () => {
    const pool = poolWith({ threads: 1, queueLength: 1 });
    const xml = readFixture('pinning.v1.bpmn');
    const [running, queued, refused] = await Promise.allSettled([1, 2, 3].map(() => pool.compile({ kind: 'bpmn', xml, options: {} })));
    expect(running).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    expect(queued).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    expect(refused).toMatchObject({ status: 'rejected', reason: expect.any(CompileBusy) });
  });
});
