/**
 * `notify-applicant` service task: puts a bilingual message in the applicant's portal inbox.
 * Texts come from definitions/notification-templates.json (header `template` picks one).
 */
import { ApplicationFailure } from '@temporalio/activity';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../prisma/client';
import { isUniqueViolation } from '../../prisma/client';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { appendAudit } from '../audit/audit-log';
import { rejectionCondition } from '../definition-data';

interface MessageTemplate { subjectFa: string; subjectEn: string; bodyFa: string; bodyEn: string }

const TEMPLATES_FILE = path.resolve(__dirname, '../../definitions/notification-templates.json');

export function fillTemplate(text: string, values: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    if (value === undefined || value === null || value === '') return '—';
    return Array.isArray(value) ? value.map(String).join('، ') : String(value);
  });
}

/**
 * What every message may quote besides the process variables: the process's name in each language,
 * the named rejection condition in each language (definitions/rejection-conditions.json), and the
 * reason in each language (a reviewer writes one text; automated checks give both).
 */
export function messageValues(variables: Record<string, unknown>, process: { key: string; name: string | null }): Record<string, unknown> {
  const [nameFa, nameEn] = (process.name ?? process.key).split(/\s+—\s+/);
  const code = variables.rejectionCondition;
  const condition = typeof code === 'string' ? rejectionCondition(process.key, code) : undefined;
  const reason = variables.rejectionReason;
  return {
    ...variables,
    processNameFa: nameFa,
    processNameEn: nameEn ?? nameFa,
    rejectionConditionFa: condition?.fa ?? code,
    rejectionConditionEn: condition?.en ?? code,
    rejectionReasonFa: variables.rejectionReasonFa ?? reason,
    rejectionReasonEn: variables.rejectionReasonEn ?? reason,
  };
}

function loadTemplate(name: string): MessageTemplate {
  const all = JSON.parse(fs.readFileSync(TEMPLATES_FILE, 'utf8')) as Record<string, MessageTemplate>;
  const t = Object.prototype.hasOwnProperty.call(all, name) ? all[name] : undefined;
  if (!t) throw ApplicationFailure.nonRetryable(`unknown notification template "${name}"`, 'UnknownTemplate');
  return t;
}

export function createNotifyApplicant(db: Db): ServiceTaskHandler {
  return async (input) => {
    const template = loadTemplate(input.headers.template ?? '');
    const username = input.variables.applicant;
    if (typeof username !== 'string') throw ApplicationFailure.nonRetryable('variable "applicant" (user name) is missing', 'MissingVariable');
    const user = await db.user.findUnique({ where: { username } });
    if (!user) throw ApplicationFailure.nonRetryable(`applicant user "${username}" does not exist`, 'UnknownUser');
    const application = await db.application.findUnique({ where: { id: input.applicationId }, select: { processKey: true, definition: { select: { name: true } } } });
    const values = { ...messageValues(input.variables, { key: application?.processKey ?? '', name: application?.definition.name ?? null }), trackingNumber: input.trackingNumber };
    const idempotencyKey = `${input.trackingNumber}/${input.elementId}/${input.activation}`;
    try {
      await db.notification.create({
        data: {
          idempotencyKey,
          userId: user.id,
          applicationId: input.applicationId,
          template: input.headers.template,
          subjectFa: fillTemplate(template.subjectFa, values),
          subjectEn: fillTemplate(template.subjectEn, values),
          bodyFa: fillTemplate(template.bodyFa, values),
          bodyEn: fillTemplate(template.bodyEn, values),
        },
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // already delivered by an earlier attempt
    }
    await appendAudit(db, {
      actor: 'system',
      action: 'applicant.notified',
      applicationId: input.applicationId,
      entityType: 'notification',
      entityId: idempotencyKey,
      details: { template: input.headers.template },
      dedupeKey: `notified:${idempotencyKey}`,
    });
    return { variables: {} };
  };
}
