/**
 * The reviewer's queue (GET /api/tasks with filters, sorting and pages; GET /api/tasks/queues):
 * filtered on the server among the tasks the caller may work on — by tracking number or company,
 * family, candidate group, who holds it and how soon it is due; without page parameters the
 * answer stays the whole array the earlier callers read. The queues name each of the caller's
 * groups in Persian and English with its open, unassigned and overdue counts.
 */
import { apply, completeTask, waitForTask } from '../../scripts/lib/walk-steps';
import { ApiClient, useRunningProduct } from '../support/harness';

const product = useRunningProduct();

let applicant: ApiClient;
let applicant2: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;
let first = '';
let second = '';
let firstTask = '';
let secondTask = '';

interface Row {
  id: string;
  elementId: string;
  assignee: string | null;
  dueDate: string | null;
  candidateGroups: string[];
  application: { trackingNumber: string; processKey: string; processVersion: number; processName: string | null; organisation: { nameFa: string; nameEn: string | null } };
}
interface Page { data: Row[]; total: number }
interface Queue { group: string; nameFa: string; nameEn: string; open: number; unassigned: number; overdue: number }

const ours = (rows: Row[]) => rows.filter((r) => [first, second].includes(r.application.trackingNumber)).map((r) => r.application.trackingNumber);

beforeAll(async () => {
  [applicant, applicant2, reviewer1, reviewer2] = await product.login('applicant', 'applicant2', 'reviewer1', 'reviewer2');
  first = await apply(applicant);
  second = await apply(applicant2);
  firstTask = (await waitForTask(reviewer1, first, 'formal-check')).id;
  secondTask = (await waitForTask(reviewer1, second, 'formal-check')).id;
});

