/**
 * `inquiry.company-registry` service task: looks the applicant company up in the company registry
 * and sets `companyRegistry` (or the variable the `resultVariable` header names) to
 * `{found, active, name, status, directors, summaryFa, summaryEn}`. A company not found, struck off
 * or dissolved is a business outcome (`active = false`) the process branches on, never an error.
 * The national ID is the applicant organisation's as registered with the regulator, unless the
 * `nationalIdVariable` header names a variable that holds another one.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../../prisma/client';
import type { ServiceTaskHandler } from '../../service-tasks/registry';
import type { CompanyAnswer, CompanyStatus, Connector } from '../connector';
import { inquireOnce } from '../inquiry-results';

const STATUS_FA: Record<CompanyStatus, string> = {
  active: 'فعال',
  'struck-off': 'حذف‌شده از ثبت',
  dissolved: 'منحل‌شده',
  'in-liquidation': 'در حال تصفیه',
  suspended: 'تعلیق‌شده',
};

async function applicantNationalId(db: Db, applicationId: string): Promise<string> {
  const app = await db.application.findUnique({ where: { id: applicationId }, select: { organisation: { select: { nationalId: true } } } });
  if (!app) throw ApplicationFailure.nonRetryable(`application ${applicationId} does not exist`, 'UnknownApplication');
  return app.organisation.nationalId;
}

export function summarise(answer: CompanyAnswer): { fa: string; en: string } {
  if (!answer.found) {
    return { fa: `شرکتی با شناسه ملی ${answer.nationalId} در سامانه ثبت شرکت‌ها یافت نشد.`, en: `No company with national ID ${answer.nationalId} is in the company registry.` };
  }
  return {
    fa: `${answer.name} (شناسه ملی ${answer.nationalId}): ${STATUS_FA[answer.status]} در سامانه ثبت شرکت‌ها.`,
    en: `${answer.name} (national ID ${answer.nationalId}) is ${answer.status} in the company registry.`,
  };
}

export function createCompanyRegistryInquiry(db: Db, connector: Connector<{ nationalId: string }, CompanyAnswer>): ServiceTaskHandler {
  return (input) => inquireOnce(db, input, 'company-registry', async () => {
    const fromVariable = input.headers.nationalIdVariable ? input.variables[input.headers.nationalIdVariable] : undefined;
    if (input.headers.nationalIdVariable && typeof fromVariable !== 'string') {
      throw ApplicationFailure.nonRetryable(`variable "${input.headers.nationalIdVariable}" must hold a national ID`, 'InvalidVariable');
    }
    const nationalId = typeof fromVariable === 'string' ? fromVariable.trim() : await applicantNationalId(db, input.applicationId);
    const answer = await connector.ask({ nationalId });
    const active = answer.found && answer.status === 'active';
    const { fa, en } = summarise(answer);
    const result = answer.found
      ? { found: true, active, nationalId, name: answer.name, status: answer.status, directors: answer.directors.map((d) => ({ name: d.name, role: d.role })), summaryFa: fa, summaryEn: en }
      : { found: false, active: false, nationalId, name: null, status: null, directors: [], summaryFa: fa, summaryEn: en };
    return {
      request: { nationalId },
      response: answer,
      variables: { [input.headers.resultVariable || 'companyRegistry']: result },
      outcome: active ? 'positive' : 'negative',
      summaryFa: fa,
      summaryEn: en,
    };
  });
}
