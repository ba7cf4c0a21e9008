/**
 * User tasks through the API on the real engine: claim and unclaim, four-eyes rules between two
 * steps, and a due date counted in working days of the Iranian calendar (ito:taskSla).
 */
import fs from 'node:fs';
import path from 'node:path';
import { apply, completeTask, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';
import { parseCalendar } from '../../workflows/timers/calendar-data';
import { parseTimerValue } from '../../workflows/timers/iso8601';
import { addWorkingDuration } from '../../workflows/timers/working-days';
import { runModel } from '../../scripts/lib/model-runner';
import { chain, model, userTask } from '../support/bpmn-models';
import { ApiClient, testConfig, useRunningProduct } from '../support/harness';

const product = useRunningProduct();
jest.setTimeout(120_000);

const candidates = 'reviewer1,reviewer2';
const xml = model(
  'four-eyes',
  `<bpmn:startEvent id="start" />
   <bpmn:userTask id="prepare"><bpmn:extensionElements><zeebe:assignmentDefinition candidateUsers="${candidates}" /></bpmn:extensionElements></bpmn:userTask>
   <bpmn:userTask id="approve"><bpmn:extensionElements>
     <zeebe:assignmentDefinition candidateUsers="${candidates}" />
     <ito:fourEyes notCompletedBy="prepare" />
     <ito:taskSla dueIn="P10D" calendar="iran" />
   </bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end" />
   ${chain('start', 'prepare', 'approve', 'end')}`,
);

function iranAndTenDays() {
  const calendar = parseCalendar(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'definitions', 'calendars', 'iran.json'), 'utf8')));
  const tenDays = parseTimerValue('duration', 'P10D');
  if (!calendar.ok || !tenDays.ok || tenDays.value.kind !== 'duration') throw new Error('fixture calendar or duration invalid');
  return { calendar: calendar.calendar, tenDays: tenDays.value.duration };
}

let admin: ApiClient;
let applicant: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;

beforeAll(async () => {
  [admin, applicant, reviewer1, reviewer2] = await product.login('admin', 'applicant', 'reviewer1', 'reviewer2');
  expect((await admin.post('/api/definitions', { xml })).status).toBe(201);
});

it('enforces four eyes, lets a candidate claim and unclaim, and dates the SLA in Iranian working days', async () => {
  const trackingNumber = await apply(applicant, {}, 'four-eyes');
  const prepare = await waitForTask(reviewer1, trackingNumber, 'prepare');
  await completeTask(reviewer1, prepare, {});

  const approve = await waitForTask(reviewer1, trackingNumber, 'approve');
  const refused = await reviewer1.post(`/api/tasks/${encodeURIComponent(approve.id)}/complete`, { values: {} });
  expect(refused.status).toBe(403);
  expect(refused.body.message).toContain('four eyes');

  // reviewer2 claims it: it is theirs alone until they give it back
  expect((await reviewer2.post(`/api/tasks/${encodeURIComponent(approve.id)}/claim`, {})).status).toBe(200);
  expect((await reviewer1.post(`/api/tasks/${encodeURIComponent(approve.id)}/claim`, {})).status).toBe(409);
  expect((await reviewer1.get('/api/tasks')).body.map((t: { id: string }) => t.id)).not.toContain(approve.id);
  expect((await reviewer2.post(`/api/tasks/${encodeURIComponent(approve.id)}/unclaim`, {})).status).toBe(200);
  expect((await reviewer1.get('/api/tasks')).body.map((t: { id: string }) => t.id)).toContain(approve.id);

  const state = await product.stack.engine.state(trackingNumber);
  const open = state!.openTasks.find((t) => t.elementId === 'approve')!;
  const { calendar, tenDays } = iranAndTenDays();
  expect(open.dueDate).toBe(addWorkingDuration(new Date(open.createdAt), tenDays, calendar).toISOString());
  const row = await product.stack.db.task.findUnique({ where: { id: approve.id } });
  expect(row?.dueDate?.toISOString()).toBe(open.dueDate);

  await completeTask(reviewer2, approve, {});
  await waitForCompletion(applicant, trackingNumber);
});

it('a working-day timer on a review escalates to a supervisor group when the SLA passes, and the review stays open', async () => {
  const sla = model(
    'sla-escalation',
    `<bpmn:startEvent id="start" />
     ${userTask('review')}
     <bpmn:boundaryEvent id="slaPassed" attachedToRef="review" cancelActivity="false">
       <bpmn:extensionElements><ito:workingDays calendar="iran" /></bpmn:extensionElements>
       <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P10D</bpmn:timeDuration></bpmn:timerEventDefinition>
     </bpmn:boundaryEvent>
     ${userTask('supervise', '', 'formal-reviewers')}
     <bpmn:endEvent id="reviewed" /><bpmn:endEvent id="escalated" />
     ${chain('start', 'review', 'reviewed')}${chain('slaPassed', 'supervise', 'escalated')}`,
  );
  // through the API: the timer's due date counts Iranian working days from when the review opened
  expect((await admin.post('/api/definitions', { xml: sla })).status).toBe(201);
  const trackingNumber = await apply(applicant, {}, 'sla-escalation');
  await waitForTask(reviewer2, trackingNumber, 'review');
  const state = await product.stack.engine.state(trackingNumber);
  const timer = state!.waits.find((w) => w.kind === 'timer');
  const review = state!.openTasks.find((t) => t.elementId === 'review')!;
  const { calendar, tenDays } = iranAndTenDays();
  expect(timer).toEqual({ kind: 'timer', elementId: 'slaPassed', dueAt: addWorkingDuration(new Date(review.createdAt), tenDays, calendar).toISOString() });

  // on the model runner's accelerated clock: the timer fires, the supervisor's task opens and is done
  const report = await runModel(product.stack.db, product.stack.client, { xml: sla, leaveOpen: ['review'], taskQueue: testConfig().temporal.taskQueue, idleTimeoutMs: 3000 });
  expect(report.state).toBe('waiting');
  expect(report.completed).toEqual(['start', 'slaPassed', 'supervise', 'escalated']);
  expect(report.problems).toEqual([]);
});

