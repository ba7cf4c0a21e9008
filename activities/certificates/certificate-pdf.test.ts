import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatCertificateNumber } from './certificate-number';
import { loadCertificateTemplate } from './certificate-template';
import { OID } from './cms-oids';
import { parseCms } from './cms-parse';
import { INFO_CERTIFICATE_NUMBER, readInfoString } from './pdf-info';
import { readOfflinePayload } from './offline-qr';
import { certificateQrText } from './offline-qr/sign-payload';
import { extractSignature, nssDatabaseTrusting, pageQrText, pdfsig, runTool } from './pdf-tools.test-helper';
import { ensureDemoPki, PdfSigner, Pki } from './pki';
import { CertificatePdfInput, renderCertificatePdf } from './render-certificate-pdf';
import { signPdf } from './sign-pdf';
import { pkiTimeStamper } from './timestamp/pki-time-stamper';
import { TimeStamper } from './timestamp/time-stamper';
import { TSP_OID } from './timestamp/tsp-oids';
import { verifyCertificatePdf } from './verify-pdf';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const template = loadCertificateTemplate('software-technical-approval');

const input: CertificatePdfInput = {
  number: 'TA-1405-000123-7',
  holder: { name: 'شرکت داده‌پردازان سپهر (سهامی خاص)', nationalId: '10320456789' },
  subject: {
    productName: 'سامانه حسابداری سپیدار ERP',
    productVersion: '4.2.1',
    platform: 'server',
    description: 'سامانه یکپارچه مالی و حسابداری با پشتیبانی از صورتحساب الکترونیکی (مؤدیان) و گزارش‌های مالیاتی.',
  },
  issuedAt: new Date('2026-11-23T09:00:00Z'),
  expiresAt: new Date('2028-11-22T09:00:00Z'),
  verifyUrl: 'https://verify.ito.gov.ir/c/TA-1405-000123-7',
  trackingNumber: '140509021234567',
};

