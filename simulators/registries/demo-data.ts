/**
 * What the simulated registries know: the demo organisations of prisma/seed.ts as active companies,
 * the key personnel and the audit bodies' and labs' staff of the walks (scripts/lib/walks/demo-data.ts)
 * with their own mobile lines and degrees, and negative cases: a company struck off, a dissolved one; any mobile other than a
 * person's own does not match; a degree not on record is not verified.
 */
import { DEMO_ORGANISATIONS } from '../../prisma/seed';
import { PERSONNEL, QUALIFIED_STAFF } from '../../scripts/lib/walks/demo-data';
import type { CompanyStatus } from '../../activities/inquiries/connector';

export interface SimulatedCompany {
  nationalId: string;
  name: string;
  status: CompanyStatus;
  registeredAt: string;
  directors: { name: string; nationalId: string; role: string }[];
}

const ceo = (p: { fullName: string; nationalId: string }) => ({ name: p.fullName, nationalId: p.nationalId, role: 'مدیرعامل / Managing director' });
const chair = (p: { fullName: string; nationalId: string }) => ({ name: p.fullName, nationalId: p.nationalId, role: 'رئیس هیئت‌مدیره / Chair of the board' });

/** A struck-off company (شرکت حذف‌شده از ثبت): tests create an applicant of it to see the refusal. */
export const STRUCK_OFF_COMPANY = { nationalId: '10109876548', name: 'شرکت فناوری نمونه سپهر' };
/** A dissolved company. */
export const DISSOLVED_COMPANY = { nationalId: '10108765439', name: 'شرکت بازرگانی نمونه آوا' };

export const COMPANIES: SimulatedCompany[] = [
  { nationalId: DEMO_ORGANISATIONS.applicant.nationalId, name: DEMO_ORGANISATIONS.applicant.nameFa, status: 'active', registeredAt: '2012-05-14', directors: [ceo(PERSONNEL.sara), chair(PERSONNEL.reza)] },
  { nationalId: DEMO_ORGANISATIONS.applicant2.nationalId, name: DEMO_ORGANISATIONS.applicant2.nameFa, status: 'active', registeredAt: '2016-10-02', directors: [ceo(PERSONNEL.maryam)] },
  { nationalId: DEMO_ORGANISATIONS.lab.nationalId, name: DEMO_ORGANISATIONS.lab.nameFa, status: 'active', registeredAt: '2010-01-20', directors: [ceo(PERSONNEL.reza)] },
  { nationalId: DEMO_ORGANISATIONS.auditor.nationalId, name: DEMO_ORGANISATIONS.auditor.nameFa, status: 'active', registeredAt: '2014-03-09', directors: [ceo(PERSONNEL.ali)] },
  { nationalId: STRUCK_OFF_COMPANY.nationalId, name: STRUCK_OFF_COMPANY.name, status: 'struck-off', registeredAt: '2008-07-01', directors: [ceo(PERSONNEL.ali)] },
  { nationalId: DISSOLVED_COMPANY.nationalId, name: DISSOLVED_COMPANY.name, status: 'dissolved', registeredAt: '2011-11-11', directors: [ceo(PERSONNEL.reza)] },
];

/** Each person's own mobile line (Shahkar answers a match only for it). */
export const MOBILES: Record<string, string> = Object.fromEntries([...Object.values(PERSONNEL), ...QUALIFIED_STAFF].map((p) => [p.nationalId, p.mobile]));

export interface SimulatedDegree { degree: string; fieldOfStudy: string; university: string; graduatedIn: number }

/** Degrees on record, by national ID. */
export const DEGREES: Record<string, SimulatedDegree[]> = {
  [PERSONNEL.sara.nationalId]: [
    { degree: 'bachelor', fieldOfStudy: 'مهندسی کامپیوتر', university: 'دانشگاه صنعتی شریف', graduatedIn: 1390 },
    { degree: PERSONNEL.sara.degree, fieldOfStudy: PERSONNEL.sara.fieldOfStudy, university: 'دانشگاه تهران', graduatedIn: 1393 },
  ],
  [PERSONNEL.reza.nationalId]: [{ degree: PERSONNEL.reza.degree, fieldOfStudy: PERSONNEL.reza.fieldOfStudy, university: 'دانشگاه علم و صنعت ایران', graduatedIn: 1395 }],
  [PERSONNEL.maryam.nationalId]: [{ degree: PERSONNEL.maryam.degree, fieldOfStudy: PERSONNEL.maryam.fieldOfStudy, university: 'دانشگاه امیرکبیر', graduatedIn: 1398 }],
  [PERSONNEL.ali.nationalId]: [{ degree: PERSONNEL.ali.degree, fieldOfStudy: PERSONNEL.ali.fieldOfStudy, university: 'هنرستان فنی شهید رجایی', graduatedIn: 1399 }],
  [QUALIFIED_STAFF[0].nationalId]: [{ degree: QUALIFIED_STAFF[0].degree, fieldOfStudy: QUALIFIED_STAFF[0].fieldOfStudy, university: 'دانشگاه صنعتی اصفهان', graduatedIn: 1388 }],
  [QUALIFIED_STAFF[1].nationalId]: [
    { degree: 'master', fieldOfStudy: 'مهندسی کامپیوتر', university: 'دانشگاه شیراز', graduatedIn: 1390 },
    { degree: QUALIFIED_STAFF[1].degree, fieldOfStudy: QUALIFIED_STAFF[1].fieldOfStudy, university: 'دانشگاه تربیت مدرس', graduatedIn: 1396 },
  ],
};
