import { EngineRejection } from '../engine/engine-client';
import { untilRowShows, whileEngineCatchesUp } from './engine-catch-up';

const notFound = () => new EngineRejection('NotFound', 'no open task T:1');
const quick = { withinMs: 1_000, firstPauseMs: 1 };

describe('whileEngineCatchesUp', () => {
  it('asks again while the workflow does not know a task its row shows open, and returns the answer once it does', async () => {
    let asked = 0;
    const answer = await whileEngineCatchesUp(async () => {
      asked += 1;
      if (asked < 3) throw notFound();
      return 'done';
    }, async () => true, quick);
    expect(answer).toBe('done');
    expect(asked).toBe(3);
  });

  it('passes "not found" on at once when the row is no longer open (someone else completed the task)', async () => {
    let asked = 0;
    await expect(whileEngineCatchesUp(async () => { asked += 1; throw notFound(); }, async () => false, quick)).rejects.toThrow('no open task');
    expect(asked).toBe(1);
  });

  it('passes other refusals on at once, without asking again', async () => {
    let asked = 0;
    const refusal = new EngineRejection('NotAuthorised', 'not yours');
    await expect(whileEngineCatchesUp(async () => { asked += 1; throw refusal; }, async () => true, quick)).rejects.toBe(refusal);
    expect(asked).toBe(1);
  });

  it('gives up with "not found" when the workflow never catches up', async () => {
    await expect(whileEngineCatchesUp(async () => { throw notFound(); }, async () => true, { withinMs: 30, firstPauseMs: 5 })).rejects.toThrow('no open task');
  });
});

describe('untilRowShows', () => {
  it('returns once the row shows the accepted change, asking again meanwhile', async () => {
    let asked = 0;
    await expect(untilRowShows(async () => ++asked >= 3, quick)).resolves.toBe(true);
    expect(asked).toBe(3);
  });

  it('gives up after its time and says so (the update is durable; the answer is not held forever)', async () => {
    await expect(untilRowShows(async () => false, { withinMs: 30, firstPauseMs: 5 })).resolves.toBe(false);
  });
});