describe('certificates - signed certificate PDF, judged by poppler, NSS, qpdf and openssl', () => {
  let dir: string;
  let pki: Pki;
  let signer: PdfSigner;
  let unsigned: Buffer;
  let timeStamper: TimeStamper;
  /** PAdES B-T, as issued. */
  let signed: Buffer;
  /** PAdES B-B: the same without a signature time-stamp. */
  let signedWithoutTime: Buffer;
  let signedFile: string;
  let nssDir: string;
  let qrText: string;

  const write = async (name: string, data: Buffer): Promise<string> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, data);
    return file;
  };

  const flipByte = (pdf: Buffer, offset: number): Buffer => {
    const copy = Buffer.from(pdf);
    copy[offset] ^= 0x01;
    return copy;
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-cert-'));
    pki = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase');
    signer = await pki.signerFor('TA');
    qrText = certificateQrText(input, { key: template.key, code: 'TA' }, signer);
    unsigned = await renderCertificatePdf({ ...input, qrText }, template);
    timeStamper = pkiTimeStamper(pki);
    signed = await signPdf(unsigned, signer, timeStamper);
    signedWithoutTime = await signPdf(unsigned, signer, null);
    signedFile = await write('signed.pdf', signed);
    nssDir = await nssDatabaseTrusting(path.join(dir, 'nss'), pki.rootCertPem);
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  describe('signature', () => {
    it('is reported valid by pdfsig, and trusted once the demo root is in the NSS database', () => {
      const untrusted = pdfsig(signedFile);
      expect(untrusted).toContain('Signature is Valid.');
      expect(untrusted).toContain('Signature Type: ETSI.CAdES.detached');
      expect(untrusted).toContain('Total document signed');
      expect(untrusted).not.toContain('Certificate is Trusted.');

      const trusted = pdfsig(signedFile, nssDir);
      expect(trusted).toContain('Signature is Valid.');
      expect(trusted).toContain('Certificate is Trusted.');
      expect(trusted).toContain('Signer Certificate Common Name: ITO Demo Certificate Signer TA (G1)');
    });

    it('is valid, trusted, whole-file, PAdES B-T and carries the number in our own verifier', () => {
      const before = Date.now();
      const result = verifyCertificatePdf(signed, { rootCertPems: [pki.rootCertPem] });
      expect(result.timeStamp?.time?.getTime()).toBeLessThanOrEqual(before);
      expect(result.timeStamp?.time?.getTime()).toBeGreaterThan(before - 120_000);
      expect(result).toEqual({
        signatureValid: true,
        chainTrusted: true,
        byteRangeCoversFile: true,
        number: 'TA-1405-000123-7',
        signerSubject: 'C=IR, O=Information Technology Organization of Iran (Demo), CN=ITO Demo Certificate Signer TA (G1)',
        signerFamilies: ['TA'],
        signerFamilyMatches: true,
        modifiedAfterSigning: null,
        timeStamp: { time: expect.any(Date), valid: true, tsaSubject: 'C=IR, O=Information Technology Organization of Iran (Demo), CN=ITO Demo Time-Stamping Authority (G1)' },
        padesLevel: 'B-T',
        validationData: false,
        documentTimeStamps: [],
      });
      expect(verifyCertificatePdf(signedWithoutTime, { rootCertPems: [pki.rootCertPem] })).toMatchObject({ signatureValid: true, chainTrusted: true, timeStamp: null, padesLevel: 'B-B' });
    });

    it('carries a signature time-stamp over its signature value that openssl ts -verify accepts, and that pdfsig reads', async () => {
      const { signerInfo } = parseCms(extractSignature(signed).cms);
      const [token] = signerInfo.unsignedAttributes.get(TSP_OID.signatureTimeStampToken) ?? [];
      expect(token).toBeDefined();
      const tokenFile = await write('signature-time-stamp.der', token);
      const chainFile = await write('chain.pem', Buffer.from(pki.rootCertPem + pki.issuingCertPem));
      const imprint = createHash('sha256').update(signerInfo.signature).digest('hex');
      const result = runTool('openssl', ['ts', '-verify', '-token_in', '-in', tokenFile, '-digest', imprint, '-CAfile', chainFile]);
      expect(result.stdout + result.stderr).toContain('Verification: OK');
      const text = runTool('openssl', ['ts', '-reply', '-token_in', '-in', tokenFile, '-token_out', '-text']).stdout;
      expect(text).toContain(`Message data:`);
      expect(text.replace(/[\s:-]/g, '').toLowerCase()).toContain(imprint.slice(0, 32));

      const report = pdfsig(signedFile, nssDir);
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toMatch(/Signing Time: /);
      expect(report).toContain('Signature is Valid.');
      expect(report).toContain('Certificate is Trusted.');
    });

    it('leaves a well-formed file according to qpdf --check', () => {
      const result = runTool('qpdf', ['--check', signedFile]);
      expect(result.stdout + result.stderr).toContain('No syntax or stream encoding errors found');
      expect(result.status).toBe(0);
    });

    it('holds a detached CMS that openssl cms -verify accepts over the signed byte ranges', async () => {
      const { cms, content } = extractSignature(signed);
      const cmsFile = await write('signature.der', cms);
      const contentFile = await write('signed-ranges.bin', content);
      const rootFile = await write('root.pem', Buffer.from(pki.rootCertPem));
      const result = runTool('openssl', [
        'cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', contentFile, '-CAfile', rootFile, '-out', '/dev/null',
      ]);
      expect(result.stderr).toContain('Verification successful');
      expect(result.status).toBe(0);
    });

    it('is PAdES B-B underneath: SHA-256 with contentType, messageDigest and signing-certificate-v2, but no signing-time', () => {
      const { signerInfo, certificates } = parseCms(extractSignature(signed).cms);
      expect(signerInfo.digestOid).toBe(OID.sha256);
      expect([...signerInfo.attributes.keys()].sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
      expect(signerInfo.attributes.has(OID.signingTime)).toBe(false);
      expect(certificates).toHaveLength(3); // the family's signer, the issuing CA and the root
      expect(signed.toString('latin1')).toMatch(/\/SubFilter \/ETSI\.CAdES\.detached/);
    });

    it('can sign several PDFs with the same signer (no one-shot signer objects)', async () => {
      const second = await signPdf(await renderCertificatePdf({ ...input, trackingNumber: '2' }, template), signer, timeStamper);
      expect(verifyCertificatePdf(second, { rootCertPems: [pki.rootCertPem] }).signatureValid).toBe(true);
      expect(verifyCertificatePdf(signed, { rootCertPems: [pki.rootCertPem] }).signatureValid).toBe(true);
    });
  });

  describe('tampering', () => {
    it('makes pdfsig and our verifier reject a flipped byte in the first signed range', async () => {
      const tampered = flipByte(signed, 100);
      expect(pdfsig(await write('tampered-1.pdf', tampered), nssDir)).not.toContain('Signature is Valid.');
      expect(verifyCertificatePdf(tampered, { rootCertPems: [pki.rootCertPem] })).toMatchObject({
        signatureValid: false,
        problem: expect.stringMatching(/digest mismatch/),
      });
    });

    it('makes pdfsig and our verifier reject a flipped byte in the second signed range', async () => {
      const tampered = flipByte(signed, signed.length - 400);
      const report = pdfsig(await write('tampered-2.pdf', tampered), nssDir);
      expect(report).toContain('Digest Mismatch.');
      expect(report).not.toContain('Signature is Valid.');
      expect(verifyCertificatePdf(tampered, { rootCertPems: [pki.rootCertPem] }).signatureValid).toBe(false);
    });

    it('notices bytes appended after the signed file: the signature still holds but no longer covers the file', async () => {
      const appended = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
      expect(verifyCertificatePdf(appended, { rootCertPems: [pki.rootCertPem] })).toMatchObject({
        signatureValid: true,
        byteRangeCoversFile: false,
      });
      expect(pdfsig(await write('appended.pdf', appended))).toContain('Not total document signed');
    });

    it('cannot see a change in the zero padding after the CMS, which is why the issued file hash is kept', () => {
      const { cms } = extractSignature(signed);
      const paddingOffset = signed.toString('latin1').indexOf(cms.toString('hex')) + cms.length * 2 + 10;
      const changed = Buffer.from(signed);
      changed.write('f', paddingOffset, 'latin1');
      expect(verifyCertificatePdf(changed, { rootCertPems: [pki.rootCertPem] }).signatureValid).toBe(true);
      expect(changed.equals(signed)).toBe(false);
    });
  });

  describe('trust', () => {
    it('does not trust a signature whose chain leads to another root, though the signature itself is valid', async () => {
      const other = await ensureDemoPki(path.join(dir, 'other-pki'), 'other-passphrase');
      const result = verifyCertificatePdf(signed, { rootCertPems: [other.rootCertPem] });
      expect(result).toMatchObject({ signatureValid: true, chainTrusted: false, problem: expect.stringMatching(/no trusted issuer/) });
      expect(verifyCertificatePdf(signed, { rootCertPems: [] }).chainTrusted).toBe(false);
    });

    it('does not trust a B-B signature at a date after the issuing CA expires', () => {
      const at = new Date(Date.now() + 6 * 365 * 86_400_000);
      expect(verifyCertificatePdf(signedWithoutTime, { rootCertPems: [pki.rootCertPem], at })).toMatchObject({
        signatureValid: true,
        chainTrusted: false,
        padesLevel: 'B-B',
        problem: expect.stringMatching(/not valid at/),
      });
    });

    it('still trusts a B-T signature then: its chain is judged at the time-stamp, when the issuing CA was valid', () => {
      const at = new Date(Date.now() + 6 * 365 * 86_400_000);
      const result = verifyCertificatePdf(signed, { rootCertPems: [pki.rootCertPem], at });
      expect(result).toMatchObject({ signatureValid: true, chainTrusted: true, padesLevel: 'B-T', timeStamp: { valid: true } });
      expect(result.problem).toBeUndefined();
    });

    it('judges the chain now when the time-stamp does not hold (another root, or a time after the verification time)', async () => {
      const other = await ensureDemoPki(path.join(dir, 'tsa-other-pki'), 'other-passphrase');
      const foreignStamp = await signPdf(unsigned, signer, pkiTimeStamper(other));
      const at = new Date(Date.now() + 6 * 365 * 86_400_000);
      const both = verifyCertificatePdf(foreignStamp, { rootCertPems: [pki.rootCertPem, other.rootCertPem] });
      expect(both).toMatchObject({ chainTrusted: true, padesLevel: 'B-T' });
      const result = verifyCertificatePdf(foreignStamp, { rootCertPems: [pki.rootCertPem], at });
      expect(result).toMatchObject({ signatureValid: true, chainTrusted: false, padesLevel: 'B-B', timeStamp: { valid: false, problem: expect.stringMatching(/not trusted/) } });
      const early = verifyCertificatePdf(signed, { rootCertPems: [pki.rootCertPem], at: new Date(Date.now() - 3_600_000) });
      expect(early).toMatchObject({ padesLevel: 'B-B', timeStamp: { valid: false, problem: expect.stringMatching(/after the time of verification/) } });
    });
  });

  describe('garbage in', () => {
    it.each<[string, () => Buffer, RegExp]>([
      ['an empty buffer', () => Buffer.alloc(0), /not a PDF/],
      ['a text file', () => Buffer.from('hello, this is not a PDF'), /not a PDF/],
      ['random bytes', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not a PDF/],
      ['the first half of the signed PDF', () => signed.subarray(0, Math.floor(signed.length / 2)), /outside the file/],
      ['the signed PDF without its first 2 KB', () => signed.subarray(2048), /not a PDF|no signature/],
    ])('answers signatureValid false without throwing for %s', (_name, data, problem) => {
      const result = verifyCertificatePdf(data(), { rootCertPems: [pki.rootCertPem] });
      expect(result.signatureValid).toBe(false);
      expect(result.problem).toMatch(problem);
    });

    it('answers signatureValid false for the unsigned PDF and still reads its number', () => {
      expect(verifyCertificatePdf(unsigned, { rootCertPems: [pki.rootCertPem] })).toEqual({
        signatureValid: false,
        chainTrusted: false,
        byteRangeCoversFile: false,
        number: 'TA-1405-000123-7',
        problem: 'the PDF has an empty signature placeholder: it was never signed',
        modifiedAfterSigning: null,
        signerFamilyMatches: false,
        timeStamp: null,
        padesLevel: null,
        validationData: false,
        documentTimeStamps: [],
      });
    });

    it('answers signatureValid false when /Contents holds garbage instead of a CMS', () => {
      const text = signed.toString('latin1');
      const { cms } = extractSignature(signed);
      const at = text.indexOf(cms.toString('hex'));
      const broken = Buffer.from(signed);
      broken.write('ffff', at + 8, 'latin1');
      const result = verifyCertificatePdf(broken, { rootCertPems: [pki.rootCertPem] });
      expect(result.signatureValid).toBe(false);
      expect(result.problem).toBeDefined();
    });
  });

  describe('document', () => {
    it('stores the number in the Info dictionary (Title and CertificateNumber) for verifiers', () => {
      expect(readInfoString(signed, INFO_CERTIFICATE_NUMBER)).toBe('TA-1405-000123-7');
      expect(readInfoString(signed, 'Title')).toBe('Software Technical Approval Certificate TA-1405-000123-7');
      expect(runTool('pdfinfo', [signedFile]).stdout).toMatch(/Title:\s+Software Technical Approval Certificate TA-1405-000123-7/);
    });

    it('prints the number, both calendars, the tracking number and "verify at" the URL in the text layer', () => {
      const text = runTool('pdftotext', ['-layout', signedFile, '-']).stdout;
      for (const expected of ['TA-1405-000123-7', '2026-11-23', '2028-11-22', '۱۴۰۵/۰۹/۰۲', '۱۴۰۷/۰۹/۰۲', 'verify at', input.verifyUrl, '140509021234567']) {
        expect(text).toContain(expected);
      }
    });

    it('renders page 1 to PNG with a QR code that decodes to the verify URL', async () => {
      await fs.mkdir(ARTIFACTS, { recursive: true });
      const prefix = path.join(ARTIFACTS, 'software-technical-approval');
      const render = runTool('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', signedFile, prefix]);
      expect(render.status).toBe(0);
      expect((await fs.stat(`${prefix}.png`)).size).toBeGreaterThan(10_000);
      expect(pageQrText(signedFile, path.join(dir, 'page-300dpi')).split('#')[0]).toBe(input.verifyUrl);
    });

    it("puts beside the link a signed payload that verifies offline with the TA signer's certificate, and with no other", async () => {
      const scanned = pageQrText(signedFile, path.join(dir, 'page-300dpi'));
      expect(scanned).toBe(qrText);
      expect(scanned).toMatch(new RegExp(`^${input.verifyUrl}#[A-Z2-7]+$`));
      const reading = await readOfflinePayload(scanned, [signer.certPem]);
      expect(reading).toMatchObject({
        valid: true,
        claims: { number: input.number, familyCode: 'TA', holder: input.holder, issuedAt: input.issuedAt, expiresAt: input.expiresAt, issuer: 'https://verify.ito.gov.ir' },
        signer: { family: 'TA' },
      });
      expect(reading.claims?.recordHash).toMatch(/^[0-9a-f]{16}$/);
      expect(runTool('pdftotext', [signedFile, '-']).stdout).toContain(reading.claims?.recordHash); // the short hash printed in the footer
      expect(await readOfflinePayload(scanned, [pki.issuingCertPem, pki.rootCertPem])).toMatchObject({ valid: false, problem: { code: 'unknown-signer' } });
    });
  });

  describe('input checks', () => {
    it('refuses to render a number with a wrong check character or of another family', async () => {
      await expect(renderCertificatePdf({ ...input, number: 'TA-1405-000123-8' }, template)).rejects.toThrow(/check character/);
      const cloud = formatCertificateNumber({ family: 'CLD', jalaliYear: 1405, sequence: 1 });
      await expect(renderCertificatePdf({ ...input, number: cloud }, template)).rejects.toThrow(/does not match template/);
      await expect(renderCertificatePdf({ ...input, expiresAt: input.issuedAt }, template)).rejects.toThrow(/after issuedAt/);
      await expect(renderCertificatePdf({ ...input, verifyUrl: 'javascript:alert(1)' }, template)).rejects.toThrow(/http/);
    });

    it('prints a long holder name in full, set smaller, and refuses one too long for the page', async () => {
      const holder = { name: 'Pars Enterprise Software Development and Information Systems Integration Company (Private Joint Stock)', nationalId: '10320456789' };
      const pdf = await renderCertificatePdf({ ...input, holder }, template);
      const file = await write('long-holder.pdf', pdf);
      expect(runTool('pdftotext', [file, '-']).stdout).toContain('Systems Integration Company (Private Joint Stock)');
      await expect(renderCertificatePdf({ ...input, holder: { ...holder, name: holder.name.repeat(4) } }, template)).rejects.toThrow(
        /Certificate holder is too long to print/,
      );
    });

    it('refuses to sign with a key that does not belong to the signer certificate', async () => {
      const other = await ensureDemoPki(path.join(dir, 'third-pki'), 'third-passphrase');
      const otherKey = (await other.signerFor('TA')).key;
      await expect(signPdf(unsigned, { ...signer, key: otherKey }, timeStamper)).rejects.toThrow(/does not belong/);
    });

    it('refuses to sign a PDF without a placeholder or one already signed, and leaves the input untouched', async () => {
      const before = Buffer.from(unsigned);
      await signPdf(unsigned, signer, timeStamper);
      expect(unsigned.equals(before)).toBe(true);
      await expect(signPdf(signed, signer, timeStamper)).rejects.toThrow(/no signature placeholder/);
      await expect(signPdf(Buffer.from('%PDF-1.7\n'), signer, timeStamper)).rejects.toThrow(/no signature placeholder/);
    });

    it('fails when the time-stamper fails, rather than falling back to a signature without time', async () => {
      await expect(signPdf(unsigned, signer, () => Promise.reject(new Error('TSA down')))).rejects.toThrow(/TSA down/);
    });
  });
});
