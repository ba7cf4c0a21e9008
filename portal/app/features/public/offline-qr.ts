/**
 * The verify page's QR check, outside React: the signer certificates (GET /api/public/ca, kept in
 * localStorage so that a phone that once loaded the page verifies without network), a QR code read
 * from an image (jsQR), its signed payload verified in the browser by the issuer's own verifier
 * (activities/certificates/offline-qr, WebCrypto), and whether the online record still agrees.
 */
import jsQR from 'jsqr';
import { base64ToBytes } from '../../../../activities/certificates/offline-qr/certificate-key';
import { checkOfflinePayload, trustSigner, type OfflineReading, type TrustedSigner } from '../../../../activities/certificates/offline-qr/check-payload';
import type { OfflineClaims } from '../../../../activities/certificates/offline-qr/payload';
import { api, ApiError } from '../../api/http';
import type { PublicRecord, PublicStatus } from './model';

export type { OfflineReading, OfflineClaims };

export interface PublishedSigner { family: string; issuingId: string; subject: string; notBefore: string; notAfter: string; pem: string; spki: string }

const CACHE_KEY = 'ito.verify.signers';

function cachedSigners(): PublishedSigner[] | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null');
    return Array.isArray(parsed) ? (parsed as PublishedSigner[]) : null;
  } catch {
    return null;
  }
}

/** The signers from the API, kept for next time; the kept ones when the API cannot be reached. */
export async function signerList(): Promise<{ signers: PublishedSigner[]; from: 'online' | 'cache' }> {
  try {
    const { signers = [] } = await api<{ signers?: PublishedSigner[] }>('/api/public/ca');
    localStorage.setItem(CACHE_KEY, JSON.stringify(signers));
    return { signers, from: 'online' };
  } catch (err) {
    const kept = cachedSigners();
    if (kept && err instanceof ApiError && err.status === 0) return { signers: kept, from: 'cache' };
    throw err;
  }
}

async function trusted(signers: PublishedSigner[]): Promise<TrustedSigner[]> {
  const all = await Promise.all(signers.map((s) =>
    trustSigner({ der: base64ToBytes(s.pem), spki: base64ToBytes(s.spki), subject: s.subject.replace(/\n/g, ', '), family: s.family, notBefore: new Date(s.notBefore), notAfter: new Date(s.notAfter) }).catch(() => null)));
  return all.filter((s): s is TrustedSigner => s !== null);
}

/** WebCrypto exists only in a secure context (https, or localhost). */
export const canVerifyHere = (): boolean => typeof globalThis.crypto?.subtle?.verify === 'function';

export async function verifyQrText(qrText: string, signers: PublishedSigner[]): Promise<OfflineReading> {
  return checkOfflinePayload(qrText, await trusted(signers));
}

/** The largest side an image is read at (an A4 page at 300 dpi fits). */
const MAX_SIDE = 3600;
/**
 * jsQR misses a code at some sizes and finds it at others (measured on rendered certificate pages:
 * each of 200 and 300 dpi fails at one of these scales and succeeds at another), so a picture is
 * read at up to three.
 */
export const PICTURE_SCALES = [1, 0.75, 0.5];

function readAt(source: CanvasImageSource, width: number, height: number, scale: number): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** The text of the first QR code in the image, or null; a camera frame is read once, a picture at several scales. */
export function readQrFromImage(source: CanvasImageSource, width: number, height: number, scales: readonly number[] = [1]): string | null {
  const fit = Math.min(1, MAX_SIDE / Math.max(width, height));
  for (const scale of scales) {
    const text = readAt(source, width, height, fit * scale);
    if (text) return text;
  }
  return null;
}

export async function readQrFromFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return readQrFromImage(bitmap, bitmap.width, bitmap.height, PICTURE_SCALES);
  } finally {
    bitmap.close();
  }
}

export type OnlineCheck =
  | { state: 'agrees'; status: PublicStatus }
  | { state: 'disagrees'; status: PublicStatus | 'unknown'; reasons: string[] }
  | { state: 'offline' };

/**
 * Does the register still say what the QR says: the same record (record hash, holder, dates) and
 * the status valid? A revoked, suspended, expired or superseded record disagrees, with its status.
 */
export function compareWithRecord(claims: OfflineClaims, record: PublicRecord): OnlineCheck {
  const reasons: string[] = [];
  const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000) * 1000;
  if (!record.recordSha256?.startsWith(claims.recordHash)) reasons.push('recordHash');
  if (record.holder?.name !== claims.holder.name || record.holder?.nationalId !== claims.holder.nationalId) reasons.push('holder');
  if (seconds(record.issuedAt) !== claims.issuedAt.getTime() || seconds(record.expiresAt) !== claims.expiresAt.getTime()) reasons.push('dates');
  if (record.status !== 'valid') reasons.push('status');
  return reasons.length ? { state: 'disagrees', status: record.status, reasons } : { state: 'agrees', status: record.status };
}

export async function checkOnline(claims: OfflineClaims, signal?: AbortSignal): Promise<OnlineCheck> {
  try {
    return compareWithRecord(claims, await api<PublicRecord>(`/api/public/certificates/${encodeURIComponent(claims.number)}`, { signal }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { state: 'disagrees', status: 'unknown', reasons: ['unknown'] };
    if (err instanceof ApiError && err.status === 0) return { state: 'offline' };
    throw err;
  }
}
