/**
 * The text of the QR code: `<verify link>#<base32 COSE_Sign1>`. Any phone camera opens the link
 * (the fragment never reaches the server), and a verifier takes the payload from after the `#`.
 * The link is drawn as a byte segment and the payload as an alphanumeric one (qrSegments).
 */
import { decodeBase32, encodeBase32 } from './base32';

/** The most a QR code holds (version 40, alphanumeric, level L); anything longer was not ours. */
export const MAX_QR_TEXT = 4296;
/** What we print is ASCII without spaces; anything else is refused before it is decoded. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export function composeQrText(link: string, cose: Uint8Array): string {
  return `${link}#${encodeBase32(cose)}`;
}

/** The QR code's segments: the link and `#` as bytes, the payload alphanumeric (a smaller code). */
export type QrSegment = { data: Uint8Array; mode: 'byte' } | { data: string; mode: 'alphanumeric' };

export function qrSegments(qrText: string): QrSegment[] {
  const bytes = (text: string): QrSegment => ({ data: new TextEncoder().encode(text), mode: 'byte' });
  const hash = qrText.lastIndexOf('#');
  if (hash < 0) return [bytes(qrText)];
  return [bytes(qrText.slice(0, hash + 1)), { data: qrText.slice(hash + 1), mode: 'alphanumeric' }];
}

export type SplitQrText = { ok: true; link: string | null; cose: Uint8Array } | { ok: false; detail: string };

/** The link (if any) and the payload's bytes; never throws. */
export function splitQrText(qrText: unknown): SplitQrText {
  if (typeof qrText !== 'string' || qrText.length === 0) return { ok: false, detail: 'the QR code holds no text' };
  if (qrText.length > MAX_QR_TEXT) return { ok: false, detail: `the QR code's text is longer than any QR code holds (${MAX_QR_TEXT})` };
  if (!PRINTABLE_ASCII.test(qrText)) return { ok: false, detail: 'the QR code holds characters a certificate QR never has' };
  const hash = qrText.lastIndexOf('#');
  const link = hash < 0 ? null : qrText.slice(0, hash);
  const cose = decodeBase32(qrText.slice(hash + 1));
  if (!cose || cose.length === 0) return { ok: false, detail: link ? 'the QR code holds a link without a signed payload' : 'the QR code holds no signed payload' };
  return { ok: true, link, cose };
}
