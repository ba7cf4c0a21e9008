import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FormSchema } from '../graph/types';
import { compileBpmn } from '../../compiler';
import { bundledCompileOptions } from '../../compiler/test-support';
import { validateFormInput } from './validate-form';
import { hideContextOf } from './visibility';

const PLATFORMS = ['web', 'desktop', 'mobile', 'server', 'embedded'].map((value) => ({ label: value, value }));

const application: FormSchema = {
  components: [
    { type: 'text', label: 'intro' },
    { key: 'productName', type: 'textfield', validate: { required: true, maxLength: 200 } },
    { key: 'platform', type: 'select', values: PLATFORMS, validate: { required: true } },
    { key: 'description', type: 'textarea', validate: { required: true, minLength: 20, maxLength: 4000 } },
    { key: 'seats', type: 'number', validate: { min: 1, max: 500 } },
    { key: 'openSource', type: 'checkbox' },
    { key: 'code', type: 'textfield', validate: { pattern: '^[A-Z]{3}-[0-9]+$' } },
    { key: 'size', type: 'radio', values: [{ label: 'S', value: 's' }, { label: 'L', value: 'l' }] },
    { key: 'notes', type: 'textarea' },
  ],
};

const valid = { productName: 'سامانه جامع', platform: 'web', description: 'یک سامانه برای مدیریت مجوزها و گواهی‌ها' };

