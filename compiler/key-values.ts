import type { KeyValue } from './zeebe';

/** Messages (completing "<element> …") for entries without a key and keys used twice. */
export function duplicatesAndBlanks(pairs: KeyValue[], entry: string, keyName: string): string[] {
  const messages: string[] = [];
  const seen = new Set<string>();
  for (const { key } of pairs) {
    if (key === undefined || key.trim() === '') {
      messages.push(`has a ${entry} without a ${keyName}`);
    } else if (key === '__proto__') {
      messages.push(`has ${entry} ${keyName} "__proto__", which is reserved`);
    } else if (seen.has(key)) {
      messages.push(`has ${entry} ${keyName} "${key}" more than once`);
    } else {
      seen.add(key);
    }
  }
  return messages;
}
