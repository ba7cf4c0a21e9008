/**
 * The authorisation matrix (issue 13): every route the API publishes, called as anonymous,
 * applicant A, applicant B (another company), reviewer X (the group A's application waits at),
 * reviewer Y (another group) and an administrator, against the table in
 * authorisation-matrix.table.ts. A route missing from the table fails, so a new route cannot be
 * forgotten; nor can one left out of the OpenAPI document, since every route the server serves
 * under /api must be published. Denied: anonymous gets 401, the others 403 or 404 (an object hidden
 * from them) — never 2xx, never a 400 that shows the handler got as far as the body. Allowed:
 * neither 401 nor 403 (a 400 for a garbage body shows the caller got past authorisation), nor 404
 * for an object that exists, nor a server error; an allowed read must succeed.
 *
 * Reads run before writes; within a row the denied callers go first, so an allowed write on a
 * throwaway object (withdraw, claim, revoke) cannot make a refusal look right.
 */
import { apply, waitForTask, walkToCertificate } from '../../scripts/lib/walk-steps';
import { ApiClient, useRunningProduct } from '../support/harness';
import {
  MATRIX, PRINCIPALS, PUBLIC, parameterDefaults, pdfUpload, type BodySource, type Fixtures, type Principal, type Probe, type Row,
} from './authorisation-matrix.table';

const product = useRunningProduct();

const USERNAMES: Record<Exclude<Principal, 'anonymous'>, string> = {
  applicantA: 'applicant',
  applicantB: 'applicant2',
  reviewerX: 'reviewer1',
  reviewerY: 'reviewer2',
  admin: 'admin',
};

let clients: Record<Principal, ApiClient>;
let fixtures: Fixtures;

