/**
 * The verifier tells what happened to a certificate PDF after signing, from the file alone (no
 * record hash): each file of the tamper corpus gets its own kind, and an update cannot change the
 * number the signature vouches for. It refuses a signature by another family's signer. pdfsig,
 * pdftotext and qpdf confirm that the corpus is made of real PDF revisions.
 */
import { generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCertificateTemplate } from './certificate-template';
import { MAX_OBJECTS } from './changes-after-signing';
import { pdfsig, runTool } from './pdf-tools.test-helper';
import { ensureDemoPki, Pki } from './pki';
import { CertificatePdfInput, renderCertificatePdf } from './render-certificate-pdf';
import { signPdf } from './sign-pdf';
import { changeInfo, incrementalUpdate, PAINTED_TEXT, TamperCorpus, tamperCorpus } from './tamper-corpus.test-helper';
import { verifyCertificatePdf } from './verify-pdf';
import { issueCertificate } from './x509-issue';

const NUMBER = 'TA-1405-000123-7';
const input: CertificatePdfInput = {
  number: NUMBER,
  holder: { name: 'شرکت داده‌پردازان سپهر (سهامی خاص)', nationalId: '10320456789' },
  subject: { productName: 'سامانه حسابداری سپیدار ERP', productVersion: '4.2.1', platform: 'server' },
  issuedAt: new Date('2026-11-23T09:00:00Z'),
  expiresAt: new Date('2028-11-22T09:00:00Z'),
  verifyUrl: `https://verify.ito.gov.ir/c/${NUMBER}`,
  trackingNumber: '140509021234567',
};

