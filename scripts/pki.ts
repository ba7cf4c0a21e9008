/**
 * `npm run pki -- <command>`: the certificate-signing PKI in the PKI folder (data/pki/ or PKI_DIR).
 *
 *   status              the root, every issuing CA (current first) and their document signers, with
 *                       validity, SHA-256 fingerprints and policy OIDs, and the root CRL's nextUpdate
 *                       (no passphrase needed; --json); warns of a root key still in the folder, of
 *                       weakly encrypted keys and of a root CRL missing or expiring within 60 days
 *   issue-ca --root-key <file> [--root-cert <file>]
 *                       a new issuing CA signed by the root key brought in from offline, with a
 *                       document signer for every certificate family in definitions/certificate-templates/
 *                       (and every family the current one has a signer for), made current atomically;
 *                       the earlier ones stay on disk, published and trusted. Needs PKI_PASSPHRASE
 *                       (or the demo default), which also decrypts the root key file.
 *   rotate-issuing [--root-key <file>] [--root-cert <file>]
 *                       the same; without --root-key only for a folder that still holds the root key
 *   renew-root-crl --root-key <file> [--root-cert <file>]
 *                       signs a new root CRL (root.crl: revoked issuing CAs, valid a year) with the
 *                       root key brought in, and nothing else: the ceremony to hold at least yearly
 *                       when no issuing CA is due (status warns 60 days ahead). Without --root-key
 *                       only for a folder that still holds the root key. Needs PKI_PASSPHRASE.
 *   take-root-offline --to <file>
 *                       moves root-ca.key.pem (the older, online layout) out of the PKI folder
 *   revoke --family <CODE> [--generation <id>] [--reason <reason>] [--at <ISO time>]
 *   revoke --serial <hex> [--generation <id>] [--reason <reason>] [--at <ISO time>]
 *                       records the revocation in the issuer's revocations.json (the family's signer
 *                       in the current issuing CA unless --generation names another; reason
 *                       unspecified by default) and republishes its CRL and OCSP answers at once
 *   publish-revocation  republishes CRLs and OCSP answers now (the worker does so at start and hourly)
 *   restamp [--within-days 365] [--dry-run] [--number <certificate number>]
 *                       for every issued certificate whose newest time-stamp's TSA certificate expires
 *                       within the window: appends the validation data for it and a new document
 *                       time-stamp (PAdES B-LTA kept alive), stores the new file and hash, audits it;
 *                       idempotent (activities/certificates/restamp-certificates.ts). Needs the database.
 *   prepare             what set-up runs in its own process: create the PKI on first use (its root key
 *                       put in offline-root/ beside the folder), re-encrypt weakly encrypted keys
 *
 * A running product keeps signing with the issuing CA it loaded: restart it (npm start) after a
 * rotation so the worker signs with the new one and GET /api/public/ca lists it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, resolvePkiDir } from '../config';
import { DEFAULT_TEMPLATE_DIR } from '../activities/certificates/certificate-template';
import { describePki, ensureDemoPki, PkiStatus, renewRootCrl, RootKeySource, rotateIssuingCa, RotationOptions, takeRootKeyOffline } from '../activities/certificates/pki';
import { describeProtection, isStrongEnough, keyProtectionOf, PBKDF2_ITERATIONS } from '../activities/certificates/key-encryption';
import { createRevocationPublisher } from '../activities/certificates/revocation/publish';
import { isRevocationReason, REVOCATION_REASONS } from '../activities/certificates/revocation/reasons';
import { daysUntil, isRootCrlDue, ROOT_CRL_RENEW_WITHIN_DAYS } from '../activities/certificates/revocation/root-crl';
import { revokeCertificate, RevocationTarget } from '../activities/certificates/revocation/revoke';
import { pkiValidationData } from '../activities/certificates/ltv/pki-validation-data';
import { restampCertificates, RestampOptions, RestampResult } from '../activities/certificates/restamp-certificates';
import { httpTimeStamper, pkiTimeStamper } from '../activities/certificates/timestamp';
import { createDb } from '../prisma/client';

const USAGE =
  'usage: npm run pki -- status [--json] | issue-ca --root-key <file> [--root-cert <file>] | rotate-issuing [--root-key <file>] [--root-cert <file>]' +
  ' | renew-root-crl --root-key <file> [--root-cert <file>] | take-root-offline --to <file> | revoke (--family <CODE> | --serial <hex>) [--generation <id>] [--reason <reason>] [--at <ISO time>]' +
  ' | publish-revocation | restamp [--within-days <n>] [--dry-run] [--number <n>] | prepare';

class UsageError extends Error {}

/** The value after `--name`, if the option is there; an option without a value is a usage error. */
function optionValue(args: string[], name: string, what = 'a file'): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith('--')) throw new UsageError(`${name} needs ${what}`);
  return value;
}