describe('GET /api/tasks with filters', () => {
  it('keeps the plain array without page parameters, rows naming the family and the company', async () => {
    const res = await reviewer1.get<Row[]>('/api/tasks');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    const row = res.body.find((r) => r.id === firstTask)!;
    expect(row.application).toMatchObject({ trackingNumber: first, processKey: 'software-technical-approval', processVersion: expect.any(Number), organisation: { nameFa: 'شرکت نرم‌افزاری نمونه پارس', nameEn: 'Pars Sample Software Co.' } });
    expect(row.application.processName).toEqual(expect.any(String));
    expect(row.candidateGroups).toEqual(['formal-reviewers']);
    expect(row.dueDate).toEqual(expect.any(String));
  });

  it('gives a page and the total when asked for one', async () => {
    const all = await reviewer1.get<Page>('/api/tasks?page=1&perPage=200');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(2);
    const one = await reviewer1.get<Page>('/api/tasks?page=2&perPage=1&sort=createdAt&order=ASC');
    expect(one.body.total).toBe(all.body.total);
    expect(one.body.data.map((r) => r.id)).toEqual([all.body.data[1].id]);
  });

  it('searches by tracking number or company name (either language, any case)', async () => {
    expect(ours((await reviewer1.get<Page>(`/api/tasks?perPage=50&q=${first.toLowerCase()}`)).body.data)).toEqual([first]);
    expect(ours((await reviewer1.get<Page>(`/api/tasks?perPage=50&q=${encodeURIComponent('فناوران داده')}`)).body.data)).toEqual([second]);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&q=pars%20sample')).body.data)).toEqual([first]);
    expect((await reviewer1.get<Page>('/api/tasks?perPage=50&q=nothing-like-this')).body).toEqual({ data: [], total: 0 });
  });

  it('filters by family and candidate group', async () => {
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&processKey=software-technical-approval')).body.data).sort()).toEqual([first, second].sort());
    // other tests of the run share the database: their tasks may match, ours must not
    const cloud = (await reviewer1.get<Page>('/api/tasks?perPage=50&processKey=cloud-provider-profile')).body.data;
    expect(ours(cloud)).toEqual([]);
    expect(cloud.filter((r) => r.application.processKey !== 'cloud-provider-profile')).toEqual([]);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&group=formal-reviewers')).body.data).sort()).toEqual([first, second].sort());
    const technical = (await reviewer1.get<Page>('/api/tasks?perPage=50&group=technical-reviewers')).body.data;
    expect(ours(technical)).toEqual([]);
    expect(technical.filter((r) => !r.candidateGroups.includes('technical-reviewers'))).toEqual([]);
  });

  it('filters by who holds the task once one is claimed', async () => {
    expect((await reviewer1.post(`/api/tasks/${encodeURIComponent(firstTask)}/claim`)).status).toBe(200);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&assignee=me')).body.data)).toEqual([first]);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&assignee=none')).body.data)).toEqual([second]);
    const queues = await reviewer1.get<Queue[]>('/api/tasks/queues');
    const formal = queues.body.find((q) => q.group === 'formal-reviewers')!;
    expect(formal.open - formal.unassigned).toBeGreaterThanOrEqual(1);
    expect((await reviewer1.post(`/api/tasks/${encodeURIComponent(firstTask)}/unclaim`)).status).toBe(200);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&assignee=none')).body.data).sort()).toEqual([first, second].sort());
  });

  it('filters by due date (overdue, due soon) and sorts by it', async () => {
    const db = product.stack.db;
    const hour = 3_600_000;
    await db.task.update({ where: { id: firstTask }, data: { dueDate: new Date(Date.now() - hour) } });
    await db.task.update({ where: { id: secondTask }, data: { dueDate: new Date(Date.now() + 10 * hour) } });
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&due=overdue')).body.data)).toEqual([first]);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&due=soon')).body.data)).toEqual([second]);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&due=soon&dueWithinHours=5')).body.data)).toEqual([]);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&sort=dueDate&order=ASC')).body.data)).toEqual([first, second]);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&sort=dueDate&order=DESC')).body.data)).toEqual([second, first]);
    expect(ours((await reviewer1.get<Page>('/api/tasks?perPage=50&sort=trackingNumber&order=ASC')).body.data)).toEqual([first, second].sort());
    const queues = await reviewer1.get<Queue[]>('/api/tasks/queues');
    expect(queues.body.find((q) => q.group === 'formal-reviewers')!.overdue).toBeGreaterThanOrEqual(1);
  });

  it('refuses parameters it does not know or values out of range', async () => {
    for (const query of ['due=tomorrow', 'assignee=reviewer2', 'sort=name', 'page=0', 'perPage=1000', 'colour=red', 'processKey=a%20b', 'dueWithinHours=0']) {
      const res = await reviewer1.get(`/api/tasks?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    expect((await product.anonymous.get('/api/tasks/queues')).status).toBe(401);
  });

  it('shows another group nothing of it', async () => {
    expect(ours((await reviewer2.get<Page>('/api/tasks?perPage=50')).body.data)).toEqual([]);
  });
});

describe('GET /api/tasks/queues', () => {
  it('names each of my groups in both languages with its counts', async () => {
    const res = await reviewer1.get<Queue[]>('/api/tasks/queues');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ group: 'formal-reviewers', nameFa: 'کارشناسان بررسی مدارک', nameEn: 'Formal reviewers' })]);
    expect(res.body[0].open).toBeGreaterThanOrEqual(2);
    expect(res.body[0].unassigned).toBeLessThanOrEqual(res.body[0].open);
  });

  it('names an outside organisation\'s group as the caller\'s organisation', async () => {
    const res = await applicant2.get<Queue[]>('/api/tasks/queues');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ group: 'org:10102345678', nameFa: 'سازمان شما', nameEn: 'Your organisation', open: 0, unassigned: 0, overdue: 0, fallback: false }]);
  });
});

describe('a queue among many open tasks', () => {
  const FILLER = 1_050;

  beforeAll(async () => {
    const db = product.stack.db;
    const { id: applicationId } = await db.application.findUniqueOrThrow({ where: { trackingNumber: first }, select: { id: true } });
    // older than the reviewer's tasks: a queue read as "the first 1,000 open tasks, then mine among them" would miss them
    await db.task.createMany({
      data: Array.from({ length: FILLER }, (_, i) => ({ id: `${first}:filler-${i}:1`, applicationId, elementId: 'filler', status: 'open', candidateGroups: 'technical-reviewers', createdAt: new Date('2020-01-01T00:00:00Z') })),
    });
  });

  afterAll(async () => {
    await product.stack.db.task.deleteMany({ where: { elementId: 'filler' } });
  });

  it('finds a reviewer\'s own tasks however many tasks of other groups are open', async () => {
    const mine = await reviewer1.get<Page>('/api/tasks?perPage=200');
    expect(mine.body.data.map((r) => r.id)).toEqual(expect.arrayContaining([firstTask, secondTask]));
    expect(mine.body.data.some((r) => r.elementId === 'filler')).toBe(false);
    const queues = await reviewer1.get<Queue[]>('/api/tasks/queues');
    expect(queues.body[0].open).toBeGreaterThanOrEqual(2);
  });

  it('finds a task of a group with more than 1,000 open tasks by search, and in the whole list', async () => {
    const tracking = await apply(applicant);
    await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'complete' });
    // the newest of more than 1,000 tasks of the group, the oldest first
    const found = await waitForTask(reviewer2, tracking, 'technical-review');
    expect(found.id).toBe(`${tracking}:technical-review:1`);
    const searched = await reviewer2.get<Page>(`/api/tasks?q=${tracking.slice(-6).toLowerCase()}&perPage=25`);
    expect(searched.body.data.map((r) => r.id)).toEqual([found.id]);
    const whole = await reviewer2.get<Row[]>('/api/tasks?sort=createdAt&order=DESC');
    expect(whole.body).toHaveLength(1000);
    expect(whole.body[0].id).toBe(found.id);
  });

  it('gives the other group all of its open tasks in the counts', async () => {
    const queues = await reviewer2.get<Queue[]>('/api/tasks/queues');
    expect(queues.body.find((q) => q.group === 'technical-reviewers')!.open).toBeGreaterThanOrEqual(FILLER);
  });
});

describe('what a reviewer reads right after acting', () => {
  const onPostgres = process.env.TEST_DATABASE === 'postgresql' ? it : it.skip;

  it('a claim, a give-back and a completion show in the very next read', async () => {
    const tracking = await apply(applicant);
    const task = await waitForTask(reviewer1, tracking, 'formal-check');
    const path = `/api/tasks/${encodeURIComponent(task.id)}`;
    expect((await reviewer1.post(`${path}/claim`)).status).toBe(200);
    expect((await reviewer1.get<{ assignee: string | null }>(path)).body.assignee).toBe('reviewer1');
    expect((await reviewer1.post(`${path}/unclaim`)).status).toBe(200);
    expect((await reviewer1.get<{ assignee: string | null }>(path)).body.assignee).toBeNull();
    expect((await reviewer1.post(`${path}/complete`, { values: { formalDecision: 'complete' } })).status).toBe(200);
    expect((await reviewer1.get<{ status: string }>(path)).body.status).toBe('completed');
    const queue = await reviewer1.get<Page>(`/api/tasks?q=${tracking.slice(-6).toLowerCase()}&perPage=25`);
    expect(queue.body.data.map((r) => r.id)).not.toContain(task.id);
  });

  // The completed task's row is closed by an activity the workflow schedules once it has saved the
  // completion, a moment after the engine accepts it. Holding the row (a row lock, so nothing else
  // waits; SQLite has only a whole-database lock, which every write of the run would wait on) keeps
  // that activity waiting: the API must not answer until the row is closed.
  onPostgres('answers a completion only once the task\'s row is closed', async () => {
    const tracking = await apply(applicant);
    const task = await waitForTask(reviewer1, tracking, 'formal-check');
    const path = `/api/tasks/${encodeURIComponent(task.id)}`;
    let answered = false;
    let reply: Promise<{ status: number }> = Promise.resolve({ status: 0 });
    let answeredWhileHeld = true;
    await product.stack.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "Task" WHERE "id" = ${task.id} FOR UPDATE`;
      reply = reviewer1.post(`${path}/complete`, { values: { formalDecision: 'complete' } }).then((r) => { answered = true; return r; });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      answeredWhileHeld = answered;
    }, { timeout: 20_000, maxWait: 10_000 });
    expect(answeredWhileHeld).toBe(false);
    expect((await reply).status).toBe(200);
    expect((await reviewer1.get<{ status: string }>(path)).body.status).toBe('completed');
  });
});
