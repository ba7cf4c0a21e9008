/**
 * Issued certificates are PAdES-BASELINE-LTA and verify for decades: for a certificate of every
 * family (signed B-T, then the DSS with the chain, CRLs and OCSP answers, a document time-stamp,
 * and the DSS for that time-stamp's TSA), EU DSS under its default policy, trusting only the demo
 * root, answers TOTAL_PASSED with PAdES-BASELINE-LTA offline (the file carries everything) and
 * online; pyHanko's AdES long-term validation answers valid; veraPDF still finds PDF/A-3b; pdfsig
 * still finds the signature valid; our verifier says B-LTA and not modified. A signer revoked after
 * issue: with the revocation in the DSS (a re-stamp adds it), DSS and pyHanko report it revoked
 * after the time-stamped signing time, which keeps the signature good, and so does our verifier.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAllCertificateTemplates } from '../../../activities/certificates/certificate-template';
import { extendToLta } from '../../../activities/certificates/ltv';
import { issueLta, ltaPki, LtaPki, LTA_TEST_KEYS } from '../../../activities/certificates/ltv/lta-samples.test-helper';
import { pdfsig } from '../../../activities/certificates/pdf-tools.test-helper';
import { readPublishedCrls } from '../../../activities/certificates/revocation/published-crls';
import { revokeCertificate } from '../../../activities/certificates/revocation/revoke';
import { pkiTimeStamper } from '../../../activities/certificates/timestamp';
import { verifyCertificatePdf } from '../../../activities/certificates/verify-pdf';
import { ensureDssValidator } from './dss/dss-tool';
import { validateWithDss } from './dss/validate-with-dss';
import { ensurePyHanko } from './pyhanko/pyhanko-tool';
import { validateWithPyHanko } from './pyhanko/validate-with-pyhanko';
import { validatePdfA } from './verapdf/validate-pdfa';

const FIRST_INSTALL_MS = 25 * 60_000;
const VALIDATOR_RUN_MS = 10 * 60_000;

describe('independent validators - issued certificates are PAdES-BASELINE-LTA', () => {
  const templates = loadAllCertificateTemplates();
  let dir: string;
  let issuer: LtaPki;
  const files = new Map<string, string>();
  const ltaOf = new Map<string, Buffer>();
  const rootPem = () => issuer.pki.rootCertPem;

  beforeAll(async () => {
    ensureDssValidator();
    ensurePyHanko();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-lta-'));
    issuer = await ltaPki(dir);
    for (const template of templates) {
      const lta = await issueLta(issuer, template);
      const file = path.join(dir, `${template.key}.pdf`);
      await fs.writeFile(file, lta);
      files.set(template.key, file);
      ltaOf.set(template.key, lta);
    }
  }, FIRST_INSTALL_MS);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('EU DSS offline, every family: TOTAL_PASSED, PAdES-BASELINE-LTA, the signer GOOD from the file\'s own OCSP answer', async () => {
    for (const [key, file] of files) {
      const result = await validateWithDss(file, { rootPem: rootPem(), offline: true });
      expect({ key, ...result }).toMatchObject({
        key, indication: 'TOTAL_PASSED', signatureFormat: 'PAdES-BASELINE-LTA', signatureCount: 1,
        signerRevocation: { status: 'GOOD', origin: 'INPUT_DOCUMENT' },
      });
      expect(result.timestampCount).toBeGreaterThanOrEqual(2); // the signature time-stamp and the document time-stamp
    }
  }, VALIDATOR_RUN_MS);

  it('EU DSS online (free to fetch at the URLs the certificates name): TOTAL_PASSED, PAdES-BASELINE-LTA', async () => {
    const result = await validateWithDss(files.get('software-technical-approval')!, { rootPem: rootPem() });
    expect(result).toMatchObject({ indication: 'TOTAL_PASSED', signatureFormat: 'PAdES-BASELINE-LTA' });
  }, VALIDATOR_RUN_MS);

  it('pyHanko adesverify (long-term validation), every family: valid, trusted, the updates are signature maintenance', async () => {
    for (const [key, file] of files) {
      const result = await validateWithPyHanko(file, { rootPem: rootPem(), lta: true });
      expect({ key, ...result }).toMatchObject({ key, valid: true, intact: true, trusted: true, revoked: false });
      expect(result.raw).toContain('All modifications relate to signature maintenance');
    }
  }, VALIDATOR_RUN_MS);

  it('veraPDF: still PDF/A-3b; pdfsig: the signature is still valid and the document time-stamp is seen', async () => {
    const file = files.get('software-technical-approval')!;
    expect(await validatePdfA(file)).toEqual({ compliant: true, failures: [] });
    const report = pdfsig(file);
    expect(report).toMatch(/Signature #1:[\s\S]*Signature Validation: Signature is Valid\./);
    expect(report).toMatch(/Signature #2:[\s\S]*Signer Certificate Common Name: ITO Demo Time-Stamping Authority/);
  }, VALIDATOR_RUN_MS);

  it('our verifier, every family: B-LTA, validation data, one valid document time-stamp, not modified after signing', () => {
    for (const [key, lta] of ltaOf) {
      expect({ key, ...verifyCertificatePdf(lta, { rootCertPems: [rootPem()] }) }).toMatchObject({
        key, signatureValid: true, chainTrusted: true, padesLevel: 'B-LTA', validationData: true,
        documentTimeStamps: [{ valid: true, time: expect.any(Date) }], modifiedAfterSigning: null, signerFamilyMatches: true,
      });
    }
  });

  it('a signer revoked after issue: DSS, pyHanko and our verifier report it revoked after the time-stamped signing time', async () => {
    const key = 'software-technical-approval';
    const signer = await issuer.pki.signerFor('TA');
    const revokedAt = new Date(Date.now() + 1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the revocation is dated after the signature's time-stamp
    await revokeCertificate(issuer.dir, LTA_TEST_KEYS, { target: { family: 'TA' }, reason: 'keyCompromise', at: revokedAt });
    // a re-stamp brings the CRL and OCSP answer that list the revocation into the file
    const restamped = await extendToLta(ltaOf.get(key)!, { certPems: [signer.certPem, ...signer.chainPems], timeStamper: pkiTimeStamper(issuer.pki), validationData: issuer.validationData });
    const file = path.join(dir, 'revoked-signer.pdf');
    await fs.writeFile(file, restamped);

    const dss = await validateWithDss(file, { rootPem: rootPem(), offline: true });
    expect(dss).toMatchObject({ signatureFormat: 'PAdES-BASELINE-LTA', signerRevocation: { status: 'REVOKED', reason: 'KEY_COMPROMISE', origin: 'INPUT_DOCUMENT' } });
    expect(Date.parse(dss.signerRevocation!.revocationDate!)).toBeGreaterThan(Date.parse(dss.bestSignatureTime!));
    expect(dss.indication).toBe('TOTAL_PASSED'); // the signature's time-stamp proves it was made before the revocation

    const pyhanko = await validateWithPyHanko(file, { rootPem: rootPem(), lta: true });
    // valid: the time-stamps prove the signature before the revocation, which pyHanko reports from the file's CRL and OCSP answer
    expect(pyhanko).toMatchObject({ valid: true, intact: true });
    expect(pyhanko.raw).toMatch(/CRL indicates the end-entity certificate was revoked at .* due to a compromised key/);
    expect(pyhanko.raw).toMatch(/OCSP response indicates the end-entity certificate was revoked at .* due to a compromised key/);

    const ours = verifyCertificatePdf(restamped, { rootCertPems: [rootPem()], revocation: { crls: await readPublishedCrls(issuer.dir) } });
    expect(ours).toMatchObject({ signatureValid: true, padesLevel: 'B-LTA', modifiedAfterSigning: null, documentTimeStamps: [{ valid: true }, { valid: true }] });
    expect(ours.signerRevocation).toMatchObject({ status: 'revoked', reason: 'keyCompromise', revokedAfterSigning: true, signingTimeFrom: 'time-stamp' });
  }, VALIDATOR_RUN_MS);
});
