/**
 * Issue 13: nothing an applicant types can stall a workflow. A corpus of hostile and awkward text
 * goes through the start form of every family an applicant starts (definitions/*.bpmn; families the
 * regulator starts refuse the applicant before any text is read), into every
 * free-text field of the form at once (list rows too; fields with a pattern keep a valid value).
 * Each submission is refused with a 400 naming the fields, or accepted with the text stored, and
 * handed to the workflow, NFC and trimmed; the accepted application's workflow reaches its first
 * wait (a task, a timer, the end) without an incident. Never a 500. The other ways text comes in
 * follow the same policy: task forms, task comments, reasons, user names.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { FormField } from '../../workflows/graph/types';
import { isHidden } from '../../workflows/forms/visibility';
import { withCheckDigit } from '../../activities/identity/national-id';
import { apply, uploadDocument, waitForTask } from '../../scripts/lib/walk-steps';
import { walkContext, walkQualification } from '../../scripts/lib/walks';
import { ensureQualified } from '../../scripts/lib/walks/steps';
import { ApiClient, useRunningProduct, waitFor } from '../support/harness';

const product = useRunningProduct();

const FAMILIES = readdirSync(path.join(__dirname, '..', '..', 'definitions')).filter((f) => f.endsWith('.bpmn')).map((f) => f.replace(/\.bpmn$/, ''));

/** Values for fields whose pattern a sample text would not match, by field key. */
const PATTERN_SAMPLES: Record<string, string> = {
  nationalId: withCheckDigit('001234567'),
  mobile: '09121110001',
  holderNationalId: withCheckDigit('001234567'),
};
/** Fits every free-text field of the bundled forms (the shortest takes 30 characters, the longest minimum is 20). */
const SAMPLE_TEXT = 'Sample text for this field';

type Expectation =
  | { kind: 'refused'; problem: RegExp }
  /** Blank once normalised: required fields are missing, optional ones stored as ''. */
  | { kind: 'blank' }
  | { kind: 'accepted'; stored: string };

const CORPUS: { label: string; text: string; expect: Expectation }[] = [
  { label: 'a right-to-left override disguising an extension', text: 'Safe\u202Efdp.exe', expect: { kind: 'refused', problem: /bidirectional/ } },
  { label: 'bidi isolates', text: 'name\u2067evil\u2069', expect: { kind: 'refused', problem: /bidirectional/ } },
  { label: 'a lone surrogate', text: 'A\uD800B', expect: { kind: 'refused', problem: /surrogate/ } },
  { label: 'control characters', text: 'bell\u0007 and nul\u0000', expect: { kind: 'refused', problem: /control/ } },
  { label: 'an ANSI escape sequence', text: 'red\u001B[31m text', expect: { kind: 'refused', problem: /control/ } },
  { label: 'zero-width characters only', text: '\u200B\u200C\u200D\uFEFF', expect: { kind: 'blank' } },
  { label: 'whitespace only', text: ' \u00A0\u3000 ', expect: { kind: 'blank' } },
  { label: '10 KB of text', text: 'ب'.repeat(10_240), expect: { kind: 'refused', problem: /^must be at most \d+ characters$/ } },
  { label: 'HTML with a script', text: '<script>alert("x")</script>', expect: { kind: 'accepted', stored: '<script>alert("x")</script>' } },
  { label: 'SQL-looking text', text: " x'; DROP TABLE users;--\u00A0", expect: { kind: 'accepted', stored: "x'; DROP TABLE users;--" } },
  {
    label: 'combining sequences NFC composes, Persian with ZWNJ, padded',
    text: '\u200B Cafe\u0301 Ame\u0301lie \u0627\u0653 نرم‌افزار \t',
    expect: { kind: 'accepted', stored: 'Caf\u00E9 Am\u00E9lie \u0622 نرم‌افزار' },
  },
];

interface StartForm { startedBy: string; form: { components: FormField[] } | null }

/** A free-text field the corpus goes into: its error key (`list[0].field` in a list row) and whether it is required. */
interface Target { errorKey: string; required: boolean; put(data: Record<string, unknown>, text: string): void; get(data: Record<string, unknown>): unknown }

const isFreeText = (f: FormField) => (f.type === 'textfield' || f.type === 'textarea') && !f.validate?.pattern;

