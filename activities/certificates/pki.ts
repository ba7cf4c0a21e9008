/**
 * The PKI behind certificate signatures: a root CA, one current issuing CA, and under it one
 * document-signing certificate per certificate family, all on disk with their keys encrypted
 * (key-encryption.ts). The root's key is not in the folder: it signs issuing CAs and nothing else,
 * so it is kept offline and brought in only for that (rotateIssuingCa's rootKeyFile).
 *
 *   <dir>/root-ca.crt.pem                            the root certificate (root-ca.key.pem beside it: the older, online layout)
 *   <dir>/current                                    the id of the issuing CA that signs now (e.g. "g2")
 *   <dir>/issuing/<id>/issuing-ca.crt.pem, .key.pem   one issuing CA generation; never changed once made
 *   <dir>/issuing/<id>/signers/<FAMILY>/signer.crt.pem, signer.key.pem
 *                                                    the family's document signer under that issuing CA
 *   <dir>/issuing/<id>/tsa/tsa.crt.pem, tsa.key.pem   the time-stamping authority under that issuing CA
 *
 * Every generation stays in issuing/ after a rotation (that folder is the archive): PDFs signed
 * under an earlier issuing CA embed its certificate and still chain to the root, and the CA list
 * published at /api/public/ca names them all. Whatever is created is written under a temporary name
 * and renamed into place, so a crash never leaves half a generation and the switch of `current` is
 * atomic. A folder from before generations (root-ca.* and issuing-ca.* side by side, the issuing CA
 * signing PDFs itself) is adopted as generation g1 on first load.
 *
 * Two loaders: ensureDemoPki (the worker, set-up, the pki command) decrypts keys and may write;
 * loadPkiCertificates (the API) reads certificates only, needs no passphrase and never writes.
 */
import { generateKeyPairSync, KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { assertFamilyCode, certificatePolicyOids, familyPolicyOid } from './family-policy';
import { decryptPrivateKey, describeProtection, encryptPrivateKey, isStrongEnough, keyProtectionOf, PBKDF2_ITERATIONS } from './key-encryption';
import { certificateFields } from './revocation/der-parts';
import { readRevocations, refuseIfRevoked } from './revocation/revocations';
import { readRootCrl, RootCrlSummary, writeRootCrl } from './revocation/root-crl';
import { endEntityPointers, issuingCaPointers, timeStampAuthorityPointers } from './revocation/urls';
import { issueCertificate, X509_OID } from './x509-issue';
import { TSA_POLICY_OID } from './timestamp/tsp-oids';

export { certificatePolicyOids, familyPolicyOid, POLICY_ARC } from './family-policy';

export interface PdfSigner {
  key: KeyObject;
  certPem: string;
  /** Certificates above the signer, nearest first, up to and including the root (all embedded in the CMS). */
  chainPems: string[];
}

/** The public half of the PKI: what the API publishes and verifies with. */
export interface PkiCertificates {
  rootCertPem: string;
  /** The id (folder name under issuing/) of the current issuing CA. */
  currentIssuingId: string;
  /** The current issuing CA's certificate. */
  issuingCertPem: string;
  /** Every issuing CA in the folder, current first, then newest first: what earlier PDFs chain through. */
  issuingCertPems: string[];
  /** The time-stamping authorities' certificates found (one per issuing CA that has made one), current first: to verify time-stamp tokens. */
  timeStampAuthorityCertPems: string[];
}

/** The PKI as the worker holds it: the certificates, and the signing keys decrypted in memory. */
export interface Pki extends PkiCertificates {
  /** Keys this load re-encrypted at the current strength (folder-relative paths), for the start-up log. */
  reencryptedKeys: string[];
  /** Set when this call created the PKI: where the new root key was put, outside the PKI folder. */
  offlineRootKeyFile?: string;
  /**
   * The document signer of a certificate family (its code, e.g. "TA") under the current issuing
   * CA, created on first use: keyUsage digitalSignature + nonRepudiation, the family's policy OID.
   */
  signerFor(familyCode: string): Promise<PdfSigner>;
  /**
   * The RFC 3161 time-stamping authority under the current issuing CA, created on first use: not a
   * CA, keyUsage digitalSignature + nonRepudiation, extendedKeyUsage timeStamping only and critical.
   */
  timeStampAuthority(): Promise<PdfSigner>;
}

export interface PkiOptions {
  /**
   * Where a newly created root key goes (never the PKI folder): default offline-root/ beside it.
   * A real installation then moves it to removable media.
   */
  offlineRootDir?: string;
  /**
   * TESTS ONLY: PBKDF2 iterations for keys this call writes, and the least it accepts without
   * re-encrypting, so suites that make many PKIs stay fast. The product never sets it (600,000).
   */
  testOnlyKeyIterations?: number;
  /**
   * The public base URL (PUBLIC_BASE_URL) that certificates issued by this call name for their CRL,
   * OCSP responder and issuer certificate (revocation/urls.ts). Without it they name none.
   */
  publicBaseUrl?: string;
}

export const ROOT_CA_NAME = 'ITO Demo Root CA';
export const ISSUING_CA_NAME = 'ITO Demo Issuing CA';

/** extendedKeyUsage of document signers: RFC 9336 documentSigning, plus emailProtection, without which pdfsig (NSS) and openssl cms -verify refuse the signer. */
export const SIGNER_EXTENDED_KEY_USAGE = [X509_OID.emailProtection, X509_OID.documentSigning];

const ROOT_CERT = 'root-ca.crt.pem';
const ROOT_KEY = 'root-ca.key.pem';
const CURRENT = 'current';
const ISSUING_DIR = 'issuing';
const ISSUING_CERT = 'issuing-ca.crt.pem';
const ISSUING_KEY = 'issuing-ca.key.pem';
const SIGNERS_DIR = 'signers';
const SIGNER_CERT = 'signer.crt.pem';
const SIGNER_KEY = 'signer.key.pem';
const TSA_DIR = 'tsa';
const TSA_CERT = 'tsa.crt.pem';
const TSA_KEY = 'tsa.key.pem';

/** File names of the layout above, for the revocation publisher (revocation/publish.ts). */
export const PKI_LAYOUT = { ROOT_CERT, CURRENT, ISSUING_DIR, ISSUING_CERT, ISSUING_KEY, SIGNERS_DIR, SIGNER_CERT, SIGNER_KEY } as const;

const ROOT_YEARS = 20;
const ISSUING_YEARS = 5;

export const isGenerationId = (name: string): boolean => /^g[1-9][0-9]*$/.test(name);
const generationNumber = (id: string): number => Number(id.slice(1));

const rsaKeyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });

