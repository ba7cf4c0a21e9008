/**
 * Issuing-CA rotation, judged from the outside: a certificate PDF signed before a rotation and one
 * signed after it both verify in our verifier, in pdfsig with only the root trusted, and in
 * openssl cms -verify with only the root as CA file.
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCertificateTemplate } from './certificate-template';
import { parseCms } from './cms-parse';
import { extractSignature, nssDatabaseTrusting, pdfsig, runTool } from './pdf-tools.test-helper';
import { certificatePolicyOids, ensureDemoPki, familyPolicyOid, offlineRootFiles, Pki, rotateIssuingCa } from './pki';
import { CertificatePdfInput, renderCertificatePdf } from './render-certificate-pdf';
import { signPdf } from './sign-pdf';
import { verifyCertificatePdf } from './verify-pdf';

const template = loadCertificateTemplate('software-technical-approval');

const input = (number: string): CertificatePdfInput => ({
  number,
  holder: { name: 'شرکت نرم‌افزاری نمونه پارس', nationalId: '10101234567' },
  subject: { productName: 'سامانه مدیریت اسناد', productVersion: '2.1.0', platform: 'web' },
  issuedAt: new Date('2026-11-23T09:00:00Z'),
  expiresAt: new Date('2028-11-22T09:00:00Z'),
  verifyUrl: `https://verify.ito.gov.ir/c/${number}`,
  trackingNumber: 'TA-14050902-7K3F9Q',
});

describe('certificates - issuing CA rotation', () => {
  let dir: string;
  let before: Pki;
  let after: Pki;
  let nssDir: string;
  let rootFile: string;
  const pdfs: Record<'before' | 'after', Buffer> = { before: Buffer.alloc(0), after: Buffer.alloc(0) };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-rotation-'));
    before = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase');
    pdfs.before = await signPdf(await renderCertificatePdf(input('TA-1405-000123-7'), template), await before.signerFor('TA'), null);
    // the root key the demo set-up put offline (beside the PKI folder), brought in as an operator would
    const rootKeyFile = offlineRootFiles(path.join(dir, 'offline-root'), before.rootCertPem).key;
    after = await rotateIssuingCa(path.join(dir, 'pki'), 'test-passphrase', { families: ['TA'], rootKeyFile });
    const number = 'TA-1405-000124-5';
    pdfs.after = await signPdf(await renderCertificatePdf(input(number), template), await after.signerFor('TA'), null);
    nssDir = await nssDatabaseTrusting(path.join(dir, 'nss'), after.rootCertPem);
    rootFile = path.join(dir, 'root.pem');
    await fs.writeFile(rootFile, after.rootCertPem);
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('signs before and after under different issuing CAs of the same root', () => {
    expect(after.rootCertPem).toBe(before.rootCertPem);
    expect(after.issuingCertPem).not.toBe(before.issuingCertPem);
    const embedded = (pdf: Buffer) => {
      const { certificates } = parseCms(extractSignature(pdf).cms);
      return certificates.map((der) => new X509Certificate(der).subject.split('\n').pop());
    };
    // the CMS embeds the signer, its issuing CA and the root
    expect(embedded(pdfs.before).sort()).toEqual(['CN=ITO Demo Certificate Signer TA (G1)', 'CN=ITO Demo Issuing CA G1', 'CN=ITO Demo Root CA']);
    expect(embedded(pdfs.after).sort()).toEqual(['CN=ITO Demo Certificate Signer TA (G2)', 'CN=ITO Demo Issuing CA G2', 'CN=ITO Demo Root CA']);
  });

  it.each(['before', 'after'] as const)('verifies the PDF signed %s the rotation in our verifier, trusting only the root', (when) => {
    expect(verifyCertificatePdf(pdfs[when], { rootCertPems: [after.rootCertPem] })).toMatchObject({ signatureValid: true, chainTrusted: true, byteRangeCoversFile: true });
  });

  it.each(['before', 'after'] as const)('has pdfsig trust the PDF signed %s the rotation with only the root in its NSS database', async (when) => {
    const file = path.join(dir, `${when}.pdf`);
    await fs.writeFile(file, pdfs[when]);
    const report = pdfsig(file, nssDir);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Certificate is Trusted.');
    expect(report).toContain(`Signer Certificate Common Name: ITO Demo Certificate Signer TA (G${when === 'before' ? 1 : 2})`);
  });

  it.each(['before', 'after'] as const)('has openssl cms -verify accept the CMS of the PDF signed %s the rotation with only the root as CA', async (when) => {
    const { cms, content } = extractSignature(pdfs[when]);
    const cmsFile = path.join(dir, `${when}.cms.der`);
    const contentFile = path.join(dir, `${when}.content.bin`);
    await fs.writeFile(cmsFile, cms);
    await fs.writeFile(contentFile, content);
    const result = runTool('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', contentFile, '-CAfile', rootFile, '-out', '/dev/null']);
    expect(result.stderr).toContain('Verification successful');
    expect(result.status).toBe(0);
  });

  it.each(['before', 'after'] as const)('names the family policy in the signer certificate of the PDF signed %s the rotation', async (when) => {
    const { certificates } = parseCms(extractSignature(pdfs[when]).cms);
    const signer = certificates.map((der) => new X509Certificate(der)).find((c) => !c.ca)!; // the only end-entity certificate
    expect(certificatePolicyOids(signer.toString())).toEqual([familyPolicyOid('TA')]);
    const pemFile = path.join(dir, `${when}.signer.pem`);
    await fs.writeFile(pemFile, signer.toString());
    expect(runTool('openssl', ['x509', '-in', pemFile, '-noout', '-text']).stdout).toContain(`Policy: ${familyPolicyOid('TA')}`);
  });

  it('is not trusted under another root, before or after', async () => {
    const other = await ensureDemoPki(path.join(dir, 'other', 'pki'), 'other');
    for (const pdf of Object.values(pdfs)) {
      expect(verifyCertificatePdf(pdf, { rootCertPems: [other.rootCertPem] })).toMatchObject({ signatureValid: true, chainTrusted: false });
    }
  });
});
