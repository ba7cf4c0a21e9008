/**
 * Seed data. Base data (candidate groups, the first administrator) always; the demo company and
 * demo users only in demo mode. Idempotent: running it again changes nothing.
 */
import type { Db } from './client';
import { hashPassword } from '../portal/server/services/passwords';
import { fallbackTaskGroup, loadCandidateGroups } from '../activities/definition-data';

/** Candidate groups of user tasks: data in definitions/groups.json (names may be edited there). */
export const GROUPS = loadCandidateGroups();

/** Administrators take the user tasks whose model names nobody (Camunda 8 deploys such tasks). */
const ADMIN_GROUPS = [fallbackTaskGroup()];

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

/** The other demo organisations: a second applicant, an evaluation laboratory and a data-centre audit body. */
export const DEMO_ORGANISATIONS = {
  applicant: DEMO_ORGANISATION,
  applicant2: { nationalId: '10102345678', nameFa: 'شرکت فناوران داده آریا', nameEn: 'Arya Data Technologies Co.' },
  lab: { nationalId: '10320000011', nameFa: 'آزمایشگاه ارزیابی امنیت و کیفیت «ایمن‌سنج»', nameEn: 'Imen-Sanj Security and Quality Evaluation Laboratory' },
  auditor: { nationalId: '10320000022', nameFa: 'نهاد ممیزی مراکز داده «سنجش پایدار»', nameEn: 'Sanjesh Paydar Data-Centre Audit Body' },
  counter: { nationalId: '10860000033', nameFa: 'دفتر پیشخوان خدمات دولت شماره ۱۲۳', nameEn: 'Government Services Counter Office No. 123' },
} as const;

/** The demo counter office (پیشخوان دولت) and the demo company's authorisation of it. */
export const DEMO_COUNTER_OFFICE = { officeCode: 'PK-123', contractNumber: 'PK-1405-0123' };

type DemoOrganisation = keyof typeof DEMO_ORGANISATIONS;

interface SeedUser { username: string; displayName: string; roles: string[]; groups: string[]; organisation?: DemoOrganisation; mobile?: string; email?: string }

const AFTA_OPERATIONAL = ['security-testing', 'hardening', 'industrial', 'soc-operation', 'soc-implementation', 'physical-security', 'bug-bounty'].map((c) => `afta-${c}-reviewers`);
const AFTA_OTHER = ['product-support', 'compliance-audit', 'standards-consulting', 'training'].map((c) => `afta-${c}-reviewers`);

/** One account per role of each family; the README's table lists them. */
export const DEMO_USERS: SeedUser[] = [
  { username: 'admin', displayName: 'مدیر سامانه / Administrator', roles: ['admin'], groups: ADMIN_GROUPS },
  { username: 'applicant', displayName: 'متقاضی نمونه / Demo applicant', roles: ['applicant'], groups: [], organisation: 'applicant', mobile: '09120000001', email: 'applicant@pars-software.example' },
  { username: 'applicant2', displayName: 'متقاضی دوم / Second applicant', roles: ['applicant'], groups: [], organisation: 'applicant2', mobile: '09120000002', email: 'applicant2@arya-data.example' },
  { username: 'reviewer1', displayName: 'کارشناس مدارک / Formal reviewer', roles: ['reviewer'], groups: ['formal-reviewers'] },
  { username: 'reviewer2', displayName: 'کارشناس فنی / Technical reviewer', roles: ['reviewer'], groups: ['technical-reviewers'] },
  { username: 'evaluator', displayName: 'کارشناس ارزیابی امنیتی / Security evaluator', roles: ['reviewer'], groups: ['security-evaluators'] },
  { username: 'committee', displayName: 'عضو کمیته / Committee member', roles: ['reviewer'], groups: ['authenticity-committee', 'grading-committee', 'qualification-committee'] },
  { username: 'afta1', displayName: 'کارشناس افتا (خدمات عملیاتی) / AFTA reviewer (operational)', roles: ['reviewer'], groups: AFTA_OPERATIONAL },
  { username: 'afta2', displayName: 'کارشناس افتا (فنی، مدیریتی، آموزشی) / AFTA reviewer (technical, management, training)', roles: ['reviewer'], groups: AFTA_OTHER },
  { username: 'afta3', displayName: 'کارشناس افتا (محصولات) / AFTA reviewer (products)', roles: ['reviewer'], groups: ['afta-product-reviewers', 'afta-import-reviewers'] },
  { username: 'cloud1', displayName: 'کارشناس خدمات ابری / Cloud reviewer', roles: ['reviewer'], groups: ['cloud-reviewers'] },
  { username: 'assessor', displayName: 'ارزیاب صلاحیت / Qualification assessor', roles: ['reviewer'], groups: ['qualification-assessors'] },
  { username: 'head', displayName: 'مدیر واحد / Unit head', roles: ['reviewer'], groups: ['unit-heads'] },
  { username: 'appeals', displayName: 'عضو هیئت اعتراض / Appeal board member', roles: ['reviewer'], groups: ['appeal-board'] },
  { username: 'lab', displayName: 'ارزیاب آزمایشگاه ایمن‌سنج / Imen-Sanj laboratory evaluator', roles: ['applicant'], groups: [], organisation: 'lab', mobile: '09120000003', email: 'lab@imen-sanj.example' },
  { username: 'auditor', displayName: 'ممیز سنجش پایدار / Sanjesh Paydar auditor', roles: ['applicant'], groups: [], organisation: 'auditor', mobile: '09120000004', email: 'auditor@sanjesh-paydar.example' },
  { username: 'agent', displayName: 'کارگزار پیشخوان دولت / Counter-office agent', roles: ['agent'], groups: [], organisation: 'counter' },
];

