/**
 * Revocation data, judged by openssl: the URLs in issued certificates, CRLs that verify against
 * the CA, pre-produced OCSP answers (good, then revoked with its reason), the delegated responder's
 * profile, publishing that rewrites nothing when nothing changed, and the verifier's report.
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCertificateTemplate } from '../certificate-template';
import { runTool } from '../pdf-tools.test-helper';
import { ensureDemoPki, Pki, PdfSigner, PkiOptions } from '../pki';
import { renderCertificatePdf } from '../render-certificate-pdf';
import { signPdf } from '../sign-pdf';
import { pkiTimeStamper } from '../timestamp/pki-time-stamper';
import { verifyCertificatePdf } from '../verify-pdf';
import { parseCrl } from './crl';
import { certificateFields } from './der-parts';
import { OCSP_ERROR, ocspErrorResponse, readOcspRequest } from './ocsp';
import { OCSP_DIR, RESPONDER_CERT } from './ocsp-responder';
import { createRevocationPublisher, RevocationPublisher } from './publish';
import { revokeCertificate } from './revoke';

const PASS = 'revocation-pass';
const FAST: PkiOptions = { testOnlyKeyIterations: 1_000, publicBaseUrl: 'https://verify.ito.example/' };
const KEYS = { passphrase: PASS, iterations: 1_000 };

describe('certificates - revocation data (CRL, OCSP) judged by openssl', () => {
  let base: string;
  let dir: string;
  let pki: Pki;
  let signer: PdfSigner;
  let publisher: RevocationPublisher;
  let chainFile: string;
  let issuingFile: string;
  let signerFile: string;
  let serial: string;
  const generationDir = () => path.join(dir, 'issuing', 'g1');

  const openssl = (...args: string[]) => runTool('openssl', args);
  /** openssl ocsp reading a pre-produced answer, checking it against the certificate it names. */
  const ocspStatusOf = (responseFile: string) =>
    openssl('ocsp', '-respin', responseFile, '-issuer', issuingFile, '-cert', signerFile, '-CAfile', chainFile, '-resp_text');

  beforeAll(async () => {
    base = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-revocation-'));
    dir = path.join(base, 'pki');
    pki = await ensureDemoPki(dir, PASS, FAST);
    signer = await pki.signerFor('TA');
    publisher = createRevocationPublisher(dir, KEYS);
    chainFile = path.join(base, 'chain.pem');
    issuingFile = path.join(base, 'issuing.pem');
    signerFile = path.join(base, 'signer.pem');
    await fs.writeFile(chainFile, pki.rootCertPem + pki.issuingCertPem);
    await fs.writeFile(issuingFile, pki.issuingCertPem);
    await fs.writeFile(signerFile, signer.certPem);
    serial = certificateFields(signer.certPem).serialHex;
  });

  afterAll(async () => {
    await fs.rm(base, { recursive: true, force: true });
  });

  it('names the CRL, the OCSP responder and the issuer certificate in issued certificates, from the public base URL', () => {
    const issuing = openssl('x509', '-in', issuingFile, '-noout', '-text').stdout;
    expect(issuing).toMatch(/X509v3 CRL Distribution Points:\s+Full Name:\s+URI:https:\/\/verify\.ito\.example\/api\/public\/pki\/crl\/root\.crl/);
    expect(issuing).toContain('CA Issuers - URI:https://verify.ito.example/api/public/pki/certs/root.crt');
    expect(issuing).not.toContain('OCSP - URI');

    const text = openssl('x509', '-in', signerFile, '-noout', '-text').stdout;
    expect(text).toMatch(/X509v3 CRL Distribution Points:\s+Full Name:\s+URI:https:\/\/verify\.ito\.example\/api\/public\/pki\/crl\/g1\.crl/);
    expect(text).toContain('OCSP - URI:https://verify.ito.example/api/public/pki/ocsp');
    expect(text).toContain('CA Issuers - URI:https://verify.ito.example/api/public/pki/certs/g1.crt');
  });

  it('names its CA\'s CRL and certificate, but no OCSP responder (it answers for signers only), in the time-stamping authority\'s certificate', async () => {
    const tsaFile = path.join(base, 'tsa.pem');
    await fs.writeFile(tsaFile, (await pki.timeStampAuthority()).certPem);
    const text = openssl('x509', '-in', tsaFile, '-noout', '-text').stdout;
    expect(text).toMatch(/X509v3 CRL Distribution Points:\s+Full Name:\s+URI:https:\/\/verify\.ito\.example\/api\/public\/pki\/crl\/g1\.crl/);
    expect(text).toContain('CA Issuers - URI:https://verify.ito.example/api/public/pki/certs/g1.crt');
    expect(text).not.toContain('OCSP - URI');
  });

  it('writes the root CRL when the PKI is made (the root key is at hand only then), verifiable against the root', async () => {
    const rootFile = path.join(base, 'root.pem');
    await fs.writeFile(rootFile, pki.rootCertPem);
    const result = openssl('crl', '-in', path.join(dir, 'root.crl'), '-inform', 'DER', '-CAfile', rootFile, '-noout');
    expect(result.stderr).toMatch(/verify OK/);
    expect(result.status).toBe(0);
    const crl = parseCrl(await fs.readFile(path.join(dir, 'root.crl')));
    expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBe(365 * 86_400_000);
  });

  it('publishes a CRL that openssl verifies and an OCSP answer it reads as good, made by a delegated responder', async () => {
    const [g1] = await publisher.publish();
    expect(g1).toMatchObject({ id: 'g1', written: true, revoked: 0, answers: 1 });

    const crl = openssl('crl', '-in', path.join(generationDir(), 'crl.der'), '-inform', 'DER', '-CAfile', chainFile, '-noout', '-text');
    expect(crl.stderr).toMatch(/verify OK/);
    expect(crl.stdout).toContain('No Revoked Certificates.');
    expect(crl.stdout).toMatch(/X509v3 CRL Number:/);
    expect(crl.stdout).toMatch(/X509v3 Authority Key Identifier:/);
    const parsed = parseCrl(await fs.readFile(path.join(generationDir(), 'crl.der')));
    expect(parsed.nextUpdate!.getTime() - parsed.thisUpdate.getTime()).toBe(7 * 86_400_000);

    const answer = ocspStatusOf(path.join(generationDir(), OCSP_DIR, 'responses', `${serial}.der`));
    expect(answer.stderr).toContain('Response verify OK');
    expect(answer.stdout).toContain(`${signerFile}: good`);
    expect(answer.stdout).toMatch(/Responder Id: [0-9A-F]{40}/); // byKey
    const sha256 = ocspStatusOf(path.join(generationDir(), OCSP_DIR, 'responses', `${serial}.sha256.der`));
    expect(sha256.stdout).toContain('Hash Algorithm: sha256');

    const responderPem = await fs.readFile(path.join(generationDir(), OCSP_DIR, RESPONDER_CERT), 'utf8');
    const responder = openssl('x509', '-noout', '-text', '-in', path.join(generationDir(), OCSP_DIR, RESPONDER_CERT)).stdout;
    expect(responder).toMatch(/X509v3 Extended Key Usage:\s+OCSP Signing/);
    expect(responder).toContain('OCSP No Check');
    expect(responder).toContain('CN = ITO Demo OCSP Responder (G1)');
    const cert = new X509Certificate(responderPem);
    expect(cert.checkIssued(new X509Certificate(pki.issuingCertPem))).toBe(true);
    expect(Math.round((Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365.25 * 86_400_000))).toBe(1);
  });

  it('rewrites nothing when nothing changed and the CRL is fresh, and reissues it once it is a day old', async () => {
    const crlFile = path.join(generationDir(), 'crl.der');
    const before = await fs.readFile(crlFile);
    expect((await publisher.publish())[0].written).toBe(false);
    expect(await fs.readFile(crlFile)).toEqual(before);
    const [later] = await publisher.publish({ now: new Date(Date.now() + 25 * 3_600_000) });
    expect(later.written).toBe(true);
    expect(parseCrl(await fs.readFile(crlFile)).crlNumber! > parseCrl(before).crlNumber!).toBe(true);
  });

  it('after a revocation, the CRL lists the signer with its reason and the OCSP answer says revoked', async () => {
    const at = new Date(Date.now() + 60_000); // after the PDF below claims to be signed
    const result = await revokeCertificate(dir, KEYS, { target: { family: 'TA' }, reason: 'keyCompromise', at });
    expect(result).toMatchObject({ generation: 'g1', serial });
    const stored = JSON.parse(await fs.readFile(path.join(generationDir(), 'revocations.json'), 'utf8'));
    expect(stored.revoked).toEqual([{ serial, revokedAt: at.toISOString(), reason: 'keyCompromise' }]);

    const crl = openssl('crl', '-in', path.join(generationDir(), 'crl.der'), '-inform', 'DER', '-CAfile', chainFile, '-noout', '-text');
    expect(crl.stderr).toMatch(/verify OK/);
    expect(crl.stdout).toContain(`Serial Number: ${serial.toUpperCase()}`);
    expect(crl.stdout).toMatch(/CRL Reason Code:\s+Key Compromise/);

    const answer = ocspStatusOf(path.join(generationDir(), OCSP_DIR, 'responses', `${serial}.der`));
    expect(answer.stderr).toContain('Response verify OK');
    expect(answer.stdout).toContain(`${signerFile}: revoked`);
    expect(answer.stdout).toMatch(/Reason: keyCompromise/);
    await expect(revokeCertificate(dir, KEYS, { target: { family: 'TA' }, reason: 'superseded' })).rejects.toThrow(/revoked already/);
    // the key holder signs nothing more with it, though it had loaded the signer before
    await expect(pki.signerFor('TA')).rejects.toThrow(/TA document signer of issuing CA g1 .* was revoked .*issue-ca/);
  });

  it('the verifier reports the signer revoked from the CRL, and whether that came after the signing time: the time-stamp\'s, else the claimed /M', async () => {
    const unsigned = await renderCertificatePdf({
      number: 'TA-1405-000123-7', holder: { name: 'شرکت نمونه', nationalId: '10320456789' },
      subject: { productName: 'نمونه', productVersion: '1.0', platform: 'server' },
      issuedAt: new Date(), expiresAt: new Date(Date.now() + 365 * 86_400_000), verifyUrl: 'https://verify.ito.example/verify/TA-1405-000123-7', trackingNumber: '140509021234567',
    }, loadCertificateTemplate('software-technical-approval'));
    const withoutTime = await signPdf(unsigned, signer, null); // B-B: only the claimed /M
    const stamped = await signPdf(unsigned, signer, pkiTimeStamper(pki)); // B-T
    const crls = [await fs.readFile(path.join(generationDir(), 'crl.der'))];
    const trust = { rootCertPems: [pki.rootCertPem] };

    const claimed = verifyCertificatePdf(withoutTime, { ...trust, revocation: { crls } });
    expect(claimed.signatureValid).toBe(true);
    expect(claimed.signerRevocation).toMatchObject({ status: 'revoked', reason: 'keyCompromise', revokedAfterSigning: true, signingTimeFrom: 'signature-dictionary', source: 'crl' });
    const later = verifyCertificatePdf(withoutTime, { ...trust, revocation: { crls, signingTime: new Date(Date.now() + 3_600_000) } });
    expect(later.signerRevocation).toMatchObject({ status: 'revoked', revokedAfterSigning: false, signingTimeFrom: 'caller' });
    // a valid time-stamp's time wins over any claimed or given time
    const proven = verifyCertificatePdf(stamped, { ...trust, revocation: { crls, signingTime: new Date(Date.now() + 3_600_000) } });
    expect(proven.padesLevel).toBe('B-T');
    expect(proven.signerRevocation).toMatchObject({ status: 'revoked', revokedAfterSigning: true, signingTimeFrom: 'time-stamp' });

    expect(verifyCertificatePdf(withoutTime, { ...trust, revocation: { crls: [] } }).signerRevocation).toEqual({ status: 'unknown', source: 'crl' });
    expect(verifyCertificatePdf(withoutTime, trust).signerRevocation).toBeUndefined();
  });

  it('reads hostile OCSP requests without throwing: malformedRequest', () => {
    const samples = [Buffer.alloc(0), Buffer.from('hello'), Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), Buffer.from([0x30, 0x00]), ocspErrorResponse(6), Buffer.alloc(16_384, 0x30)];
    for (let i = 0; i < 200; i++) samples.push(Buffer.from(Array.from({ length: 1 + (i % 60) }, (_, j) => (i * 31 + j * 17) & 0xff)));
    for (const sample of samples) expect(readOcspRequest(sample)).toMatchObject({ ok: false, status: OCSP_ERROR.malformedRequest });
  });
});
