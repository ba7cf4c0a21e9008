/**
 * The validators fetch revocation data over HTTP when the signer's certificate names where
 * (a CRL distribution point), and report a revoked signer; `offline` keeps DSS from fetching
 * anything. The chain here is made with openssl (a root and a signer whose CRL DP and OCSP URL
 * point at a server this test runs), independent of our PKI code, so that it pins the wrappers
 * themselves: a fault in our certificates, CRLs or OCSP answers cannot make it pass or fail. The
 * server answers the CRL path with a CRL from `openssl ca -gencrl`, and anything else with 404 (so
 * OCSP fails and the validators use the CRL). The product's own certificates, with the revocation
 * data the running API serves, are judged the same way in test/integration/served-revocation.test.ts.
 */
import { createPrivateKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadCertificateTemplate } from '../../../activities/certificates/certificate-template';
import { runTool } from '../../../activities/certificates/pdf-tools.test-helper';
import { CertificatePdfInput, renderCertificatePdf } from '../../../activities/certificates/render-certificate-pdf';
import { signPdf } from '../../../activities/certificates/sign-pdf';
import { ensureDssValidator } from './dss/dss-tool';
import { validateWithDss } from './dss/validate-with-dss';
import { ensurePyHanko } from './pyhanko/pyhanko-tool';
import { validateWithPyHanko } from './pyhanko/validate-with-pyhanko';

const FIRST_INSTALL_MS = 25 * 60_000;
const CRL_PATH = '/crl/test-root.crl';

const input: CertificatePdfInput = {
  number: 'TA-1405-000124-5',
  holder: { name: 'شرکت آزمون', nationalId: '10320456789' },
  subject: { productName: 'Test', productVersion: '1.0', platform: 'server' },
  issuedAt: new Date('2026-11-23T09:00:00Z'),
  expiresAt: new Date('2028-11-22T09:00:00Z'),
  verifyUrl: 'https://verify.ito.gov.ir/c/TA-1405-000124-5',
  trackingNumber: '140509021234568',
};

