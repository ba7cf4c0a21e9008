/**
 * Demo accounts exist only when the demo seed runs; without it the first administrator's password
 * comes from the environment, and the app refuses to start with no administrator at all.
 */
import path from 'node:path';
import { prepareDatabase } from '../../scripts/lib/prepare-database';
import { verifyPassword } from '../../portal/server/services/passwords';
import { DEMO_USERS, GROUPS } from '../../prisma/seed';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const databases: TestDatabase[] = [];
async function freshDatabase(name: string): Promise<string> {
  const db = await createTestDatabase(path.join(process.env.TEST_RUN_DIR!, `seed-${name}-${Date.now()}`));
  databases.push(db);
  return db.url;
}

afterAll(async () => {
  for (const d of databases) await d.drop();
});

describe('seeding', () => {
  it('creates only the first administrator, from ADMIN_PASSWORD, outside demo mode', async () => {
    const db = await prepareDatabase({ databaseUrl: await freshDatabase('prod'), demo: false, adminPassword: 's3cret-from-env', log: () => {} });
    try {
      const users = await db.user.findMany({ include: { roles: true } });
      expect(users.map((u) => u.username)).toEqual(['admin']);
      expect(users[0].roles.map((r) => r.role)).toEqual(['admin']);
      expect(await verifyPassword('s3cret-from-env', users[0].passwordHash)).toBe(true);
      expect(await verifyPassword('demo', users[0].passwordHash)).toBe(false);
      expect(await db.processDefinition.count({ where: { key: 'software-technical-approval' } })).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });

  it('refuses to prepare a database that would have no administrator', async () => {
    await expect(prepareDatabase({ databaseUrl: await freshDatabase('none'), demo: false, log: () => {} })).rejects.toThrow(/ADMIN_PASSWORD/);
  });

  it('creates the demo organisations and a demo user per role of each family in demo mode, and changes nothing on a second run', async () => {
    const url = await freshDatabase('demo');
    const first = await prepareDatabase({ databaseUrl: url, demo: true, log: () => {} });
    const before = await first.user.findMany({ orderBy: { username: 'asc' } });
    await first.$disconnect();
    const second = await prepareDatabase({ databaseUrl: url, demo: true, log: () => {} });
    try {
      const after = await second.user.findMany({ orderBy: { username: 'asc' } });
      expect(after.map((u) => u.username)).toEqual(DEMO_USERS.map((u) => u.username).sort());
      expect(after).toEqual(before);
      expect((await second.organisation.findMany({ orderBy: { nationalId: 'asc' } })).map((o) => o.nameEn)).toEqual([
        'Information Technology Organization of Iran', 'Pars Sample Software Co.', 'Arya Data Technologies Co.', 'Imen-Sanj Security and Quality Evaluation Laboratory', 'Sanjesh Paydar Data-Centre Audit Body', 'Government Services Counter Office No. 123',
      ]);
      // every candidate group a bundled process names, from definitions/groups.json; each demo reviewer is in one
      const groups = await second.group.findMany({ include: { members: true } });
      expect(groups.map((g) => g.id).sort()).toEqual(GROUPS.map((g) => g.id).sort());
      expect(groups.filter((g) => g.members.length === 0).map((g) => g.id)).toEqual([]);
      // one version of each bundled process, not a second one on the second run
      expect((await second.processDefinition.findMany({ orderBy: { key: 'asc' } })).map((d) => `${d.key}:${d.version}`)).toEqual([
        'afta-product-certificate:1', 'afta-services-license:1', 'appeal:1', 'audit-body-qualification:1', 'certificate-renewal:1', 'certificate-status-change:1', 'cloud-layer-evaluation:1',
        'cloud-provider-profile:1', 'datacentre-grading:1', 'legal-deadline:1', 'paper-certificate-conversion:1', 'software-authenticity:1', 'software-technical-approval:1',
      ]);
    } finally {
      await second.$disconnect();
    }
  });
});