/** How keys are encrypted: the product's strength unless a test asked for less. */
interface KeyWriting {
  passphrase: string;
  iterations: number;
}

const keyWriting = (passphrase: string, options: PkiOptions): KeyWriting => ({ passphrase, iterations: options.testOnlyKeyIterations ?? PBKDF2_ITERATIONS });

const encryptedPem = (key: KeyObject, writing: KeyWriting): string => encryptPrivateKey(key, writing.passphrase, writing.iterations);

/** The folder a newly made root key is put in: offline-root/ beside the PKI folder. */
export const defaultOfflineRootDir = (pkiDir: string): string => path.join(path.dirname(path.resolve(pkiDir)), 'offline-root');

const OFFLINE_ROOT_README = `THIS FOLDER HOLDS THE PRIVATE KEY OF THE ROOT CA.

The demo set-up leaves it here, outside the PKI folder, for convenience. A REAL INSTALLATION KEEPS
IT ON REMOVABLE MEDIA (or in an HSM) in a safe, never on the server, and brings it out only to sign
a new issuing CA:

    npm run pki -- issue-ca --root-key <this folder>/root-ca-<fingerprint>.key.pem

The key is encrypted with the PKI passphrase. root-ca-<fingerprint>.crt.pem is its certificate
(the one in the PKI folder); <fingerprint> is the start of its SHA-256 fingerprint.
See activities/certificates/README.md, "The root key ceremony".
`;

async function readIfPresent(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function exists(file: string): Promise<boolean> {
  return (await readIfPresent(file).catch(() => '')) !== null;
}

const isTakenError = (err: unknown): boolean => ['EEXIST', 'ENOTEMPTY'].includes((err as NodeJS.ErrnoException).code ?? '');

/**
 * Writes `files` into a fresh temporary folder beside `target` and renames it to `target`.
 * Returns false when `target` already exists (someone else won); an empty `target` folder is replaced.
 */
export async function createFolderAtomically(target: string, files: Record<string, string>): Promise<boolean> {
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
  await fs.mkdir(temp, { mode: 0o700 });
  try {
    for (const [name, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(temp, name)), { recursive: true, mode: 0o700 });
      await fs.writeFile(path.join(temp, name), content, { mode: name.endsWith('.key.pem') ? 0o600 : 0o644 });
    }
    await fs.rename(temp, target);
    return true;
  } catch (err) {
    await fs.rm(temp, { recursive: true, force: true });
    if (isTakenError(err)) return false;
    throw err;
  }
}

export async function replaceFile(file: string, content: string | Buffer, mode = 0o644): Promise<void> {
  const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  await fs.writeFile(temp, content, { mode });
  await fs.rename(temp, file);
}

function issueRoot(): { certPem: string; key: KeyObject } {
  const root = rsaKeyPair();
  const certPem = issueCertificate({
    commonName: ROOT_CA_NAME,
    publicKey: root.publicKey,
    selfSigningKey: root.privateKey,
    validityYears: ROOT_YEARS,
    ca: { pathLen: 1 },
    keyUsage: { keyCertSign: true, cRLSign: true },
  });
  return { certPem, key: root.privateKey };
}

/** The only use of the root key: an issuing CA (CA, pathLen 0, no document-signing key usage). */
function issueIssuingCa(root: { certPem: string; key: KeyObject }, id: string, publicBaseUrl?: string): { certPem: string; key: KeyObject } {
  const issuing = rsaKeyPair();
  const certPem = issueCertificate({
    commonName: `${ISSUING_CA_NAME} ${id.toUpperCase()}`,
    publicKey: issuing.publicKey,
    issuer: { certPem: root.certPem, key: root.key },
    validityYears: ISSUING_YEARS,
    notAfter: new Date(new X509Certificate(root.certPem).validTo),
    ca: { pathLen: 0 },
    keyUsage: { keyCertSign: true, cRLSign: true },
    policies: [X509_OID.anyPolicy],
    revocationPointers: publicBaseUrl ? issuingCaPointers(publicBaseUrl) : undefined,
  });
  return { certPem, key: issuing.privateKey };
}