describe('certificates - what the verifier says about a PDF changed after signing', () => {
  let dir: string;
  let pki: Pki;
  let signed: Buffer;
  let unsigned: Buffer;
  let corpus: TamperCorpus;
  const verify = (pdf: Buffer) => verifyCertificatePdf(pdf, { rootCertPems: [pki.rootCertPem] });
  const write = async (name: string, pdf: Buffer): Promise<string> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, pdf);
    return file;
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-tamper-'));
    pki = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase', { testOnlyKeyIterations: 1_000 });
    unsigned = await renderCertificatePdf(input, loadCertificateTemplate('software-technical-approval'));
    signed = await signPdf(unsigned, await pki.signerFor('TA'), null);
    corpus = await tamperCorpus(signed, dir);
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('finds nothing to say about the issued file, signed by its own family', () => {
    expect(verify(signed)).toMatchObject({
      signatureValid: true, chainTrusted: true, byteRangeCoversFile: true, number: NUMBER,
      modifiedAfterSigning: null, signerFamilies: ['TA'], signerFamilyMatches: true,
    });
    expect(verify(signed).problem).toBeUndefined();
  });

  it('one byte changed inside the signed range: content changed, the signature does not match', () => {
    const result = verify(corpus.byteChanged);
    expect(result).toMatchObject({ signatureValid: false, modifiedAfterSigning: { kind: 'signed-bytes-changed', bytesAfterSignedRevision: 0 } });
    expect(result.modifiedAfterSigning?.detail).toMatch(/content changed.*signature does not match/);
  });

  it('an incremental update painting text on the page: the signature still holds for the signed revision, the page content changed', async () => {
    const result = verify(corpus.visibleText);
    expect(result).toMatchObject({ signatureValid: true, chainTrusted: true, byteRangeCoversFile: false, number: NUMBER, modifiedAfterSigning: { kind: 'content-update' } });
    expect(result.modifiedAfterSigning?.objects).toEqual(expect.arrayContaining([
      expect.objectContaining({ change: 'replaced', role: 'page' }),
      expect.objectContaining({ change: 'added', role: 'content' }),
    ]));
    expect(result.modifiedAfterSigning?.detail).toMatch(/changes what the page shows/);
    // a real revision: viewers show the painted words, qpdf reads it cleanly, pdfsig sees the signature not covering it
    const file = await write('visible-text.pdf', corpus.visibleText);
    expect(runTool('pdftotext', ['-raw', file, '-']).stdout).toContain(PAINTED_TEXT);
    expect(runTool('qpdf', ['--check', file]).status).toBe(0);
    expect(pdfsig(file)).toContain('Not total document signed');
  });

  it('an /Info-only incremental update: the document information changed, nothing on the page', async () => {
    const result = verify(corpus.infoOnly);
    expect(result).toMatchObject({ signatureValid: true, chainTrusted: true, number: NUMBER, modifiedAfterSigning: { kind: 'info-update' } });
    expect(result.modifiedAfterSigning?.objects.map((o) => o.role)).toEqual(['info', 'info']);
    const file = await write('info-only.pdf', corpus.infoOnly);
    expect(runTool('pdfinfo', [file]).stdout).toMatch(/Title:\s+Changed after signing/);
    expect(runTool('qpdf', ['--check', file]).status).toBe(0);
    expect(pdfsig(file)).toContain('Not total document signed');
  });

  it('an /Info update that renames the certificate cannot change the number the signature vouches for', () => {
    const renumbered = changeInfo(signed, { CertificateNumber: 'TA-1405-000124-5' });
    const result = verify(renumbered);
    expect(result).toMatchObject({ number: NUMBER, modifiedAfterSigning: { kind: 'info-update' } });
    expect(result.modifiedAfterSigning?.detail).toContain(`gives the certificate number TA-1405-000124-5 instead of the signed ${NUMBER}`);
  });

  it('bytes appended that are not a PDF revision', async () => {
    const result = verify(corpus.appended);
    expect(result).toMatchObject({ signatureValid: true, byteRangeCoversFile: false, modifiedAfterSigning: { kind: 'bytes-appended', bytesAfterSignedRevision: corpus.appended.length - signed.length, objects: [] } });
    expect(pdfsig(await write('appended.pdf', corpus.appended))).toContain('Not total document signed');
  });

  it('a full rewrite (qpdf): the signed revision is gone', () => {
    expect(verify(corpus.rewritten)).toMatchObject({ signatureValid: false, number: NUMBER, modifiedAfterSigning: { kind: 'rewritten' } });
  });

  it('a certificate whose signature was stripped is a rewrite; a PDF that was never a certificate is not called modified', () => {
    const stripped = Buffer.from(signed.toString('latin1').replace(/\/ByteRange \[[^\]]*\]/, (m) => ' '.repeat(m.length)), 'latin1');
    expect(verify(stripped)).toMatchObject({ signatureValid: false, number: NUMBER, modifiedAfterSigning: { kind: 'rewritten' } });
    expect(verify(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF'))).toMatchObject({ signatureValid: false, modifiedAfterSigning: null });
    expect(verify(unsigned)).toMatchObject({ modifiedAfterSigning: null, problem: expect.stringContaining('never signed') });
  });

  it('an update that replaces only other objects is named as such, listing them', () => {
    const catalog = Number(/\/Root\s+([0-9]+)\s+0\s+R/.exec(signed.toString('latin1'))![1]);
    const updated = incrementalUpdate(signed, [{ num: catalog, body: '<< /Type /Catalog /Pages 1 0 R /OpenAction [8 0 R /Fit] >>' }]);
    const result = verify(updated);
    expect(result.modifiedAfterSigning).toMatchObject({ kind: 'other-update', objects: [{ ref: `${catalog} 0`, change: 'replaced', role: 'catalog' }] });
    expect(result.modifiedAfterSigning?.detail).toContain(`replaces 1 object(s): ${catalog} 0 (catalog)`);
  });

  it('stays bounded and never throws on hostile bytes after the signed revision', () => {
    const headers = Buffer.from('900 0 obj\n'.repeat(MAX_OBJECTS * 3));
    // an object number the signed revision does not use (replacing one of its objects could rightly be a content update)
    const endlessStream = Buffer.from(`\n9999 0 obj\n<< /Length 1 >>\nstream\n${'x'.repeat(1_000_000)}`);
    for (const tail of [headers, endlessStream, Buffer.alloc(2_000_000, 0xff)]) {
      const result = verify(Buffer.concat([signed, tail]));
      expect(result.signatureValid).toBe(true);
      expect(result.modifiedAfterSigning?.kind).toMatch(/^(other-update|bytes-appended)$/);
    }
    expect(verify(Buffer.concat([signed, headers])).modifiedAfterSigning?.detail).toContain(`only the first ${MAX_OBJECTS} objects were looked at`);
    const outside = Buffer.from(signed.toString('latin1').replace(/\/ByteRange \[0 (\d+) (\d+) (\d+)\] */, (m, a, b) => `/ByteRange [0 ${a} ${b} 99999999]`.padEnd(m.length)), 'latin1');
    expect(outside.length).toBe(signed.length);
    expect(verify(outside).modifiedAfterSigning?.kind).toBe('rewritten');
  });
});

