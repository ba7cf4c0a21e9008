/**
 * `npm run bench:certificates -- [--count N] [--seconds S] [--connections C]`
 *
 * 1. Render + sign + time-stamp one certificate (pdfkit render with the Persian bidi pass and QR
 *    code, then the PAdES B-T CMS signature with its RFC 3161 signature time-stamp from the TSA in
 *    this process): median and p99 ms, and certificates per second on one core (one Node thread,
 *    one after another); then the whole issue-certificate path, B-LTA (the B-T signature, the DSS
 *    with chain, CRLs and OCSP answers, a document time-stamp and its DSS); then the same B-T with the time-stamp fetched over
 *    HTTP from a trust-services server the bench starts (trust-services/server.ts, as npm start
 *    runs it). Signing and time-stamping alone are timed too, and
 *    the floor beside it: `openssl dgst -sha256 -sign` with a key of the same size (per call, so
 *    process start-up included) and `openssl speed rsa2048` (RSA signatures alone).
 * 2. Public lookup throughput: autocannon against a warm API server (its own throw-away SQLite
 *    database holding one issued certificate), GET /api/public/certificates/{number}, and the
 *    trivial GET /api/health on the same server; the ratio between them.
 *
 * Targets (issue 4, issue 14): render + sign + time-stamp median under 250 ms with the TSA local;
 * lookup at least half the trivial route's rate.
 * Results go to bench/results/certificates-<date>.json and bench/results/certificates.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client, Connection } from '@temporalio/client';
import { PROJECT_ROOT } from '../../config';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../activities/certificates/certificate-template';
import { ensureDemoPki } from '../../activities/certificates/pki';
import { renderCertificatePdf, type CertificatePdfInput } from '../../activities/certificates/render-certificate-pdf';
import { signPdf } from '../../activities/certificates/sign-pdf';
import { pkiValidationData, signLongTerm } from '../../activities/certificates/ltv';
import { createRevocationPublisher } from '../../activities/certificates/revocation/publish';
import { pkiTimeStamper } from '../../activities/certificates/timestamp/pki-time-stamper';
import { createTimeStampAuthority } from '../../activities/certificates/timestamp/time-stamp-authority';
import { httpTimeStamper, TimeStamper } from '../../activities/certificates/timestamp/time-stamper';
import { startTrustServices } from '../../trust-services/server';
import { buildApp } from '../../portal/server/app';
import { EngineClient } from '../../portal/server/engine/engine-client';
import { prepareDatabase } from '../../scripts/lib/prepare-database';

const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const FAMILY = 'software-technical-approval';
const log = (m: string) => console.error(`[bench] ${m}`);

interface Timing { median: number; p99: number; mean: number }

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: round(at(0.5)), p99: round(at(0.99)), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length) };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function input(i: number): CertificatePdfInput {
  const issuedAt = new Date();
  return {
    number: formatCertificateNumber({ family: 'TA', jalaliYear: 1405, sequence: 100_000 + i }),
    holder: { name: 'شرکت نرم‌افزاری نمونه پارس', nationalId: '10101234567' },
    subject: { productName: 'سامانه جامع مدیریت اسناد «سند»', productVersion: '2.1.0', platform: 'web', description: 'سامانه تحت وب برای مدیریت اسناد. A web records system.' },
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + 2 * 365 * 86_400_000),
    verifyUrl: `https://ito.example/verify/${i}`,
    trackingNumber: `TA-14050901-BENCH${i}`,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '60' }, seconds: { type: 'string', default: '8' }, connections: { type: 'string', default: '10' } } });
  const count = Number(values.count);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ito-bench-certificates-'));
  try {
    const pkiDir = path.join(dir, 'pki');
    const pki = await ensureDemoPki(pkiDir, 'bench-passphrase');
    const template = loadCertificateTemplate(FAMILY);
    const signer = await pki.signerFor(template.family);

    // ---- render + sign + time-stamp
    log(`render + sign + time-stamp: ${count} certificates after 5 warm-up ones`);
    const inProcess = pkiTimeStamper(pki);
    /** Times each time-stamp the signer asks for. */
    const timed = (stamper: TimeStamper, samples: number[]): TimeStamper => async (imprint) => {
      const t0 = process.hrtime.bigint();
      const token = await stamper(imprint);
      samples.push(ms(t0));
      return token;
    };
    for (let i = 0; i < 5; i++) await signPdf(await renderCertificatePdf(input(i), template), signer, inProcess);
    const renderSign: number[] = [];
    const signOnly: number[] = [];
    const timeStampOnly: number[] = [];
    let lastPdf: Buffer = Buffer.alloc(0);
    const cpuStart = process.cpuUsage();
    const wallStart = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
      const t0 = process.hrtime.bigint();
      const unsigned = await renderCertificatePdf(input(10 + i), template);
      const t1 = process.hrtime.bigint();
      lastPdf = await signPdf(unsigned, signer, timed(inProcess, timeStampOnly));
      signOnly.push(ms(t1));
      renderSign.push(ms(t0));
    }
    const wallMs = ms(wallStart);
    const cpu = process.cpuUsage(cpuStart);

    // ---- the issuer's whole path: B-T, then the validation data and a document time-stamp (B-LTA)
    log(`render + sign + time-stamp + long-term (B-LTA): ${count} certificates after 5 warm-up ones`);
    const validationData = pkiValidationData(pkiDir, createRevocationPublisher(pkiDir, { passphrase: 'bench-passphrase' }));
    for (let i = 0; i < 5; i++) await signLongTerm(await renderCertificatePdf(input(i), template), signer, inProcess, validationData);
    const longTerm: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = process.hrtime.bigint();
      await signLongTerm(await renderCertificatePdf(input(10 + i), template), signer, inProcess, validationData);
      longTerm.push(ms(t0));
    }

    // ---- the same with the time-stamp over HTTP from a local trust-services server
    const trustServices = await startTrustServices({ tsa: createTimeStampAuthority(await pki.timeStampAuthority()), port: 0 });
    const httpRenderSign: number[] = [];
    const httpTimeStampOnly: number[] = [];
    try {
      log(`render + sign + time-stamp over HTTP (${trustServices.url}/tsa): ${count} certificates after 5 warm-up ones`);
      const overHttp = httpTimeStamper(`${trustServices.url}/tsa`, { rootCertPems: [pki.rootCertPem] });
      for (let i = 0; i < 5; i++) await signPdf(await renderCertificatePdf(input(i), template), signer, overHttp);
      for (let i = 0; i < count; i++) {
        const t0 = process.hrtime.bigint();
        await signPdf(await renderCertificatePdf(input(10 + i), template), signer, timed(overHttp, httpTimeStampOnly));
        httpRenderSign.push(ms(t0));
      }
    } finally {
      await trustServices.close();
    }

    // ---- the floor: openssl and node signing alone with a key of the same size
    const keyFile = path.join(dir, 'signer.key.pem');
    fs.writeFileSync(keyFile, signer.key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const dataFile = path.join(dir, 'data.pdf');
    fs.writeFileSync(dataFile, lastPdf);
    const opensslDgst: number[] = [];
    for (let i = 0; i < Math.min(count, 40); i++) {
      const t0 = process.hrtime.bigint();
      const res = spawnSync('openssl', ['dgst', '-sha256', '-sign', keyFile, '-out', path.join(dir, 'sig.bin'), dataFile]);
      if (res.status !== 0) throw new Error(`openssl dgst failed: ${res.stderr}`);
      opensslDgst.push(ms(t0));
    }
    const speed = execFileSync('openssl', ['speed', '-seconds', '2', 'rsa2048'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const speedRow = speed.split('\n').find((l) => /^rsa\s+2048/.test(l.trim()));
    const opensslSignsPerSecond = speedRow ? Number(speedRow.trim().split(/\s+/)[5]) : NaN;
    const nodeSign: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = process.hrtime.bigint();
      crypto.sign('sha256', lastPdf, signer.key);
      nodeSign.push(ms(t0));
    }
    const keyBits = signer.key.asymmetricKeyDetails?.modulusLength ?? 0;

    // ---- public lookup vs. a trivial route on the same warm server
    log('lookup: preparing a database and the API server');
    const databaseUrl = `file:${path.join(dir, 'app.db')}`;
    const db = await prepareDatabase({ databaseUrl, demo: true, log: () => undefined });
    const definition = await db.processDefinition.findFirstOrThrow({ where: { key: FAMILY } });
    const applicant = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
    const application = await db.application.create({
      data: { trackingNumber: 'TA-14050901-BENCH', definitionId: definition.id, processKey: FAMILY, processVersion: definition.version, organisationId: applicant.organisationId!, applicantId: applicant.id, status: 'completed', submittedData: '{}' },
    });
    const cert = input(999_999 - 100_000);
    await db.certificate.create({
      data: {
        number: cert.number, issuanceKey: 'bench', family: FAMILY, familyCode: 'TA', jalaliYear: 1405, sequence: 999_999, applicationId: application.id,
        holderName: cert.holder.name, holderNationalId: cert.holder.nationalId, subject: JSON.stringify(cert.subject), status: 'valid',
        issuedAt: cert.issuedAt, expiresAt: cert.expiresAt, pdf: new Uint8Array(lastPdf), pdfSha256: crypto.createHash('sha256').update(lastPdf).digest('hex'),
      },
    });
    // the lookup needs no Temporal: a lazy connection is never opened
    const engine = new EngineClient(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), 'bench');
    const app = await buildApp({ db, engine, jwtSecret: 'bench-secret-bench-secret-bench-secret', rootCertPems: [pki.rootCertPem], publicRateLimits: { lookupsPerMinute: 1e9, uploadsPerMinute: 1e9 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const cannon = async (url: string, duration: number) => (await autocannon({ url, connections, duration })) as autocannon.Result;
    let trivial: autocannon.Result;
    let lookup: autocannon.Result;
    try {
      const lookupUrl = `${base}/api/public/certificates/${cert.number}`;
      const check = await fetch(lookupUrl);
      if (check.status !== 200) throw new Error(`lookup answered ${check.status}`);
      log(`lookup: warm-up, then ${seconds} s each at ${connections} connections`);
      await cannon(`${base}/api/health`, 2);
      await cannon(lookupUrl, 2);
      trivial = await cannon(`${base}/api/health`, seconds);
      lookup = await cannon(lookupUrl, seconds);
      if (trivial.non2xx || lookup.non2xx || trivial.errors || lookup.errors) throw new Error(`autocannon saw failures: trivial ${trivial.non2xx}/${trivial.errors}, lookup ${lookup.non2xx}/${lookup.errors}`);
    } finally {
      await app.close();
      await db.$disconnect();
    }

    const rs = timing(renderSign);
    const result = {
      date: new Date().toISOString(),
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim(),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, loadAverage: os.loadavg()[0] },
      renderSign: { count, ms: rs, certificatesPerSecondOneCore: round(1000 / rs.mean), cpuMsPerCertificate: round((cpu.user + cpu.system) / 1000 / count), wallMs: round(wallMs) },
      signOnly: { ms: timing(signOnly) },
      longTerm: { ms: timing(longTerm) },
      timeStampOnly: { ms: timing(timeStampOnly) },
      overHttp: { renderSign: { ms: timing(httpRenderSign) }, timeStampOnly: { ms: timing(httpTimeStampOnly) } },
      floor: { keyBits, opensslDgstPerCallMs: timing(opensslDgst), opensslSpeedSignsPerSecond: opensslSignsPerSecond, nodeCryptoSignMs: timing(nodeSign) },
      lookup: {
        connections, seconds,
        lookupRequestsPerSecond: round(lookup.requests.average), trivialRequestsPerSecond: round(trivial.requests.average),
        ratio: round(lookup.requests.average / trivial.requests.average, 3),
        lookupLatencyMs: { p50: lookup.latency.p50, p99: lookup.latency.p99 }, trivialLatencyMs: { p50: trivial.latency.p50, p99: trivial.latency.p99 },
      },
      targets: { renderSignTimeStampMedianUnder250ms: rs.median < 250, lookupAtLeastHalfOfTrivial: lookup.requests.average >= trivial.requests.average / 2 },
    };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const jsonFile = path.join(RESULTS_DIR, `certificates-${result.date.slice(0, 10)}.json`);
    fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(RESULTS_DIR, 'certificates.md'), report(result));
    console.log(JSON.stringify(result));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Result = {
  date: string; commit: string; machine: { cores: number; cpu: string; node: string; loadAverage: number };
  renderSign: { count: number; ms: Timing; certificatesPerSecondOneCore: number; cpuMsPerCertificate: number };
  signOnly: { ms: Timing };
  longTerm: { ms: Timing };
  timeStampOnly: { ms: Timing };
  overHttp: { renderSign: { ms: Timing }; timeStampOnly: { ms: Timing } };
  floor: { keyBits: number; opensslDgstPerCallMs: Timing; opensslSpeedSignsPerSecond: number; nodeCryptoSignMs: Timing };
  lookup: { connections: number; seconds: number; lookupRequestsPerSecond: number; trivialRequestsPerSecond: number; ratio: number; lookupLatencyMs: { p50: number; p99: number }; trivialLatencyMs: { p50: number; p99: number } };
  targets: { renderSignTimeStampMedianUnder250ms: boolean; lookupAtLeastHalfOfTrivial: boolean };
};

function report(r: Result): string {
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  return `# Certificate benchmark

Generated by \`npm run bench:certificates\` (bench/certificates/run.ts); do not edit by hand.

Run ${r.date} at commit ${r.commit} on ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}; 1-minute load average ${round(r.machine.loadAverage)} at the end.

## Render + sign + time-stamp one certificate

${r.renderSign.count} certificates one after another in one Node thread, after 5 warm-up ones; the
signature time-stamp from the TSA in the same process, then over HTTP from a local trust-services server.

| | median ms | p99 ms | mean ms |
| --- | --- | --- | --- |
| render + sign + time-stamp, PAdES B-T (TSA in process) | ${r.renderSign.ms.median} | ${r.renderSign.ms.p99} | ${r.renderSign.ms.mean} |
| sign + time-stamp alone (PAdES B-T CMS over the byte range) | ${r.signOnly.ms.median} | ${r.signOnly.ms.p99} | ${r.signOnly.ms.mean} |
| render + sign + time-stamp + long-term: issue-certificate's whole path, PAdES B-LTA (DSS, document time-stamp, DSS) | ${r.longTerm.ms.median} | ${r.longTerm.ms.p99} | ${r.longTerm.ms.mean} |
| time-stamp alone (request, TSA, reply checked), in process | ${r.timeStampOnly.ms.median} | ${r.timeStampOnly.ms.p99} | ${r.timeStampOnly.ms.mean} |
| render + sign + time-stamp, the time-stamp over HTTP (trust-services) | ${r.overHttp.renderSign.ms.median} | ${r.overHttp.renderSign.ms.p99} | ${r.overHttp.renderSign.ms.mean} |
| time-stamp alone over HTTP | ${r.overHttp.timeStampOnly.ms.median} | ${r.overHttp.timeStampOnly.ms.p99} | ${r.overHttp.timeStampOnly.ms.mean} |
| floor: \`openssl dgst -sha256 -sign\` per call (process start included), RSA ${r.floor.keyBits} | ${r.floor.opensslDgstPerCallMs.median} | ${r.floor.opensslDgstPerCallMs.p99} | ${r.floor.opensslDgstPerCallMs.mean} |
| floor: Node \`crypto.sign\` alone, same key and file | ${r.floor.nodeCryptoSignMs.median} | ${r.floor.nodeCryptoSignMs.p99} | ${r.floor.nodeCryptoSignMs.mean} |

Certificates per second on one core: **${r.renderSign.certificatesPerSecondOneCore}** (CPU ${r.renderSign.cpuMsPerCertificate} ms each).
\`openssl speed rsa2048\`: ${r.floor.opensslSpeedSignsPerSecond} signatures/s (RSA alone).
Target: render + sign + time-stamp median under 250 ms (the TSA local) — ${met(r.targets.renderSignTimeStampMedianUnder250ms)}.

## Public lookup

autocannon, ${r.lookup.connections} connections, ${r.lookup.seconds} s per route after a 2 s warm-up, against one warm API server with its SQLite database.

| route | requests/s | latency p50 / p99 ms |
| --- | --- | --- |
| GET /api/public/certificates/{number} | ${r.lookup.lookupRequestsPerSecond} | ${r.lookup.lookupLatencyMs.p50} / ${r.lookup.lookupLatencyMs.p99} |
| GET /api/health (trivial) | ${r.lookup.trivialRequestsPerSecond} | ${r.lookup.trivialLatencyMs.p50} / ${r.lookup.trivialLatencyMs.p99} |

Ratio: ${r.lookup.ratio}. Target: at least half the trivial route's rate — ${met(r.targets.lookupAtLeastHalfOfTrivial)}.
`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