function issueSigner(issuing: { certPem: string; key: KeyObject }, id: string, familyCode: string, publicBaseUrl?: string): { certPem: string; key: KeyObject } {
  const signer = rsaKeyPair();
  const certPem = issueCertificate({
    commonName: `ITO Demo Certificate Signer ${familyCode} (${id.toUpperCase()})`,
    publicKey: signer.publicKey,
    issuer: issuing,
    validityYears: ISSUING_YEARS,
    // never outlive the issuing CA: verifiers would stop trusting the chain then anyway
    notAfter: new Date(new X509Certificate(issuing.certPem).validTo),
    ca: false,
    keyUsage: { digitalSignature: true, nonRepudiation: true },
    extendedKeyUsage: SIGNER_EXTENDED_KEY_USAGE,
    policies: [familyPolicyOid(familyCode)],
    revocationPointers: publicBaseUrl ? endEntityPointers(publicBaseUrl, id) : undefined,
  });
  return { certPem, key: signer.privateKey };
}

/**
 * RFC 3161 §2.3: the TSA's certificate has extendedKeyUsage timeStamping alone, marked critical. It
 * names its CA's CRL, so a validator fetching online can judge a signature time-stamp of a B-T file.
 */
function issueTimeStampAuthority(issuing: { certPem: string; key: KeyObject }, id: string, publicBaseUrl?: string): { certPem: string; key: KeyObject } {
  const tsa = rsaKeyPair();
  const certPem = issueCertificate({
    commonName: `ITO Demo Time-Stamping Authority (${id.toUpperCase()})`,
    publicKey: tsa.publicKey,
    issuer: issuing,
    validityYears: ISSUING_YEARS,
    notAfter: new Date(new X509Certificate(issuing.certPem).validTo),
    ca: false,
    keyUsage: { digitalSignature: true, nonRepudiation: true },
    extendedKeyUsage: [X509_OID.timeStamping],
    extendedKeyUsageCritical: true,
    policies: [TSA_POLICY_OID],
    revocationPointers: publicBaseUrl ? timeStampAuthorityPointers(publicBaseUrl, id) : undefined,
  });
  return { certPem, key: tsa.privateKey };
}

function signerFiles(signer: { certPem: string; key: KeyObject }, writing: KeyWriting): Record<string, string> {
  return { [SIGNER_CERT]: signer.certPem, [SIGNER_KEY]: encryptedPem(signer.key, writing) };
}

function generationFiles(issuing: { certPem: string; key: KeyObject }, id: string, families: string[], writing: KeyWriting, publicBaseUrl?: string): Record<string, string> {
  const files: Record<string, string> = { [ISSUING_CERT]: issuing.certPem, [ISSUING_KEY]: encryptedPem(issuing.key, writing) };
  for (const family of new Set(families)) {
    for (const [name, content] of Object.entries(signerFiles(issueSigner(issuing, id, family, publicBaseUrl), writing))) {
      files[path.join(SIGNERS_DIR, family, name)] = content;
    }
  }
  return files;
}

const issuedBy = (child: X509Certificate, issuer: X509Certificate): boolean => child.checkIssued(issuer) && child.verify(issuer.publicKey);

interface Layout {
  rootCert: string | null;
  rootKey: string | null;
  current: string | null;
  generations: string[];
  legacyCert: string | null;
  legacyKey: string | null;
  others: string[];
}

async function readLayout(dir: string): Promise<Layout | null> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let generations: string[] = [];
  try {
    generations = (await fs.readdir(path.join(dir, ISSUING_DIR))).filter(isGenerationId);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const known = new Set([ROOT_CERT, ROOT_KEY, CURRENT, ISSUING_DIR, ISSUING_CERT, ISSUING_KEY]);
  const read = (name: string) => readIfPresent(path.join(dir, name));
  return {
    rootCert: await read(ROOT_CERT),
    rootKey: await read(ROOT_KEY),
    current: (await read(CURRENT))?.trim() ?? null,
    generations: generations.sort((a, b) => generationNumber(b) - generationNumber(a)),
    legacyCert: await read(ISSUING_CERT),
    legacyKey: await read(ISSUING_KEY),
    others: names.filter((n) => !known.has(n) && !n.includes('.tmp-')),
  };
}

const isEmpty = (l: Layout): boolean =>
  !l.rootCert && !l.rootKey && !l.current && l.generations.length === 0 && !l.legacyCert && !l.legacyKey && l.others.length === 0;

const fingerprintTag = (certPem: string): string => new X509Certificate(certPem).fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase();

/** The files of a root taken offline by the demo set-up: named after the root, so no earlier root's key is ever overwritten. */
export function offlineRootFiles(offlineDir: string, rootCertPem: string): { key: string; cert: string } {
  const tag = fingerprintTag(rootCertPem);
  return { key: path.join(offlineDir, `root-ca-${tag}.key.pem`), cert: path.join(offlineDir, `root-ca-${tag}.crt.pem`) };
}