describe('certificates - the signer must be of the number\'s family', () => {
  let dir: string;
  let pki: Pki;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-family-'));
    pki = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase', { testOnlyKeyIterations: 1_000 });
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('refuses a TA number signed by the SA signer, saying why, though the signature and chain are good', async () => {
    const pdf = await signPdf(await renderCertificatePdf(input, loadCertificateTemplate('software-technical-approval')), await pki.signerFor('SA'), null);
    const result = verifyCertificatePdf(pdf, { rootCertPems: [pki.rootCertPem] });
    expect(result).toMatchObject({ signatureValid: true, chainTrusted: true, number: NUMBER, signerFamilies: ['SA'], signerFamilyMatches: false, modifiedAfterSigning: null });
    expect(result.problem).toBe(`the signer's certificate policy names family SA, but the number ${NUMBER} is of family TA`);
  });

  it('refuses an end-entity signer naming no family, but keeps PDFs the issuing CA signed itself before per-family signers', async () => {
    const unsigned = await renderCertificatePdf(input, loadCertificateTemplate('software-technical-approval'));
    const root = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rootPem = issueCertificate({ commonName: 'ITO Demo Root CA', publicKey: root.publicKey, selfSigningKey: root.privateKey, validityYears: 20, ca: {}, keyUsage: { keyCertSign: true, cRLSign: true } });
    const ca = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const caPem = issueCertificate({
      commonName: 'ITO Demo Issuing CA', publicKey: ca.publicKey, issuer: { certPem: rootPem, key: root.privateKey }, validityYears: 5, ca: { pathLen: 0 },
      keyUsage: { keyCertSign: true, cRLSign: true, digitalSignature: true, nonRepudiation: true },
    });
    const plain = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const plainPem = issueCertificate({
      commonName: 'A signer without a family', publicKey: plain.publicKey, issuer: { certPem: caPem, key: ca.privateKey }, validityYears: 1, ca: false,
      keyUsage: { digitalSignature: true, nonRepudiation: true },
    });
    const trust = { rootCertPems: [rootPem] };

    const byCa = verifyCertificatePdf(await signPdf(unsigned, { key: ca.privateKey, certPem: caPem, chainPems: [rootPem] }, null), trust);
    expect(byCa).toMatchObject({ signatureValid: true, chainTrusted: true, signerFamilies: [], signerFamilyMatches: true });
    const byPlain = verifyCertificatePdf(await signPdf(unsigned, { key: plain.privateKey, certPem: plainPem, chainPems: [caPem, rootPem] }, null), trust);
    expect(byPlain).toMatchObject({ signatureValid: true, chainTrusted: true, signerFamilies: [], signerFamilyMatches: false });
    expect(byPlain.problem).toBe(`the signer's certificate names no certificate family, so it may not sign ${NUMBER}`);
  });
});
