import { normaliseText, textLength, textProblem } from './text-policy';

const PERSIAN_WITH_ZWNJ = 'درخواست‌های من می‌رسد'; // U+200C inside both words
const refused = (problem: RegExp) => ({ ok: false, problem: expect.stringMatching(problem) });

describe('workflows/forms - the text policy', () => {
  it('keeps Persian with ZWNJ and ZWJ, English, digits and emoji as typed', () => {
    expect(PERSIAN_WITH_ZWNJ).toContain('\u200C');
    expect(normaliseText(PERSIAN_WITH_ZWNJ)).toEqual({ ok: true, text: PERSIAN_WITH_ZWNJ });
    expect(normaliseText('ک\u200Dی')).toEqual({ ok: true, text: 'ک\u200Dی' });
    expect(normaliseText('Version 2.1 — ۱۴۰۳ 😀')).toEqual({ ok: true, text: 'Version 2.1 — ۱۴۰۳ 😀' });
  });

  it('stores text in NFC: a letter and its combining accent become one character', () => {
    const decomposed = 'Cafe\u0301 Ame\u0301lie';
    expect(normaliseText(decomposed)).toEqual({ ok: true, text: 'Caf\u00E9 Am\u00E9lie' });
    // Arabic alef + combining madda above is the one letter آ
    expect(normaliseText('\u0627\u0653ب')).toEqual({ ok: true, text: '\u0622ب' });
  });

  it('trims whitespace and invisible characters at both ends, not inside', () => {
    expect(normaliseText('  \u00A0name\u3000\n', { multiline: true })).toEqual({ ok: true, text: 'name' });
    expect(normaliseText('\u200Bname\uFEFF')).toEqual({ ok: true, text: 'name' });
    expect(normaliseText('a  b')).toEqual({ ok: true, text: 'a  b' });
  });

  it.each([
    ['whitespace only', ' \u00A0\u2003 '],
    ['zero-width characters only', '\u200B\u200C\u200D\u2060\uFEFF'],
    ['a soft hyphen and Hangul fillers', '\u00AD\u3164\u115F'],
    ['nothing', ''],
  ])('counts %s as blank', (_label, text) => {
    expect(normaliseText(text)).toEqual({ ok: true, text: '' });
  });

  it.each([
    ['a right-to-left override', 'Safe\u202Efdp.exe'],
    ['a left-to-right embedding', 'a\u202Ab'],
    ['a pop directional formatting', 'a\u202Cb'],
    ['an isolate', 'x\u2067y\u2069'],
    ['a right-to-left mark', 'a\u200Fb'],
    ['an Arabic letter mark', 'a\u061Cb'],
  ])('refuses %s', (_label, text) => {
    expect(normaliseText(text)).toEqual(refused(/bidirectional/));
  });

  it('refuses lone surrogates, high or low, but keeps whole pairs', () => {
    expect(normaliseText('A\uD800B')).toEqual(refused(/surrogate/));
    expect(normaliseText('A\uDC00')).toEqual(refused(/surrogate/));
    expect(normaliseText('\uD83D')).toEqual(refused(/surrogate/));
    expect(normaliseText('\uD83D\uDE00')).toEqual({ ok: true, text: '😀' });
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['escape', 'a\u001B[31mb'],
    ['DEL', 'a\u007Fb'],
    ['a C1 control', 'a\u0085b'],
    ['a line separator', 'a\u2028b'],
  ])('refuses the control character %s, also in multi-line text', (_label, text) => {
    expect(normaliseText(text)).toEqual(refused(/control/));
    expect(normaliseText(text, { multiline: true })).toEqual(refused(/control/));
  });

  it('allows tab and line breaks in multi-line text only', () => {
    expect(normaliseText('line one\r\n\tline two', { multiline: true })).toEqual({ ok: true, text: 'line one\r\n\tline two' });
    expect(normaliseText('line one\nline two')).toEqual(refused(/single line/));
    expect(normaliseText('a\tb')).toEqual(refused(/single line/));
    expect(normaliseText('\tname\r\n')).toEqual({ ok: true, text: 'name' });
  });

  it('leaves markup and SQL-looking text alone: it is only ever stored and shown as text', () => {
    expect(normaliseText('<script>alert(1)</script>')).toEqual({ ok: true, text: '<script>alert(1)</script>' });
    expect(normaliseText("x'; DROP TABLE users; --")).toEqual({ ok: true, text: "x'; DROP TABLE users; --" });
  });

  it('checks before it normalises, so no hostile character hides inside a composition', () => {
    expect(textProblem('e\u0301\u202E')).toMatch(/bidirectional/);
    expect(textProblem(PERSIAN_WITH_ZWNJ)).toBeUndefined();
  });

  it('counts length in characters, not UTF-16 units', () => {
    expect(textLength('😀گ')).toBe(2);
  });
});