async function ensureUser(db: Db, u: SeedUser, password: string, organisationId: string | null): Promise<void> {
  const existing = await db.user.findUnique({ where: { username: u.username } });
  if (existing) {
    // a demo account of an earlier version gains the groups added since (never loses any)
    for (const groupId of u.groups) await db.groupMember.upsert({ where: { userId_groupId: { userId: existing.id, groupId } }, create: { userId: existing.id, groupId }, update: {} });
    // and the notice addresses added since (never overwriting ones set later)
    if (u.mobile && !existing.mobile) await db.user.update({ where: { id: existing.id }, data: { mobile: u.mobile } });
    if (u.email && !existing.email) await db.user.update({ where: { id: existing.id }, data: { email: u.email } });
    return;
  }
  await db.user.create({
    data: {
      username: u.username,
      displayName: u.displayName,
      passwordHash: await hashPassword(password),
      organisationId,
      mobile: u.mobile ?? null,
      email: u.email ?? null,
      roles: { create: u.roles.map((role) => ({ role })) },
      groups: { create: u.groups.map((groupId) => ({ groupId })) },
    },
  });
}

export async function seedBase(db: Db, opts: { adminPassword?: string }): Promise<void> {
  for (const g of GROUPS) await db.group.upsert({ where: { id: g.id }, create: g, update: { nameFa: g.nameFa, nameEn: g.nameEn } });
  await db.organisation.upsert({ where: { nationalId: REGULATOR_ORGANISATION.nationalId }, create: REGULATOR_ORGANISATION, update: {} });
  const admins = await db.userRole.count({ where: { role: 'admin' } });
  if (admins === 0 && opts.adminPassword) {
    await ensureUser(db, { username: 'admin', displayName: 'Administrator', roles: ['admin'], groups: ADMIN_GROUPS }, opts.adminPassword, null);
  }
}

export async function seedDemo(db: Db): Promise<void> {
  const ids = new Map<DemoOrganisation, string>();
  for (const [key, org] of Object.entries(DEMO_ORGANISATIONS) as [DemoOrganisation, (typeof DEMO_ORGANISATIONS)[DemoOrganisation]][]) {
    ids.set(key, (await db.organisation.upsert({ where: { nationalId: org.nationalId }, create: { ...org }, update: {} })).id);
  }
  for (const u of DEMO_USERS) await ensureUser(db, u, DEMO_PASSWORD, u.organisation ? ids.get(u.organisation)! : null);
  const office = ids.get('counter')!;
  const company = ids.get('applicant')!;
  await db.counterOffice.upsert({ where: { organisationId: office }, create: { organisationId: office, officeCode: DEMO_COUNTER_OFFICE.officeCode }, update: {} });
  const grantedBy = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
  const validFrom = new Date(Date.UTC(2025, 0, 1));
  await db.agentAuthorisation.upsert({
    where: { companyId_agentOrganisationId_contractNumber: { companyId: company, agentOrganisationId: office, contractNumber: DEMO_COUNTER_OFFICE.contractNumber } },
    create: { companyId: company, agentOrganisationId: office, contractNumber: DEMO_COUNTER_OFFICE.contractNumber, validFrom, validTo: new Date(Date.UTC(2035, 0, 1)), grantedById: grantedBy.id },
    update: {},
  });
}