/** `GET /api/x/{id}` with the fixtures' objects in its parameters. */
function urlOf(route: string, probe: Probe): string {
  const path = route.slice(route.indexOf(' ') + 1);
  const params = { ...parameterDefaults(fixtures), ...probe.params?.(fixtures) };
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${route}: the table gives no value for {${name}}`);
    return encodeURIComponent(params[name]);
  });
  return probe.query ? `${url}?${probe.query}` : url;
}

const fresh = (body: BodySource | undefined): unknown => (typeof body === 'function' ? body() : body);

async function call(principal: Principal, route: string, probe: Probe): Promise<{ status: number; body: unknown }> {
  const method = route.slice(0, route.indexOf(' '));
  const res = await clients[principal].request(method, urlOf(route, probe), fresh(probe.body));
  return { status: res.status, body: Buffer.isBuffer(res.body) ? `<${res.body.length} bytes>` : res.body };
}

/** Why `status` breaks the rule for an allowed or denied caller, or undefined when it keeps it. */
function breach(route: string, principal: Principal, allowed: boolean, status: number, probe: Probe): string | undefined {
  if (!allowed) {
    if (principal === 'anonymous') return status === 401 ? undefined : 'expected 401';
    return status === 403 || status === 404 ? undefined : 'expected 403 or 404';
  }
  if (status === 401 || status === 403) return 'expected to get past authorisation';
  if (status === 404 && !probe.absent) return 'expected to find the object';
  if (status >= 500) return 'expected no server error';
  // a read has no body to refuse: anything but success means the probe, not the caller, was wrong
  if (route.startsWith('GET ') && status >= 300 && !probe.absent) return 'expected the read to succeed';
  return undefined;
}

/** Calls the route as every principal, the denied first; answers the breaches of the rules, one line each. */
async function breachesOf(route: string, probe: Probe, allow: readonly Principal[]): Promise<string[]> {
  const order = [...PRINCIPALS.filter((p) => !allow.includes(p)), ...PRINCIPALS.filter((p) => allow.includes(p))];
  const found: string[] = [];
  for (const principal of order) {
    const allowed = allow.includes(principal);
    const { status, body } = await call(principal, route, probe);
    const why = breach(route, principal, allowed, status, probe);
    if (why) found.push(`${route} as ${principal} (${allowed ? 'allowed' : 'denied'}): ${status}, ${why} — ${JSON.stringify(body).slice(0, 200)}`);
  }
  return found;
}

async function prepareFixtures(): Promise<Fixtures> {
  const { applicantA: a, reviewerX: x, reviewerY: y, admin } = clients;
  const [decided, trackingNumber, withdrawableTrackingNumber, claimable] = await Promise.all([
    walkToCertificate({ applicant: a, formalReviewer: x, technicalReviewer: y }),
    apply(a), apply(a), apply(a),
  ]);
  const task = await waitForTask(x, trackingNumber, 'formal-check');
  const claimableTask = await waitForTask(x, claimable, 'formal-check');

  const documents = await a.get<{ id: string }[]>(`/api/applications/${trackingNumber}/documents`);
  if (documents.status !== 200 || !documents.body.length) throw new Error(`A's application has no documents: ${documents.status}`);
  const payments = await a.get<{ id: string }[]>(`/api/applications/${decided.trackingNumber}/payments`);
  if (payments.status !== 200 || !payments.body.length) throw new Error(`the decided application has no fee: ${payments.status}`);

  const taskUrl = `/api/tasks/${encodeURIComponent(task.id)}`;
  const comment = await x.post(`${taskUrl}/comments`, { body: 'the formal reviewer notes the documents' });
  const attachment = await x.post(`${taskUrl}/attachments`, pdfUpload());
  const feedback = await a.post('/api/feedback', { kind: 'question', text: 'When will my application be decided?', applicationTrackingNumber: trackingNumber });
  const [office] = (await a.get<{ nationalId: string }[]>('/api/agents/offices')).body;
  const authorisation = await a.post('/api/agents/authorisations', { officeNationalId: office.nationalId, contractNumber: `matrix-${Date.now()}`, validTo: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  const created = { comment, attachment, feedback, authorisation };
  for (const [what, res] of Object.entries(created)) if (res.status !== 201) throw new Error(`${what} not created: ${res.status} ${JSON.stringify(res.body)}`);

  const users = await admin.get<{ id: string; username: string }[]>('/api/users?q=applicant');
  const counterOffices = await admin.get<{ id: string }[]>('/api/counter-offices');
  const outbox = await admin.get<{ items: { id: string }[] }>('/api/outbox');
  const calendars = await admin.get<string[]>('/api/calendars');
  const applicantUser = users.body.find((u) => u.username === 'applicant');
  if (!applicantUser || !counterOffices.body.length || !outbox.body.items?.length || !calendars.body.length) {
    throw new Error(`fixtures missing: ${JSON.stringify({ users: users.status, counterOffices: counterOffices.status, outbox: outbox.status, calendars: calendars.body })}`);
  }
  return {
    trackingNumber,
    taskId: task.id,
    documentId: documents.body[0].id,
    attachmentId: attachment.body.id,
    feedbackNumber: feedback.body.trackingNumber,
    decidedTrackingNumber: decided.trackingNumber,
    certificateNumber: decided.certificateNumber,
    paymentId: payments.body[0].id,
    withdrawableTrackingNumber,
    claimableTaskId: claimableTask.id,
    authorisationId: authorisation.body.id,
    applicantUserId: applicantUser.id,
    counterOfficeId: counterOffices.body[0].id,
    outboxDeliveryId: outbox.body.items[0].id,
    calendarId: calendars.body[0],
  };
}

beforeAll(async () => {
  const signedIn = await product.login(...Object.values(USERNAMES));
  clients = { anonymous: product.anonymous, ...Object.fromEntries(Object.keys(USERNAMES).map((p, i) => [p, signedIn[i]])) } as Record<Principal, ApiClient>;
  fixtures = await prepareFixtures();
}, 300_000);

async function publishedRoutes(): Promise<string[]> {
  const spec = (await clients.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`));
}

/** Every `METHOD /path` the server serves under /api, read from Fastify's route tree, with OpenAPI's `{param}`s. */
function servedApiRoutes(): string[] {
  // printRoutes draws one node a line: `│   ` or four spaces per level, then `├── ` or `└── `, the path's next part and its methods
  const tree = product.stack.api.printRoutes({ commonPrefix: false });
  const parents: string[] = [];
  const served: string[] = [];
  for (const line of tree.split('\n')) {
    const node = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    parents.length = node[1].length / 4;
    const path = parents.join('') + node[2];
    parents.push(node[2]);
    if (!path.startsWith('/api/')) continue;
    // a wildcard prints as a `*` node under its parent (without the slash); OpenAPI names it `/{*}`
    for (const method of node[3]?.split(', ') ?? []) if (method !== 'HEAD') served.push(`${method} ${path.replace(/:(\w+)/g, '{$1}').replace(/\/?\*$/, '/{*}')}`);
  }
  return served;
}

/** Served but rightly left out of the OpenAPI document. */
const UNPUBLISHED = ['GET /api/openapi.json'];

describe('the table', () => {
  it('the API serves under /api no route it does not publish, so none escapes the table by being hidden', async () => {
    const [served, published] = [servedApiRoutes(), await publishedRoutes()];
    // unserved: every published route is found in the tree, so the tree was read whole
    expect({ hidden: served.filter((r) => !published.includes(r)), unserved: published.filter((r) => !served.includes(r)) })
      .toEqual({ hidden: UNPUBLISHED, unserved: [] });
  });

  it('names every route the API publishes, and no route it does not', async () => {
    const published = await publishedRoutes();
    expect(published.length).toBeGreaterThan(90);
    const tabled = [...Object.keys(MATRIX), ...Object.keys(PUBLIC)];
    expect({
      missing: published.filter((r) => !tabled.includes(r)),
      stale: tabled.filter((r) => !published.includes(r)),
      both: Object.keys(MATRIX).filter((r) => r in PUBLIC),
    }).toEqual({ missing: [], stale: [], both: [] });
  });

  it('lists as public exactly the routes the API publishes without a bearer requirement', async () => {
    const spec = (await clients.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const open = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations).filter(([, op]) => !op.security?.length).map(([m]) => `${m.toUpperCase()} ${path}`));
    expect(open.sort()).toEqual(Object.keys(PUBLIC).sort());
  });
});

const isRead = (route: string) => route.startsWith('GET ');
const rowsWhere = (read: boolean) => Object.entries(MATRIX).filter(([route]) => isRead(route) === read);

describe('public routes answer every caller', () => {
  it.each(Object.entries(PUBLIC))('%s', async (route, probe) => {
    expect(await breachesOf(route, probe, PRINCIPALS)).toEqual([]);
  });
});

describe('reads', () => {
  it.each(rowsWhere(true))('%s', async (route, row: Row) => {
    expect(await breachesOf(route, row, row.allow)).toEqual([]);
  });
});

describe('writes', () => {
  it.each(rowsWhere(false))('%s', async (route, row: Row) => {
    expect(await breachesOf(route, row, row.allow)).toEqual([]);
  });
});

describe('lists show each caller only its own', () => {
  it('applicant B sees none of A\'s applications, messages and authorisations; reviewer Y none of X\'s group\'s tasks, though it lists A\'s application like every reviewer', async () => {
    const { applicantA: a, applicantB: b, reviewerX: x, reviewerY: y } = clients;
    const trackingNumbers = async (c: ApiClient) => (await c.get<{ trackingNumber: string }[]>('/api/applications')).body.map((r) => r.trackingNumber);
    const taskIds = async (c: ApiClient) => (await c.get<{ id: string }[]>('/api/tasks')).body.map((t) => t.id);
    const messages = async (c: ApiClient) => (await c.get<{ trackingNumber: string }[]>('/api/feedback/mine')).body.map((m) => m.trackingNumber);
    const authorisations = async (c: ApiClient) => (await c.get<{ id: string }[]>('/api/agents/authorisations')).body.map((r) => r.id);
    const f = fixtures;
    expect(await trackingNumbers(a)).toContain(f.trackingNumber);
    expect(await trackingNumbers(b)).not.toContain(f.trackingNumber);
    expect(await trackingNumbers(y)).toContain(f.trackingNumber);
    expect(await taskIds(x)).toContain(f.taskId);
    expect(await taskIds(y)).not.toContain(f.taskId);
    expect(await taskIds(a)).not.toContain(f.taskId);
    expect(await messages(a)).toContain(f.feedbackNumber);
    expect(await messages(b)).not.toContain(f.feedbackNumber);
    expect(await authorisations(a)).toContain(f.authorisationId);
    expect(await authorisations(b)).not.toContain(f.authorisationId);
  });
});
