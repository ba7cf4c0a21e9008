/** Steps several walks share: the formal check, a reviewer's approval, qualifying a lab or an audit body. */
import type { ApiClient } from '../api-client';
import { completeTask, completeWithDocuments, waitForTask } from '../walk-steps';
import { DEMO_ORGANISATIONS } from '../../../prisma/seed';
import type { WalkContext } from './walk-context';
import { QUALIFIED_STAFF } from './demo-data';

export async function formalCheckPasses(ctx: WalkContext, trackingNumber: string): Promise<void> {
  const reviewer = await ctx.as('reviewer1');
  await completeTask(reviewer, await waitForTask(reviewer, trackingNumber, 'formal-check'), { formalDecision: 'complete' });
}

/** `username` completes the task `elementId` with `values` (documents its form requires are uploaded). */
export async function work(ctx: WalkContext, username: string, trackingNumber: string, elementId: string, values: Record<string, unknown>): Promise<void> {
  const user = await ctx.as(username);
  await completeWithDocuments(user, await waitForTask(user, trackingNumber, elementId), values);
}

/** The options a start form offers for a register-backed field, e.g. the qualified labs. */
export async function registerChoices(user: ApiClient, processKey: string, field: string): Promise<string[]> {
  const res = await user.get(`/api/definitions/${processKey}/start-form`);
  if (res.status !== 200) throw new Error(`start form of ${processKey}: ${res.status}`);
  const component = (res.body.form.components as { key?: string; values?: { value: string }[] }[]).find((c) => c.key === field);
  return (component?.values ?? []).map((v) => v.value);
}

/** National ids of the demo laboratory and audit body. */
export const LAB_ID = DEMO_ORGANISATIONS.lab.nationalId;
export const AUDITOR_ID = DEMO_ORGANISATIONS.auditor.nationalId;

/**
 * Makes sure the demo laboratory (both scopes) or the demo audit body (all four areas) is qualified,
 * running the qualification process for it when the register does not list it yet.
 */
export async function ensureQualified(ctx: WalkContext, who: 'lab' | 'auditor', walkQualification: (ctx: WalkContext, who: 'lab' | 'auditor') => Promise<unknown>): Promise<void> {
  const applicant = await ctx.as('applicant');
  const [processKey, field, id] = who === 'lab' ? ['afta-product-certificate', 'evaluationLab', LAB_ID] : ['datacentre-grading', 'auditBody', AUDITOR_ID];
  const choices = await registerChoices(applicant, processKey, field);
  const cloud = who === 'lab' ? await registerChoices(applicant, 'cloud-provider-profile', 'referenceLab') : [id];
  if (choices.includes(id) && cloud.includes(id)) return;
  await walkQualification(ctx, who);
}

export const QUALIFICATION_DATA = {
  lab: { qualificationKind: 'evaluation-lab', labScopes: ['afta-product-evaluation', 'cloud-service-evaluation'], accreditation: 'ISO/IEC 17025:2017 — NACI 1234', qualifiedStaff: QUALIFIED_STAFF },
  auditor: { qualificationKind: 'data-centre-audit-body', auditAreas: ['physical-infrastructure', 'it-infrastructure', 'management', 'energy-environment'], accreditation: 'ISO/IEC 17020:2012 — NACI 5678', qualifiedStaff: QUALIFIED_STAFF },
} as const;
