/**
 * IIN / BIN check digit (12 digits). Weights 1..11 mod 11; a result of 10 means a second
 * pass with weights 3..11,1,2; a second 10 makes the number invalid.
 */
const FIRST = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

export function checkDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) return null;
  const digits = [...first11].map(Number);
  const weighted = (w: number[]) => digits.reduce((s, d, i) => s + d * (w[i] as number), 0) % 11;
  let c = weighted(FIRST);
  if (c === 10) c = weighted(SECOND);
  return c === 10 ? null : c;
}

/** True for a 12-digit IIN or BIN whose last digit is the correct check digit. */
export function isValidIinBin(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  return checkDigit(value.slice(0, 11)) === Number(value[11]);
}

/** Completes 11 digits into a valid 12-digit number, or null when no check digit exists. */
export function withCheckDigit(first11: string): string | null {
  const c = checkDigit(first11);
  return c === null ? null : first11 + String(c);
}
