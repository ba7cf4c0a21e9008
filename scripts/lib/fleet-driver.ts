/**
 * Simulated people driving applications through the API of a fleet (scripts/lib/fleet.ts) while
 * parts of it fail: the applicant applies and pays, the reviewers complete the formal check and
 * the technical review, each after a random pause. A request the API answers with 503 or 429 is
 * sent again after its Retry-After; one that meets a dead API process goes to the next one. A
 * request lost in flight (the process died before answering) may have taken effect: each step
 * then looks before it acts again, so a retry never applies twice.
 */
import { ApiClient, ApiResponse } from './api-client';
import { SAMPLE_APPLICATION, TaskView, withDocuments } from './walk-steps';

/** A small seeded generator (mulberry32): the same seed gives the same schedule and pauses. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A request that reached no answer: the process is gone, or the connection was cut. */
export class LostRequest extends Error {}

export interface DriverStats {
  /** Answers 503 (engine or database down) and 429, each followed by a retry. */
  unavailable: number;
  /** Requests that met a dead or dying API process. */
  lost: number;
  /** Times a driver moved to another API process. */
  failovers: number;
  /** Payment orders asked about by reconciliation because their callback never came. */
  reconciled: number;
  /** Completions the API did not confirm but whose task then showed completed: what it answered. */
  unconfirmed: string[];
}

export const newStats = (): DriverStats => ({ unavailable: 0, lost: 0, failovers: 0, reconciled: 0, unconfirmed: [] });

/**
 * One user's session over all API processes: the login is good at every one (they share the JWT
 * secret). `prefer` is the process this user talks to first.
 */
export class FleetUser {
  private current: number;

  constructor(private readonly apiUrls: string[], private readonly token: string, prefer: number, private readonly stats: DriverStats, private readonly giveUpAfterMs = 180_000) {
    this.current = prefer % apiUrls.length;
  }

  static async login(apiUrls: string[], username: string, prefer: number, stats: DriverStats): Promise<FleetUser> {
    for (let attempt = 0; ; attempt++) {
      const url = apiUrls[(prefer + attempt) % apiUrls.length];
      try {
        const res = await new ApiClient(url).post('/api/auth/login', { username, password: 'demo' });
        if (res.status === 200) return new FleetUser(apiUrls, res.body.token as string, prefer, stats);
        if (res.status !== 503 && res.status !== 429) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      } catch (err) {
        if (!(err instanceof TypeError) || attempt > 100) throw err;
      }
      await sleep(1_000);
    }
  }

  get baseUrl(): string {
    return this.apiUrls[this.current];
  }

  /**
   * One request, sent again while the API says "unavailable"; throws LostRequest when the request
   * may have reached a process that died before answering (the caller decides whether it is safe
   * to send again), after moving to the next process.
   */
  async once<T = any>(method: string, url: string, body?: unknown): Promise<ApiResponse<T>> {
    const deadline = Date.now() + this.giveUpAfterMs;
    for (;;) {
      const client = new ApiClient(this.baseUrl, this.token);
      let res: ApiResponse<T>;
      try {
        res = await client.request<T>(method, url, body);
      } catch (err) {
        this.stats.lost += 1;
        if (this.apiUrls.length > 1) {
          this.current = (this.current + 1) % this.apiUrls.length;
          this.stats.failovers += 1;
        }
        if (Date.now() > deadline) throw new Error(`${method} ${url}: no API process answered for ${this.giveUpAfterMs / 1000} s (${(err as Error).message})`);
        throw new LostRequest(`${method} ${url}: ${(err as Error).message}`);
      }
      if (res.status === 503 || res.status === 429 || res.status === 502) {
        this.stats.unavailable += 1;
        if (Date.now() > deadline) return res;
        const retryAfter = Number(res.headers.get('retry-after'));
        await sleep((Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 5) : 1) * 1_000);
        continue;
      }
      return res;
    }
  }

  /** A read, or a write that is safe to repeat: sent again after a lost request too. */
  async idempotent<T = any>(method: string, url: string, body?: unknown): Promise<ApiResponse<T>> {
    const deadline = Date.now() + this.giveUpAfterMs;
    for (;;) {
      try {
        return await this.once<T>(method, url, body);
      } catch (err) {
        if (!(err instanceof LostRequest) || Date.now() > deadline) throw err;
        await sleep(500);
      }
    }
  }

  get<T = any>(url: string) { return this.idempotent<T>('GET', url); }

  /** The session as a plain client of the process it talks to now (for the walk helpers that upload). */
  client(): ApiClient {
    return new ApiClient(this.baseUrl, this.token);
  }
}

