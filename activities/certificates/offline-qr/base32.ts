/**
 * RFC 4648 base32 (A–Z, 2–7) without padding. Every character is in the QR code's alphanumeric
 * set (5.5 bits a character), so a payload in base32 makes a smaller QR than base64 in byte mode
 * (8 bits a character), and it is still a valid URL fragment, which base45 (space, %) is not.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const BASE32_TEXT = /^[A-Z2-7]*$/;

export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** The bytes, or null for anything that is not canonical unpadded base32 (wrong characters, length or leftover bits). */
export function decodeBase32(text: string): Uint8Array | null {
  if (!BASE32_TEXT.test(text) || [1, 3, 6].includes(text.length % 8)) return null;
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const ch of text) {
    value = ((value << 5) | ALPHABET.indexOf(ch)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) return null; // leftover bits must be zero: one text per payload
  return out;
}
