/** The sample data the walks apply with (realistic, bilingual where people would write both). */
import { withCheckDigit } from '../../../activities/identity/national-id';

export const PERSONNEL = {
  sara: { fullName: 'سارا احمدی', nationalId: withCheckDigit('001234567'), mobile: '09121110001', degree: 'master', fieldOfStudy: 'مهندسی کامپیوتر - امنیت', experienceYears: 8 },
  reza: { fullName: 'رضا کریمی', nationalId: withCheckDigit('002345678'), mobile: '09121110002', degree: 'bachelor', fieldOfStudy: 'مهندسی فناوری اطلاعات', experienceYears: 6 },
  maryam: { fullName: 'مریم حسینی', nationalId: withCheckDigit('003456789'), mobile: '09121110003', degree: 'bachelor', fieldOfStudy: 'مهندسی کامپیوتر', experienceYears: 4 },
  ali: { fullName: 'علی رضایی', nationalId: withCheckDigit('004567891'), mobile: '09121110004', degree: 'diploma', fieldOfStudy: 'الکترونیک', experienceYears: 1 },
};

export const AFTA_APPLICATION = {
  activityCategories: ['security-testing', 'compliance-audit'],
  keyPersonnel: [
    { category: 'security-testing', ...PERSONNEL.sara },
    { category: 'security-testing', ...PERSONNEL.reza },
    { category: 'compliance-audit', ...PERSONNEL.sara },
    { category: 'compliance-audit', ...PERSONNEL.maryam },
  ],
};

export const PRODUCT_APPLICATION = {
  productName: 'دیواره آتش نسل جدید «پارس‌بان»',
  manufacturer: 'شرکت نرم‌افزاری نمونه پارس',
  productVersion: '4.2.0',
  productCategory: 'firewall',
};

export const CLOUD_APPLICATION = {
  serviceName: 'ابر پارس — خدمات زیرساخت ابری',
  cloudServices: ['iaas', 'staas'],
};

export const DATA_CENTRE_APPLICATION = {
  dataCentreName: 'مرکز داده شماره ۱ شرکت نمونه پارس',
  dataCentreAddress: 'تهران، خیابان آزادی، پلاک ۱۰۰',
};

/** Scores that pass every layer comfortably. */
export const GOOD_LAYER_SCORES = { availability: 90, security: 88, scalability: 85, support: 80, dataResidency: 100, compliance: 86 };

/** The four audit forms' criteria at one score each. */
export function auditScores(physical: number, it: number, management: number, energy: number) {
  return {
    'audit-physical': { powerSupply: physical, cooling: physical, fireProtection: physical, physicalSecurity: physical, structure: physical },
    'audit-it': { networkRedundancy: it, computeStorage: it, monitoring: it, backupRecovery: it, itSecurity: it },
    'audit-management': { operationsProcesses: management, staffing: management, documentation: management, incidentManagement: management, serviceLevels: management },
    'audit-energy': { energyEfficiency: energy, energyMonitoring: energy, environmentalControls: energy, wasteAndNoise: energy },
  } as const;
}

/** An audit body's or a lab's staff: their mobile lines and degrees are on record with the simulated registries. */
export const QUALIFIED_STAFF = [
  { fullName: 'حمید نوری', nationalId: withCheckDigit('005678912'), mobile: '09121110005', degree: 'master', fieldOfStudy: 'مهندسی فناوری اطلاعات', role: 'lead-auditor', certification: 'ISO/IEC 27001 Lead Auditor' },
  { fullName: 'نرگس صالحی', nationalId: withCheckDigit('006789123'), mobile: '09121110006', degree: 'doctorate', fieldOfStudy: 'مهندسی کامپیوتر - امنیت', role: 'evaluator', certification: 'Common Criteria evaluator' },
];
