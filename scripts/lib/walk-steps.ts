/**
 * The README's walk as code: apply as the demo company, complete the review tasks as the demo
 * reviewers, wait for the outcome. Shared by `npm run walk` and the integration tests.
 */
import { ApiClient, waitFor } from './api-client';

export const SAMPLE_APPLICATION = {
  productName: 'سامانه جامع مدیریت اسناد «سند»',
  productVersion: '2.1.0',
  platform: 'web',
  description: 'سامانه تحت وب برای مدیریت، بایگانی و گردش اسناد اداری سازمان‌ها با امضای دیجیتال. A web system for records management.',
  ownerCompany: 'شرکت نرم‌افزاری نمونه پارس',
};

export interface TaskView { id: string; elementId: string; status: string; form?: unknown; prefill?: Record<string, unknown>; application?: { trackingNumber: string } }

/** Waits until `user` sees an open task of `elementId` in the application (or a process it called), and returns it. */
export async function waitForTask(user: ApiClient, trackingNumber: string, elementId: string, timeoutMs = 60_000): Promise<TaskView> {
  return waitFor(`task ${elementId} of ${trackingNumber}`, async () => {
    const res = await user.get<TaskView[]>('/api/tasks');
    return res.status === 200 && res.body.find((t) => t.elementId === elementId && (t.application?.trackingNumber ?? t.id.split(':')[0]) === trackingNumber);
  }, timeoutMs);
}

export async function completeTask(user: ApiClient, task: TaskView, values: Record<string, unknown>): Promise<void> {
  const res = await user.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values });
  if (res.status !== 200) throw new Error(`completing ${task.id} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function apply(applicant: ApiClient, data: Record<string, unknown> = SAMPLE_APPLICATION, processKey = 'software-technical-approval'): Promise<string> {
  const res = await applicant.post('/api/applications', { processKey, data });
  if (res.status !== 201) throw new Error(`applying failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.trackingNumber as string;
}

export interface ApplicationView { trackingNumber: string; status: string; outcome: string | null; certificates: { number: string; status: string }[]; history: { action: string }[] }

export async function waitForCompletion(user: ApiClient, trackingNumber: string, timeoutMs = 60_000): Promise<ApplicationView> {
  return waitFor(`application ${trackingNumber} to complete`, async () => {
    const res = await user.get<ApplicationView>(`/api/applications/${trackingNumber}`);
    return res.status === 200 && res.body.status === 'completed' && res.body;
  }, timeoutMs);
}

/**
 * The public record of `number` once it shows `status` (it is answered from memory for up to a
 * second, and a status change runs a process first).
 */
export async function waitForPublicStatus(client: ApiClient, number: string, status: string, timeoutMs = 10_000): Promise<any> {
  return waitFor(`certificate ${number} to be ${status} on its public record`, async () => {
    const res = await client.get(`/api/public/certificates/${number}`);
    return res.status === 200 && res.body.status === status && res.body;
  }, timeoutMs);
}

export interface Walkers { applicant: ApiClient; formalReviewer: ApiClient; technicalReviewer: ApiClient }

/** Apply → formal check (complete) → technical review (approve) → certificate. */
export async function walkToCertificate({ applicant, formalReviewer, technicalReviewer }: Walkers): Promise<{ trackingNumber: string; certificateNumber: string }> {
  const trackingNumber = await apply(applicant);
  await completeTask(formalReviewer, await waitForTask(formalReviewer, trackingNumber, 'formal-check'), { formalDecision: 'complete' });
  await completeTask(technicalReviewer, await waitForTask(technicalReviewer, trackingNumber, 'technical-review'), {
    technicalDecision: 'approve',
    technicalComment: 'همه معیارهای فنی رعایت شده است. All technical criteria are met.',
  });
  const done = await waitForCompletion(applicant, trackingNumber);
  if (done.outcome !== 'approved' || done.certificates.length !== 1) throw new Error(`expected one certificate, got ${JSON.stringify(done)}`);
  return { trackingNumber, certificateNumber: done.certificates[0].number };
}