/** Family codes of the certificate templates (read as plain JSON: only the `family` field matters here). */
function templateFamilies(dir = DEFAULT_TEMPLATE_DIR): string[] {
  const codes: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    try {
      const family = (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { family?: unknown }).family;
      if (typeof family === 'string' && /^[A-Z]{2,4}$/.test(family)) codes.push(family);
    } catch {
      // an unreadable template gets its signer on first use instead
    }
  }
  return codes;
}

const day = (iso: string): string => iso.slice(0, 10);

function printStatus(status: PkiStatus): void {
  const cn = (subject: string): string => subject.match(/CN=([^,]*)/)?.[1] ?? subject;
  const lines = [`PKI in ${status.dir}`, ''];
  const row = (label: string, c: PkiStatus['root'], note = ''): void => {
    lines.push(`${label.padEnd(12)}${cn(c.subject)}${note}`);
    lines.push(`${''.padEnd(12)}valid ${day(c.notBefore)} to ${day(c.notAfter)}   SHA-256 ${c.sha256Fingerprint}`);
    if (c.policies.length) lines.push(`${''.padEnd(12)}policies ${c.policies.join(', ')}`);
  };
  row('root', status.root);
  const crl = status.rootCrl;
  lines.push(`${'root CRL'.padEnd(12)}${crl ? `issued ${day(crl.thisUpdate)}, next update ${day(crl.nextUpdate)}${crl.revoked ? `, ${crl.revoked} issuing CA(s) revoked` : ''}` : 'none'}`);
  for (const issuing of status.issuing) {
    lines.push('');
    row(`issuing ${issuing.id}`, issuing, issuing.current ? '   (current: signs new certificates)' : '   (earlier: still trusted and published)');
    for (const signer of issuing.signers) {
      row(`  signer ${signer.family}`, signer, signer.revoked ? `   REVOKED ${signer.revoked.revokedAt} (${signer.revoked.reason})` : '');
    }
    if (issuing.signers.length === 0) lines.push(`${''.padEnd(12)}(no document signers yet: made on first use)`);
    if (issuing.timeStampAuthority) row('  TSA', issuing.timeStampAuthority, '   (time-stamps; restamp archived certificates before it expires)');
    else lines.push(`${''.padEnd(12)}(no time-stamping authority yet: made on first use)`);
  }
  lines.push(...warnings(status));
  console.log(lines.join('\n'));
}

function warnings(status: PkiStatus): string[] {
  const lines: string[] = [];
  if (status.rootKeyOnline) {
    lines.push('', `WARNING: the root key (root-ca.key.pem) is still in ${status.dir}. It signs issuing CAs and nothing else:`,
      '  move it to removable media with npm run pki -- take-root-offline --to <file>, and bring it back only for issue-ca --root-key <file>.');
  }
  const renew = '  bring the root key in and run npm run pki -- renew-root-crl --root-key <file>.';
  if (!status.rootCrl) {
    lines.push('', `WARNING: there is no root CRL (root.crl) in ${status.dir} that verifies against the root, so validators cannot check the issuing CAs:`, renew);
  } else if (isRootCrlDue(new Date(status.rootCrl.nextUpdate))) {
    const days = daysUntil(new Date(status.rootCrl.nextUpdate));
    const when = days < 0 ? `expired on ${day(status.rootCrl.nextUpdate)}: validators no longer trust the chain` : `expires on ${day(status.rootCrl.nextUpdate)}, in ${days} days; validators stop trusting the chain then`;
    lines.push('', `WARNING: the root CRL (root.crl) ${when} (warned ${ROOT_CRL_RENEW_WITHIN_DAYS} days ahead):`, renew);
  }
  if (status.weakKeys.length) {
    lines.push('', `WARNING: ${status.weakKeys.length} key(s) are encrypted more weakly than PBKDF2-SHA256 with ${PBKDF2_ITERATIONS.toLocaleString('en')} iterations; the next start re-encrypts them:`);
    for (const key of status.weakKeys) lines.push(`  ${key.file}: ${key.protection}`);
  }
  return lines;
}

