/**
 * `notify-applicant` service task: the BPMN's way to tell the applicant something. It records one
 * notice in the outbox (activities/notices/), keyed by `<tracking>/<element>/<activation>`: the
 * inbox at once, SMS (4040) and e-mail by the dispatcher. The workflow never waits for a channel.
 * Texts come from definitions/notification-templates.json (header `template` picks one).
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import { readCalendar } from '../calendars/load-calendar';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { dateValues, deadlineOfNextTask } from '../notices/dates';
import { NoticeProblem, sendNotice } from '../notices/send-notice';
import type { ProcessGraph } from '../../workflows/graph/types';

export { fillTemplate, messageValues } from '../notices/templates';

export function createNotifyApplicant(db: Db, publicBaseUrl: string): ServiceTaskHandler {
  return async (input) => {
    const username = input.variables.applicant;
    if (typeof username !== 'string') throw ApplicationFailure.nonRetryable('variable "applicant" (user name) is missing', 'MissingVariable');
    const application = await db.application.findUnique({ where: { id: input.applicationId }, select: { definition: { select: { graph: true } } } });
    // a notice followed by a task with a deadline (a fix request) quotes that deadline
    const deadline = application ? await deadlineOfNextTask(JSON.parse(application.definition.graph) as ProcessGraph, input.elementId, new Date(), (id) => readCalendar(db, id)) : undefined;
    try {
      await sendNotice(db, {
        eventKey: `${input.trackingNumber}/${input.elementId}/${input.activation}`,
        event: input.headers.template ?? '',
        username,
        applicationId: input.applicationId,
        trackingNumber: input.trackingNumber,
        variables: { ...input.variables, ...dateValues('fixDeadline', deadline) },
        publicBaseUrl,
      });
    } catch (err) {
      if (err instanceof NoticeProblem) throw ApplicationFailure.nonRetryable(err.message, err.code);
      throw err;
    }
    return { variables: {} };
  };
}
