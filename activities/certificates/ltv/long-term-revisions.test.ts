/**
 * The verifier tells the issuer's long-term updates from tampering: a validation-data (DSS) update
 * and a document time-stamp that verifies are not "modified after signing" and give B-LT / B-LTA;
 * every file of the tamper corpus built from an LTA file still gets its own verdict; a DSS update
 * that also touches the page or the catalog, and a document time-stamp that does not verify, are
 * reported as today.
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCertificateTemplate } from '../certificate-template';
import { inputFor } from '../certificate-samples.test-helper';
import { ensureDemoPki, Pki } from '../pki';
import { renderCertificatePdf } from '../render-certificate-pdf';
import { signPdf } from '../sign-pdf';
import { incrementalUpdate, objectText, paintText, tamperCorpus } from '../tamper-corpus.test-helper';
import { pkiTimeStamper } from '../timestamp';
import type { TimeStamper } from '../timestamp/time-stamper';
import { verifyCertificatePdf } from '../verify-pdf';
import { appendDocumentTimeStamp } from './document-time-stamp';
import { appendValidationData, ValidationData } from './dss-writer';
import { readTrailer } from './incremental-update';

describe('certificates - the issuer\'s long-term updates are not modifications', () => {
  let dir: string;
  let pki: Pki;
  let stamper: TimeStamper;
  let bt: Buffer;
  let lt: Buffer;
  let lta: Buffer;
  let data: ValidationData;
  const verify = (pdf: Buffer) => verifyCertificatePdf(pdf, { rootCertPems: [pki.rootCertPem] });

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-ltv-'));
    pki = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase', { testOnlyKeyIterations: 1_000 });
    stamper = pkiTimeStamper(pki);
    const template = loadCertificateTemplate('software-technical-approval');
    const signer = await pki.signerFor('TA');
    bt = await signPdf(await renderCertificatePdf(inputFor(template), template), signer, stamper);
    // the verifier judges the shape of the update, not the blobs: certificates stand in for CRLs and OCSP answers
    const der = (pem: string) => new X509Certificate(pem).raw;
    data = { certificates: [signer.certPem, ...signer.chainPems, ...pki.timeStampAuthorityCertPems].map(der), crls: [der(pki.issuingCertPem)], ocspResponses: [der(signer.certPem)] };
    lt = appendValidationData(bt, data);
    lta = appendValidationData(await appendDocumentTimeStamp(lt, stamper), { ...data, crls: [der(pki.rootCertPem)] });
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('B-LT: a DSS update after the signature is validation data, not a modification; the signed bytes are untouched', () => {
    expect(lt.subarray(0, bt.length).equals(bt)).toBe(true);
    expect(verify(lt)).toMatchObject({ signatureValid: true, chainTrusted: true, padesLevel: 'B-LT', validationData: true, documentTimeStamps: [], modifiedAfterSigning: null });
  });

  it('B-LTA: a document time-stamp after the DSS (and a second DSS update after it) is recognised and verified', () => {
    const result = verify(lta);
    expect(result).toMatchObject({ signatureValid: true, padesLevel: 'B-LTA', validationData: true, modifiedAfterSigning: null, documentTimeStamps: [{ valid: true, tsaSubject: expect.stringContaining('Time-Stamping Authority') }] });
    expect(result.documentTimeStamps[0].time!.getTime()).toBeGreaterThanOrEqual(result.timeStamp!.time!.getTime());
  });

  it('writing the same validation data again adds nothing', () => {
    expect(appendValidationData(lta, data).equals(lta)).toBe(true);
  });

  it('the tamper corpus built from an LTA file gets the same verdicts as from a B-T file', async () => {
    const corpus = await tamperCorpus(lta, path.join(dir, 'corpus'));
    expect(verify(corpus.byteChanged)).toMatchObject({ signatureValid: false, modifiedAfterSigning: { kind: 'signed-bytes-changed' } });
    expect(verify(corpus.visibleText)).toMatchObject({ signatureValid: true, padesLevel: 'B-LTA', modifiedAfterSigning: { kind: 'content-update' } });
    expect(verify(corpus.infoOnly)).toMatchObject({ signatureValid: true, modifiedAfterSigning: { kind: 'info-update' } });
    expect(verify(corpus.appended)).toMatchObject({ signatureValid: true, modifiedAfterSigning: { kind: 'bytes-appended' } });
    expect(verify(corpus.rewritten)).toMatchObject({ signatureValid: false, modifiedAfterSigning: { kind: 'rewritten' } });
  });

  it('a DSS update that also paints on the page, or changes the catalog beyond /DSS, is reported as before', () => {
    const painted = paintText(bt);
    const paintedThenDss = appendValidationData(painted, data);
    expect(verify(paintedThenDss)).toMatchObject({ validationData: false, padesLevel: 'B-T', modifiedAfterSigning: { kind: 'content-update' } });

    const root = readTrailer(lt).root;
    const catalog = objectText(lt, root).replace(/>>\s*$/, '/OpenAction [10 0 R /Fit]\n>>');
    expect(verify(incrementalUpdate(bt, [{ num: root, body: catalog.replace(/\/DSS\s+[0-9]+\s+0\s+R/, '') }]))).toMatchObject({ validationData: false, modifiedAfterSigning: { kind: 'other-update' } });
    // the DSS update's own catalog gains an /OpenAction beside /DSS
    const text = lt.toString('latin1').replace(/\/DSS (\d+) 0 R\n>>\nendobj\nxref/, '/DSS $1 0 R /OpenAction [10 0 R /Fit]\n>>\nendobj\nxref');
    expect(text).not.toBe(lt.toString('latin1'));
    expect(verify(Buffer.from(text, 'latin1'))).toMatchObject({ validationData: false, padesLevel: 'B-T', modifiedAfterSigning: { kind: 'other-update' } });
  });

  it('a document time-stamp whose token is not over the file is not valid, and its update is reported', async () => {
    const foreignToken: TimeStamper = async () => stamper(Buffer.alloc(32, 7));
    const forged = await appendDocumentTimeStamp(lt, foreignToken);
    const result = verify(forged);
    expect(result).toMatchObject({ signatureValid: true, padesLevel: 'B-LT', documentTimeStamps: [{ valid: false, problem: expect.stringMatching(/imprint/) }], modifiedAfterSigning: { kind: 'content-update' } });
  });

  it('a trailer pointing at another document information dictionary is not validation data', () => {
    const text = lt.toString('latin1');
    const last = text.lastIndexOf('/Info ');
    const renamed = Buffer.from(`${text.slice(0, last)}/Info 1 0 R${text.slice(text.indexOf(' R', last) + 2)}`, 'latin1');
    expect(verify(renamed)).toMatchObject({ validationData: false });
    expect(verify(renamed).modifiedAfterSigning).not.toBeNull();
  });
});
