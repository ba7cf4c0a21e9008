/** Generates each provider's Prisma client when its schema changed since the last generation. */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeSchemas } from '../../prisma/build-schemas';
import { generatedClientDir, schemaPath } from '../../prisma/providers';
import { PROJECT_ROOT } from '../../config';

export function ensurePrismaClients(log: (m: string) => void = console.log): void {
  writeSchemas();
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const schema = fs.readFileSync(schemaPath(provider), 'utf8');
    const hash = crypto.createHash('sha256').update(schema).digest('hex');
    const stamp = path.join(generatedClientDir(provider), '.schema-sha256');
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) continue;
    log(`generating the Prisma client for ${provider}…`);
    execFileSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'prisma'), ['generate', '--schema', schemaPath(provider)], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DATABASE_URL: provider === 'sqlite' ? 'file:./data/app.db' : 'postgresql://localhost/unused' },
    });
    fs.writeFileSync(stamp, hash);
  }
}
