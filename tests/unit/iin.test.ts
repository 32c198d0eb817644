import { checkDigit, isValidIinBin, withCheckDigit } from '../../src-main/core/iin';

describe('IIN / BIN check digit', () => {
  // Worked by hand: 88051530051 -> weights 1..11: 8+16+0+20+5+30+21+0+0+50+11 = 161, 161 mod 11 = 7.
  test('known valid numbers', () => {
    expect(checkDigit('88051530051')).toBe(7);
    expect(isValidIinBin('880515300517')).toBe(true);
  });

  test('second pass when the first gives 10', () => {
    // 00000000019: first pass 9*10 + ... = 10*1 + 11*9? computed: digits ...0,1,9 -> 1*10 + 9*11 = 109 mod 11 = 10
    // second pass weights 3..11,1,2: 1*1 + 9*2 = 19 mod 11 = 8
    expect(checkDigit('00000000019')).toBe(8);
    expect(isValidIinBin('000000000198')).toBe(true);
  });

  test('a second 10 makes the number invalid', () => {
    const invalid = Array.from({ length: 2000 }, (_, i) => String(i).padStart(11, '0')).find((s) => checkDigit(s) === null);
    expect(invalid).toBeDefined();
    expect(withCheckDigit(invalid as string)).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidIinBin(`${invalid}${d}`)).toBe(false);
  });

  test.each(['880515300516', '88051530051', '8805153005177', 'IIN880515300517', '88051530051a', ''])('rejects %s', (v) => {
    expect(isValidIinBin(v)).toBe(false);
  });

  test('withCheckDigit completes numbers that then validate', () => {
    for (let i = 0; i < 500; i++) {
      const base = String(1e10 + i * 7919).slice(0, 11);
      const full = withCheckDigit(base);
      if (full) expect(isValidIinBin(full)).toBe(true);
    }
  });
});