it('lets administrators keep working-day calendars as data, validated, and everyone read them', async () => {
  const iran = await reviewer1.get('/api/calendars/iran');
  expect(iran.status).toBe(200);
  expect(iran.body).toMatchObject({ id: 'iran', weekend: [5], utcOffsetMinutes: 210 });

  const province = { ...iran.body, id: 'iran-thursday-off', weekend: [4, 5], holidays: [...iran.body.holidays, { date: '1405-07-01', name: { fa: 'تعطیلی استانی', en: 'Provincial holiday' } }] };
  expect((await reviewer1.put('/api/calendars/iran-thursday-off', province)).status).toBe(403);
  const saved = await admin.put('/api/calendars/iran-thursday-off', province);
  expect(saved.status).toBe(200);
  expect((await reviewer1.get('/api/calendars/iran-thursday-off')).body.weekend).toEqual([4, 5]);
  expect((await reviewer1.get('/api/calendars')).body).toEqual(expect.arrayContaining(['iran', 'iran-thursday-off']));

  const invalid = await admin.put('/api/calendars/iran-thursday-off', { ...province, weekend: [9], holidays: [{ date: '1405-13-40', name: { fa: 'x', en: 'x' } }] });
  expect(invalid.status).toBe(400);
  expect(invalid.body.message).toMatch(/weekend/);
  expect(invalid.body.message).toMatch(/holidays\[0\]/);
  expect((await admin.put('/api/calendars/other-id', province)).status).toBe(400);
  expect((await reviewer1.get('/api/calendars/no-such-calendar')).status).toBe(404);
});

it('keeps comments and files on a task, and serves the tasks of a called process through the same API', async () => {
  const xml = model(
    'notes-parent',
    `<bpmn:startEvent id="start" />
     <bpmn:callActivity id="checkDocs"><bpmn:extensionElements><zeebe:calledElement processId="notes-child" /></bpmn:extensionElements></bpmn:callActivity>
     <bpmn:endEvent id="end" />
     ${chain('start', 'checkDocs', 'end')}`,
  ).replace(
    '</bpmn:definitions>',
    `<bpmn:process id="notes-child" isExecutable="true">
       <bpmn:startEvent id="cStart" />
       <bpmn:userTask id="examine"><bpmn:extensionElements><zeebe:assignmentDefinition candidateUsers="reviewer1" /></bpmn:extensionElements></bpmn:userTask>
       <bpmn:endEvent id="cEnd" />
       ${chain('cStart', 'examine', 'cEnd')}
     </bpmn:process></bpmn:definitions>`,
  );
  expect((await admin.post('/api/definitions', { xml })).status).toBe(201);
  const trackingNumber = await apply(applicant, {}, 'notes-parent');
  const task = await waitForTask(reviewer1, trackingNumber, 'examine');
  expect(task.id).toMatch(new RegExp(`^${trackingNumber}\\.checkDocs-1:examine:1$`));
  const at = (suffix = '') => `/api/tasks/${encodeURIComponent(task.id)}${suffix}`;

  expect((await reviewer1.post(at('/comments'), { body: 'سند ثبت شرکت ناخواناست / the registration scan is unreadable' })).status).toBe(201);
  expect((await reviewer1.get(at('/comments'))).body).toEqual([expect.objectContaining({ author: 'reviewer1', body: expect.stringContaining('unreadable') })]);
  expect((await applicant.get(at('/comments'))).status).toBe(403);
  expect((await reviewer1.post(at('/comments'), { body: '' })).status).toBe(400);

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const form = (data: Buffer, name: string) => {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(data)]), name);
    return f;
  };
  const attached = await reviewer1.post(at('/attachments'), form(pdf, 'scan.pdf'));
  expect(attached.status).toBe(201);
  expect(attached.body).toMatchObject({ filename: 'scan.pdf', contentType: 'application/pdf', size: pdf.length });
  expect((await reviewer1.post(at('/attachments'), form(Buffer.from('just text'), 'notes.pdf'))).status).toBe(415);
  expect((await reviewer1.post(at('/attachments'), form(Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf'))).status).toBe(413);
  const download = await reviewer1.get(at(`/attachments/${attached.body.id}`));
  expect(download.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);

  await completeTask(reviewer1, task, {});
  await waitForCompletion(applicant, trackingNumber);
  expect((await reviewer1.post(at('/comments'), { body: 'too late' })).status).toBe(409);
  expect((await reviewer1.get(at('/attachments'))).body).toHaveLength(1);
});
