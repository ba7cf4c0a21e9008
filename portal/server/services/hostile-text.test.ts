import { hostileTextProblem, optionalCleanText, requireCleanText, requireReason } from './hostile-text';

/** The 400 `run` throws: its field errors. */
function refusal(run: () => unknown): Record<string, string> | undefined {
  try {
    run();
  } catch (err) {
    expect(err).toMatchObject({ statusCode: 400 });
    return (err as { errors?: Record<string, string> }).errors;
  }
  throw new Error('not refused');
}

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
    expect(refusal(() => requireCleanText({ text: 'a\u202Eb', name: '   ' }))).toEqual({ text: expect.stringMatching(/bidirectional/), name: 'must not be blank' });
  });

  it('stores NFC, and counts invisible-only text as blank', () => {
    expect(requireCleanText({ name: ' Cafe\u0301 ' })).toEqual({ name: 'Caf\u00E9' });
    expect(refusal(() => requireCleanText({ name: '\u200B\u200C\u200D' }))).toEqual({ name: 'must not be blank' });
  });

  it('refuses line breaks in single-line fields only', () => {
    expect(requireCleanText({ text: 'one\ntwo' })).toEqual({ text: 'one\ntwo' });
    expect(refusal(() => requireCleanText({ name: 'one\ntwo' }, { singleLine: ['name'] }))).toEqual({ name: expect.stringMatching(/single line/) });
  });

  it('refuses text over 4000 characters', () => {
    expect(requireCleanText({ text: 'x'.repeat(4000) }).text).toHaveLength(4000);
    expect(refusal(() => requireCleanText({ text: 'x'.repeat(4001) }))).toEqual({ text: 'must be at most 4000 characters' });
  });

  it('takes a reason of at least the given length once normalised', () => {
    expect(requireReason('  no longer needed ', 3)).toBe('no longer needed');
    expect(refusal(() => requireReason(' ab\u200B ', 3))).toEqual({ reason: 'must be at least 3 characters' });
    expect(refusal(() => requireReason('ok\u202Eenough', 3))).toEqual({ reason: expect.stringMatching(/bidirectional/) });
  });

  it('treats optional text that is absent, blank or invisible as not given, and checks the rest', () => {
    expect(optionalCleanText('comment', undefined)).toBeUndefined();
    expect(optionalCleanText('comment', ' \u200B ')).toBeUndefined();
    expect(optionalCleanText('comment', ' good ')).toBe('good');
    expect(refusal(() => optionalCleanText('comment', 'x\uDC00'))).toEqual({ comment: expect.stringMatching(/surrogate/) });
  });
});
