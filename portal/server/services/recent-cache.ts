/**
 * A small in-process cache of recent answers, each kept `ttlMs` milliseconds: public look-ups are
 * read far more often than certificates change. Another process's writes show within `ttlMs`; what
 * must show at once goes into the key (the public record is cached under its certificate's status
 * and count of status changes: routes/public/certificates.ts). Concurrent misses for one key share
 * one load. The oldest entries go first once `maxEntries` is reached.
 */
export class RecentCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries = 10_000, private readonly now: () => number = Date.now) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    this.entries.delete(key);
    const value = load();
    this.entries.set(key, { at: this.now(), value });
    // failures are not remembered: the next call tries again
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