describe('workflows/forms - validateFormInput', () => {
  describe('accepting input', () => {
    it('returns the submitted values of the form', () => {
      expect(validateFormInput(application, valid)).toEqual({ ok: true, values: valid });
    });

    it('accepts every field type with a value of its type', () => {
      const input = { ...valid, seats: 12, openSource: false, code: 'ITO-42', size: 'l', notes: '' };
      expect(validateFormInput(application, input)).toEqual({ ok: true, values: input });
    });

    it('leaves out optional fields that were not submitted', () => {
      const result = validateFormInput(application, valid);
      expect(result.ok && Object.keys(result.values)).toEqual(['productName', 'platform', 'description']);
    });

    it('keeps null for an optional field so a user can clear it', () => {
      expect(validateFormInput(application, { ...valid, seats: null })).toEqual({ ok: true, values: { ...valid, seats: null } });
    });
  });

  describe('rejecting input', () => {
    it.each([
      ['null', null],
      ['an array', [valid]],
      ['a string', 'productName=x'],
      ['a class instance', new Map(Object.entries(valid))],
    ])('rejects %s as a whole', (_label, input) => {
      expect(validateFormInput(application, input)).toEqual({ ok: false, errors: { _form: 'must be an object' } });
    });

    it('reports every problem at once, keyed by field', () => {
      const result = validateFormInput(application, { platform: 'mainframe', description: 'short', seats: 0, openSource: 'yes', code: 'ito-1', size: 'm', extra: 1 });
      expect(result).toEqual({
        ok: false,
        errors: {
          productName: 'is required',
          platform: 'must be one of: web, desktop, mobile, server, embedded',
          description: 'must be at least 20 characters',
          seats: 'must be at least 1',
          openSource: 'must be true or false',
          code: 'must match the pattern ^[A-Z]{3}-[0-9]+$',
          size: 'must be one of: s, l',
          extra: 'unknown field',
        },
      });
    });

    it.each([
      ['missing', undefined],
      ['null', null],
      ['an empty string', ''],
    ])('treats a required field that is %s as missing', (_label, value) => {
      expect(validateFormInput(application, { ...valid, productName: value })).toEqual({ ok: false, errors: { productName: 'is required' } });
    });

    it('counts characters, not utf-16 units, for length limits', () => {
      const persian = 'گ'.repeat(200);
      expect(validateFormInput(application, { ...valid, productName: persian }).ok).toBe(true);
      expect(validateFormInput(application, { ...valid, productName: '😀'.repeat(200) }).ok).toBe(true);
      expect(validateFormInput(application, { ...valid, productName: `${persian}ی` })).toEqual({
        ok: false,
        errors: { productName: 'must be at most 200 characters' },
      });
    });

    it.each([
      ['a numeric string', '5', 'must be a number'],
      ['not a number', Number.NaN, 'must be a number'],
      ['infinity', Number.POSITIVE_INFINITY, 'must be a number'],
      ['above the maximum', 501, 'must be at most 500'],
    ])('rejects a number field holding %s', (_label, seats, message) => {
      expect(validateFormInput(application, { ...valid, seats })).toEqual({ ok: false, errors: { seats: message } });
    });

    it('rejects a number in a text field', () => {
      expect(validateFormInput(application, { ...valid, productName: 42 })).toEqual({ ok: false, errors: { productName: 'must be text' } });
    });

    it('rejects a __proto__ key without touching any prototype', () => {
      const input: unknown = JSON.parse('{"productName": "x", "platform": "web", "description": "a long enough description", "__proto__": {"polluted": true}}');
      const result = validateFormInput(application, input);
      expect(result).toEqual({ ok: false, errors: { ['__proto__']: 'unknown field' } });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(!result.ok && Object.getPrototypeOf(result.errors)).toBe(Object.prototype);
    });
  });

  describe('text (the text policy, text-policy.ts)', () => {
    it.each([
      ['whitespace only', '  \t '],
      ['zero-width characters only', '\u200B\u200C\uFEFF'],
    ])('treats a required field holding %s as missing', (_label, productName) => {
      expect(validateFormInput(application, { ...valid, productName })).toEqual({ ok: false, errors: { productName: 'is required' } });
    });

    it('returns text as stored: NFC and trimmed, ZWNJ inside kept', () => {
      const result = validateFormInput(application, { ...valid, productName: '  Cafe\u0301 ‌نرم‌افزار\u200B ', notes: '\nline one\n\tline two \n' });
      expect(result).toEqual({ ok: true, values: { ...valid, productName: 'Caf\u00E9 ‌نرم‌افزار', notes: 'line one\n\tline two' } });
    });

    it('applies length and pattern rules to the normalised text', () => {
      expect(validateFormInput(application, { ...valid, code: ' ITO-1 ' })).toEqual({ ok: true, values: { ...valid, code: 'ITO-1' } });
      expect(validateFormInput(application, { ...valid, description: `${' '.repeat(30)}short` })).toEqual({ ok: false, errors: { description: 'must be at least 20 characters' } });
    });

    it('keeps an optional field that is blank as empty text', () => {
      expect(validateFormInput(application, { ...valid, notes: ' \u200B ' })).toEqual({ ok: true, values: { ...valid, notes: '' } });
    });

    it('refuses hostile text, naming each field', () => {
      const input = { ...valid, productName: 'Safe\u202Efdp.exe', description: 'A\uD800B and a long enough description', notes: 'bell\u0007' };
      expect(validateFormInput(application, input)).toEqual({
        ok: false,
        errors: {
          productName: 'must not contain bidirectional control characters',
          description: 'must not contain unpaired surrogate characters',
          notes: 'must not contain control characters',
        },
      });
    });

    it('takes line breaks in a textarea, not in a one-line text field', () => {
      expect(validateFormInput(application, { ...valid, description: 'first line is long\nsecond line' }).ok).toBe(true);
      expect(validateFormInput(application, { ...valid, productName: 'two\nlines' })).toEqual({ ok: false, errors: { productName: 'must be a single line (no tabs or line breaks)' } });
    });

    it('caps free text without a maxLength of its own at 4000 characters', () => {
      expect(validateFormInput(application, { ...valid, notes: 'ن'.repeat(4000) }).ok).toBe(true);
      expect(validateFormInput(application, { ...valid, notes: 'ن'.repeat(4001) })).toEqual({ ok: false, errors: { notes: 'must be at most 4000 characters' } });
    });

    it('normalises and checks the text of list rows too', () => {
      const staffForm: FormSchema = { components: [{ type: 'dynamiclist', path: 'staff', components: [{ key: 'name', type: 'textfield', validate: { required: true } }] }] };
      expect(validateFormInput(staffForm, { staff: [{ name: ' Ali ' }] })).toEqual({ ok: true, values: { staff: [{ name: 'Ali' }] } });
      expect(validateFormInput(staffForm, { staff: [{ name: '\u200B' }, { name: 'x\u2066' }] })).toEqual({
        ok: false,
        errors: { 'staff[0].name': 'is required', 'staff[1].name': 'must not contain bidirectional control characters' },
      });
    });
  });

  describe('conditional fields', () => {
    const review: FormSchema = {
      components: [
        { key: 'decision', type: 'select', values: [{ label: 'Approve', value: 'approve' }, { label: 'Reject', value: 'reject' }], validate: { required: true } },
        { key: 'reason', type: 'textarea', validate: { required: true, maxLength: 10 }, conditional: { hide: '=decision = "approve"' } } as FormSchema['components'][number],
      ],
    };

    it('skips a hidden field and drops its value', () => {
      expect(validateFormInput(review, { decision: 'approve', reason: 'way too long to be valid' })).toEqual({ ok: true, values: { decision: 'approve' } });
    });

    it('applies the rules of the field when it is shown', () => {
      expect(validateFormInput(review, { decision: 'reject' })).toEqual({ ok: false, errors: { reason: 'is required' } });
      expect(validateFormInput(review, { decision: 'reject', reason: 'bad' })).toEqual({ ok: true, values: { decision: 'reject', reason: 'bad' } });
    });

    it('shows the field when its condition cannot be decided', () => {
      expect(validateFormInput(review, {})).toEqual({ ok: false, errors: { decision: 'is required', reason: 'is required' } });
    });
  });

  it('only checks that a value is present for field types it does not know', () => {
    const schema: FormSchema = { components: [{ key: 'tags', type: 'taglist', validate: { required: true } }] };
    expect(validateFormInput(schema, { tags: ['a', 'b'] })).toEqual({ ok: true, values: { tags: ['a', 'b'] } });
    expect(validateFormInput(schema, {})).toEqual({ ok: false, errors: { tags: 'is required' } });
  });

  it('does not accept values for buttons', () => {
    const schema: FormSchema = { components: [{ key: 'submit', type: 'button' }] };
    expect(validateFormInput(schema, { submit: true })).toEqual({ ok: false, errors: { submit: 'unknown field' } });
  });
});

