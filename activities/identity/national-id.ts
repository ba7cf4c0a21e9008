/**
 * Iranian national identification numbers (کد ملی): ten digits, the last a check digit. Persian
 * and Arabic-Indic digits are read as digits. The check: s = Σ d[i]·(10−i) for i = 0…8, r = s mod 11;
 * the check digit is r when r < 2, else 11 − r. Ten equal digits are never issued.
 */
export function normaliseNationalId(text: string): string {
  return text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\s-]/g, '');
}

export function isValidNationalId(text: string): boolean {
  const id = normaliseNationalId(text);
  if (!/^\d{10}$/.test(id) || /^(\d)\1{9}$/.test(id)) return false;
  const digits = [...id].map(Number);
  const r = digits.slice(0, 9).reduce((sum, d, i) => sum + d * (10 - i), 0) % 11;
  return digits[9] === (r < 2 ? r : 11 - r);
}

/** The ten-digit national id whose first nine digits are `nineDigits` (for demo data and tests). */
export function withCheckDigit(nineDigits: string): string {
  if (!/^\d{9}$/.test(nineDigits)) throw new RangeError('give the first nine digits of a national id');
  const r = [...nineDigits].map(Number).reduce((sum, d, i) => sum + d * (10 - i), 0) % 11;
  return `${nineDigits}${r < 2 ? r : 11 - r}`;
}
