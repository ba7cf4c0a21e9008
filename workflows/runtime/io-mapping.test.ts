import { assignPath } from './io-mapping';

describe('runtime/io-mapping - mapping targets', () => {
  it('sets a plain variable', () => {
    expect(assignPath({ a: 1 }, 'b', 2)).toEqual({ b: 2 });
  });

  it('sets a nested value under a dotted target, keeping the rest of the existing context', () => {
    expect(assignPath({ applicant: { name: 'Pars', email: 'old@x' } }, 'applicant.email', 'new@x')).toEqual({ applicant: { name: 'Pars', email: 'new@x' } });
    expect(assignPath({}, 'a.b.c', 1)).toEqual({ a: { b: { c: 1 } } });
  });
});
