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
    // searched for, as a reviewer would: the whole list holds at most the first 1,000 of a queue
    const res = await user.get<{ data: TaskView[] }>(`/api/tasks?q=${encodeURIComponent(trackingNumber)}&perPage=200`);
    return res.status === 200 && res.body.data.find((t) => t.elementId === elementId && (t.application?.trackingNumber ?? t.id.split(':')[0]) === trackingNumber);
  }, timeoutMs);
}

/**
 * Completes the task, then waits until its row is closed: the row is closed by an activity that
 * runs once the completion is saved (patch update-effects-after-commit), a moment after the answer,
 * and a caller looking for the next task of the same element must not find this one again.
 */
export async function completeTask(user: ApiClient, task: TaskView, values: Record<string, unknown>): Promise<void> {
  const res = await user.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values });
  if (res.status !== 200) throw new Error(`completing ${task.id} failed: ${res.status} ${JSON.stringify(res.body)}`);
  await waitFor(`the row of ${task.id} to close`, async () => {
    const open = await user.get<{ status: string }>(`/api/tasks/${encodeURIComponent(task.id)}`);
    return open.status !== 200 || open.body.status !== 'open';
  }, 30_000);
}

/**
 * A small, well-formed one-page PDF (header, catalog, page, cross-reference table, trailer) whose
 * text names `title`: what a demo applicant or reviewer uploads.
 */
export function samplePdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Uploads a document (POST /api/documents) and returns its id. */
export async function uploadDocument(user: ApiClient, name: string, bytes: Buffer = samplePdf(name), type = 'application/pdf'): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await user.post('/api/documents', form);
  if (res.status !== 201) throw new Error(`uploading ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

interface FormFieldView { key?: string; type: string; validate?: { required?: boolean }; conditional?: { hide?: string } }

/** True when a `=field = "value"` hide condition holds for `data` (the forms here hide only that way). */
function hiddenFor(field: FormFieldView, data: Record<string, unknown>): boolean {
  const m = /^=\s*(\w+)\s*=\s*"([^"]*)"\s*$/.exec(field.conditional?.hide ?? '');
  return !!m && data[m[1]] === m[2];
}

/** `data` with a freshly uploaded sample PDF in every required file field of `form` that it leaves empty. */
export async function withDocuments(user: ApiClient, form: { components: FormFieldView[] } | null | undefined, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const filled = { ...data };
  for (const field of form?.components ?? []) {
    if (field.type !== 'filepicker' || !field.key || !field.validate?.required || filled[field.key] !== undefined || hiddenFor(field, filled)) continue;
    filled[field.key] = [await uploadDocument(user, `${field.key}.pdf`)];
  }
  return filled;
}

/** Applies with `data`, uploading a sample PDF for each required document the data leaves out. */
export async function apply(applicant: ApiClient, data: Record<string, unknown> = SAMPLE_APPLICATION, processKey = 'software-technical-approval'): Promise<string> {
  const start = await applicant.get(`/api/definitions/${encodeURIComponent(processKey)}/start-form`);
  if (start.status !== 200) throw new Error(`reading the start form of ${processKey} failed: ${start.status} ${JSON.stringify(start.body)}`);
  const res = await applicant.post('/api/applications', { processKey, data: await withDocuments(applicant, start.body.form, data) });
  if (res.status !== 201) throw new Error(`applying failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.trackingNumber as string;
}

/** Completes `task` with `values`, uploading a sample PDF for each required document they leave out. */
export async function completeWithDocuments(user: ApiClient, task: TaskView, values: Record<string, unknown>): Promise<void> {
  await completeTask(user, task, await withDocuments(user, task.form as { components: FormFieldView[] }, values));
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

export interface PaymentView { id: string; trackingNumber: string; amount: number; state: string; stage: string; gatewayOrderId: string | null; gatewayReference: string | null; receiptDocumentId: string | null; refundReference: string | null }

/** The application's fee once it is due (requested, or failed and payable again). */
export async function waitForFee(user: ApiClient, trackingNumber: string, timeoutMs = 60_000): Promise<PaymentView> {
  return waitFor(`the fee of ${trackingNumber} to be due`, async () => {
    const res = await user.get<PaymentView[]>(`/api/applications/${trackingNumber}/payments`);
    return res.status === 200 && res.body.find((p) => p.state === 'requested' || p.state === 'failed');
  }, timeoutMs);
}

/**
 * Pays the application's fee as the applicant's browser would: "pay" gives the gateway's page,
 * whose form is posted with `outcome`; with `dropCallback` the gateway's call back to us is lost
 * (reconciliation finds it). Returns the fee as it was due, the gateway order and where the
 * gateway sent the browser back.
 */
export async function payFee(applicant: ApiClient, trackingNumber: string, { outcome = 'paid', dropCallback = false }: { outcome?: 'paid' | 'failed'; dropCallback?: boolean } = {}): Promise<{ payment: PaymentView; orderId: string; returnUrl: string }> {
  const payment = await waitForFee(applicant, trackingNumber);
  const order = await applicant.post(`/api/payments/${payment.id}/pay`);
  if (order.status !== 200) throw new Error(`paying the fee of ${trackingNumber} failed: ${order.status} ${JSON.stringify(order.body)}`);
  const form = new URLSearchParams({ outcome, ...(dropCallback ? { dropCallback: 'on' } : {}) });
  const page = await fetch(order.body.redirectUrl as string, { method: 'POST', body: form, redirect: 'manual' });
  if (page.status !== 303) throw new Error(`the payment gateway answered ${page.status} for ${trackingNumber}`);
  return { payment, orderId: order.body.orderId as string, returnUrl: page.headers.get('location') ?? '' };
}

export interface Walkers { applicant: ApiClient; formalReviewer: ApiClient; technicalReviewer: ApiClient }

/** Apply → formal check (complete) → technical review (approve) → fee paid → certificate. */
export async function walkToCertificate({ applicant, formalReviewer, technicalReviewer }: Walkers, data: Record<string, unknown> = SAMPLE_APPLICATION): Promise<{ trackingNumber: string; certificateNumber: string }> {
  const trackingNumber = await apply(applicant, data);
  await completeTask(formalReviewer, await waitForTask(formalReviewer, trackingNumber, 'formal-check'), { formalDecision: 'complete' });
  await completeWithDocuments(technicalReviewer, await waitForTask(technicalReviewer, trackingNumber, 'technical-review'), {
    technicalDecision: 'approve',
    technicalComment: 'همه معیارهای فنی رعایت شده است. All technical criteria are met.',
  });
  await payFee(applicant, trackingNumber);
  const done = await waitForCompletion(applicant, trackingNumber, 120_000);
  if (done.outcome !== 'approved' || done.certificates.length !== 1) throw new Error(`expected one certificate, got ${JSON.stringify(done)}`);
  return { trackingNumber, certificateNumber: done.certificates[0].number };
}
