/**
 * Seed data. Base data (candidate groups, the first administrator) always; the demo company and
 * demo users only in demo mode. Idempotent: running it again changes nothing.
 */
import type { Db } from './client';
import { hashPassword } from '../portal/server/services/passwords';

export const GROUPS = [
  { id: 'formal-reviewers', nameFa: 'کارشناسان بررسی مدارک', nameEn: 'Formal reviewers' },
  { id: 'technical-reviewers', nameFa: 'کارشناسان ارزیابی فنی', nameEn: 'Technical reviewers' },
];

/**
 * The regulator itself: owner of the instances no applicant starts (those started by a message or a
 * signal). The national id is an internal placeholder until the real one is configured.
 */
export const REGULATOR_ORGANISATION = {
  nationalId: '00000000000',
  nameFa: 'سازمان فناوری اطلاعات ایران',
  nameEn: 'Information Technology Organization of Iran',
};

export const DEMO_PASSWORD = 'demo';

export const DEMO_ORGANISATION = {
  nationalId: '10101234567',
  nameFa: 'شرکت نرم‌افزاری نمونه پارس',
  nameEn: 'Pars Sample Software Co.',
};

interface SeedUser { username: string; displayName: string; roles: string[]; groups: string[]; organisation?: boolean }

export const DEMO_USERS: SeedUser[] = [
  { username: 'admin', displayName: 'مدیر سامانه / Administrator', roles: ['admin'], groups: [] },
  { username: 'applicant', displayName: 'متقاضی نمونه / Demo applicant', roles: ['applicant'], groups: [], organisation: true },
  { username: 'reviewer1', displayName: 'کارشناس مدارک / Formal reviewer', roles: ['reviewer'], groups: ['formal-reviewers'] },
  { username: 'reviewer2', displayName: 'کارشناس فنی / Technical reviewer', roles: ['reviewer'], groups: ['technical-reviewers'] },
];

async function ensureUser(db: Db, u: SeedUser, password: string, organisationId: string | null): Promise<void> {
  const existing = await db.user.findUnique({ where: { username: u.username } });
  if (existing) return;
  await db.user.create({
    data: {
      username: u.username,
      displayName: u.displayName,
      passwordHash: hashPassword(password),
      organisationId,
      roles: { create: u.roles.map((role) => ({ role })) },
      groups: { create: u.groups.map((groupId) => ({ groupId })) },
    },
  });
}

export async function seedBase(db: Db, opts: { adminPassword?: string }): Promise<void> {
  for (const g of GROUPS) await db.group.upsert({ where: { id: g.id }, create: g, update: {} });
  await db.organisation.upsert({ where: { nationalId: REGULATOR_ORGANISATION.nationalId }, create: REGULATOR_ORGANISATION, update: {} });
  const admins = await db.userRole.count({ where: { role: 'admin' } });
  if (admins === 0 && opts.adminPassword) {
    await ensureUser(db, { username: 'admin', displayName: 'Administrator', roles: ['admin'], groups: [] }, opts.adminPassword, null);
  }
}

export async function seedDemo(db: Db): Promise<void> {
  const org = await db.organisation.upsert({ where: { nationalId: DEMO_ORGANISATION.nationalId }, create: DEMO_ORGANISATION, update: {} });
  for (const u of DEMO_USERS) await ensureUser(db, u, DEMO_PASSWORD, u.organisation ? org.id : null);
}