/** A valid value for a field that is not a file, or undefined to leave it out. */
function sampleValue(field: FormField, family: string): unknown {
  const key = field.key ?? '';
  switch (field.type) {
    case 'textfield':
    case 'textarea':
      if (!field.validate?.pattern) return SAMPLE_TEXT;
      if (PATTERN_SAMPLES[key] === undefined) throw new Error(`${family}: no sample for the pattern field ${key}; add one to PATTERN_SAMPLES`);
      return PATTERN_SAMPLES[key];
    case 'select':
    case 'radio':
    case 'checklist': {
      const first = field.values?.[0]?.value;
      if (first === undefined) throw new Error(`${family}: ${key} has no options to choose from`);
      return field.type === 'checklist' ? [first] : first;
    }
    case 'number':
      return field.validate?.min ?? 1;
    case 'checkbox':
      return true;
    default:
      return undefined;
  }
}

/** The form's valid base data (files uploaded fresh) and its free-text targets. */
async function baseSubmission(applicant: ApiClient, family: string, components: FormField[]): Promise<{ data: Record<string, unknown>; targets: Target[] }> {
  const data: Record<string, unknown> = {};
  const targets: Target[] = [];
  for (const field of components) {
    if (field.type === 'dynamiclist' && field.path) {
      const list = field.path;
      const row: Record<string, unknown> = {};
      for (const cell of field.components ?? []) {
        const value = cell.key ? sampleValue(cell, family) : undefined;
        if (value !== undefined) row[cell.key as string] = value;
        if (cell.key && isFreeText(cell)) {
          const key = cell.key;
          targets.push({
            errorKey: `${list}[0].${key}`,
            required: cell.validate?.required === true,
            put: (d, text) => { (d[list] as Record<string, unknown>[])[0][key] = text; },
            get: (d) => (d[list] as Record<string, unknown>[] | undefined)?.[0]?.[key],
          });
        }
      }
      data[list] = [row];
      continue;
    }
    const key = field.key;
    if (!key) continue;
    const value = sampleValue(field, family);
    if (value !== undefined) data[key] = value;
    if (isFreeText(field)) targets.push({ errorKey: key, required: field.validate?.required === true, put: (d, text) => { d[key] = text; }, get: (d) => d[key] });
  }
  // hidden fields are neither validated nor kept: leave them out, and upload what the shown file fields need
  for (const field of components) {
    if (field.key && isHidden(field, data)) {
      delete data[field.key];
      const at = targets.findIndex((t) => t.errorKey === field.key);
      if (at >= 0) targets.splice(at, 1);
    } else if (field.key && field.type === 'filepicker' && field.validate?.required) {
      data[field.key] = [await uploadDocument(applicant, `${field.key}.pdf`)];
    }
  }
  return { data, targets };
}

/** The instance's state once it waits for someone or something (or has an incident, or ended). */
async function firstWait(trackingNumber: string) {
  return waitFor(`the workflow of ${trackingNumber} to reach its first wait`, async () => {
    const state = await product.stack.engine.state(trackingNumber);
    if (!state) return undefined;
    const waiting = state.openTasks.length > 0 || state.waits.length > 0 || state.incidents.length > 0 || state.status !== 'running';
    return waiting ? state : undefined;
  });
}

let applicant: ApiClient;
beforeAll(async () => {
  [applicant] = await product.login('applicant');
  // the lab and audit-body selects list qualified organisations: qualify one of each first
  const ctx = walkContext(product.stack.baseUrl);
  await ensureQualified(ctx, 'lab', walkQualification);
  await ensureQualified(ctx, 'auditor', walkQualification);
}, 300_000);

