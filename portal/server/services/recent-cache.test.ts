import { RecentCache } from './recent-cache';

describe('RecentCache', () => {
  it('answers from memory within the time to live and loads again after it', async () => {
    let now = 0;
    let loads = 0;
    const cache = new RecentCache<number>(1000, 10, () => now);
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    now = 999;
    expect(await cache.get('a', load)).toBe(1);
    now = 1000;
    expect(await cache.get('a', load)).toBe(2);
  });

  it('shares one load between concurrent misses, and forgets failures', async () => {
    let loads = 0;
    const cache = new RecentCache<number>(1000);
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 10));
    expect(await Promise.all([cache.get('k', slow), cache.get('k', slow)])).toEqual([1, 1]);
    await expect(cache.get('bad', () => Promise.reject(new Error('no such thing')))).rejects.toThrow('no such thing');
    expect(await cache.get('bad', async () => 7)).toBe(7);
  });

  it('keeps at most maxEntries, dropping the oldest, and caches nothing with a zero time to live', async () => {
    let loads = 0;
    const cache = new RecentCache<number>(1000, 2);
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => ++loads);
    expect(await cache.get('a', async () => ++loads)).toBe(4);
    expect(await cache.get('c', async () => ++loads)).toBe(3);
    const none = new RecentCache<number>(0);
    expect(await none.get('x', async () => ++loads)).toBe(5);
    expect(await none.get('x', async () => ++loads)).toBe(6);
  });
});
