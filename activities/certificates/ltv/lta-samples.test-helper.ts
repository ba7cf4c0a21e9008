/**
 * Test-only: a demo PKI whose certificates name revocation URLs, its revocation publisher, and
 * certificates issued as the worker issues them: rendered, signed B-T, then made B-LTA.
 */
import path from 'node:path';
import { inputFor } from '../certificate-samples.test-helper';
import type { CertificateTemplate } from '../certificate-template';
import { ensureDemoPki, Pki } from '../pki';
import { renderCertificatePdf } from '../render-certificate-pdf';
import { createRevocationPublisher, RevocationPublisher } from '../revocation/publish';
import { pkiTimeStamper } from '../timestamp';
import { signLongTerm } from './long-term';
import { pkiValidationData, ValidationDataSource } from './pki-validation-data';

export const LTA_TEST_KEYS = { passphrase: 'test-passphrase', iterations: 1_000 };
/** Where the certificates say their CRLs and OCSP answers are: nothing listens there, so only what the file carries counts. */
export const UNREACHABLE_BASE_URL = 'http://127.0.0.1:9/';

export interface LtaPki {
  dir: string;
  pki: Pki;
  publisher: RevocationPublisher;
  validationData: ValidationDataSource;
}

export async function ltaPki(dir: string): Promise<LtaPki> {
  const pkiDir = path.join(dir, 'pki');
  const pki = await ensureDemoPki(pkiDir, LTA_TEST_KEYS.passphrase, { testOnlyKeyIterations: LTA_TEST_KEYS.iterations, publicBaseUrl: UNREACHABLE_BASE_URL });
  const publisher = createRevocationPublisher(pkiDir, LTA_TEST_KEYS);
  return { dir: pkiDir, pki, publisher, validationData: pkiValidationData(pkiDir, publisher) };
}

/** A certificate of the template's family as issued: B-T, then the DSS, a document time-stamp and its TSA's DSS. */
export async function issueLta({ pki, validationData }: LtaPki, template: CertificateTemplate): Promise<Buffer> {
  return signLongTerm(await renderCertificatePdf(inputFor(template), template), await pki.signerFor(template.family), pkiTimeStamper(pki), validationData);
}
