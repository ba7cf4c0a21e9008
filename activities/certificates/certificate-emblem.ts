/**
 * The emblem printed at the top of every certificate: an image file an administrator replaces
 * (definitions/certificate-templates/emblem.png by default), not a drawing in code. PNG or JPEG;
 * a PNG with an alpha channel is best avoided (PDF/A allows its soft mask, but a flat image on
 * white prints the same everywhere).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_TEMPLATE_DIR } from './certificate-template';

export const DEFAULT_EMBLEM_FILE = path.join(DEFAULT_TEMPLATE_DIR, 'emblem.png');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

export interface CertificateEmblem {
  file: string;
  image: Buffer;
}

/** The emblem's bytes; throws, naming the file, when it is missing, unreadable or not a PNG/JPEG. */
export function loadCertificateEmblem(file: string = DEFAULT_EMBLEM_FILE): CertificateEmblem {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new Error(`certificate emblem ${file} cannot be read: ${(err as Error).message}`);
  }
  const isPng = bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE);
  const isJpeg = bytes.subarray(0, JPEG_SIGNATURE.length).equals(JPEG_SIGNATURE);
  if (!isPng && !isJpeg) throw new Error(`certificate emblem ${file} is not a PNG or JPEG image`);
  return { file, image: bytes };
}
