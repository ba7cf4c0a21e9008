import { arriveAtJoin, JoinCounts } from './parallel';

describe('elements/gateways - parallel join', () => {
  it('fires only when every incoming flow has delivered a token, and consumes one from each', () => {
    const counts: JoinCounts = new Map();
    expect(arriveAtJoin(counts, ['a', 'b', 'c'], 'b')).toBe(false);
    expect(arriveAtJoin(counts, ['a', 'b', 'c'], 'a')).toBe(false);
    expect(arriveAtJoin(counts, ['a', 'b', 'c'], 'c')).toBe(true);
    expect([...counts.values()]).toEqual([0, 0, 0]);
  });

  it('keeps a second token on the same flow for the next firing instead of firing early', () => {
    const counts: JoinCounts = new Map();
    expect(arriveAtJoin(counts, ['a', 'b'], 'a')).toBe(false);
    expect(arriveAtJoin(counts, ['a', 'b'], 'a')).toBe(false);
    expect(arriveAtJoin(counts, ['a', 'b'], 'b')).toBe(true);
    expect(arriveAtJoin(counts, ['a', 'b'], 'b')).toBe(true); // the waiting second 'a' pairs up
    expect(counts.get('a')).toBe(0);
  });
});