async function writeOfflineRoot(offlineDir: string, root: { certPem: string; key: KeyObject }, writing: KeyWriting): Promise<{ key: string; cert: string }> {
  await fs.mkdir(offlineDir, { recursive: true, mode: 0o700 });
  const files = offlineRootFiles(offlineDir, root.certPem);
  await fs.writeFile(files.key, encryptedPem(root.key, writing), { mode: 0o600, flag: 'wx' });
  await fs.writeFile(files.cert, root.certPem, { mode: 0o644, flag: 'wx' });
  await fs.writeFile(path.join(offlineDir, 'README.txt'), OFFLINE_ROOT_README, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return files;
}

/** A new PKI: root, g1 and its folder; the root key is put in `offlineDir`, not the PKI folder. Returns that key's file, or undefined when a concurrent creation won. */
async function createFresh(dir: string, writing: KeyWriting, offlineDir: string, publicBaseUrl?: string): Promise<string | undefined> {
  if (path.resolve(offlineDir) === dir || path.resolve(offlineDir).startsWith(dir + path.sep)) throw new Error(`PKI: the root key must not stay in the PKI folder; ${offlineDir} is inside ${dir}`);
  const root = issueRoot();
  const id = 'g1';
  const issuing = issueIssuingCa(root, id, publicBaseUrl);
  const files: Record<string, string> = { [ROOT_CERT]: root.certPem, [CURRENT]: `${id}\n` };
  for (const [name, content] of Object.entries(generationFiles(issuing, id, [], writing, publicBaseUrl))) files[path.join(ISSUING_DIR, id, name)] = content;
  // the root key first: a crash in between leaves the key of a root nobody uses, never a PKI whose root key is lost
  const offline = await writeOfflineRoot(offlineDir, root, writing);
  if (await createFolderAtomically(dir, files)) {
    await writeRootCrl(dir, root); // the root key is at hand only now and at issue-ca ceremonies
    return offline.key;
  }
  await fs.rm(offline.key, { force: true }); // a concurrent creation won: this root is never used
  await fs.rm(offline.cert, { force: true });
  return undefined;
}

/** A folder from before issuing generations: move issuing-ca.* into issuing/g1/ and make it current. */
async function adoptLegacy(dir: string, layout: Layout): Promise<void> {
  await createFolderAtomically(path.join(dir, ISSUING_DIR, 'g1'), { [ISSUING_CERT]: layout.legacyCert!, [ISSUING_KEY]: layout.legacyKey! });
  if (!(await exists(path.join(dir, CURRENT)))) await replaceFile(path.join(dir, CURRENT), 'g1\n');
}

/** Once issuing/g1 holds the legacy issuing CA, the old top-level copies go. */
async function dropLegacyCopies(dir: string, layout: Layout): Promise<void> {
  const g1 = await readIfPresent(path.join(dir, ISSUING_DIR, 'g1', ISSUING_CERT));
  if (g1 === null || g1 !== layout.legacyCert) {
    throw new Error(`PKI in ${dir}: ${ISSUING_CERT} beside ${ISSUING_DIR}/ is not the certificate of ${ISSUING_DIR}/g1; move it away by hand`);
  }
  await fs.rm(path.join(dir, ISSUING_CERT), { force: true });
  await fs.rm(path.join(dir, ISSUING_KEY), { force: true });
}

function incomplete(dir: string, missing: string[]): Error {
  return new Error(`PKI in ${dir} is incomplete (missing ${missing.join(', ')}); restore the missing files or empty the folder`);
}

/** The certificates of a folder in the generations layout, each checked to chain to the root; reads no key. */
async function readCertificates(dir: string, layout: Layout): Promise<PkiCertificates> {
  const current = layout.current;
  const missing = [...(layout.rootCert ? [] : [ROOT_CERT]), ...(current ? [] : [CURRENT])];
  if (missing.length || !current) throw incomplete(dir, missing);
  if (!isGenerationId(current)) throw new Error(`PKI in ${dir}: ${CURRENT} names ${JSON.stringify(current)}, not an issuing CA id like g1`);
  const rootCertPem = layout.rootCert!;
  const root = new X509Certificate(rootCertPem);
  if (!issuedBy(root, root)) throw new Error(`PKI in ${dir}: ${ROOT_CERT} is not a self-signed root`);
  const issuingCertPems: string[] = [];
  const timeStampAuthorityCertPems: string[] = [];
  for (const id of [current, ...layout.generations.filter((g) => g !== current)]) {
    const pem = await readIfPresent(path.join(dir, ISSUING_DIR, id, ISSUING_CERT));
    if (pem === null) throw incomplete(dir, [path.join(ISSUING_DIR, id, ISSUING_CERT)]);
    const cert = new X509Certificate(pem);
    if (!cert.ca || !issuedBy(cert, root)) throw new Error(`PKI in ${dir}: ${ISSUING_DIR}/${id}/${ISSUING_CERT} is not a CA signed by ${ROOT_CERT}`);
    issuingCertPems.push(pem);
    const tsaPem = await readIfPresent(path.join(dir, ISSUING_DIR, id, TSA_DIR, TSA_CERT));
    if (tsaPem !== null && issuedBy(new X509Certificate(tsaPem), cert)) timeStampAuthorityCertPems.push(tsaPem);
  }
  return { rootCertPem, currentIssuingId: current, issuingCertPem: issuingCertPems[0], issuingCertPems, timeStampAuthorityCertPems };
}

/** Every encrypted key file under `dir` (folder-relative), whatever generation or signer it belongs to. */
async function keyFilesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.key.pem'))
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)))
    .filter((name) => !name.includes('.tmp-')) // another process's folder or file still being written
    .sort();
}

