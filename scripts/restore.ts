/**
 * `npm run restore -- <backup folder> [--data-dir <folder>] [--force]`: restores a backup made by
 * `npm run backup` into the installation this environment configures (scripts/lib/backup/
 * restore-backup.ts), by default a data folder that must not exist or be empty; a damaged backup
 * is refused before anything is written. Stop the product first.
 */
import { dataLocationsOf } from './lib/backup/locations';
import { BackupRefused } from './lib/backup/manifest';
import { restoreBackup } from './lib/backup/restore-backup';
import { summaryLine } from './audit';

const USAGE = 'usage: npm run restore -- <backup folder> [--data-dir <folder>] [--force]';

interface RestoreArgs { backupDir: string; dataDir?: string; force: boolean }

function parse(args: string[]): RestoreArgs | undefined {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--force') force = true;
    else if (args[i] === '--data-dir' && args[i + 1]) dataDir = args[++i];
    else if (args[i].startsWith('--data-dir=')) dataDir = args[i].slice('--data-dir='.length);
    else if (args[i].startsWith('--')) return undefined;
    else rest.push(args[i]);
  }
  return rest.length === 1 ? { backupDir: rest[0], dataDir, force } : undefined;
}

async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const env = args.dataDir ? { ...process.env, DATA_DIR: args.dataDir } : process.env;
  const to = dataLocationsOf(env);
  const report = await restoreBackup(args.backupDir, to, { force: args.force });
  const { manifest } = report;
  console.log(`restored the backup of ${manifest.createdAt} (version ${manifest.product.version}${manifest.product.commit ? `, commit ${manifest.product.commit.slice(0, 12)}` : ''}) into ${to.dataDir}`);
  if (report.auditChain.problem) {
    console.error(`audit chain BROKEN in the restored database: ${report.auditChain.problem.message}`);
    return 1;
  }
  console.log(summaryLine(report.auditChain));
  for (const s of manifest.secrets.needed) {
    const restoredFile = manifest.secrets.filesIncluded && s.sourceAtBackup === 'generated file';
    if (restoredFile || env[s.name]) continue;
    console.log(`${s.required ? 'needed' : 'optional'}: set ${s.name} as it was when the backup was made (then: ${s.sourceAtBackup}) — ${s.why}`);
  }
  console.log(`start the product on it with${args.dataDir ? ` DATA_DIR=${to.dataDir}` : ''} npm start`);
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`restore failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof BackupRefused ? 2 : 1);
  },
);
