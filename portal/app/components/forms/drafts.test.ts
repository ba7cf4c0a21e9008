/** A form's draft keeps what the user typed or chose, not the option lists and other data the page gave the form. */
import { formDrafts } from './drafts';

describe('form drafts', () => {
  it('keeps only the fields of the form, and is gone once cleared', () => {
    formDrafts.set('task-1', { productName: 'دفتر', keyPersonnel: [{ fullName: 'x' }], rejectionConditions: [{ value: 'a' }] }, new Set(['productName', 'keyPersonnel']));
    expect(formDrafts.get('task-1')).toEqual({ productName: 'دفتر', keyPersonnel: [{ fullName: 'x' }] });
    formDrafts.clear('task-1');
    expect(formDrafts.get('task-1')).toBeUndefined();
  });

  it('keeps nothing for a form without a key', () => {
    formDrafts.set(undefined, { a: 1 }, new Set(['a']));
    expect(formDrafts.get(undefined)).toBeUndefined();
  });
});