/**
 * Keys encrypted more weakly than `writing` asks (those from before 600,000 iterations: OpenSSL's
 * 2,048) are decrypted and written again, each by rename over the old file, so a crash leaves the
 * old or the new file and either decrypts. Returns what was re-encrypted.
 */
async function reencryptWeakKeys(dir: string, writing: KeyWriting): Promise<string[]> {
  const done: string[] = [];
  for (const name of await keyFilesUnder(dir)) {
    const file = path.join(dir, name);
    const pem = await fs.readFile(file, 'utf8');
    if (isStrongEnough(keyProtectionOf(pem), writing.iterations)) continue;
    await replaceFile(file, encryptedPem(decryptPrivateKey(pem, writing.passphrase, name), writing), 0o600);
    done.push(name);
  }
  return done;
}

async function loadPki(dir: string, passphrase: string, options: PkiOptions): Promise<Pki> {
  const writing = keyWriting(passphrase, options);
  let offlineRootKeyFile: string | undefined;
  let layout = await readLayout(dir);
  if (layout === null || isEmpty(layout)) {
    offlineRootKeyFile = await createFresh(dir, writing, options.offlineRootDir ?? defaultOfflineRootDir(dir), options.publicBaseUrl);
    layout = (await readLayout(dir))!;
  }
  const legacy = !layout.current && layout.generations.length === 0;
  if (legacy) {
    const missing = [...(layout.rootCert ? [] : [ROOT_CERT]), ...(layout.legacyCert ? [] : [ISSUING_CERT]), ...(layout.legacyKey ? [] : [ISSUING_KEY])];
    if (missing.length) throw incomplete(dir, missing);
    await adoptLegacy(dir, layout);
    layout = (await readLayout(dir))!;
  }
  if (layout.legacyCert || layout.legacyKey) await dropLegacyCopies(dir, layout);

  const certificates = await readCertificates(dir, layout);
  const { rootCertPem, issuingCertPem, currentIssuingId: current } = certificates;
  const currentDir = path.join(dir, ISSUING_DIR, current);
  const issuingKeyName = path.join(ISSUING_DIR, current, ISSUING_KEY);
  const issuingKeyPem = await readIfPresent(path.join(dir, issuingKeyName));
  if (!issuingKeyPem) throw incomplete(dir, [issuingKeyName]);
  const reencryptedKeys = await reencryptWeakKeys(dir, writing);

  const issuingKey = decryptPrivateKey(reencryptedKeys.includes(issuingKeyName) ? await fs.readFile(path.join(dir, issuingKeyName), 'utf8') : issuingKeyPem, passphrase, issuingKeyName);
  const issuing = new X509Certificate(issuingCertPem);
  if (!issuing.checkPrivateKey(issuingKey)) throw new Error(`PKI in ${dir}: ${issuingKeyName} does not belong to its certificate`);

  const signers = new Map<string, Promise<PdfSigner>>();
  const loadSigner = async (familyCode: string): Promise<PdfSigner> => {
    assertFamilyCode(familyCode);
    const folder = path.join(currentDir, SIGNERS_DIR, familyCode);
    if (!(await exists(path.join(folder, SIGNER_CERT)))) {
      const made = issueSigner({ certPem: issuingCertPem, key: issuingKey }, current, familyCode, options.publicBaseUrl);
      await createFolderAtomically(folder, signerFiles(made, writing)); // false: another process made it first
    }
    const certPem = await readIfPresent(path.join(folder, SIGNER_CERT));
    const keyPem = await readIfPresent(path.join(folder, SIGNER_KEY));
    if (!certPem || !keyPem) throw incomplete(dir, [path.relative(dir, path.join(folder, certPem ? SIGNER_KEY : SIGNER_CERT))]);
    const cert = new X509Certificate(certPem);
    const key = decryptPrivateKey(keyPem, passphrase, path.relative(dir, path.join(folder, SIGNER_KEY)));
    if (!issuedBy(cert, issuing) || !cert.checkPrivateKey(key) || !certificatePolicyOids(certPem).includes(familyPolicyOid(familyCode))) {
      throw new Error(`PKI in ${dir}: ${path.relative(dir, folder)} is not a ${familyCode} signer of issuing CA ${current} with its key`);
    }
    return { key, certPem, chainPems: [issuingCertPem, rootCertPem] };
  };

  const loadTimeStampAuthority = async (): Promise<PdfSigner> => {
    const folder = path.join(currentDir, TSA_DIR);
    if (!(await exists(path.join(folder, TSA_CERT)))) {
      const made = issueTimeStampAuthority({ certPem: issuingCertPem, key: issuingKey }, current, options.publicBaseUrl);
      await createFolderAtomically(folder, { [TSA_CERT]: made.certPem, [TSA_KEY]: encryptedPem(made.key, writing) }); // false: another process made it first
    }
    const certPem = await readIfPresent(path.join(folder, TSA_CERT));
    const keyPem = await readIfPresent(path.join(folder, TSA_KEY));
    if (!certPem || !keyPem) throw incomplete(dir, [path.relative(dir, path.join(folder, certPem ? TSA_KEY : TSA_CERT))]);
    const cert = new X509Certificate(certPem);
    const key = decryptPrivateKey(keyPem, passphrase, path.relative(dir, path.join(folder, TSA_KEY)));
    if (!issuedBy(cert, issuing) || !cert.checkPrivateKey(key)) throw new Error(`PKI in ${dir}: ${path.relative(dir, folder)} is not a time-stamping authority of issuing CA ${current} with its key`);
    return { key, certPem, chainPems: [issuingCertPem, rootCertPem] };
  };
  let timeStampAuthority: Promise<PdfSigner> | undefined;

  return {
    ...certificates,
    reencryptedKeys,
    offlineRootKeyFile,
    async signerFor(familyCode) {
      const pending = signers.get(familyCode) ?? loadSigner(familyCode);
      signers.set(familyCode, pending);
      pending.catch(() => signers.delete(familyCode));
      const signer = await pending;
      await refuseIfRevoked(currentDir, signer.certPem, `the ${familyCode} document signer of issuing CA ${current}`);
      return signer;
    },
    async timeStampAuthority() {
      const pending = (timeStampAuthority ??= loadTimeStampAuthority());
      pending.catch(() => { timeStampAuthority = undefined; });
      const tsa = await pending;
      await refuseIfRevoked(currentDir, tsa.certPem, `the time-stamping authority of issuing CA ${current}`);
      return tsa;
    },
  };
}

