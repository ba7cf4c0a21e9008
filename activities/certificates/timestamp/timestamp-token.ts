/**
 * Reads and checks an RFC 3161 time-stamp token (CMS SignedData over TSTInfo). Never throws: a
 * token that does not hold gives valid false and the reason. Checked: the content type, the
 * imprint against what was stamped, the messageDigest and the signature over the signed
 * attributes, the ESS signing-certificate-v2 naming the TSA certificate (RFC 5816), that
 * certificate's extendedKeyUsage (timeStamping alone, critical) and its chain to the given roots
 * at the time-stamp's own time.
 */
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { DIGEST_BY_OID, OID, SIGNATURE_OIDS } from '../cms-oids';
import { parseSignedData, ParsedSignedData } from '../cms-parse';
import { essMatches, findSignerCertificate } from '../cms-signer';
import { children, decodeOid, readTlv, TAG, valueOf } from '../der-reader';
import { checkChain } from '../trust-chain';
import { MessageImprint, readMessageImprint } from './timestamp-request';
import { timeStampingProblem } from './tsa-certificate';
import { TSP_OID } from './tsp-oids';

export interface TstInfo {
  policy: string;
  imprint: MessageImprint;
  /** serialNumber INTEGER content bytes. */
  serial: Buffer;
  genTime: Date;
  /** nonce INTEGER content bytes, when the request had one. */
  nonce: Buffer | null;
}

export interface TimeStampCheck {
  valid: boolean;
  /** genTime, once the token could be read (even when it does not hold). */
  time: Date | null;
  /** The TSA certificate's subject, once found. */
  tsaSubject: string | null;
  tstInfo?: TstInfo;
  problem?: string;
}

/** What the token is expected to stamp: the data itself (hashed with the token's algorithm) or an imprint. */
export type Stamped = { data: Buffer } | { imprint: MessageImprint };

export interface TimeStampTrust {
  rootCertPems: string[];
  /** Certificates to look for the TSA and its issuers in besides the token's own (a token made without certReq). */
  extraCertPems?: string[];
}

/** GeneralizedTime "YYYYMMDDhhmmss[.f+]Z" (DER: UTC, no trailing zeros). */
function readGeneralizedTime(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!m) throw new Error(`genTime ${JSON.stringify(text)} is not a UTC GeneralizedTime`);
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms));
}

export function parseTstInfo(der: Buffer): TstInfo {
  const fields = children(der, readTlv(der, 0));
  const [version, policy, imprintTlv, serial, genTime] = fields;
  if (version?.tag !== TAG.INTEGER || !valueOf(der, version).equals(Buffer.from([1]))) throw new Error('TSTInfo is not version 1');
  if (policy?.tag !== TAG.OID) throw new Error('TSTInfo has no policy');
  const imprint = readMessageImprint(der, imprintTlv);
  if ('failure' in imprint) throw new Error(`TSTInfo messageImprint: ${imprint.problem}`);
  if (serial?.tag !== TAG.INTEGER) throw new Error('TSTInfo has no serialNumber');
  if (genTime?.tag !== 0x18) throw new Error('TSTInfo has no genTime');
  // after genTime: accuracy (SEQUENCE), ordering (BOOLEAN), nonce (INTEGER), tsa [0], extensions [1]
  const nonce = fields.slice(5).find((f) => f.tag === TAG.INTEGER);
  return {
    policy: decodeOid(valueOf(der, policy)),
    imprint,
    serial: Buffer.from(valueOf(der, serial)),
    genTime: readGeneralizedTime(valueOf(der, genTime).toString('latin1')),
    nonce: nonce ? Buffer.from(valueOf(der, nonce)) : null,
  };
}

function imprintMatches(imprint: MessageImprint, stamped: Stamped): boolean {
  if ('imprint' in stamped) return stamped.imprint.hash === imprint.hash && stamped.imprint.hashedMessage.equals(imprint.hashedMessage);
  return createHash(imprint.hash).update(stamped.data).digest().equals(imprint.hashedMessage);
}

function checkToken(token: Buffer, stamped: Stamped, trust: TimeStampTrust): TimeStampCheck {
  const cms: ParsedSignedData = parseSignedData(token);
  if (cms.contentType !== TSP_OID.tstInfo || !cms.content) return { valid: false, time: null, tsaSubject: null, problem: 'the token does not hold a TSTInfo' };
  const tstInfo = parseTstInfo(cms.content);
  const read = { time: tstInfo.genTime, tstInfo };
  const extra = (trust.extraCertPems ?? []).map((pem) => new X509Certificate(pem));
  const tsa = findSignerCertificate(cms, extra.map((c) => c.raw));
  if (!tsa) return { valid: false, ...read, tsaSubject: null, problem: 'the TSA certificate is neither in the token nor known' };
  const tsaSubject = tsa.subject.replace(/\n/g, ', ');
  const fail = (problem: string): TimeStampCheck => ({ valid: false, ...read, tsaSubject, problem });

  if (!imprintMatches(tstInfo.imprint, stamped)) return fail('the time-stamp is of other data: its imprint does not match');
  const { signerInfo } = cms;
  const digestName = DIGEST_BY_OID[signerInfo.digestOid];
  if (!digestName || !SIGNATURE_OIDS.has(signerInfo.signatureOid)) return fail('the token uses an unsupported algorithm');
  const contentType = signerInfo.attributes.get(OID.contentType);
  if (contentType?.length !== 1 || decodeOid(valueOf(contentType[0], readTlv(contentType[0], 0))) !== TSP_OID.tstInfo) return fail('the token\'s contentType attribute is not id-ct-TSTInfo');
  const messageDigest = signerInfo.attributes.get(OID.messageDigest);
  if (messageDigest?.length !== 1 || !valueOf(messageDigest[0], readTlv(messageDigest[0], 0)).equals(createHash(digestName).update(cms.content).digest())) {
    return fail('the token\'s messageDigest does not match its TSTInfo');
  }
  if (!verifySignature(digestName, signerInfo.signedAttributesDer, tsa.publicKey, signerInfo.signature)) return fail('the token\'s signature does not verify with the TSA certificate');
  if (!signerInfo.attributes.has(OID.signingCertificateV2) || !essMatches(cms, tsa)) return fail('the token\'s signing-certificate-v2 attribute does not name the TSA certificate');
  const unfit = timeStampingProblem(tsa);
  if (unfit) return fail(unfit);
  const intermediates = [...cms.certificates.map((der) => new X509Certificate(der)), ...extra];
  const chain = checkChain(tsa, intermediates, trust.rootCertPems.map((pem) => new X509Certificate(pem)), tstInfo.genTime);
  if (!chain.trusted) return fail(`the TSA certificate is not trusted: ${chain.problem}`);
  return { valid: true, ...read, tsaSubject };
}

export function verifyTimeStampToken(token: Buffer, stamped: Stamped, trust: TimeStampTrust): TimeStampCheck {
  try {
    return checkToken(token, stamped, trust);
  } catch (err) {
    return { valid: false, time: null, tsaSubject: null, problem: `unreadable time-stamp token: ${(err as Error).message}` };
  }
}