export interface People {
  applicant: FleetUser;
  formalReviewer: FleetUser;
  technicalReviewer: FleetUser;
  admin: FleetUser;
}

export async function loginPeople(apiUrls: string[], prefer: number, stats: DriverStats): Promise<People> {
  const [applicant, formalReviewer, technicalReviewer, admin] = await Promise.all(
    ['applicant', 'reviewer1', 'reviewer2', 'admin'].map((u) => FleetUser.login(apiUrls, u, prefer, stats)),
  );
  return { applicant, formalReviewer, technicalReviewer, admin };
}

export type ExpectedOutcome = 'approved' | 'rejected';

export interface DriveOptions {
  people: People;
  /** Unique per application: found again by it after a lost apply. */
  productName: string;
  outcome: ExpectedOutcome;
  random: () => number;
  /** A person's pause before each step: uniformly 0..maxPauseMs. */
  maxPauseMs: number;
  /** Called after each step (progress for the fault schedule). */
  onStep: (step: string) => void;
  /** How long a step may wait for the product (a task to open, a fee to be due). */
  stepTimeoutMs?: number;
}

/** Sends `attempt` again (after 1 s) while it throws, e.g. uploads that met a dead process or a 503. */
async function retrying<T>(what: string, attempt: () => Promise<T>, attempts = 60): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= attempts) throw new Error(`${what}: ${(err as Error).message} (after ${attempts} attempts)`);
      await sleep(1_000);
    }
  }
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 1_500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Applies; after a lost request, looks for the application by its unique product name before applying again. */
async function applyOnce(applicant: FleetUser, productName: string): Promise<string> {
  const startForm = await applicant.get('/api/definitions/software-technical-approval/start-form');
  const data = await retrying('uploading the application\'s documents', () => withDocuments(applicant.client(), startForm.body.form, { ...SAMPLE_APPLICATION, productName }));
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await applicant.once('POST', '/api/applications', { processKey: 'software-technical-approval', data });
      if (res.status === 201 || res.status === 202) return res.body.trackingNumber as string;
      throw new Error(`applying failed: ${res.status} ${JSON.stringify(res.body)}`);
    } catch (err) {
      if (!(err instanceof LostRequest) || attempt > 20) throw err;
      await sleep(1_000);
      const mine = await applicant.get<{ trackingNumber: string; submittedData: { productName?: string } }[]>('/api/applications');
      const recorded = mine.status === 200 ? mine.body.find((a) => a.submittedData?.productName === productName) : undefined;
      if (recorded) return recorded.trackingNumber;
    }
  }
}

/** The open task of `elementId` (first activation), as its reviewer sees it. */
async function waitForOpenTask(user: FleetUser, trackingNumber: string, elementId: string, timeoutMs: number): Promise<TaskView> {
  const id = `${trackingNumber}:${elementId}:1`;
  return waitUntil(`task ${id}`, async () => {
    const res = await user.get<TaskView>(`/api/tasks/${encodeURIComponent(id)}`);
    return res.status === 200 && res.body.status === 'open' ? res.body : undefined;
  }, timeoutMs);
}

/** Completes the task; a lost or refused repeat is fine once the task shows completed. */
async function completeOnce(user: FleetUser, task: TaskView, values: Record<string, unknown>, stats: DriverStats): Promise<void> {
  const filled = await retrying(`uploading the documents of ${task.id}`, () => withDocuments(user.client(), task.form as { components: [] }, values));
  for (let attempt = 0; ; attempt++) {
    let answer: ApiResponse | undefined;
    try {
      answer = await user.once('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { values: filled });
      if (answer.status === 200) return;
    } catch (err) {
      if (!(err instanceof LostRequest)) throw err;
    }
    const now = await user.get<TaskView>(`/api/tasks/${encodeURIComponent(task.id)}`);
    if (now.status === 200 && now.body.status === 'completed') {
      stats.unconfirmed.push(`${new Date().toISOString()} ${task.id}: ${answer ? `answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}` : 'no answer (process gone)'}`);
      return;
    }
    if (attempt > 20) throw new Error(`completing ${task.id} failed: ${answer?.status} ${JSON.stringify(answer?.body)}`);
    await sleep(1_000);
  }
}

