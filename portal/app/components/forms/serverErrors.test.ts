import { formJsErrors, labelOfPath } from './serverErrors';
import type { FormComponent } from './schema';

const components: FormComponent[] = [
  { id: 'Field_name', key: 'productName', type: 'textfield', label: 'Name' },
  { id: 'Group_1', type: 'group', components: [{ id: 'Field_version', key: 'productVersion', type: 'textfield', label: 'Version' }] },
  {
    id: 'Field_people', path: 'keyPersonnel', type: 'dynamiclist', label: 'Key personnel',
    components: [{ id: 'Field_nationalId', key: 'nationalId', type: 'textfield', label: 'National ID' }],
  },
];

describe('server form refusals shown by form-js', () => {
  it('puts a plain field\'s message on its field id, grouped fields included', () => {
    expect(formJsErrors(components, [['productName', 'too short'], ['productVersion', 'required']])).toEqual({ Field_name: ['too short'], Field_version: ['required'] });
  });

  it('puts a row\'s message on that row of the list\'s field, not on the whole list', () => {
    expect(formJsErrors(components, [['keyPersonnel[1].nationalId', 'bad'], ['keyPersonnel[3].nationalId', 'worse']])).toEqual({ Field_nationalId: { 1: ['bad'], 3: ['worse'] } });
  });

  it('puts a message about the list itself on the list', () => {
    expect(formJsErrors(components, [['keyPersonnel', 'at least one']])).toEqual({ Field_people: ['at least one'] });
  });

  it('ignores what the form does not have', () => {
    expect(formJsErrors(components, [['nothing', 'x'], ['keyPersonnel[0].nothing', 'y']])).toEqual({ Field_people: ['y'] });
  });

  it('names a row\'s field with the list, its row number (from one) and the field', () => {
    expect(labelOfPath(components, 'keyPersonnel[1].nationalId')).toBe('Key personnel 2: National ID');
    expect(labelOfPath(components, 'productVersion')).toBe('Version');
    expect(labelOfPath(components, 'unknown')).toBe('unknown');
  });
});
