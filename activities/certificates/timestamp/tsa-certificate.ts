/** What a certificate must be to sign time-stamps: extendedKeyUsage id-kp-timeStamping alone, critical (RFC 3161 §2.3). */
import { X509Certificate } from 'node:crypto';
import { children, decodeOid, readTlv, TAG, valueOf } from '../der-reader';
import { X509_OID } from '../x509-issue';

const EXTENDED_KEY_USAGE = '2.5.29.37';

/** The extendedKeyUsage purposes of a certificate and whether the extension is critical; null without one. */
export function extendedKeyUsageOf(cert: X509Certificate): { purposes: string[]; critical: boolean } | null {
  const der = cert.raw;
  const tbs = children(der, readTlv(der, 0))[0];
  const extensionsField = children(der, tbs).find((f) => f.tag === TAG.context(3));
  if (!extensionsField) return null;
  for (const extension of children(der, children(der, extensionsField)[0])) {
    const [id, ...rest] = children(der, extension);
    if (decodeOid(valueOf(der, id)) !== EXTENDED_KEY_USAGE) continue;
    const critical = rest.length === 2 && rest[0].tag === 0x01 && der[rest[0].contentStart] !== 0;
    const value = rest[rest.length - 1];
    const purposes = children(der, readTlv(der, value.contentStart, value.end)).map((p) => decodeOid(valueOf(der, p)));
    return { purposes, critical };
  }
  return null;
}

/** Why `cert` may not sign time-stamps, or null when it may. */
export function timeStampingProblem(cert: X509Certificate): string | null {
  const eku = extendedKeyUsageOf(cert);
  if (!eku || eku.purposes.length !== 1 || eku.purposes[0] !== X509_OID.timeStamping) return 'the TSA certificate\'s extendedKeyUsage is not timeStamping alone';
  if (!eku.critical) return 'the TSA certificate\'s extendedKeyUsage is not critical';
  if (cert.ca) return 'the TSA certificate is a CA certificate';
  return null;
}
