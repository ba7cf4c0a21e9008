import { createHash } from 'node:crypto';

/** sha256 (hex) of the definition exactly as deployed (UTF-8); identifies a definition version. */
export function definitionHash(xml: string): string {
  return createHash('sha256').update(xml, 'utf8').digest('hex');
}