interface PaymentRow { id: string; state: string }

/**
 * Pays the fee as the applicant's browser does (the pay order, then the gateway's page). When the
 * gateway's call back to us is lost (the API process that would take it died, or the database was
 * down), the payment stays pending: after a while an administrator asks the gateway
 * (POST /api/payments/reconcile), as the operations guide says.
 */
async function payOnce(people: People, trackingNumber: string, timeoutMs: number, stats: DriverStats): Promise<void> {
  const { applicant, admin } = people;
  const fees = async () => (await applicant.get<PaymentRow[]>(`/api/applications/${trackingNumber}/payments`)).body;
  const fee = await waitUntil(`the fee of ${trackingNumber}`, async () => {
    const rows = await fees();
    return Array.isArray(rows) ? rows.find((p) => ['requested', 'failed', 'pending', 'paid'].includes(p.state)) : undefined;
  }, timeoutMs);
  if (fee.state !== 'paid') {
    const order = await applicant.idempotent('POST', `/api/payments/${fee.id}/pay`);
    if (order.status === 200) {
      const page = await fetch(order.body.redirectUrl as string, { method: 'POST', body: new URLSearchParams({ outcome: 'paid' }), redirect: 'manual' });
      if (page.status !== 303) throw new Error(`the payment gateway answered ${page.status} for ${trackingNumber}`);
    } else if (order.status !== 409) {
      throw new Error(`paying the fee of ${trackingNumber} failed: ${order.status} ${JSON.stringify(order.body)}`);
    }
  }
  const deadline = Date.now() + timeoutMs;
  let askedAt = Date.now();
  for (;;) {
    const rows = await fees();
    if (Array.isArray(rows) && rows.some((p) => p.state === 'paid')) return;
    if (Date.now() > deadline) throw new Error(`the fee of ${trackingNumber} was not recorded paid within ${timeoutMs / 1000} s`);
    if (Date.now() - askedAt > 15_000) {
      askedAt = Date.now();
      const res = await admin.idempotent('POST', '/api/payments/reconcile', { olderThanMinutes: 0 });
      if (res.status === 200 && res.body.settled > 0) stats.reconciled += res.body.settled as number;
    }
    await sleep(1_000);
  }
}

/** Apply → formal check → technical review (approve or reject) → (approved) fee paid. Returns the tracking number. */
export async function driveApplication({ people, productName, outcome, random, maxPauseMs, onStep, stepTimeoutMs = 300_000 }: DriveOptions, stats: DriverStats, onTracking?: (trackingNumber: string) => void): Promise<string> {
  const pause = () => sleep(Math.round(random() * maxPauseMs));
  await pause();
  const trackingNumber = await applyOnce(people.applicant, productName);
  onTracking?.(trackingNumber);
  onStep('applied');
  const formal = await waitForOpenTask(people.formalReviewer, trackingNumber, 'formal-check', stepTimeoutMs);
  await pause();
  await completeOnce(people.formalReviewer, formal, { formalDecision: 'complete' }, stats);
  onStep('formal-check');
  const review = await waitForOpenTask(people.technicalReviewer, trackingNumber, 'technical-review', stepTimeoutMs);
  await pause();
  await completeOnce(people.technicalReviewer, review, outcome === 'approved'
    ? { technicalDecision: 'approve', technicalComment: 'All technical criteria are met.' }
    : { technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'Data encryption is missing.' }, stats);
  onStep('technical-review');
  if (outcome === 'approved') {
    await pause();
    await payOnce(people, trackingNumber, stepTimeoutMs, stats);
  }
  onStep('paid');
  return trackingNumber;
}

/** Steps driveApplication reports per application (for progress fractions). */
export const STEPS_PER_APPLICATION = 4;
