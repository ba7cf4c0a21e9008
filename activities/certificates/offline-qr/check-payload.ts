/**
 * Verifies a QR code's signed payload against trusted signer certificates, without network. Pure
 * (WebCrypto): the verify page runs this very code in the browser; index.ts wraps it for Node.
 * Never throws, whatever the text.
 */
import { importVerifyKey, kidOf, verifyRs256 } from './certificate-key';
import { ALG_RS256, decodeClaims, OfflineClaims, parseCoseSign1, PayloadError } from './payload';
import { splitQrText } from './qr-text';

/** A signer certificate the verifier trusts, with the family its certificatePolicies name. */
export interface SignerCertificate {
  der: Uint8Array;
  /** Its SubjectPublicKeyInfo (DER). */
  spki: Uint8Array;
  subject: string;
  /** The family code its policy OID names, or null (a CA, or no family). */
  family: string | null;
  notBefore: Date;
  notAfter: Date;
}

export interface TrustedSigner extends Omit<SignerCertificate, 'der' | 'spki'> {
  kid: string;
  key: CryptoKey;
}

export async function trustSigner(certificate: SignerCertificate): Promise<TrustedSigner> {
  const { der, spki, ...rest } = certificate;
  return { ...rest, kid: await kidOf(der), key: await importVerifyKey(spki) };
}

export type OfflineProblemCode =
  | 'not-a-payload' // no payload, not base32, too long, characters a QR of ours never has
  | 'malformed' // not the COSE_Sign1 and claims described in payload.ts
  | 'unsupported-algorithm'
  | 'unknown-signer' // no trusted signer has this kid
  | 'bad-signature'
  | 'hostile-text' // signed, but text that could mislead a reader (bidi controls, control characters)
  | 'wrong-family' // the signer does not sign for this certificate's family
  | 'signer-not-valid' // the certificate is dated after its signer certificate expired
  | 'link-mismatch'; // the link beside the payload is not this certificate's at this issuer

export interface OfflineReading {
  /** The signature verifies with a trusted signer of the certificate's family, and everything agrees. */
  valid: boolean;
  /** Only once the signature has verified; null otherwise (unverified text is never shown). */
  claims: OfflineClaims | null;
  signer: { kid: string; subject: string; family: string | null } | null;
  problem: { code: OfflineProblemCode; detail: string } | null;
  /** The link beside the payload (not signed: checked against the signed issuer and number). */
  link: string | null;
  /** The certificate's validity has ended (at `now`); it may still have been valid once. */
  expired: boolean;
}

const failed = (code: OfflineProblemCode, detail: string, rest: Partial<OfflineReading> = {}): OfflineReading => ({
  valid: false, claims: null, signer: null, link: null, expired: false, ...rest, problem: { code, detail },
});

/** Does the link name this certificate at this issuer: <issuer>/…/<number>, no query? */
function linkMatches(link: string, claims: OfflineClaims): boolean {
  try {
    const url = new URL(link);
    return url.origin === claims.issuer && url.pathname.endsWith(`/${claims.number}`) && !url.search;
  } catch {
    return false;
  }
}

export async function checkOfflinePayload(qrText: unknown, signers: readonly TrustedSigner[], now: Date = new Date()): Promise<OfflineReading> {
  try {
    const split = splitQrText(qrText);
    if (!split.ok) return failed('not-a-payload', split.detail);
    const { link } = split;
    const cose = parseCoseSign1(split.cose);
    if (cose.alg !== ALG_RS256) return failed('unsupported-algorithm', `algorithm ${cose.alg ?? 'none'} is not RS256 (${ALG_RS256})`, { link });
    const trusted = cose.kid === null ? undefined : signers.find((s) => s.kid === cose.kid);
    if (!trusted) return failed('unknown-signer', `no trusted signer certificate has the key id ${cose.kid ?? '(none)'}`, { link });
    const signer = { kid: trusted.kid, subject: trusted.subject, family: trusted.family };
    if (!(await verifyRs256(trusted.key, cose.toBeSigned, cose.signature))) return failed('bad-signature', 'the signature does not verify with the signer certificate', { link, signer });
    const claims = decodeClaims(cose.payload);
    const reading = { claims, signer, link, expired: now >= claims.expiresAt };
    if (trusted.family !== claims.familyCode) return failed('wrong-family', `the signer signs for ${trusted.family ?? 'no family'}, the certificate is of family ${claims.familyCode}`, reading);
    // The payload has no trusted signing time, and a retry may sign a certificate minted just before
    // its signer was made; but a signer that had expired by the issue date cannot have signed it.
    if (claims.issuedAt > trusted.notAfter) return failed('signer-not-valid', 'the certificate is dated after its signer certificate expired', reading);
    if (link !== null && !linkMatches(link, claims)) return failed('link-mismatch', `the link ${JSON.stringify(link)} is not this certificate's at ${claims.issuer}: do not follow it`, reading);
    return { valid: true, problem: null, ...reading };
  } catch (err) {
    if (err instanceof PayloadError) return failed(err.code, err.message);
    return failed('malformed', err instanceof Error ? err.message : 'unreadable payload');
  }
}
