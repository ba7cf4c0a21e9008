/**
 * Where revocation data and CA certificates are published (portal/server/routes/public/pki.ts),
 * as named in the certificates at issue time: URLs from the public base URL (PUBLIC_BASE_URL).
 */
import type { RevocationPointers } from '../x509-issue';

export const PKI_PUBLIC_PATH = '/api/public/pki';

const trimmed = (base: string): string => base.replace(/\/+$/, '');

/** Pointers in an issuing CA's certificate: the root's CRL and the root's certificate. */
export function issuingCaPointers(publicBaseUrl: string): RevocationPointers {
  const at = `${trimmed(publicBaseUrl)}${PKI_PUBLIC_PATH}`;
  return { crl: `${at}/crl/root.crl`, caIssuers: `${at}/certs/root.crt` };
}

/** Pointers in an end-entity certificate under issuing CA `issuingId`: its CRL, the OCSP responder, its certificate. */
export function endEntityPointers(publicBaseUrl: string, issuingId: string): RevocationPointers {
  const at = `${trimmed(publicBaseUrl)}${PKI_PUBLIC_PATH}`;
  return { crl: `${at}/crl/${issuingId}.crl`, ocsp: `${at}/ocsp`, caIssuers: `${at}/certs/${issuingId}.crt` };
}

/**
 * Pointers in a time-stamping authority's certificate under issuing CA `issuingId`: its CRL and its
 * certificate. No OCSP responder: answers are produced for document signers only, and the CA's CRL
 * covers the TSA.
 */
export function timeStampAuthorityPointers(publicBaseUrl: string, issuingId: string): RevocationPointers {
  const { crl, caIssuers } = endEntityPointers(publicBaseUrl, issuingId);
  return { crl, caIssuers };
}
