/**
 * The product's revocation data as validators meet it: the PKI's certificates name the running
 * API's CRL, OCSP and CA-certificate URLs, and EU DSS and pyHanko, given a PAdES B-T certificate
 * PDF that carries no revocation data of its own, fetch it from the API (/api/public/pki/...).
 * With the TA signer good, DSS answers TOTAL_PASSED and pyHanko (revocation information required)
 * valid and trusted. Once the signer is revoked (`revokeCertificate`, which republishes at once),
 * both report it revoked, with the reason, from what the API served: DSS still passes the
 * signature, whose time-stamp predates the revocation; pyHanko's plain validation does not; our own
 * public verify route reports it revoked after signing. (test/support/validators/online-revocation.test.ts
 * pins the validator wrappers on a chain made with openssl.)
 */
import type { IncomingMessage } from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiClient, Stack, startApi } from '../support/harness';
import { freePort } from '../support/ports';
import { ensureDssValidator } from '../support/validators/dss/dss-tool';
import { validateWithDss } from '../support/validators/dss/validate-with-dss';
import { ensurePyHanko } from '../support/validators/pyhanko/pyhanko-tool';
import { validateWithPyHanko } from '../support/validators/pyhanko/validate-with-pyhanko';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../activities/certificates/certificate-template';
import { ensureDemoPki, Pki } from '../../activities/certificates/pki';
import { renderCertificatePdf } from '../../activities/certificates/render-certificate-pdf';
import { createRevocationPublisher } from '../../activities/certificates/revocation/publish';
import { revokeCertificate } from '../../activities/certificates/revocation/revoke';
import { PKI_PUBLIC_PATH } from '../../activities/certificates/revocation/urls';
import { signPdf } from '../../activities/certificates/sign-pdf';
import { pkiTimeStamper } from '../../activities/certificates/timestamp';
import { pdfForm } from '../support/pdf-form';

/** Each DSS or pyHanko run starts a JVM or a Python process and fetches over HTTP: tens of seconds. */
const VALIDATOR_RUN_MS = 10 * 60_000;
const SET_UP_MS = 5 * 60_000;

const CRL_OF_G1 = `GET ${PKI_PUBLIC_PATH}/crl/g1.crl`;
const OCSP_POST = `POST ${PKI_PUBLIC_PATH}/ocsp`;

