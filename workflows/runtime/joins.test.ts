import { inclusiveJoinReady, JoinQueue, parallelJoinReady } from './joins';

describe('runtime/joins - parallel join', () => {
  it('is ready only when every incoming flow holds a token, and firing consumes one from each', () => {
    const queue = new JoinQueue('join', ['a', 'b', 'c']);
    const b = queue.arrive('b');
    queue.arrive('a');
    expect(parallelJoinReady(queue)).toBe(false);
    const c = queue.arrive('c');
    expect(parallelJoinReady(queue)).toBe(true);
    queue.fire(b);
    expect(b.outcome).toBe('passed');
    expect(c.outcome).toBe('consumed');
    expect(queue.waiting()).toBe(0);
  });

  it('keeps a second token on the same flow for the next firing instead of firing early', () => {
    const queue = new JoinQueue('join', ['a', 'b']);
    const first = queue.arrive('a');
    const second = queue.arrive('a');
    expect(parallelJoinReady(queue)).toBe(false);
    queue.fire(queue.arrive('b'));
    expect(first.outcome).toBe('consumed');
    expect(second.outcome).toBeUndefined(); // waits for the next token on b
    expect(parallelJoinReady(queue)).toBe(false);
  });
});

describe('runtime/joins - inclusive join', () => {
  const upstream = { a: ['taskA', 'split'], b: ['taskB', 'split'] };

  it('waits while a token upstream of an empty incoming flow can still arrive', () => {
    const queue = new JoinQueue('join', ['a', 'b']);
    queue.arrive('a');
    expect(inclusiveJoinReady(queue, upstream, (id) => (id === 'taskB' ? 1 : 0))).toBe(false);
  });

  it('fires when no token can reach the empty incoming flows any more', () => {
    const queue = new JoinQueue('join', ['a', 'b']);
    queue.arrive('a');
    expect(inclusiveJoinReady(queue, upstream, () => 0)).toBe(true);
  });

  it('is not ready without any token at the join', () => {
    expect(inclusiveJoinReady(new JoinQueue('join', ['a', 'b']), upstream, () => 0)).toBe(false);
  });
});
