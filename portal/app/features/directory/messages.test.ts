import { en, fa } from './messages';
import { ROLES } from './model';

/** Every key path of a message tree, e.g. `directory.offices.title`. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
}

describe('directory feature - words', () => {
  it('has every Persian message in English and no English message without its Persian', () => {
    expect(keys(en)).toEqual(keys(fa));
  });

  it('names every role the users API knows and every state of a counter office\'s authorisation, in both languages', () => {
    for (const tree of [fa, en] as { directory: { roles: Record<string, string>; offices: { states: Record<string, string> } } }[]) {
      expect(Object.keys(tree.directory.roles).sort()).toEqual([...ROLES].sort());
      expect(Object.keys(tree.directory.offices.states).sort()).toEqual(['ended', 'in-force', 'not-yet', 'office-inactive', 'revoked']);
    }
  });
});
