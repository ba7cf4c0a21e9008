/** Uploaded names are only displayed, but must not reorder text, hide characters or look like paths. */
import { MAX_FILENAME_LENGTH, sanitiseFilename } from './sanitise-filename';

describe('sanitiseFilename', () => {
  it('drops bidi controls, so an RTL override cannot disguise an extension', () => {
    expect(sanitiseFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitiseFilename('a\u2066b\u2069c\u200E\u200F\u061Cd\u202A\u202B\u202C\u202D.pdf')).toBe('abcd.pdf');
  });

  it('replaces control characters, path separators and lone surrogates', () => {
    expect(sanitiseFilename('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(sanitiseFilename('a\\b\nc\u0000d.pdf')).toBe('a_b_c_d.pdf');
    expect(sanitiseFilename('x\uD800y.pdf')).toBe('x\uFFFDy.pdf');
    expect(sanitiseFilename('x\uDC00.pdf')).toBe('x\uFFFD.pdf');
  });

  it('keeps Persian names and whole surrogate pairs', () => {
    expect(sanitiseFilename('گزارش آزمون 😀.pdf')).toBe('گزارش آزمون 😀.pdf');
  });

  it('is at most 200 characters, keeping the extension, and never empty', () => {
    const long = sanitiseFilename('😀'.repeat(300) + '.pdf');
    expect(Array.from(long)).toHaveLength(MAX_FILENAME_LENGTH);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(sanitiseFilename('')).toBe('file');
    expect(sanitiseFilename(undefined)).toBe('file');
    expect(sanitiseFilename('\u202E')).toBe('file');
    expect(sanitiseFilename('..')).toBe('file');
  });
});
