/**
 * `npm run backup -- <target folder> [--with-secret-files]`: a consistent backup of the running
 * installation (scripts/lib/backup/create-backup.ts): the app database, the embedded Temporal
 * server's store, the PKI and the documents, with a manifest of every file's SHA-256. Secrets are not
 * written (the manifest names the ones a restore needs) unless --with-secret-files copies the ones a
 * demo installation generated into data/secrets/.
 */
import { dataLocationsOf } from './lib/backup/locations';
import { createBackup } from './lib/backup/create-backup';
import { BackupRefused } from './lib/backup/manifest';

const USAGE = 'usage: npm run backup -- <target folder> [--with-secret-files]';

async function run(args: string[]): Promise<number> {
  const includeSecretFiles = args.includes('--with-secret-files');
  const positional = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--with-secret-files');
  if (positional.length !== 1 || unknown.length) {
    console.error(USAGE);
    return 2;
  }
  const started = Date.now();
  const manifest = await createBackup(positional[0], dataLocationsOf(), { includeSecretFiles });
  const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
  console.log(`backup complete: ${positional[0]} (${manifest.files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${manifest.database.kind}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (manifest.temporal.file === null) console.log(`not included: ${manifest.temporal.reason}`);
  const keepElsewhere = manifest.secrets.needed.filter((s) => !(manifest.secrets.filesIncluded && s.sourceAtBackup === 'generated file'));
  if (keepElsewhere.length) {
    console.log('not in the backup — keep these secrets safe elsewhere; a restore needs them:');
    for (const s of keepElsewhere) console.log(`  ${s.name} (${s.required ? 'required' : 'optional'}; now from: ${s.sourceAtBackup}): ${s.why}`);
  }
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof BackupRefused ? 2 : 1);
  },
);
