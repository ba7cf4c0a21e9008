import { en, fa } from './messages';

/** Every key path of a message tree, e.g. `feedback.kinds.question`. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
}

describe('feedback feature - words', () => {
  it('has every Persian message in English and no English message without its Persian', () => {
    expect(keys(en)).toEqual(keys(fa));
  });

  it('names every kind and state the API answers with, in both languages', () => {
    for (const tree of [fa, en] as { feedback: { kinds: Record<string, string>; states: Record<string, string> } }[]) {
      expect(Object.keys(tree.feedback.kinds).sort()).toEqual(['complaint', 'criticism', 'question', 'suggestion']);
      expect(Object.keys(tree.feedback.states).sort()).toEqual(['answered', 'closed', 'received']);
    }
  });
});
