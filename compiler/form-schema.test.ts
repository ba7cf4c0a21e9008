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
    ['options from variables', form({ type: 'radio', key: 'a', valuesKey: 'options' }), 'options loaded from variables'],
    ['a hide condition without =', form({ type: 'textfield', key: 'a', conditional: { hide: 'b' } }), 'conditional.hide must be a feel expression starting with "="'],
  ])('rejects %s', (_label, body, reason) => {
    const result = parseFormSchema(body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('accepts display-only components without keys of any type', () => {
    expect(parseFormSchema(form({ type: 'image', source: 'x.png' }, { type: 'spacer' })).ok).toBe(true);
  });

  it('lists hide conditions with the field they hide', () => {
    const result = parseFormSchema(form({ type: 'textfield', key: 'a' }, { type: 'textarea', key: 'b', conditional: { hide: '=a = "x"' } }));
    expect(result.ok && hideExpressions(result.schema)).toEqual([{ key: 'b', expression: '=a = "x"' }]);
  });
});
