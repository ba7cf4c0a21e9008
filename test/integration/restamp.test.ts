/**
 * Re-stamping archived certificates and the holder's earlier copy: an issued B-LTA certificate
 * verifies on the public route as B-LTA, not modified, matching the record; once a newer
 * time-stamping authority exists (an issuing CA rotation), `npm run pki -- restamp` (run as its own
 * process) appends validation data and a new document time-stamp, stores the new file and hash and
 * audits it, and a second run changes nothing; a dry run changes nothing; a file signed without a
 * time-stamp is reported as such and left. The re-stamped file
 * verifies with two document time-stamps, and the copy the holder kept from before still matches
 * the record (a prefix of the stored file ending at a revision), while a copy cut elsewhere does not.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import { ApiClient, Stack, startApi } from '../support/harness';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../activities/certificates/certificate-template';
import { pkiValidationData, signLongTerm } from '../../activities/certificates/ltv';
import { ensureDemoPki, Pki, rotateIssuingCa } from '../../activities/certificates/pki';
import { renderCertificatePdf } from '../../activities/certificates/render-certificate-pdf';
import { signPdf } from '../../activities/certificates/sign-pdf';
import { createRevocationPublisher } from '../../activities/certificates/revocation/publish';
import { pkiTimeStamper } from '../../activities/certificates/timestamp';
import { pdfForm } from '../support/pdf-form';

const sha256 = (pdf: Buffer) => crypto.createHash('sha256').update(pdf).digest('hex');

describe('re-stamping archived certificates', () => {
  const passphrase = process.env.PKI_PASSPHRASE!;
  const pkiDir = path.join(process.env.TEST_RUN_DIR!, 'restamp', 'pki');
  const number = formatCertificateNumber({ family: 'TA', jalaliYear: 1396, sequence: 41 });
  let server: Stack;
  let client: ApiClient;
  let pki: Pki;
  let issued: Buffer;
  let rootKeyFile: string | undefined;

  /** `npm run pki -- restamp … --number <number>` as an operator runs it (its own process, the run's database, this test's PKI): each certificate's line. */
  const restamp = async ({ withinDays, dryRun, only = number }: { withinDays: number; dryRun: boolean; only?: string }): Promise<{ number: string; outcome: string }[]> => {
    const args = ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', 'pki.ts'), 'restamp', '--within-days', String(withinDays), '--number', only, ...(dryRun ? ['--dry-run'] : [])];
    const env: NodeJS.ProcessEnv = { ...process.env, PKI_DIR: pkiDir, PKI_PASSPHRASE: passphrase };
    delete env.TSA_URL; // the command's own TSA, with the PKI's current key
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
      child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
      child.once('error', reject);
      child.once('close', (status) => resolve({ code: status, stdout: out, stderr: err }));
    });
    if (code !== 0) throw new Error(`npm run pki -- restamp exited ${code}: ${stderr}`);
    expect(stdout).toMatch(/^1 certificate\(s\): /m);
    return [...stdout.matchAll(/^(\S+): ([a-z-]+) \(/gm)].map(([, found, outcome]) => ({ number: found, outcome }));
  };
  const stored = async (which = number) => Buffer.from((await server.db.certificate.findUniqueOrThrow({ where: { number: which } })).pdf!);
  /** A certificate from before time-stamping (PAdES B-B), which a re-stamp cannot make long-term. */
  const unstampedNumber = formatCertificateNumber({ family: 'TA', jalaliYear: 1396, sequence: 42 });
  let unstamped: Buffer;

  beforeAll(async () => {
    rootKeyFile = (await ensureDemoPki(pkiDir, passphrase)).offlineRootKeyFile; // as set-up does, before the API starts
    server = await startApi(undefined, undefined, { PKI_DIR: pkiDir });
    client = new ApiClient(server.baseUrl);
    pki = await ensureDemoPki(pkiDir, passphrase, { publicBaseUrl: server.baseUrl });
    const template = loadCertificateTemplate('software-technical-approval');
    const holder = { name: 'شرکت بایگانی بلندمدت', nationalId: '10101234599' };
    const issuedAt = new Date();
    const expiresAt = new Date(Date.now() + 365 * 86_400_000);
    const subject = { productName: 'Re-stamp Test', productVersion: '1.0', platform: 'web' };
    const { db } = server;
    const definition = await db.processDefinition.findFirstOrThrow({ where: { key: 'software-technical-approval' } });
    const applicant = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
    /** A completed application's certificate `n` (TA 1396 sequence `sequence`), rendered and signed by `sign`, as its stored record. */
    const recordCertificate = async (n: string, sequence: number, sign: (unsigned: Buffer) => Promise<Buffer>): Promise<Buffer> => {
      const trackingNumber = `RESTAMP-${sequence}`;
      const pdf = await sign(await renderCertificatePdf({ number: n, holder, subject, issuedAt, expiresAt, verifyUrl: `${server.baseUrl}/verify/${n}`, trackingNumber }, template));
      const application = await db.application.create({
        data: {
          trackingNumber, definitionId: definition.id, processKey: definition.key, processVersion: definition.version,
          organisationId: applicant.organisationId!, applicantId: applicant.id, status: 'completed', submittedData: '{}',
        },
      });
      await db.certificate.create({
        data: {
          number: n, issuanceKey: `${trackingNumber}/issue`, family: template.key, familyCode: 'TA', jalaliYear: 1396, sequence,
          applicationId: application.id, holderName: holder.name, holderNationalId: holder.nationalId, subject: JSON.stringify(subject),
          status: 'valid', issuedAt, expiresAt, pdf: new Uint8Array(pdf), pdfSha256: sha256(pdf),
        },
      });
      return pdf;
    };
    const signer = await pki.signerFor('TA');
    issued = await recordCertificate(number, 41, (unsigned) => signLongTerm(unsigned, signer, pkiTimeStamper(pki), pkiValidationData(pkiDir, createRevocationPublisher(pkiDir, { passphrase }))));
    unstamped = await recordCertificate(unstampedNumber, 42, (unsigned) => signPdf(unsigned, signer, null));
  });

  afterAll(async () => {
    await server?.close();
  });

  it('the issued certificate verifies on the public route as B-LTA, not modified, and matches the record', async () => {
    const res = await client.post('/api/public/verify', pdfForm(issued));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      signatureValid: true, chainTrusted: true, padesLevel: 'B-LTA', validationData: true, modifiedAfterSigning: null,
      documentTimeStamps: [{ valid: true }], hashMatchesRecord: true, status: 'valid',
    });
    expect(res.body.verdict.en).toBe(`Certificate ${number} is authentic and valid.`);
  });

  it('does not re-stamp while no TSA certificate outlives the file\'s, or when the file is not due', async () => {
    expect(await restamp({ withinDays: 365 * 30, dryRun: false })).toEqual([expect.objectContaining({ number, outcome: 'no-later-tsa' })]);
    expect(await restamp({ withinDays: 30, dryRun: false })).toEqual([expect.objectContaining({ number, outcome: 'not-due' })]);
    expect((await stored()).equals(issued)).toBe(true);
  });

  it('reports a certificate signed without a time-stamp as not time-stamped, not as a failure, and leaves it', async () => {
    expect(await restamp({ withinDays: 365 * 30, dryRun: false, only: unstampedNumber })).toEqual([{ number: unstampedNumber, outcome: 'not-time-stamped' }]);
    expect((await stored(unstampedNumber)).equals(unstamped)).toBe(true);
  });

  it('after an issuing CA rotation re-stamps the due file once (a dry run changes nothing), stores the new hash and audits it', async () => {
    await rotateIssuingCa(pkiDir, passphrase, { families: ['TA'], rootKeyFile });
    expect(await restamp({ withinDays: 365 * 30, dryRun: true })).toEqual([expect.objectContaining({ number, outcome: 'would-restamp' })]);
    expect((await stored()).equals(issued)).toBe(true);

    expect(await restamp({ withinDays: 365 * 30, dryRun: false })).toEqual([{ number, outcome: 'restamped' }]);
    const restamped = await stored();
    expect(restamped.subarray(0, issued.length).equals(issued)).toBe(true);
    const row = await server.db.certificate.findUniqueOrThrow({ where: { number } });
    expect(row.pdfSha256).toBe(sha256(restamped));
    const audit = await server.db.auditLog.findMany({ where: { action: 'certificate.restamped', entityId: number } });
    expect(audit).toHaveLength(1);

    expect(await restamp({ withinDays: 365 * 30, dryRun: false })).toEqual([expect.objectContaining({ number, outcome: 'no-later-tsa' })]);
    expect((await stored()).equals(restamped)).toBe(true);
  });

  it('the re-stamped file verifies with two document time-stamps; the earlier copy still matches the record, a copy cut elsewhere does not', async () => {
    const restamped = await stored();
    const now = await client.post('/api/public/verify', pdfForm(restamped));
    expect(now.body).toMatchObject({ signatureValid: true, padesLevel: 'B-LTA', modifiedAfterSigning: null, hashMatchesRecord: true, documentTimeStamps: [{ valid: true }, { valid: true }] });
    expect(now.body.documentTimeStamps[1].tsaSubject).toContain('(G2)');

    const earlier = await client.post('/api/public/verify', pdfForm(issued));
    expect(earlier.body).toMatchObject({ signatureValid: true, padesLevel: 'B-LTA', modifiedAfterSigning: null, hashMatchesRecord: true });
    expect(earlier.body.verdict.en).toBe(`Certificate ${number} is authentic and valid.`);

    const cut = restamped.subarray(0, issued.length + 100); // inside the re-stamp's update: no revision ends there
    expect((await client.post('/api/public/verify', pdfForm(cut))).body).toMatchObject({ hashMatchesRecord: false });
  });
});
