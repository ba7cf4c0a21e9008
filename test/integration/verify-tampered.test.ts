/**
 * POST /api/public/verify says what happened to a certificate PDF changed after issue, from the
 * file itself and apart from the record-hash check: each file of the tamper corpus (a changed byte,
 * visible text painted by an incremental update, an /Info-only update, bytes appended, a qpdf
 * rewrite) gets its kind and a verdict in both languages; and a number signed by another family's
 * signer is not valid. The OpenAPI description carries the new fields.
 */
import path from 'node:path';
import { useApi } from '../support/harness';
import { seedIssuedCertificate } from '../support/seed-certificate';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../activities/certificates/certificate-template';
import { renderCertificatePdf } from '../../activities/certificates/render-certificate-pdf';
import { signPdf } from '../../activities/certificates/sign-pdf';
import { TamperCorpus, tamperCorpus } from '../../activities/certificates/tamper-corpus.test-helper';
import { pdfForm } from '../support/pdf-form';

const YEAR = 1396; // a year no other test issues in

const api = useApi();

async function issue(sequence: number, signerFamily: string): Promise<{ number: string; pdf: Buffer }> {
  const number = formatCertificateNumber({ family: 'TA', jalaliYear: YEAR, sequence });
  const holder = { name: 'شرکت نرم‌افزاری نمونه پارس', nationalId: '10101234567' };
  const subject = { productName: 'Tamper Test', productVersion: '1.0', platform: 'web' };
  const unsigned = await renderCertificatePdf({
    number, holder, subject, issuedAt: new Date('2026-01-01T00:00:00Z'), expiresAt: new Date('2028-01-01T00:00:00Z'),
    verifyUrl: `http://localhost:3000/verify/${number}`, trackingNumber: `TAMPER-${sequence}`,
  }, loadCertificateTemplate('software-technical-approval'));
  const pdf = await signPdf(unsigned, await api.stack.pki.signerFor(signerFamily), null);
  await seedIssuedCertificate(api.stack.db, { number, holderName: holder.name, holderNationalId: holder.nationalId, subject, pdf });
  return { number, pdf };
}

async function verify(pdf: Buffer) {
  const res = await api.anonymous.post('/api/public/verify', pdfForm(pdf));
  expect(res.status).toBe(200);
  return res.body;
}

describe('public verification of a certificate PDF changed after issue', () => {
  let number: string;
  let corpus: TamperCorpus;

  beforeAll(async () => {
    const issued = await issue(1, 'TA');
    number = issued.number;
    corpus = await tamperCorpus(issued.pdf, path.join(process.env.TEST_RUN_DIR!, 'tamper'));
    expect(await verify(issued.pdf)).toMatchObject({
      signatureValid: true, chainTrusted: true, hashMatchesRecord: true, signerFamilies: ['TA'], signerFamilyMatches: true,
      modifiedAfterSigning: null, number, status: 'valid', verdict: { en: `Certificate ${number} is authentic and valid.` },
    });
  });

  it('one byte changed inside the signed range: content changed, the signature does not match', async () => {
    const answer = await verify(corpus.byteChanged);
    expect(answer).toMatchObject({ signatureValid: false, hashMatchesRecord: false, number, modifiedAfterSigning: { kind: 'signed-bytes-changed' } });
    expect(answer.verdict.en).toBe('The signature of this file is not valid: content changed: the signature does not match.');
    expect(answer.verdict.fa).toContain('امضا با فایل نمی‌خواند');
  });

  it('visible text painted by an incremental update: modified after signing, page content changed, though the signature holds', async () => {
    const answer = await verify(corpus.visibleText);
    expect(answer).toMatchObject({ signatureValid: true, chainTrusted: true, hashMatchesRecord: false, number, status: 'valid', modifiedAfterSigning: { kind: 'content-update' } });
    expect(answer.modifiedAfterSigning.objects).toEqual(expect.arrayContaining([{ ref: expect.any(String), change: 'replaced', role: 'page' }]));
    expect(answer.verdict.en).toMatch(/^This file was modified after signing and is not valid; .*changed or added page content/);
    expect(answer.verdict.fa).toContain('پس از امضا تغییر کرده');
  });

  it('an /Info-only incremental update: modified after signing, only the document information', async () => {
    const answer = await verify(corpus.infoOnly);
    expect(answer).toMatchObject({ signatureValid: true, number, modifiedAfterSigning: { kind: 'info-update', objects: [{ role: 'info' }, { role: 'info' }] } });
    expect(answer.verdict.en).toContain('changed only the document information');
  });

  it('bytes appended: modified after signing, not part of the document', async () => {
    const answer = await verify(corpus.appended);
    expect(answer).toMatchObject({ signatureValid: true, hashMatchesRecord: false, modifiedAfterSigning: { kind: 'bytes-appended', objects: [] } });
    expect(answer.verdict.en).toContain('bytes were appended');
  });

  it('a full rewrite: the signed version is gone', async () => {
    const answer = await verify(corpus.rewritten);
    expect(answer).toMatchObject({ signatureValid: false, hashMatchesRecord: false, number, modifiedAfterSigning: { kind: 'rewritten' } });
    expect(answer.verdict.en).toContain('the file was rewritten');
  });
});

describe('public verification of the signer\'s family', () => {
  it('refuses a TA certificate signed by the SA signer, saying why in both languages, though the file is the one on record', async () => {
    const { number, pdf } = await issue(2, 'SA');
    const answer = await verify(pdf);
    expect(answer).toMatchObject({ signatureValid: true, chainTrusted: true, hashMatchesRecord: true, signerFamilies: ['SA'], signerFamilyMatches: false, modifiedAfterSigning: null, number });
    expect(answer.verdict).toEqual({
      fa: `این فایل معتبر نیست: گواهی ${number} از خانواده TA است، اما امضاکننده آن مجاز به امضای خانواده SA است.`,
      en: `This file is not valid: certificate ${number} is of family TA, but its signer may sign family SA only.`,
    });
  });
});

describe('the verify answer in the OpenAPI description', () => {
  it('describes modifiedAfterSigning with its kinds, and the signer family check', async () => {
    const res = await api.anonymous.get('/api/openapi.json');
    const schema = res.body.paths['/api/public/verify'].post.responses['200'].content['application/json'].schema;
    expect(schema.properties.modifiedAfterSigning.properties.kind.enum).toEqual(['bytes-appended', 'info-update', 'content-update', 'other-update', 'signed-bytes-changed', 'rewritten']);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['signerFamilies', 'signerFamilyMatches', 'verdict']));
  });
});
