/**
 * The certificate family a document signer may sign for, named by a policy OID in its
 * certificatePolicies: issued by pki.ts, read back by verify-pdf.ts (a TA number signed by the
 * SA signer is not a valid certificate).
 */
import { X509Certificate } from 'node:crypto';
import { children, decodeOid, readTlv, TAG, valueOf } from './der-reader';
import { X509_OID } from './x509-issue';

/**
 * The private OID arc of the certificate policies. 1.3.6.1.4.1.32473 is the enterprise number IANA
 * reserves for documentation (RFC 5612): a PLACEHOLDER for the regulator's own registered arc.
 */
export const POLICY_ARC = '1.3.6.1.4.1.32473.1';

const FAMILY_CODE = /^[A-Z]{2,4}$/;
const BASE = 27;

export function assertFamilyCode(code: string): void {
  if (!FAMILY_CODE.test(code)) throw new RangeError(`a certificate family code is 2-4 uppercase letters, not ${JSON.stringify(code)}`);
}

/**
 * The certificatePolicies OID of a family's document signer: POLICY_ARC.<n>, where n is the family
 * code read as a number in base 27 with A=1 … Z=26 (TA → 20·27 + 1 = 541, CLD → 2515). Stable and
 * distinct for every 2-4 letter code, so a new family needs no registry entry; a real regulator
 * would assign the arcs in its certificate policy instead.
 */
export function familyPolicyOid(familyCode: string): string {
  assertFamilyCode(familyCode);
  let n = 0;
  for (const ch of familyCode) n = n * BASE + (ch.charCodeAt(0) - 64);
  return `${POLICY_ARC}.${n}`;
}

/** The family code a policy OID names (the inverse of familyPolicyOid), or null for any other OID. */
export function familyOfPolicyOid(oid: string): string | null {
  const arc = /^(\d{1,7})$/.exec(oid.startsWith(`${POLICY_ARC}.`) ? oid.slice(POLICY_ARC.length + 1) : '');
  if (!arc) return null;
  let code = '';
  for (let n = Number(arc[1]); n > 0; n = Math.floor(n / BASE)) {
    const digit = n % BASE;
    if (digit === 0) return null; // no letter is 0: not a number familyPolicyOid makes
    code = String.fromCharCode(64 + digit) + code;
  }
  return FAMILY_CODE.test(code) ? code : null;
}

/** Policy OIDs in a certificate's certificatePolicies extension (node:crypto does not expose them). */
export function certificatePolicyOids(certificate: string | X509Certificate): string[] {
  const der = (typeof certificate === 'string' ? new X509Certificate(certificate) : certificate).raw;
  const tbs = children(der, readTlv(der, 0))[0];
  const extensionsField = children(der, tbs).find((f) => f.tag === TAG.context(3));
  if (!extensionsField) return [];
  for (const extension of children(der, children(der, extensionsField)[0])) {
    const [id, ...rest] = children(der, extension);
    if (decodeOid(valueOf(der, id)) !== X509_OID.certificatePolicies) continue;
    const value = rest[rest.length - 1]; // after the optional critical flag: OCTET STRING holding the SEQUENCE OF PolicyInformation
    const policies = readTlv(der, value.contentStart, value.end);
    return children(der, policies).map((info) => decodeOid(valueOf(der, children(der, info)[0])));
  }
  return [];
}

/** The families a signer certificate's policies name. */
export function signerFamilies(certificate: X509Certificate): string[] {
  return certificatePolicyOids(certificate).map(familyOfPolicyOid).filter((code): code is string => code !== null);
}
