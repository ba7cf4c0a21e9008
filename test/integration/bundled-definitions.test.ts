/**
 * Start-up deploys the files of definitions/ again on every start. A file deploys only when it
 * changed since it was last deployed from the file, and never replaces a newer version an
 * administrator deployed from the editor: a restart must not undo the editor's work, and the log
 * says what it left alone and why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db, createDb } from '../../prisma/client';
import { deployBundledDefinitions } from '../../scripts/lib/prepare-database';
import { deployBpmn } from '../../portal/server/services/deploy-definition';
import { readFixture } from '../support/harness';

const KEY = `bundled-${Date.now()}`;
const asKey = (xml: string) => xml.replaceAll('pinning-test', KEY);
const V1 = asKey(readFixture('pinning.v1.bpmn'));
const V2 = asKey(readFixture('pinning.v2.bpmn'));

let db: Db;
let dir: string;

beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
  dir = fs.mkdtempSync(path.join(process.env.TEST_RUN_DIR!, 'definitions-'));
});

afterAll(async () => {
  await db?.$disconnect();
});

/** One start-up: deploys the folder, returns what it logged. */
async function startUp(fileXml: string): Promise<string[]> {
  fs.writeFileSync(path.join(dir, `${KEY}.bpmn`), fileXml);
  const lines: string[] = [];
  await deployBundledDefinitions(db, (m) => lines.push(m), dir);
  return lines;
}

const versions = async () => (await db.processDefinition.findMany({ where: { key: KEY }, orderBy: { version: 'asc' }, select: { version: true, deployedById: true } }))
  .map((v) => `v${v.version} ${v.deployedById ? 'editor' : 'file'}`);

describe('deploying the bundled definitions at start-up', () => {
  it('deploys a new file, and an unchanged file again deploys nothing', async () => {
    expect(await startUp(V1)).toEqual([`deployed ${KEY} version 1`]);
    expect(await startUp(V1)).toEqual([]);
    expect(await versions()).toEqual(['v1 file']);
  });

  it('leaves the editor\'s newer version in force when the file is unchanged, and says so', async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    await deployBpmn(db, V2, { id: admin.id, username: 'admin' });
    expect(await startUp(V1)).toEqual([`skipped definitions/${KEY}.bpmn (${KEY}): the file is unchanged since it was deployed as version 1; version 2, deployed from the editor by admin, stays in force`]);
    expect(await versions()).toEqual(['v1 file', 'v2 editor']);
  });

  it('does not replace the editor\'s version with a changed file either, and tells how to replace it', async () => {
    const changed = V1.replace('name="Pinning test"', 'name="Pinning test, changed in the repository"');
    const [line] = await startUp(changed);
    expect(line).toMatch(/the file changed, but version 2, deployed from the editor by admin, stays in force; deploy the file from the editor to replace it/);
    expect(await versions()).toEqual(['v1 file', 'v2 editor']);
  });
});
