/** Brings a database to a usable state: migrations, base seed, optional demo seed, definitions. */
import fs from 'node:fs';
import path from 'node:path';
import { Db, createDb } from '../../prisma/client';
import { migrate } from '../../prisma/migrate';
import { seedBase, seedDemo } from '../../prisma/seed';
import { deployBpmn, deployDmn } from '../../portal/server/services/deploy-definition';
import { createDocumentStore } from '../../portal/server/documents/document-store';
import { moveTaskAttachments } from '../../portal/server/documents/move-task-attachments';
import { PROJECT_ROOT, resolveDocumentsDir } from '../../config';

export const DEFINITIONS_DIR = path.join(PROJECT_ROOT, 'definitions');

export interface PrepareOptions {
  databaseUrl: string;
  demo: boolean;
  adminPassword?: string;
  /** The document store's folder (old task attachments move there); by default as configured. */
  documentsDir?: string;
  log?: (m: string) => void;
}

/**
 * Deploys every definitions/decisions/*.dmn, then definitions/*.bpmn: unchanged files keep their
 * version, and a version deployed from the editor is never replaced by a file (the log says so).
 */
export async function deployBundledDefinitions(db: Db, log: (m: string) => void, dir: string = DEFINITIONS_DIR): Promise<void> {
  const decisionsDir = path.join(dir, 'decisions');
  for (const file of fs.existsSync(decisionsDir) ? fs.readdirSync(decisionsDir).filter((f) => f.endsWith('.dmn')).sort() : []) {
    const { decisions } = await deployDmn(db, fs.readFileSync(path.join(decisionsDir, file), 'utf8'), null);
    for (const d of decisions) if (d.created) log(`deployed decision ${d.decisionId} version ${d.version}`);
  }
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort()) {
    const { versions } = await deployBpmn(db, fs.readFileSync(path.join(dir, file), 'utf8'), null, { fromFile: true });
    for (const v of versions) {
      if (v.created) log(`deployed ${v.key} version ${v.version}`);
      else if (v.skipped) log(`skipped definitions/${file} (${v.key}): ${v.skipped}`);
    }
  }
}

export async function prepareDatabase({ databaseUrl, demo, adminPassword, documentsDir = resolveDocumentsDir(), log = console.log }: PrepareOptions): Promise<Db> {
  const applied = await migrate(databaseUrl);
  for (const name of applied) log(`applied migration ${name}`);
  const db = createDb(databaseUrl);
  try {
    const moved = await moveTaskAttachments(db, createDocumentStore(documentsDir), log);
    if (moved) log(`moved ${moved} task attachment(s) into the document store`);
    await seedBase(db, { adminPassword });
    if (demo) await seedDemo(db);
    if ((await db.userRole.count({ where: { role: 'admin' } })) === 0) {
      throw new Error('no administrator exists: set ADMIN_PASSWORD to create the first one (user name "admin"), or run in demo mode');
    }
    await deployBundledDefinitions(db, log);
    return db;
  } catch (err) {
    await db.$disconnect();
    throw err;
  }
}