/**
 * Loads the PKI from `dir` with its keys (for the worker, set-up and the pki command, never the
 * API), creating it on first use (an absent or empty folder): the root key then goes to
 * options.offlineRootDir. Keys encrypted more weakly than today are re-encrypted in place. Never
 * regenerates: existing certificates may already sign issued PDFs. A folder holding only some of
 * the files is an error rather than a reason to start over.
 *
 * Concurrent first calls in one process share a single load; separate processes racing to create
 * the same folder end up with one PKI (the folder appears by rename), but create it at setup time.
 */
export function ensureDemoPki(dir: string, passphrase: string, options: PkiOptions = {}): Promise<Pki> {
  const key = path.resolve(dir);
  const pending = inFlight.get(key) ?? start(key, passphrase, options).finally(() => inFlight.delete(key));
  inFlight.set(key, pending);
  return pending;
}

const inFlight = new Map<string, Promise<Pki>>();

async function start(dir: string, passphrase: string, options: PkiOptions): Promise<Pki> {
  if (!passphrase) throw new Error('PKI: a passphrase is required to protect the private keys');
  return loadPki(dir, passphrase, options);
}

/**
 * The certificates only, for the API: no passphrase, no key file opened, nothing created or
 * changed. The folder must exist and be in the generations layout (set-up and the worker see to that).
 */
export async function loadPkiCertificates(dir: string): Promise<PkiCertificates> {
  dir = path.resolve(dir);
  const layout = await readLayout(dir);
  if (layout === null || isEmpty(layout)) throw new Error(`no PKI in ${dir} (npm run setup or npm start creates it)`);
  if (!layout.current && layout.generations.length === 0) throw new Error(`PKI in ${dir} is in the layout from before issuing generations; npm run setup adopts it`);
  return readCertificates(dir, layout);
}

/** A family's document-signing certificate, as published for verifiers of the QR code's offline payload. */
export interface SignerCertificateEntry {
  family: string;
  /** The issuing CA generation (g1, g2, …) that issued it. */
  issuingId: string;
  certPem: string;
}

/**
 * Every family's document-signing certificate in the folder, current generation first (no key
 * opened, no passphrase): what the API publishes for the offline QR verifier. Signers appear on
 * first use, so callers read this when asked rather than once at start. A signer that is not
 * issued by its generation's CA, or does not name its family's policy, is left out.
 */
export async function loadSignerCertificates(dir: string): Promise<SignerCertificateEntry[]> {
  dir = path.resolve(dir);
  const layout = await readLayout(dir);
  if (!layout?.current) return [];
  const entries: SignerCertificateEntry[] = [];
  for (const issuingId of [layout.current, ...layout.generations.filter((g) => g !== layout.current)]) {
    const genDir = path.join(dir, ISSUING_DIR, issuingId);
    const issuingPem = await readIfPresent(path.join(genDir, ISSUING_CERT));
    if (!issuingPem) continue;
    const issuing = new X509Certificate(issuingPem);
    const families = (await fs.readdir(path.join(genDir, SIGNERS_DIR)).catch(() => [] as string[])).filter((f) => /^[A-Z]{2,4}$/.test(f)).sort();
    for (const family of families) {
      const certPem = await readIfPresent(path.join(genDir, SIGNERS_DIR, family, SIGNER_CERT));
      if (certPem && issuedBy(new X509Certificate(certPem), issuing) && certificatePolicyOids(certPem).includes(familyPolicyOid(family))) entries.push({ family, issuingId, certPem });
    }
  }
  return entries;
}

