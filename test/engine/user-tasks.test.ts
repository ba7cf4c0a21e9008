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
import { chain, model } from '../support/bpmn-models';
import { ApiClient, useRunningProduct } from '../support/harness';

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
  const calendar = parseCalendar(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'definitions', 'calendars', 'iran.json'), 'utf8')));
  const tenDays = parseTimerValue('duration', 'P10D');
  if (!calendar.ok || !tenDays.ok || tenDays.value.kind !== 'duration') throw new Error('fixture calendar or duration invalid');
  expect(open.dueDate).toBe(addWorkingDuration(new Date(open.createdAt), tenDays.value.duration, calendar.calendar).toISOString());
  const row = await product.stack.db.task.findUnique({ where: { id: approve.id } });
  expect(row?.dueDate?.toISOString()).toBe(open.dueDate);

  await completeTask(reviewer2, approve, {});
  await waitForCompletion(applicant, trackingNumber);
});
