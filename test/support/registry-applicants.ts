/**
 * Applicants the registries answer negatively about, for the tests of a family's inquiries: a
 * company the simulated company registry (simulators/registries/demo-data.ts) lists as struck off.
 */
import { STRUCK_OFF_COMPANY } from '../../simulators/registries/demo-data';
import { waitForCompletion } from '../../scripts/lib/walk-steps';
import { ApiClient } from './harness';

const PASSWORD = 'struck-off-pass';

/** A new applicant account of the struck-off company (the organisation is made once, then joined), logged in. */
export async function struckOffApplicant(admin: ApiClient, baseUrl: string): Promise<ApiClient> {
  const username = `struck-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const created = await admin.post('/api/users', {
    username, displayName: 'متقاضی شرکت حذف‌شده / Struck-off company applicant', password: PASSWORD, role: 'applicant',
    organisation: { nationalId: STRUCK_OFF_COMPANY.nationalId, nameFa: STRUCK_OFF_COMPANY.name },
  });
  if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  return new ApiClient(baseUrl).login(username, PASSWORD);
}

/**
 * The application ended rejected with the condition company-not-active before anyone reviewed it:
 * the company registry was the only inquiry (negative), no task was ever made, and the applicant's
 * notice names the condition and the registry's answer in both languages.
 */
export async function expectRefusedAsNotActive(company: ApiClient, staff: ApiClient, trackingNumber: string): Promise<void> {
  expect(await waitForCompletion(company, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
  const answers = (await staff.get(`/api/applications/${trackingNumber}/inquiries`)).body as { registry: string; elementId: string; outcome: string; response: { status?: string } }[];
  expect(answers.map((a) => [a.registry, a.elementId, a.outcome, a.response.status])).toEqual([['company-registry', 'inquire-company-registry', 'negative', 'struck-off']]);
  const view = (await staff.get(`/api/applications/${trackingNumber}`)).body as { tasks: unknown[] };
  expect(view.tasks).toEqual([]);
  const inbox = (await company.get('/api/notifications')).body as { template: string; bodyFa: string; bodyEn: string }[];
  const refusal = inbox.find((n) => n.template === 'rejected' && n.bodyEn.includes(trackingNumber));
  expect(refusal?.bodyEn).toContain('Condition not met: The applicant company is not active in the company registry');
  expect(refusal?.bodyEn).toContain('is struck-off in the company registry');
  expect(refusal?.bodyFa).toContain('حذف‌شده از ثبت');
}
