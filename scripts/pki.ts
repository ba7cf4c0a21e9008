/**
 * `npm run pki -- <command>`: the certificate-signing PKI in the PKI folder (data/pki/ or PKI_DIR).
 *
 *   status            the root, every issuing CA (current first) and their document signers, with
 *                     validity, SHA-256 fingerprints and policy OIDs (no passphrase needed; --json)
 *   rotate-issuing    a new issuing CA signed by the root, with a document signer for every
 *                     certificate family in definitions/certificate-templates/ (and every family
 *                     the current one has a signer for), made current atomically; the earlier ones
 *                     stay on disk, published and trusted. Needs PKI_PASSPHRASE (or the demo default).
 *
 * A running product keeps signing with the issuing CA it loaded: restart it (npm start) after a
 * rotation so the worker signs with the new one and GET /api/public/ca lists it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, resolvePkiDir } from '../config';
import { DEFAULT_TEMPLATE_DIR } from '../activities/certificates/certificate-template';
import { describePki, PkiStatus, rotateIssuingCa } from '../activities/certificates/pki';

const USAGE = 'usage: npm run pki -- status [--json] | rotate-issuing';

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
  for (const issuing of status.issuing) {
    lines.push('');
    row(`issuing ${issuing.id}`, issuing, issuing.current ? '   (current: signs new certificates)' : '   (earlier: still trusted and published)');
    for (const signer of issuing.signers) row(`  signer ${signer.family}`, signer);
    if (issuing.signers.length === 0) lines.push(`${''.padEnd(12)}(no document signers yet: made on first use)`);
  }
  console.log(lines.join('\n'));
}

async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'status') {
    const status = await describePki(resolvePkiDir());
    if (rest.includes('--json')) console.log(JSON.stringify(status, null, 2));
    else printStatus(status);
    return 0;
  }
  if (command === 'rotate-issuing') {
    const config = loadConfig();
    const before = await describePki(config.pkiDir);
    const current = before.issuing.find((i) => i.current);
    const families = [...new Set([...templateFamilies(), ...(current?.signers.map((s) => s.family) ?? [])])].sort();
    const pki = await rotateIssuingCa(config.pkiDir, config.pkiPassphrase, { families });
    printStatus(await describePki(config.pkiDir));
    console.log(
      `\nissuing CA ${pki.currentIssuingId} is now current (was ${current?.id}); signers made for ${families.join(', ') || 'no family yet'}.` +
        '\nRestart the product (npm start) so the worker signs with it and GET /api/public/ca lists it;' +
        `\ncertificates signed under ${current?.id} keep verifying: their PDFs carry its certificate, and it stays published.`,
    );
    return 0;
  }
  console.error(USAGE);
  return 2;
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
