import { hostileTextProblem, requireCleanText } from './hostile-text';

describe('hostile text in messages', () => {
  it('accepts Persian with ZWNJ, English, emoji and newlines', () => {
    expect(hostileTextProblem('درخواست‌های من کی بررسی می‌شود؟\nWhen 🙂')).toBeUndefined();
  });

  it('refuses bidi overrides and isolates, lone surrogates and control characters', () => {
    expect(hostileTextProblem('abc\u202Egnp.exe')).toMatch(/bidirectional/);
    expect(hostileTextProblem('x\u2067y')).toMatch(/bidirectional/);
    expect(hostileTextProblem('x\uD800y')).toMatch(/surrogate/);
    expect(hostileTextProblem('x\uDC00')).toMatch(/surrogate/);
    expect(hostileTextProblem('a\u0000b')).toMatch(/control/);
  });

  it('names every bad or blank field in one 400, and trims the good ones', () => {
    expect(requireCleanText({ text: '  hello  ' })).toEqual({ text: 'hello' });
    try {
      requireCleanText({ text: 'a\u202Eb', name: '   ' });
      throw new Error('not refused');
    } catch (err) {
      expect(err).toMatchObject({ statusCode: 400, errors: { text: expect.stringMatching(/bidirectional/), name: 'must not be blank' } });
    }
  });
});
