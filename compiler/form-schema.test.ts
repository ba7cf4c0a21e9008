import { hideExpressions, parseFormSchema } from './form-schema';

const form = (...components: unknown[]) => JSON.stringify({ components });

describe('compiler/form-schema', () => {
  it('keeps the whole form-js json so the portal can render it', () => {
    const body = JSON.stringify({ id: 'f', schemaVersion: 16, components: [{ id: 'Field_a', type: 'textfield', key: 'a', label: 'A' }, { type: 'text', text: '# hi' }] });
    expect(parseFormSchema(body)).toEqual({ ok: true, schema: JSON.parse(body) });
  });

  it.each([
    ['an empty body', '', 'the form body is empty'],
    ['broken json', '{"components": [', 'the form is not valid json'],
    ['no components', '{"id": "f"}', 'the form must be a json object with a "components" array'],
    ['a component without a type', form({ key: 'a' }), 'component 1 ("a"): has no type'],
    ['a nested group', form({ type: 'group', components: [] }), 'nested components (group) are not supported yet'],
    ['a dotted key', form({ type: 'textfield', key: 'a.b' }), 'key must be a plain name'],
    ['a __proto__ key', form({ type: 'textfield', key: '__proto__' }), 'key must be a plain name'],
    ['a duplicate key', form({ type: 'textfield', key: 'a' }, { type: 'number', key: 'a' }), 'component 2 ("a"): key "a" is used twice'],
    ['an unsupported keyed type', form({ type: 'datetime', key: 'when' }), 'field type "datetime" is not supported yet'],
    ['an unknown validation', form({ type: 'textfield', key: 'a', validate: { validationType: 'email' } }), 'validate.validationType is not supported yet'],
    ['a negative maxLength', form({ type: 'textfield', key: 'a', validate: { maxLength: -1 } }), 'validate.maxLength must be a whole number'],
    ['a broken pattern', form({ type: 'textfield', key: 'a', validate: { pattern: '([' } }), 'validate.pattern is not a valid regular expression'],
    ['a select without values', form({ type: 'select', key: 'a' }), 'a select needs a static "values" list'],
    ['options from an unknown list', form({ type: 'radio', key: 'a', valuesKey: 'options' }), 'options from valuesKey "options" are not a list the engine knows'],
    ['options from a feel expression', form({ type: 'select', key: 'a', valuesExpression: '=x' }), 'valuesExpression'],
    ['both values and valuesKey', form({ type: 'select', key: 'a', values: [{ label: 'A', value: 'a' }], valuesKey: 'x' }), 'has both "values" and "valuesKey"'],
    ['a checklist without values', form({ type: 'checklist', key: 'a' }), 'a checklist needs a static "values" list'],
    ['a text rule on a checklist', form({ type: 'checklist', key: 'a', values: [{ label: 'A', value: 'a' }], validate: { minLength: 1 } }), 'validate.minLength does not apply to this field type'],
    ['a filepicker accepting other files', form({ type: 'filepicker', key: 'f', accept: '.pdf,.docx' }), 'accept may list only'],
    ['a filepicker with a feel multiple', form({ type: 'filepicker', key: 'f', multiple: '=true' }), 'multiple must be true or false'],
    ['a feel readonly', form({ type: 'textfield', key: 'a', readonly: '=x' }), 'readonly must be true or false'],
    ['a dynamic list with a key', form({ type: 'dynamiclist', key: 'rows', components: [{ type: 'textfield', key: 'a' }] }), 'names its variable with "path"'],
    ['a dynamic list without rows', form({ type: 'dynamiclist', path: 'rows' }), 'needs the "components" of one row'],
    ['a dynamic list inside a row', form({ type: 'dynamiclist', path: 'rows', components: [{ type: 'dynamiclist', path: 'inner', components: [{ type: 'textfield', key: 'a' }] }] }), 'cannot sit inside another'],
    ['a file in a row', form({ type: 'dynamiclist', path: 'rows', components: [{ type: 'filepicker', key: 'f' }] }), 'row component 1 ("f"): a dynamic list row cannot hold a "filepicker" field'],
    ['a duplicate key in a row', form({ type: 'dynamiclist', path: 'rows', components: [{ type: 'textfield', key: 'a' }, { type: 'number', key: 'a' }] }), 'key "a" is used twice'],
    ['a list path used as a key too', form({ type: 'textfield', key: 'rows' }, { type: 'dynamiclist', path: 'rows', components: [{ type: 'textfield', key: 'a' }] }), 'path "rows" is used twice'],
    ['too many default rows', form({ type: 'dynamiclist', path: 'rows', defaultRepetitions: 51, components: [{ type: 'textfield', key: 'a' }] }), 'defaultRepetitions'],
    ['a hide condition without =', form({ type: 'textfield', key: 'a', conditional: { hide: 'b' } }), 'conditional.hide must be a feel expression starting with "="'],
  ])('rejects %s', (_label, body, reason) => {
    const result = parseFormSchema(body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('accepts display-only components without keys of any type', () => {
    expect(parseFormSchema(form({ type: 'image', source: 'x.png' }, { type: 'spacer' })).ok).toBe(true);
  });

  it('accepts checklists, filepickers, read-only fields and dynamic lists of rows', () => {
    const result = parseFormSchema(form(
      { type: 'checklist', key: 'areas', values: [{ label: 'A', value: 'a' }], validate: { required: true } },
      { type: 'filepicker', key: 'report', accept: '.pdf, image/*', multiple: true, validate: { required: true } },
      { type: 'textfield', key: 'summary', readonly: true },
      { type: 'dynamiclist', path: 'staff', defaultRepetitions: 1, components: [{ type: 'textfield', key: 'name', validate: { required: true } }, { type: 'number', key: 'years' }] },
    ));
    expect(result.ok).toBe(true);
  });

  it('fills options in from the lists it knows, and leaves register lists to the server on start forms only', () => {
    const lists = { rejectionConditions: [{ label: 'ناقص / Incomplete', value: 'incomplete' }] };
    const sources = { lists, registerLists: new Set(['evaluationLabs']) };
    const known = parseFormSchema(form({ type: 'select', key: 'why', valuesKey: 'rejectionConditions' }), { sources, isStartForm: false });
    expect(known.ok && known.schema.components[0]).toEqual({ type: 'select', key: 'why', valuesKey: 'rejectionConditions', values: lists.rejectionConditions });
    const register = form({ type: 'select', key: 'lab', valuesKey: 'evaluationLabs' });
    const onStart = parseFormSchema(register, { sources, isStartForm: true });
    expect(onStart.ok && onStart.schema.components[0].values).toBeUndefined();
    const onTask = parseFormSchema(register, { sources, isStartForm: false });
    expect(!onTask.ok && onTask.reason).toContain('fills in a select or radio of a start form only');
  });

  it('lists hide conditions with the field they hide, in rows too', () => {
    const rows = parseFormSchema(form({ type: 'dynamiclist', path: 'staff', components: [{ type: 'textfield', key: 'why', conditional: { hide: '=x' } }] }));
    expect(rows.ok && hideExpressions(rows.schema)).toEqual([{ key: 'staff[].why', expression: '=x' }]);
  });

  it('lists hide conditions with the field they hide', () => {
    const result = parseFormSchema(form({ type: 'textfield', key: 'a' }, { type: 'textarea', key: 'b', conditional: { hide: '=a = "x"' } }));
    expect(result.ok && hideExpressions(result.schema)).toEqual([{ key: 'b', expression: '=a = "x"' }]);
  });
});
