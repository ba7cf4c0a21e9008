/**
 * By hand: what EU DSS and pyHanko (`sign validate`, and `adesverify` for its LTA validation) say
 * about a PDF, trusting only the root given (default: the demo PKI's, data/pki/root-ca.crt.pem).
 * Builds or installs them into .tools/ first if needed.
 *
 *   npx tsx test/support/validators/validate-file.ts cert.pdf [--root root.pem] [--offline]
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../config';
import { validateWithDss } from './dss/validate-with-dss';
import { validateWithPyHanko } from './pyhanko/validate-with-pyhanko';

async function main(args: string[]): Promise<void> {
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--root');
  if (!file) throw new Error('usage: validate-file.ts FILE.pdf [--root ROOT.pem] [--offline]');
  const rootIndex = args.indexOf('--root');
  const rootFile = rootIndex >= 0 ? args[rootIndex + 1] : path.join(process.env.PKI_DIR ?? path.join(PROJECT_ROOT, 'data', 'pki'), 'root-ca.crt.pem');
  const rootPem = fs.readFileSync(rootFile, 'utf8');
  const pdf = path.resolve(file);
  console.log(JSON.stringify({ dss: await validateWithDss(pdf, { rootPem, offline: args.includes('--offline') }) }, null, 2));
  for (const lta of [false, true]) {
    const { raw, ...verdict } = await validateWithPyHanko(pdf, { rootPem, lta });
    console.log(raw.trim());
    console.log(JSON.stringify({ pyhanko: verdict }, null, 2));
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
