/**
 * Does a signer certificate chain up to one of the trusted roots? Signatures are checked with
 * node:crypto (checkIssued for names and key identifiers, verify for the signature), every
 * certificate must be within its validity period at `at`, and every issuer but the trust
 * anchor must be a CA. Path-length and key-usage constraints are not evaluated.
 */
import { X509Certificate } from 'node:crypto';

export interface ChainResult {
  trusted: boolean;
  problem?: string;
}

const MAX_DEPTH = 8;

function name(cert: X509Certificate): string {
  return cert.subject.replace(/\n/g, ', ');
}

function validAt(cert: X509Certificate, at: Date): boolean {
  return Date.parse(cert.validFrom) <= at.getTime() && at.getTime() <= Date.parse(cert.validTo);
}

const issuedBy = (child: X509Certificate, issuer: X509Certificate): boolean =>
  child.checkIssued(issuer) && child.verify(issuer.publicKey);

export function checkChain(signer: X509Certificate, intermediates: X509Certificate[], roots: X509Certificate[], at: Date): ChainResult {
  let current = signer;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (!validAt(current, at)) return { trusted: false, problem: `certificate ${name(current)} is not valid at ${at.toISOString()}` };
    if (roots.some((root) => root.fingerprint256 === current.fingerprint256)) return { trusted: true };
    const root = roots.find((candidate) => issuedBy(current, candidate));
    if (root) {
      return validAt(root, at) ? { trusted: true } : { trusted: false, problem: `root ${name(root)} is not valid at ${at.toISOString()}` };
    }
    const next = intermediates.find((candidate) => candidate.ca && candidate.fingerprint256 !== current.fingerprint256 && issuedBy(current, candidate));
    if (!next) return { trusted: false, problem: `no trusted issuer found for ${name(current)}` };
    current = next;
  }
  return { trusted: false, problem: 'certificate chain is too long' };
}