describe('workflows/forms - the software technical approval forms', () => {
  async function formOf(elementId: string): Promise<FormSchema> {
    const xml = readFileSync(join(__dirname, '../../definitions/software-technical-approval.bpmn'), 'utf8');
    const result = await compileBpmn(xml, await bundledCompileOptions());
    if (!result.ok) throw new Error('the definition does not compile');
    const node = result.processes[0].graph.elements[elementId];
    if (!('form' in node) || !node.form) throw new Error(`${elementId} has no form`);
    return node.form;
  }

  it('asks for a comment only when the application is incomplete', async () => {
    const form = await formOf('formal-check');
    expect(validateFormInput(form, { formalDecision: 'complete' })).toEqual({ ok: true, values: { formalDecision: 'complete' } });
    expect(validateFormInput(form, { formalDecision: 'incomplete' })).toEqual({ ok: false, errors: { formalComment: 'is required' } });
  });

  it('asks for a rejection reason only when the reviewer rejects', async () => {
    const form = await formOf('technical-review');
    expect(validateFormInput(form, { technicalDecision: 'approve', technicalComment: 'ok' }).ok).toBe(true);
    expect(validateFormInput(form, { technicalDecision: 'reject' })).toEqual({ ok: false, errors: { rejectionCondition: 'is required', rejectionReason: 'is required' } });
    expect(validateFormInput(form, { technicalDecision: 'reject', rejectionCondition: 'not-on-the-list', rejectionReason: 'x' })).toMatchObject({ ok: false, errors: { rejectionCondition: expect.stringMatching(/^must be one of: documentation-incomplete, /) } });
  });

  it('accepts a complete application from the start form', async () => {
    const form = await formOf('start');
    const input = { productName: 'سامانه', productVersion: '1.0', platform: 'server', description: 'x'.repeat(20), ownerCompany: 'شرکت نمونه', productDocuments: ['cm4doc0000000000000000001'] };
    expect(validateFormInput(form, input)).toEqual({ ok: true, values: input });
  });
});