describe('EU DSS and pyHanko fetch the revocation data the running API serves', () => {
  const passphrase = process.env.PKI_PASSPHRASE!;
  const runDir = path.join(process.env.TEST_RUN_DIR!, 'served-revocation');
  const pkiDir = path.join(runDir, 'pki');
  const pdfFile = path.join(runDir, 'certificate-b-t.pdf');
  const number = formatCertificateNumber({ family: 'TA', jalaliYear: 1396, sequence: 52 });
  let server: Stack;
  let pki: Pki;
  let signed: Buffer;
  /** "METHOD path" of every request the API received under /api/public/pki since the last reset. */
  const pkiRequests: string[] = [];
  const rootPem = () => pki.rootCertPem;

  beforeAll(async () => {
    ensureDssValidator();
    ensurePyHanko();
    // the certificates must name the API's address when they are made, so the port is chosen first
    const port = await freePort();
    pki = await ensureDemoPki(pkiDir, passphrase, { publicBaseUrl: `http://127.0.0.1:${port}` });
    const signer = await pki.signerFor('TA');
    // published ahead, as the worker does at start and hourly: the data predates the signature
    await createRevocationPublisher(pkiDir, { passphrase }).publish();
    const template = loadCertificateTemplate('software-technical-approval');
    const unsigned = await renderCertificatePdf({
      number, holder: { name: 'شرکت ابطال برخط', nationalId: '10101234611' }, subject: { productName: 'Served Revocation Test', productVersion: '1.0', platform: 'web' },
      issuedAt: new Date(), expiresAt: new Date(Date.now() + 365 * 86_400_000), verifyUrl: `http://127.0.0.1:${port}/verify/${number}`, trackingNumber: 'SERVED-REVOCATION-1',
    }, template);
    signed = await signPdf(unsigned, signer, pkiTimeStamper(pki)); // B-T: no validation data in the file
    await fs.writeFile(pdfFile, signed);

    server = await startApi(undefined, undefined, { PKI_DIR: pkiDir }, { port });
    server.api.server.on('request', (request: IncomingMessage) => {
      if (request.url?.startsWith(PKI_PUBLIC_PATH)) pkiRequests.push(`${request.method} ${request.url}`);
    });
  }, SET_UP_MS);

  afterAll(async () => {
    await server?.close();
  });

  beforeEach(() => {
    pkiRequests.length = 0;
  });

  describe('while the TA signer is good', () => {
    it('EU DSS online: TOTAL_PASSED, PAdES-BASELINE-T, the signer GOOD from data it fetched from the API', async () => {
      const result = await validateWithDss(pdfFile, { rootPem: rootPem() });
      expect(result).toMatchObject({ indication: 'TOTAL_PASSED', signatureFormat: 'PAdES-BASELINE-T', signerRevocation: { status: 'GOOD', origin: 'EXTERNAL' } });
      // DSS fetches the issuing CA's CRL for the TSA's certificate, finds it (like everything
      // published ahead) older than the signature's time-stamp, so asks the OCSP responder for the
      // signer (OCSP first) and keeps both; it reports the newer of the two, and the publisher makes
      // them in the same second, so which one it names (OCSP or CRL) is not pinned.
      expect(pkiRequests).toEqual(expect.arrayContaining([CRL_OF_G1, OCSP_POST]));
      expect(['OCSP', 'CRL']).toContain(result.signerRevocation!.type);
    }, VALIDATOR_RUN_MS);

    it('EU DSS offline (fetching nothing): the same file does not pass, so the verdict above rests on the API\'s answers', async () => {
      const result = await validateWithDss(pdfFile, { rootPem: rootPem(), offline: true });
      expect(pkiRequests).toEqual([]);
      expect(result).toMatchObject({ indication: 'INDETERMINATE', signerRevocation: null });
    }, VALIDATOR_RUN_MS);

    it('pyHanko, revocation information required: valid, trusted, not revoked, with the CRL and OCSP answer it fetched from the API', async () => {
      const result = await validateWithPyHanko(pdfFile, { rootPem: rootPem(), revocation: 'hard' });
      expect(result).toMatchObject({ valid: true, intact: true, trusted: true, revoked: false });
      expect(result.raw).toContain('The TSA certificate is trusted.');
      expect(pkiRequests).toEqual(expect.arrayContaining([CRL_OF_G1, OCSP_POST]));
    }, VALIDATOR_RUN_MS);
  });

  describe('once the TA signer is revoked after the signature was time-stamped', () => {
    let revokedAt: Date;

    beforeAll(async () => {
      revokedAt = new Date(Date.now() + 1_000);
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // dated after the signature's time-stamp, and past
      await revokeCertificate(pkiDir, { passphrase }, { target: { family: 'TA' }, reason: 'keyCompromise', at: revokedAt });
    });

    it('EU DSS online: the signer REVOKED (key compromise) from the CRL it fetched from the API, after the time-stamp, so TOTAL_PASSED', async () => {
      const result = await validateWithDss(pdfFile, { rootPem: rootPem() });
      // the republished CRL is newer than the time-stamp, so DSS takes it for the signer too and asks no OCSP
      expect(result.signerRevocation).toMatchObject({ status: 'REVOKED', reason: 'KEY_COMPROMISE', type: 'CRL', origin: 'EXTERNAL' });
      expect(pkiRequests).toContain(CRL_OF_G1);
      expect(Date.parse(result.signerRevocation!.revocationDate!)).toBe(Math.floor(revokedAt.getTime() / 1000) * 1000);
      expect(Date.parse(result.signerRevocation!.revocationDate!)).toBeGreaterThan(Date.parse(result.bestSignatureTime!));
      // A B-T signature time-stamped before the revocation still passes: DSS's past signature
      // validation takes the time-stamp (its TSA judged good from the same CRL) as proof that the
      // signature existed before the signer was revoked, even for key compromise. Without a valid
      // time-stamp it answers INDETERMINATE / REVOKED_NO_POE (online-revocation.test.ts).
      expect(result).toMatchObject({ indication: 'TOTAL_PASSED', subIndication: null, signatureFormat: 'PAdES-BASELINE-T' });
    }, VALIDATOR_RUN_MS);

    it('pyHanko, revocation information required: the signer revoked (its plain validation judges the signer now, not at the time-stamp)', async () => {
      const result = await validateWithPyHanko(pdfFile, { rootPem: rootPem(), revocation: 'hard' });
      expect(result).toMatchObject({ intact: true, revoked: true, valid: false });
      expect(result.raw).toMatch(/revoked at .* due to a compromised key/);
      expect(pkiRequests.length).toBeGreaterThan(0);
    }, VALIDATOR_RUN_MS);

    it('our public verify route: the signer revoked after the time-stamped signing time', async () => {
      const res = await new ApiClient(server.baseUrl).post('/api/public/verify', pdfForm(signed));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ signatureValid: true, chainTrusted: true, padesLevel: 'B-T' });
      expect(res.body.signerRevocation).toMatchObject({ status: 'revoked', reason: 'keyCompromise', revokedAfterSigning: true, signingTimeFrom: 'time-stamp' });
    });
  });
});
