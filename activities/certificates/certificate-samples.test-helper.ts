/**
 * Sample certificates for the tests: for every family the longest values it may realistically
 * carry (every scope item it can grant, long names), with one holder and one pair of dates.
 */
import type { CertificateSubject } from './certificate-subject';
import { formatCertificateNumber } from './certificate-number';
import type { CertificateTemplate } from './certificate-template';
import type { CertificatePdfInput } from './render-certificate-pdf';

/** A long but real-looking company name: it takes two lines in both columns. */
export const HOLDER = { name: 'شرکت مهندسی امنیت اطلاعات و ارتباطات پارسیان ایمن‌گستر شرق (سهامی خاص)', nationalId: '14003456789' };

const DESCRIPTION =
  'سامانه یکپارچه برنامه‌ریزی منابع سازمانی شامل زیرسامانه‌های مالی، حسابداری، خزانه‌داری، انبار، دارایی‌های ثابت، حقوق و دستمزد و ' +
  'بودجه با پشتیبانی از صورتحساب الکترونیکی سامانه مؤدیان، گزارش‌های فصلی و سالانه مالیاتی، امضای دیجیتال اسناد و اتصال به درگاه‌های پرداخت بانکی. ' +
  'این سامانه بر بستر وب و با معماری چندلایه طراحی شده و از پایگاه‌های داده رابطه‌ای متداول پشتیبانی می‌کند.';

/** The longest realistic values of each family: every scope item it can grant, long names. */
export const SUBJECTS: Record<string, CertificateSubject> = {
  'software-technical-approval': {
    productName: 'سامانه جامع برنامه‌ریزی منابع سازمانی «سپیدار» (ERP) ویژه شرکت‌های تولیدی و بازرگانی',
    productVersion: '12.4.0-build.2031 LTS',
    platform: 'server',
    description: DESCRIPTION,
  },
  'software-authenticity': {
    productName: 'سامانه مکاتبات اداری و مدیریت اسناد الکترونیکی «نامه‌نگار» ویژه دستگاه‌های اجرایی',
    productVersion: '3.2.0',
    platform: 'web',
    technicalApprovalNumber: 'TA-1405-000123-7',
    description: DESCRIPTION,
  },
  'afta-security-services-licence': {
    activityCategories: [
      'security-testing', 'hardening', 'industrial-hardening', 'soc-operation', 'soc-implementation', 'physical-security',
      'bug-bounty', 'product-support', 'compliance-audit', 'standards-consulting', 'security-training',
    ],
  },
  'afta-product-security-certificate': {
    productName: 'سامانه تشخیص و جلوگیری از نفوذ شبکه نسل جدید «پارس‌گارد» (NG-IPS)',
    manufacturer: 'Palo Alto Networks, Inc. (Santa Clara, California, United States)',
    productVersion: '11.1.2-h3',
    productOrigin: 'imported',
    productCategory: 'ids-ips',
    grade: 'B',
  },
  'cloud-provider-profile': {
    serviceName: 'ابر سپهر — خدمات زیرساخت و سکوی ابری پارسیان',
    cloudServices: ['iaas', 'kaas', 'staas', 'dns', 'bare-metal', 'colocation', 'baas'],
    rank: 'A+',
  },
  'data-centre-grading': {
    dataCentreName: 'مرکز داده شماره ۲ شرکت ارتباطات زیرساخت پارسیان (سایت غرب تهران)',
    dataCentreAddress: 'تهران، شهرک غرب، بلوار دادمان، خیابان درختی، کوچه سپهر، پلاک ۱۲، ساختمان مرکز داده، طبقه منفی یک، کد پستی ۱۴۶۶۸۳۳۱۱۱',
    grade: '3',
    physicalScore: '100',
    itScore: '88.5',
    managementScore: '71.3',
    energyScore: '64.9',
  },
  'data-centre-audit-body-qualification': {
    auditAreas: ['physical-infrastructure', 'it-infrastructure', 'management', 'energy-environment'],
  },
  'evaluation-lab-licence': {
    labScopes: ['afta-product-evaluation', 'cloud-service-evaluation'],
    accreditation: 'ISO/IEC 17025:2017 — مرکز ملی تأیید صلاحیت ایران (NACI)، گواهی شماره ۱۲۳۴',
  },
};

export const ISSUED = new Date('2026-11-23T09:00:00Z');
export const EXPIRES = new Date('2027-11-22T09:00:00Z');

export function inputFor(template: CertificateTemplate, subject: CertificateSubject = SUBJECTS[template.key]): CertificatePdfInput {
  const number = formatCertificateNumber({ family: template.family, jalaliYear: 1405, sequence: 123 });
  return { number, holder: HOLDER, subject, issuedAt: ISSUED, expiresAt: EXPIRES, verifyUrl: `https://verify.ito.gov.ir/c/${number}`, trackingNumber: '140509021234567' };
}

