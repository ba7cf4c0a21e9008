/**
 * Iranian legal persons' national identifiers (شناسه ملی اشخاص حقوقی): eleven digits, the last a
 * check digit. With d = the tenth digit + 2 and weights 29, 27, 23, 19, 17 (twice), the check digit
 * is Σ (digit[i] + d)·weight[i] for i = 0…9, mod 11 (10 counts as 0). Persian and Arabic-Indic digits
 * are read as digits. A pure module: the portal app checks with it while typing, the API on save.
 */
const WEIGHTS = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17] as const;

export function normaliseLegalEntityId(text: string): string {
  return text.replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660)).replace(/[\s-]/g, '');
}

function checkDigitOf(tenDigits: string): number {
  const digits = [...tenDigits].map(Number);
  const d = digits[9] + 2;
  const r = digits.reduce((sum, x, i) => sum + (x + d) * WEIGHTS[i], 0) % 11;
  return r === 10 ? 0 : r;
}

export function isValidLegalEntityId(text: string): boolean {
  const id = normaliseLegalEntityId(text);
  if (!/^\d{11}$/.test(id) || /^(\d)\1{10}$/.test(id)) return false;
  return Number(id[10]) === checkDigitOf(id.slice(0, 10));
}

/** The eleven-digit identifier whose first ten digits are `tenDigits` (for demo data and tests). */
export function withLegalCheckDigit(tenDigits: string): string {
  if (!/^\d{10}$/.test(tenDigits)) throw new RangeError('give the first ten digits of a legal national id');
  return `${tenDigits}${checkDigitOf(tenDigits)}`;
}