async function issueCa(rootKeyFile: string | undefined, rootCertFile: string | undefined): Promise<void> {
  const config = loadConfig();
  const before = await describePki(config.pkiDir);
  const current = before.issuing.find((i) => i.current);
  const families = [...new Set([...templateFamilies(), ...(current?.signers.map((s) => s.family) ?? [])])].sort();
  const options: RotationOptions = { families, rootKeyFile, rootCertFile, publicBaseUrl: config.publicBaseUrl };
  const pki = await rotateIssuingCa(config.pkiDir, config.pkiPassphrase, options);
  printStatus(await describePki(config.pkiDir));
  console.log(
    `\nissuing CA ${pki.currentIssuingId} is now current (was ${current?.id}); signers made for ${families.join(', ') || 'no family yet'}.` +
      '\nRestart the product (npm start) so the worker signs with it and GET /api/public/ca lists it;' +
      `\ncertificates signed under ${current?.id} keep verifying: their PDFs carry its certificate, and it stays published.`,
  );
  if (rootKeyFile) afterCeremony(rootKeyFile);
}

/** What to tell the operator about a root key file brought in for a ceremony, once it is done. */
function afterCeremony(rootKeyFile: string): void {
  const protection = keyProtectionOf(fs.readFileSync(rootKeyFile, 'utf8'));
  if (!isStrongEnough(protection)) {
    console.log(`\nWARNING: the root key file is encrypted with ${describeProtection(protection)}; re-encrypt it on its media, e.g.` +
      `\n  openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter ${PBKDF2_ITERATIONS} -in <file> -out <new file>`);
  }
  console.log(`\nThe root key was used in memory only; put ${rootKeyFile} back offline.`);
}

async function renewRootCrlCommand(source: RootKeySource): Promise<void> {
  const config = loadConfig();
  const crl = await renewRootCrl(config.pkiDir, config.pkiPassphrase, source);
  console.log(`root CRL renewed in ${config.pkiDir}: thisUpdate ${crl.thisUpdate.toISOString()}, nextUpdate ${crl.nextUpdate.toISOString()}` +
    ` (${crl.revoked} issuing CA(s) revoked).\nThe API serves the new file at once; renew it again before its nextUpdate.`);
  if (source.rootKeyFile) afterCeremony(source.rootKeyFile);
}

/** Set-up's PKI step, in a process of its own so that the API's process never holds a private key. */
async function prepare(): Promise<void> {
  const config = loadConfig();
  const pki = await ensureDemoPki(config.pkiDir, config.pkiPassphrase, { publicBaseUrl: config.publicBaseUrl });
  await createRevocationPublisher(config.pkiDir, { passphrase: config.pkiPassphrase }).publish();
  if (pki.offlineRootKeyFile) {
    console.log([
      '',
      '  ************************************************************************************',
      `  * New PKI in ${config.pkiDir}. Its ROOT KEY is NOT in that folder: it is`,
      `  *   ${pki.offlineRootKeyFile}`,
      '  * (encrypted with the PKI passphrase). A real installation moves it to removable media',
      '  * now and brings it back only to sign a new issuing CA (npm run pki -- issue-ca --root-key <file>).',
      '  ************************************************************************************',
      '',
    ].join('\n'));
  }
  if (pki.reencryptedKeys.length) {
    console.log(`PKI: re-encrypted ${pki.reencryptedKeys.length} key(s) with PBKDF2-SHA256 at ${PBKDF2_ITERATIONS.toLocaleString('en')} iterations: ${pki.reencryptedKeys.join(', ')}`);
  }
  const status = await describePki(config.pkiDir);
  const notes = warnings(status);
  if (notes.length) console.log(notes.join('\n').trim());
}

/** Re-stamps with the worker's means: the PKI's keys (or TSA_URL's TSA) and the PKI folder's validation data. */
async function restamp(options: RestampOptions): Promise<RestampResult[]> {
  const config = loadConfig();
  const pki = await ensureDemoPki(config.pkiDir, config.pkiPassphrase, { publicBaseUrl: config.publicBaseUrl });
  const { tsaUrl, tsaTimeoutMs } = config.trustServices;
  const timeStamper = tsaUrl ? httpTimeStamper(tsaUrl, { rootCertPems: [pki.rootCertPem] }, { timeoutMs: tsaTimeoutMs }) : pkiTimeStamper(pki);
  const publisher = createRevocationPublisher(config.pkiDir, { passphrase: config.pkiPassphrase });
  const db = createDb(config.databaseUrl);
  try {
    const currentTsaCertPem = (await pki.timeStampAuthority()).certPem;
    return await restampCertificates({ db, timeStamper, validationData: pkiValidationData(config.pkiDir, publisher), currentTsaCertPem }, options);
  } finally {
    await db.$disconnect();
  }
}