describe('workflows/forms - lists, files, read-only fields and rows', () => {
  const CATEGORIES = ['testing', 'hardening', 'training'].map((value) => ({ label: value, value }));
  const form: FormSchema = {
    components: [
      { key: 'categories', type: 'checklist', values: CATEGORIES, validate: { required: true } },
      { key: 'report', type: 'filepicker', accept: '.pdf', validate: { required: true } },
      { key: 'annexes', type: 'filepicker', multiple: true },
      { key: 'summary', type: 'textarea', readonly: true },
      {
        type: 'dynamiclist',
        path: 'staff',
        components: [
          { key: 'name', type: 'textfield', validate: { required: true } },
          { key: 'years', type: 'number', validate: { min: 0, max: 60 } },
          { key: 'why', type: 'textfield', validate: { required: true }, conditional: { hide: '=years >= 5' } },
        ],
      },
    ],
  };
  const base = { categories: ['testing'], report: ['cm4doc0000000000000000001'] };

  it('keeps some options of a checklist, files by document id, and checked rows', () => {
    const input = { ...base, annexes: ['cm4doc0000000000000000002', 'cm4doc0000000000000000003'], staff: [{ name: 'Ali', years: 7 }, { name: 'Sara', years: 1, why: 'trainee' }] };
    expect(validateFormInput(form, input)).toEqual({ ok: true, values: input });
  });

  it('drops what is submitted for a read-only field: it only shows a value', () => {
    expect(validateFormInput(form, { ...base, summary: 'overwritten' })).toEqual({ ok: true, values: base });
  });

  it.each([
    ['an empty checklist that is required', { ...base, categories: [] }, { categories: 'is required' }],
    ['an option the checklist lacks', { ...base, categories: ['testing', 'cooking'] }, { categories: 'must be some of: testing, hardening, training' }],
    ['an option twice', { ...base, categories: ['testing', 'testing'] }, { categories: 'must not name an option twice' }],
    ['a checklist that is text', { ...base, categories: 'testing' }, { categories: 'must be a list of options' }],
    ['no file where one is required', { ...base, report: [] }, { report: 'is required' }],
    ['two files for a single file', { ...base, report: ['cm4doc0000000000000000001', 'cm4doc0000000000000000002'] }, { report: 'takes one file' }],
    ['a file id that is a path', { ...base, report: ['../../etc/passwd'] }, { report: 'must hold document ids only' }],
    ['a file given as text', { ...base, report: 'cm4doc0000000000000000001' }, { report: 'must be a list of document ids' }],
    ['twenty-one files', { ...base, annexes: Array.from({ length: 21 }, (_, i) => `cm4doc${String(i).padStart(19, '0')}`) }, { annexes: 'takes at most 20 files' }],
    ['rows that are not a list', { ...base, staff: { name: 'Ali' } }, { staff: 'must be a list of rows' }],
    ['a row with a bad field and an unknown one', { ...base, staff: [{ name: 'Ali', years: 9 }, { years: 70, age: 3 }] }, { 'staff[1].age': 'unknown field', 'staff[1].name': 'is required', 'staff[1].years': 'must be at most 60' }],
    ['a row that is not an object', { ...base, staff: ['Ali'] }, { 'staff[0]': 'must be an object' }],
    ['more than 100 rows', { ...base, staff: Array.from({ length: 101 }, () => ({ name: 'x', years: 9 })) }, { staff: 'must have at most 100 rows' }],
  ])('refuses %s', (_label, input, errors) => {
    expect(validateFormInput(form, input)).toEqual({ ok: false, errors });
  });
});

describe('workflows/forms - hide conditions that read process variables', () => {
  const fix: FormSchema = {
    components: [
      { key: 'productName', type: 'textfield', validate: { required: true } },
      { key: 'importDocuments', type: 'filepicker', validate: { required: true }, conditional: { hide: '=productOrigin = "domestic"' } },
    ],
  };

  it('takes the variables a form reads but does not hold, and only those', () => {
    expect(hideContextOf(fix, { productOrigin: 'domestic', productName: 'x', keyPersonnel: [1, 2] })).toEqual({ productOrigin: 'domestic' });
  });

  it('hides a field by a process variable given as context, under the submitted values', () => {
    expect(validateFormInput(fix, { productName: 'x' }, { productOrigin: 'domestic' })).toEqual({ ok: true, values: { productName: 'x' } });
    expect(validateFormInput(fix, { productName: 'x' }, { productOrigin: 'imported' })).toEqual({ ok: false, errors: { importDocuments: 'is required' } });
    // without the context the field shows, as before
    expect(validateFormInput(fix, { productName: 'x' })).toEqual({ ok: false, errors: { importDocuments: 'is required' } });
  });
});

describe('workflows/forms - sandbox safety', () => {
  it('imports nothing but feelin, the graph types and its own modules', () => {
    const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const file of sources) {
      const text = readFileSync(join(__dirname, file), 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const source of imports) expect(['feelin', '../graph/types'].includes(source) || source.startsWith('./')).toBe(true);
      expect(text).not.toMatch(/Date\.now|Math\.random|process\.|require\(/);
    }
  });
});
