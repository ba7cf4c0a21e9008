/**
 * Writes one schema.prisma per provider from prisma/models.prisma.
 * A Prisma schema names exactly one provider, so the models are kept once and wrapped here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PRISMA_DIR, Provider, generatedClientDir, schemaPath } from './providers';

const HEADER = '// GENERATED from prisma/models.prisma by prisma/build-schemas.ts: do not edit.\n';

export function schemaText(provider: Provider): string {
  const models = fs.readFileSync(path.join(PRISMA_DIR, 'models.prisma'), 'utf8');
  const output = path.relative(path.dirname(schemaPath(provider)), generatedClientDir(provider));
  // The url is ignored when prisma.config.ts supplies a driver adapter, but generate needs one.
  const url = provider === 'sqlite' ? 'file:../../data/app.db' : 'postgresql://localhost/ito';
  return `${HEADER}
generator client {
  provider     = "prisma-client"
  output       = "${output}"
  engineType   = "client"
  moduleFormat = "cjs"
  runtime      = "nodejs"
}

datasource db {
  provider = "${provider}"
  url      = "${url}"
}

${models}`;
}

export function writeSchemas(): void {
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const file = schemaPath(provider);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = schemaText(provider);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  }
}

if (require.main === module) writeSchemas();