/** Where a ceremony (a rotation, a root CRL renewal) gets the root key from. */
export interface RootKeySource {
  /**
   * The root key, brought in from offline (encrypted with the PKI passphrase). Required unless the
   * folder still holds root-ca.key.pem (the older layout, which keeps working).
   */
  rootKeyFile?: string;
  /** The certificate of that key, checked to be the folder's root (default: the folder's root-ca.crt.pem). */
  rootCertFile?: string;
}

export interface RotationOptions extends PkiOptions, RootKeySource {
  /** Family codes to make document signers for right away (others are made on first use). */
  families?: string[];
}

/** What to say when a ceremony has no root key: the one thing an operator must bring. */
export const ROOT_KEY_REQUIRED = 'the root key is not in the PKI folder (it is kept offline): pass its file with --root-key <file>';

async function readGivenFile(file: string, what: string): Promise<string> {
  const text = await readIfPresent(path.resolve(file));
  if (text === null) throw new Error(`${what} ${file} does not exist`);
  return text;
}

/** The root key for a ceremony: from the file given, else the older layout's online copy; checked against the folder's root. */
async function rootKeyFor(dir: string, rootCertPem: string, passphrase: string, options: RootKeySource): Promise<KeyObject> {
  const root = new X509Certificate(rootCertPem);
  if (options.rootCertFile) {
    const given = new X509Certificate(await readGivenFile(options.rootCertFile, 'the root certificate'));
    if (given.fingerprint256 !== root.fingerprint256) {
      throw new Error(`${options.rootCertFile} is not the root of the PKI in ${dir} (SHA-256 ${given.fingerprint256}, the folder's root is ${root.fingerprint256})`);
    }
  }
  const keyName = options.rootKeyFile ?? path.join(dir, ROOT_KEY);
  const keyPem = options.rootKeyFile ? await readGivenFile(options.rootKeyFile, 'the root key file') : await readIfPresent(keyName);
  if (keyPem === null) throw new Error(`PKI in ${dir}: ${ROOT_KEY_REQUIRED}`);
  const key = decryptPrivateKey(keyPem, passphrase, keyName);
  if (!root.checkPrivateKey(key)) throw new Error(`${keyName} is not the key of the root CA of the PKI in ${dir} (${ROOT_CERT})`);
  return key;
}

/**
 * Brings in a new issuing CA: signed by the root (the one thing its key is for), with signers
 * for `families`, written as issuing/g<n+1> and then made current by replacing `current`. Earlier
 * issuing CAs, their signers and keys stay where they are. Processes that already loaded the PKI
 * keep signing with the issuing CA they loaded until they load it again (restart). The root key
 * is used in memory only: nothing of it is written to the PKI folder.
 */
export async function rotateIssuingCa(dir: string, passphrase: string, options: RotationOptions = {}): Promise<Pki> {
  dir = path.resolve(dir);
  const before = await ensureDemoPki(dir, passphrase, options); // refuses an incomplete folder, checks the passphrase
  const families = options.families ?? [];
  families.forEach(assertFamilyCode);
  const rootKey = await rootKeyFor(dir, before.rootCertPem, passphrase, options);

  const layout = (await readLayout(dir))!;
  const id = `g${Math.max(0, ...layout.generations.map(generationNumber)) + 1}`;
  const issuing = issueIssuingCa({ certPem: before.rootCertPem, key: rootKey }, id, options.publicBaseUrl);
  if (!(await createFolderAtomically(path.join(dir, ISSUING_DIR, id), generationFiles(issuing, id, families, keyWriting(passphrase, options), options.publicBaseUrl)))) {
    throw new Error(`PKI in ${dir}: ${ISSUING_DIR}/${id} appeared while rotating (another rotation?); nothing changed, run it again`);
  }
  await replaceFile(path.join(dir, CURRENT), `${id}\n`);
  await writeRootCrl(dir, { certPem: before.rootCertPem, key: rootKey });
  return ensureDemoPki(dir, passphrase, options);
}

/**
 * Signs a new root CRL (the same revocations, valid a year from now) with the root key brought in,
 * and does nothing else: the yearly ceremony when no issuing CA is due. Reads only certificates
 * and that key; the key is used in memory only. Returns the CRL as written.
 */
export async function renewRootCrl(dir: string, passphrase: string, source: RootKeySource = {}): Promise<RootCrlSummary> {
  dir = path.resolve(dir);
  if (!passphrase) throw new Error('PKI: the passphrase is required to decrypt the root key');
  const { rootCertPem } = await loadPkiCertificates(dir); // refuses a missing or incomplete folder
  const rootKey = await rootKeyFor(dir, rootCertPem, passphrase, source);
  await writeRootCrl(dir, { certPem: rootCertPem, key: rootKey });
  const written = await readRootCrl(dir, rootCertPem);
  if (!written) throw new Error(`PKI in ${dir}: the root CRL just written does not verify against the root`);
  return written;
}

