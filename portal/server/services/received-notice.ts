/**
 * The «received» notice, recorded when the application is: the tracking number is the receipt the
 * applicant needs at once, whatever the process does next (and a family's BPMN needs no task for it).
 * Once per application (event key `<tracking>/received`).
 */
import type { Db } from '../../../prisma/client';
import { publicBaseUrlOf } from '../../../config';
import { sendNotice } from '../../../activities/notices/send-notice';

export async function sendReceivedNotice(db: Db, app: { id: string; trackingNumber: string; submittedData: string }, username: string, publicBaseUrl: string = publicBaseUrlOf()): Promise<void> {
  await sendNotice(db, {
    eventKey: `${app.trackingNumber}/received`,
    event: 'received',
    username,
    applicationId: app.id,
    trackingNumber: app.trackingNumber,
    variables: JSON.parse(app.submittedData) as Record<string, unknown>,
    publicBaseUrl,
  });
}