function openssl(dir: string, args: string[]): void {
  const result = runTool('openssl', args.map((a) => a.replace('{dir}', dir)));
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`);
}

/** In `dir`: a root (root.pem, root.key) and a document signer under it (signer.pem, signer.key) whose CRL DP and OCSP URL are on `baseUrl`. */
async function miniPki(dir: string, baseUrl: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'signer.ext'), [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,nonRepudiation',
    'extendedKeyUsage=emailProtection',
    `crlDistributionPoints=URI:${baseUrl}${CRL_PATH}`,
    `authorityInfoAccess=OCSP;URI:${baseUrl}/ocsp`,
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid',
  ].join('\n'));
  await fs.writeFile(path.join(dir, 'index.txt'), '');
  await fs.writeFile(path.join(dir, 'crlnumber'), '01\n');
  await fs.writeFile(path.join(dir, 'ca.cnf'), [
    '[ca]', 'default_ca = test_ca', '[test_ca]', `database = ${dir}/index.txt`, `crlnumber = ${dir}/crlnumber`,
    'default_md = sha256', 'default_crl_days = 7', 'crl_extensions = crl_ext', '[crl_ext]', 'authorityKeyIdentifier = keyid',
  ].join('\n'));
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '{dir}/root.key', '-out', '{dir}/root.pem', '-days', '30',
    '-subj', '/C=IR/O=Validators Test/CN=Validators Test Root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', '{dir}/signer.key', '-out', '{dir}/signer.csr', '-subj', '/C=IR/O=Validators Test/CN=Validators Test Signer']);
  openssl(dir, ['x509', '-req', '-in', '{dir}/signer.csr', '-CA', '{dir}/root.pem', '-CAkey', '{dir}/root.key', '-set_serial', '4660',
    '-days', '30', '-extfile', '{dir}/signer.ext', '-out', '{dir}/signer.pem']);
}

/** A CRL of the root's (DER), with the signer on it when `revoke`. */
async function crl(dir: string, revoke: boolean): Promise<Buffer> {
  await fs.writeFile(path.join(dir, 'index.txt'), '');
  const config = ['-config', '{dir}/ca.cnf', '-keyfile', '{dir}/root.key', '-cert', '{dir}/root.pem'];
  if (revoke) openssl(dir, ['ca', ...config, '-revoke', '{dir}/signer.pem', '-crl_reason', 'keyCompromise']);
  openssl(dir, ['ca', ...config, '-gencrl', '-out', '{dir}/crl.pem']);
  openssl(dir, ['crl', '-in', '{dir}/crl.pem', '-outform', 'DER', '-out', '{dir}/crl.der']);
  return fs.readFile(path.join(dir, 'crl.der'));
}

describe('independent validators - revocation data fetched over HTTP', () => {
  let dir: string;
  let server: http.Server;
  let served: Buffer;
  const requests: string[] = [];
  let rootPem: string;
  let pdfFile: string;

  beforeAll(async () => {
    ensureDssValidator();
    ensurePyHanko();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-validators-online-'));
    server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === CRL_PATH) res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(served);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const pkiDir = path.join(dir, 'pki');
    await miniPki(pkiDir, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    served = await crl(pkiDir, false);
    rootPem = await fs.readFile(path.join(pkiDir, 'root.pem'), 'utf8');
    const signer = {
      key: createPrivateKey(await fs.readFile(path.join(pkiDir, 'signer.key'))),
      certPem: await fs.readFile(path.join(pkiDir, 'signer.pem'), 'utf8'),
      chainPems: [rootPem],
    };
    pdfFile = path.join(dir, 'signed.pdf');
    await fs.writeFile(pdfFile, await signPdf(await renderCertificatePdf(input, loadCertificateTemplate('software-technical-approval')), signer, null)); // B-B: this PKI has no TSA
  }, FIRST_INSTALL_MS);

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fs.rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    requests.length = 0;
  });

  it('EU DSS online: fetches the CRL and, with a good signer, TOTAL_PASSED', async () => {
    const result = await validateWithDss(pdfFile, { rootPem });
    expect(requests).toContain(`GET ${CRL_PATH}`);
    expect(result).toMatchObject({ indication: 'TOTAL_PASSED', signatureFormat: 'PAdES-BASELINE-B', signerRevocation: { status: 'GOOD', type: 'CRL', origin: 'EXTERNAL' } });
  });

  it('EU DSS offline: asks the server nothing, so finds no revocation data', async () => {
    const result = await validateWithDss(pdfFile, { rootPem, offline: true });
    expect(requests).toEqual([]);
    expect(result).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE', signerRevocation: null });
  });

  it('pyHanko sign validate: fetches the CRL and, with a good signer, VALID and trusted', async () => {
    const result = await validateWithPyHanko(pdfFile, { rootPem, revocation: 'hard' });
    expect(requests).toContain(`GET ${CRL_PATH}`);
    expect(result).toMatchObject({ valid: true, intact: true, trusted: true, revoked: false });
  });

  describe('once the CRL lists the signer', () => {
    beforeAll(async () => {
      served = await crl(path.join(dir, 'pki'), true);
    });

    it('EU DSS reports the signer revoked, with the date and reason', async () => {
      const result = await validateWithDss(pdfFile, { rootPem });
      // REVOKED_NO_POE: nothing proves the signature existed before the revocation. A signature
      // time-stamp earlier than the revocation date (PAdES B-T and up) is what lets a certificate
      // signed before its signer was revoked keep passing.
      expect(result).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'REVOKED_NO_POE',
        signerRevocation: { status: 'REVOKED', reason: 'KEY_COMPROMISE', type: 'CRL', origin: 'EXTERNAL' },
      });
      expect(result.errors).toContain('The certificate is revoked!');
      expect(Date.parse(result.signerRevocation!.revocationDate!)).toBeGreaterThan(0);
    });

    it('pyHanko reports the signer revoked: intact, not trusted, INVALID', async () => {
      const result = await validateWithPyHanko(pdfFile, { rootPem, revocation: 'hard' });
      expect(result).toMatchObject({ valid: false, intact: true, trusted: false, revoked: true });
    });
  });
});