/**
 * Moves the older layout's root-ca.key.pem out of the PKI folder to `toFile` (which must not
 * exist): written and synced there, read back, and only then removed from the folder. Needs no
 * passphrase; the key stays encrypted as it was.
 */
export async function takeRootKeyOffline(dir: string, toFile: string): Promise<{ from: string; to: string }> {
  dir = path.resolve(dir);
  const from = path.join(dir, ROOT_KEY);
  const to = path.resolve(toFile);
  if (to.startsWith(dir + path.sep)) throw new Error(`${to} is inside the PKI folder ${dir}: give a file outside it (removable media)`);
  const pem = await readIfPresent(from);
  if (pem === null) throw new Error(`there is no ${ROOT_KEY} in ${dir}: the root key is already offline`);
  await fs.mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  let handle: Awaited<ReturnType<typeof fs.open>>;
  try {
    handle = await fs.open(to, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${to} exists already; choose a new file (nothing was moved)`);
    throw err;
  }
  try {
    await handle.writeFile(pem);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if ((await fs.readFile(to, 'utf8')) !== pem) throw new Error(`the copy at ${to} differs from ${from}; the key stays in the PKI folder`);
  await fs.rm(from);
  return { from, to };
}

export interface CertificateSummary {
  subject: string;
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
  /** certificatePolicies OIDs, if any. */
  policies: string[];
  /** Serial number, lowercase hex. */
  serial: string;
  /** Set when the issuer's revocations.json lists it. */
  revoked?: { revokedAt: string; reason: string };
}

export interface PkiStatus {
  dir: string;
  root: CertificateSummary;
  issuing: (CertificateSummary & {
    id: string;
    current: boolean;
    signers: (CertificateSummary & { family: string })[];
    /** The time-stamping authority under this issuing CA (made on first use); its expiry is when archived certificates need `restamp`. */
    timeStampAuthority: CertificateSummary | null;
  })[];
  /** The root key is still in the PKI folder (the older layout): it should be taken offline. */
  rootKeyOnline: boolean;
  /** Keys encrypted more weakly than this code writes them (the next start re-encrypts them). */
  weakKeys: { file: string; protection: string }[];
  /** The root's CRL (ISO times); null when there is none that verifies against the root. */
  rootCrl: { thisUpdate: string; nextUpdate: string; revoked: number } | null;
}

function summarise(pem: string): CertificateSummary {
  const cert = new X509Certificate(pem);
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    sha256Fingerprint: cert.fingerprint256,
    policies: certificatePolicyOids(pem),
    serial: certificateFields(pem).serialHex,
  };
}

/** What is in the folder (certificates only; needs no passphrase): current issuing CA first. */
export async function describePki(dir: string): Promise<PkiStatus> {
  dir = path.resolve(dir);
  const layout = await readLayout(dir);
  if (!layout?.rootCert || !layout.current) throw new Error(`no PKI in ${dir} (start the product once, or run npm run setup)`);
  const ids = [layout.current, ...layout.generations.filter((g) => g !== layout.current)];
  const issuing: PkiStatus['issuing'] = [];
  for (const id of ids) {
    const genDir = path.join(dir, ISSUING_DIR, id);
    const pem = await readIfPresent(path.join(genDir, ISSUING_CERT));
    if (!pem) throw incomplete(dir, [path.join(ISSUING_DIR, id, ISSUING_CERT)]);
    const families = (await fs.readdir(path.join(genDir, SIGNERS_DIR)).catch(() => [] as string[])).filter((f) => /^[A-Z]{2,4}$/.test(f)).sort();
    const signers: PkiStatus['issuing'][number]['signers'] = [];
    const revocations = await readRevocations(genDir);
    for (const family of families) {
      const signerPem = await readIfPresent(path.join(genDir, SIGNERS_DIR, family, SIGNER_CERT));
      if (!signerPem) continue;
      const summary = summarise(signerPem);
      const revocation = revocations.find((r) => r.serial === summary.serial);
      signers.push({ family, ...summary, ...(revocation ? { revoked: { revokedAt: revocation.revokedAt.toISOString(), reason: revocation.reason } } : {}) });
    }
    const tsaPem = await readIfPresent(path.join(genDir, TSA_DIR, TSA_CERT));
    issuing.push({ id, current: id === layout.current, ...summarise(pem), signers, timeStampAuthority: tsaPem ? summarise(tsaPem) : null });
  }
  const weakKeys: PkiStatus['weakKeys'] = [];
  for (const file of await keyFilesUnder(dir)) {
    const protection = keyProtectionOf(await fs.readFile(path.join(dir, file), 'utf8'));
    if (!isStrongEnough(protection)) weakKeys.push({ file, protection: describeProtection(protection) });
  }
  const crl = await readRootCrl(dir, layout.rootCert);
  const rootCrl = crl && { thisUpdate: crl.thisUpdate.toISOString(), nextUpdate: crl.nextUpdate.toISOString(), revoked: crl.revoked };
  return { dir, root: summarise(layout.rootCert), issuing, rootKeyOnline: layout.rootKey !== null, weakKeys, rootCrl };
}
