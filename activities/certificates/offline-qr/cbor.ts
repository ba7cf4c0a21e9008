/**
 * The small part of CBOR (RFC 8949) the offline QR payload needs, for Node and the browser alike:
 * unsigned and negative integers (safe integers only), byte and text strings, arrays, maps, tags,
 * false/true/null. Definite lengths only, in their shortest form when encoding (deterministic
 * encoding, RFC 8949 §4.2.1, except that map keys keep the order given).
 *
 * The decoder reads hostile bytes: it refuses indefinite lengths, floats, integers past 2^53,
 * invalid UTF-8 (so no lone surrogate), nesting past `maxDepth`, more than `maxItems` items in
 * all, and trailing bytes; it throws CborError, which callers turn into a verdict.
 */

export type CborValue = number | string | Uint8Array | boolean | null | CborValue[] | CborMap | CborTagged;
export type CborMap = Map<number | string, CborValue>;
export interface CborTagged {
  tag: number;
  value: CborValue;
}

export class CborError extends Error {
  constructor(message: string) {
    super(`malformed CBOR: ${message}`);
    this.name = 'CborError';
  }
}

const MAJOR = { uint: 0, nint: 1, bytes: 2, text: 3, array: 4, map: 5, tag: 6, simple: 7 } as const;

export const isTagged = (v: CborValue): v is CborTagged => typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !Array.isArray(v) && !(v instanceof Map);

function head(major: number, n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`CBOR: ${n} is not a length or a safe integer`);
  const m = major << 5;
  if (n < 24) return [m | n];
  if (n < 0x100) return [m | 24, n];
  if (n < 0x10000) return [m | 25, n >> 8, n & 0xff];
  if (n < 0x100000000) return [m | 26, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const high = Math.floor(n / 0x100000000);
  return [m | 27, 0, 0, (high >>> 8) & 0xff, high & 0xff, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function encodeInto(out: number[], value: CborValue): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`CBOR: only safe integers are encoded, not ${value}`);
    out.push(...(value >= 0 ? head(MAJOR.uint, value) : head(MAJOR.nint, -1 - value)));
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    out.push(...head(MAJOR.text, bytes.length), ...bytes);
  } else if (value instanceof Uint8Array) {
    out.push(...head(MAJOR.bytes, value.length), ...value);
  } else if (value === false || value === true || value === null) {
    out.push(value === false ? 0xf4 : value === true ? 0xf5 : 0xf6);
  } else if (Array.isArray(value)) {
    out.push(...head(MAJOR.array, value.length));
    for (const item of value) encodeInto(out, item);
  } else if (value instanceof Map) {
    out.push(...head(MAJOR.map, value.size));
    for (const [k, v] of value) {
      encodeInto(out, k);
      encodeInto(out, v);
    }
  } else {
    out.push(...head(MAJOR.tag, value.tag));
    encodeInto(out, value.value);
  }
}

export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  encodeInto(out, value);
  return Uint8Array.from(out);
}

export interface DecodeLimits {
  maxDepth?: number;
  maxItems?: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes exactly one item filling `bytes`; throws CborError on anything outside the subset. */
export function decodeCbor(bytes: Uint8Array, { maxDepth = 8, maxItems = 256 }: DecodeLimits = {}): CborValue {
  let offset = 0;
  let items = 0;

  const take = (n: number): Uint8Array => {
    if (n > bytes.length - offset) throw new CborError(`truncated at ${offset}`);
    const slice = bytes.subarray(offset, offset + n);
    offset += n;
    return slice;
  };

  const argument = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new CborError(`indefinite or reserved length at ${offset - 1}`);
    let n = 0;
    for (const byte of take(size)) n = n * 256 + byte;
    if (!Number.isSafeInteger(n)) throw new CborError('integer past 2^53');
    return n;
  };

  const item = (depth: number): CborValue => {
    if (depth > maxDepth) throw new CborError('nested too deeply');
    if (++items > maxItems) throw new CborError('too many items');
    const [initial] = take(1);
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === MAJOR.simple) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      throw new CborError(`unsupported simple value or float at ${offset - 1}`);
    }
    const n = argument(info);
    switch (major) {
      case MAJOR.uint: return n;
      case MAJOR.nint: return -1 - n;
      case MAJOR.bytes: return take(n).slice();
      case MAJOR.text:
        try {
          return UTF8.decode(take(n));
        } catch {
          throw new CborError('text string is not valid UTF-8');
        }
      case MAJOR.array: {
        if (n > maxItems) throw new CborError('too many items');
        const list: CborValue[] = [];
        for (let i = 0; i < n; i++) list.push(item(depth + 1));
        return list;
      }
      case MAJOR.map: {
        if (n > maxItems) throw new CborError('too many items');
        const map: CborMap = new Map();
        for (let i = 0; i < n; i++) {
          const key = item(depth + 1);
          if (typeof key !== 'number' && typeof key !== 'string') throw new CborError('map key is not an integer or text');
          if (map.has(key)) throw new CborError(`duplicate map key ${JSON.stringify(key)}`);
          map.set(key, item(depth + 1));
        }
        return map;
      }
      default: // MAJOR.tag
        return { tag: n, value: item(depth + 1) };
    }
  };

  const value = item(0);
  if (offset !== bytes.length) throw new CborError(`${bytes.length - offset} bytes after the item`);
  return value;
}