async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'status') {
    const status = await describePki(resolvePkiDir());
    if (rest.includes('--json')) console.log(JSON.stringify(status, null, 2));
    else printStatus(status);
    return 0;
  }
  if (command === 'issue-ca') {
    const rootKeyFile = optionValue(rest, '--root-key');
    if (!rootKeyFile) throw new UsageError('issue-ca needs the root key: --root-key <file>');
    await issueCa(rootKeyFile, optionValue(rest, '--root-cert'));
    return 0;
  }
  if (command === 'rotate-issuing') {
    await issueCa(optionValue(rest, '--root-key'), optionValue(rest, '--root-cert'));
    return 0;
  }
  if (command === 'renew-root-crl') {
    await renewRootCrlCommand({ rootKeyFile: optionValue(rest, '--root-key'), rootCertFile: optionValue(rest, '--root-cert') });
    return 0;
  }
  if (command === 'take-root-offline') {
    const to = optionValue(rest, '--to');
    if (!to) throw new UsageError('take-root-offline needs the file to move the root key to: --to <file>');
    const moved = await takeRootKeyOffline(resolvePkiDir(), to);
    console.log(`moved the root key from ${moved.from} to ${moved.to}.\nKeep it on removable media, away from the server; npm run pki -- issue-ca --root-key ${moved.to} signs the next issuing CA.`);
    return 0;
  }
  if (command === 'revoke') {
    const config = loadConfig();
    const reason = optionValue(rest, '--reason', 'a value') ?? 'unspecified';
    if (!isRevocationReason(reason)) throw new UsageError(`--reason must be one of ${Object.keys(REVOCATION_REASONS).join(', ')}`);
    const atText = optionValue(rest, '--at', 'a value');
    const at = atText === undefined ? undefined : new Date(atText);
    if (at && Number.isNaN(at.getTime())) throw new UsageError(`--at ${atText} is not an ISO 8601 time`);
    const family = optionValue(rest, '--family', 'a value');
    const serial = optionValue(rest, '--serial', 'a value');
    const generation = optionValue(rest, '--generation', 'a value');
    if (!family === !serial) throw new UsageError('revoke needs exactly one of --family <CODE> or --serial <hex>');
    const target: RevocationTarget = family ? { family, generation } : { serial: serial!, generation };
    const result = await revokeCertificate(config.pkiDir, { passphrase: config.pkiPassphrase }, { target, reason, at });
    console.log(`revoked ${result.subject ?? `serial ${result.serial}`} (serial ${result.serial}, issuing CA ${result.generation}): ${reason}` +
      `
published: ${result.published.map((p) => `${p.id} ${p.written === true ? 'CRL and OCSP answers reissued' : p.written === 'no key' ? 'no key on disk' : 'unchanged'}`).join('; ')}`);
    return 0;
  }
  if (command === 'publish-revocation') {
    const config = loadConfig();
    const result = await createRevocationPublisher(config.pkiDir, { passphrase: config.pkiPassphrase }).publish();
    console.log(result.map((p) => `${p.id}: ${p.written === true ? 'published' : p.written === 'no key' ? 'no key on disk' : 'fresh, unchanged'} (${p.revoked} revoked, ${p.answers} OCSP answers)`).join('\n'));
    return 0;
  }
  if (command === 'restamp') {
    const withinText = optionValue(rest, '--within-days', 'a number of days') ?? '365';
    const withinDays = Number(withinText);
    if (!Number.isInteger(withinDays) || withinDays < 0) throw new UsageError(`--within-days ${withinText} is not a whole number of days`);
    const number = optionValue(rest, '--number', 'a certificate number');
    const results = await restamp({ withinDays, dryRun: rest.includes('--dry-run'), ...(number ? { only: [number] } : {}) });
    for (const r of results) console.log(`${r.number}: ${r.outcome} (newest time-stamp's TSA certificate expires ${r.tsaNotAfter ?? '?'})${r.problem ? `: ${r.problem}` : ''}`);
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    console.log(`${results.length} certificate(s): ${count('restamped')} re-stamped, ${count('would-restamp')} due (dry run), ${count('not-due')} not due, ${count('no-later-tsa')} waiting for a newer TSA, ${count('not-time-stamped')} without a time-stamp, ${count('failed')} failed`);
    return count('failed') ? 1 : 0;
  }
  if (command === 'prepare') {
    await prepare();
    return 0;
  }
  throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      if (err instanceof UsageError) console.error(USAGE);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