describe.each(FAMILIES)('the start form of %s against hostile text', (family) => {
  let start: StartForm;
  beforeAll(async () => {
    const res = await applicant.get<StartForm>(`/api/definitions/${family}/start-form`);
    expect(res.status).toBe(200);
    start = res.body;
  });

  it.each(CORPUS)('refuses $label with a 400 naming the fields, or stores it normalised', async ({ text, expect: expected }) => {
    if (start.startedBy === 'regulator') {
      // no applicant text goes in at all
      const res = await applicant.post('/api/applications', { processKey: family, data: { note: text } });
      expect(res.status).toBe(403);
      return;
    }
    if (!start.form) throw new Error(`${family} is started by applicants but has no start form: give the corpus a way in`);
    const { data, targets } = await baseSubmission(applicant, family, start.form.components);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) target.put(data, text);

    const res = await applicant.post('/api/applications', { processKey: family, data });
    expect(res.status).not.toBe(500);
    if (expected.kind === 'refused') {
      expect({ status: res.status, errors: res.body.errors }).toEqual({
        status: 400,
        errors: Object.fromEntries(targets.map((t) => [t.errorKey, expect.stringMatching(expected.problem)])),
      });
      expect(res.body.message).toContain(targets[0].errorKey);
      return;
    }
    if (expected.kind === 'blank') {
      const required = targets.filter((t) => t.required);
      expect(required.length).toBeGreaterThan(0);
      expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 400, errors: Object.fromEntries(required.map((t) => [t.errorKey, 'is required'])) });
      return;
    }

    expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: expect.objectContaining({ trackingNumber: expect.any(String) }) });
    const trackingNumber = res.body.trackingNumber as string;
    const row = await product.stack.db.application.findUniqueOrThrow({ where: { trackingNumber }, select: { submittedData: true } });
    const stored = JSON.parse(row.submittedData) as Record<string, unknown>;
    const state = await firstWait(trackingNumber);
    for (const target of targets) {
      expect({ field: target.errorKey, stored: target.get(stored), inWorkflow: target.get(state.variables) }).toEqual({ field: target.errorKey, stored: expected.stored, inWorkflow: expected.stored });
    }
    expect(state.incidents).toEqual([]);
  });
});

describe('hostile text outside start forms', () => {
  let reviewer: ApiClient;
  let admin: ApiClient;
  let trackingNumber = '';
  beforeAll(async () => {
    [reviewer, admin] = await product.login('reviewer1', 'admin');
    trackingNumber = await apply(applicant);
  });

  it('a task form: hostile text is a 400 naming the field; the engine keeps the text NFC and trimmed', async () => {
    const task = await waitForTask(reviewer, trackingNumber, 'formal-check');
    const complete = (formalComment: string) => reviewer.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values: { formalDecision: 'incomplete', formalComment } });
    for (const [text, problem] of [['A\uD800B', /surrogate/], ['see Safe\u202Efdp.exe', /bidirectional/], ['\u200B \u200C', /^is required$/]] as const) {
      const res = await complete(text);
      expect({ text, status: res.status, errors: res.body.errors }).toEqual({ text, status: 400, errors: { formalComment: expect.stringMatching(problem) } });
    }
    expect((await complete('\u200B  Cafe\u0301: give a real version number.\n ')).status).toBe(200);
    const state = await waitFor('the formal comment in the workflow', async () => {
      const s = await product.stack.engine.state(trackingNumber);
      return s?.variables.formalComment !== undefined && s;
    });
    expect(state.variables.formalComment).toBe('Caf\u00E9: give a real version number.');
  });

  it('a task comment: hostile or invisible-only is a 400, the rest is stored NFC and trimmed', async () => {
    const task = await waitForTask(applicant, trackingNumber, 'applicant-fix');
    const comment = (body: string) => applicant.post(`/api/tasks/${encodeURIComponent(task.id)}/comments`, { body });
    expect((await comment('x\u2066y')).body.errors).toEqual({ body: expect.stringMatching(/bidirectional/) });
    expect((await comment('\u200B\u200D')).body.errors).toEqual({ body: 'must not be blank' });
    const ok = await comment(' Ame\u0301lie نرم‌افزار ');
    expect({ status: ok.status, body: ok.body.body }).toEqual({ status: 201, body: 'Am\u00E9lie نرم‌افزار' });
  });

  it('a withdrawal reason of invisible characters only is a 400', async () => {
    const res = await applicant.post(`/api/applications/${trackingNumber}/withdraw`, { reason: '\u200B\u200C\u200D\u2060' });
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 400, errors: { reason: 'must not be blank' } });
  });

  it('a user\'s display name: a bidi override is a 400 naming the field, a padded NFD name is stored NFC and trimmed', async () => {
    const run = `${process.pid}${Date.now() % 100_000}`;
    const base = { username: `text${run}`, password: 'long-enough-password', role: 'reviewer' };
    const hostile = await admin.post('/api/users', { ...base, displayName: 'Admin\u202E' });
    expect({ status: hostile.status, errors: hostile.body.errors }).toEqual({ status: 400, errors: { displayName: expect.stringMatching(/bidirectional/) } });
    const created = await admin.post('/api/users', { ...base, displayName: '  Rene\u0301 Ahmadi ' });
    expect({ status: created.status, displayName: created.body.displayName }).toEqual({ status: 201, displayName: 'Ren\u00E9 Ahmadi' });
  });
});
