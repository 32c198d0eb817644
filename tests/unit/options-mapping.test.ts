import { DocumentSettingsSchema, MAX_EMAIL_RECIPIENTS, SignOptionsSchema, type SignOptions } from '../../src-main/ipc/contract';
import { checkDigit, isValidIinBin, withCheckDigit } from '../../src-main/core/iin';
import {
  addEmails,
  cleanIinBin,
  emptyForm,
  fieldKey,
  formToOptions,
  iinBinError,
  mergeRecentEmails,
  optionsToForm,
  parseEmailList,
  sameOptions,
  type OptionsForm,
  type RequirementRow,
} from '../../src-renderer/lib/options-mapping';

// Hand-checked: 9001011 2345 -> weights 1..11: 9*1+0+0*3+1*4+0+1*6+1*7+2*8+3*9+4*10+5*11 = 164; 164 % 11 = 10
// -> second pass, weights 3..11,1,2: 27+0+0+6+0+8+9+20+33+4+10 = 117; 117 % 11 = 7 -> check digit 7.
const IIN_SECOND_PASS = '900101123457';
// 88050330002 -> 8+16+0+20+0+18+21+0+0+0+22 = 105; 105 % 11 = 6 -> check digit 6.
const IIN_A = '880503300026';
const BIN_A = withCheckDigit('12034000125') as string;
const IIN_B = withCheckDigit('75121540017') as string;

function form(patch: Partial<OptionsForm> = {}): OptionsForm {
  return { ...emptyForm(), ...patch };
}
function row(patch: Partial<RequirementRow>): RequirementRow {
  return { id: `r${Math.random()}`, iin: '', bin: '', authorities: [], ca: 'any', ...patch };
}
/** A wrong check digit: any other last digit. */
function corrupt(valid: string): string {
  return valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
}

describe('IIN/BIN check digit', () => {
  it('accepts hand-verified numbers, including the second-pass case', () => {
    expect(isValidIinBin('900101123453')).toBe(false);
    expect(checkDigit('90010112345')).toBe(7);
    expect(isValidIinBin(IIN_SECOND_PASS)).toBe(true);
    expect(checkDigit('88050330002')).toBe(6);
    expect(isValidIinBin(IIN_A)).toBe(true);
  });

  it('accepts generated numbers and rejects every other last digit', () => {
    for (const first11 of ['12034000125', '75121540017', '00000000001', '99123112345']) {
      const valid = withCheckDigit(first11);
      if (valid === null) continue;
      expect(isValidIinBin(valid)).toBe(true);
      for (let d = 0; d <= 9; d++) {
        const candidate = first11 + String(d);
        if (candidate !== valid) expect(isValidIinBin(candidate)).toBe(false);
      }
    }
  });

  it('reports the right problem for raw input', () => {
    expect(iinBinError('', 'iin')).toBeNull();
    expect(iinBinError(IIN_A, 'iin')).toBeNull();
    expect(iinBinError('12345', 'iin')).toEqual({ code: 'iinLength', params: { count: 5 } });
    expect(iinBinError('12345678901a', 'bin')).toEqual({ code: 'binDigits' });
    expect(iinBinError(corrupt(IIN_A), 'iin')).toEqual({ code: 'iinCheckDigit' });
    expect(iinBinError(corrupt(BIN_A), 'bin')).toEqual({ code: 'binCheckDigit' });
  });

  it('normalises pasted forms', () => {
    expect(cleanIinBin(`IIN${IIN_A}`, 'iin')).toBe(IIN_A);
    expect(cleanIinBin(` iin 8805 0330 0026 `, 'iin')).toBe(IIN_A);
    expect(cleanIinBin(`BIN ${BIN_A}`, 'bin')).toBe(BIN_A);
    // A BIN prefix in an IIN field is not silently accepted.
    expect(iinBinError(`BIN${IIN_A}`, 'iin')).toEqual({ code: 'iinDigits' });
  });
});

describe('formToOptions', () => {
  it('maps the empty form to the defaults SIGEX expects', () => {
    const r = formToOptions(form());
    expect(r.valid).toBe(true);
    expect(r.options).toEqual({
      emails: [],
      settings: {
        private: false,
        signaturesLimit: 0,
        switchToPrivateAfterLimitReached: false,
        unique: [],
        strictSignersRequirements: false,
        signersRequirements: [],
        documentAccess: [],
      },
    });
  });

  it('maps every control to its field', () => {
    const r = formToOptions(
      form({
        emails: ['buh@firm.kz'],
        limit: ' 3 ',
        private: true,
        switchToPrivate: true,
        uniqueIin: true,
        uniqueBin: true,
        strict: true,
        requirements: [row({ iin: IIN_A, bin: BIN_A, authorities: ['1.2.398.3.3.4.1.2.1'], ca: 'nca' })],
        access: [{ id: 'a1', iin: IIN_B }],
      }),
    );
    expect(r.errors).toEqual({});
    expect(r.options.settings).toEqual({
      private: true,
      signaturesLimit: 3,
      switchToPrivateAfterLimitReached: true,
      unique: ['iin', 'bin'],
      strictSignersRequirements: true,
      signersRequirements: [{ iin: `IIN${IIN_A}`, bin: `BIN${BIN_A}`, authorities: ['1.2.398.3.3.4.1.2.1'], ca: 'nca' }],
      documentAccess: [{ iin: `IIN${IIN_B}` }],
    });
    expect(SignOptionsSchema.safeParse(r.options).success).toBe(true);
  });

  it('drops empty requirement rows and omits empty fields', () => {
    const r = formToOptions(
      form({
        requirements: [
          row({}),
          row({ bin: `BIN ${BIN_A}` }),
          row({ ca: 'nca' }),
          row({ authorities: ['1.2.398.3.3.4.1.1'] }),
          row({ iin: '   ' }),
        ],
      }),
    );
    expect(r.valid).toBe(true);
    expect(r.options.settings.signersRequirements).toEqual([{ bin: `BIN${BIN_A}` }, { ca: 'nca' }, { authorities: ['1.2.398.3.3.4.1.1'] }]);
    for (const req of r.options.settings.signersRequirements) {
      expect(Object.values(req).every((v) => v !== undefined && v !== '')).toBe(true);
    }
  });

  it('sends switchToPrivateAfterLimitReached only with a limit above 0', () => {
    expect(formToOptions(form({ limit: '0', switchToPrivate: true })).options.settings.switchToPrivateAfterLimitReached).toBe(false);
    expect(formToOptions(form({ limit: '', switchToPrivate: true })).options.settings.switchToPrivateAfterLimitReached).toBe(false);
    expect(formToOptions(form({ limit: '2', switchToPrivate: true })).options.settings.switchToPrivateAfterLimitReached).toBe(true);
    expect(formToOptions(form({ limit: '2', switchToPrivate: false })).options.settings.switchToPrivateAfterLimitReached).toBe(false);
  });

  it('sends strictSignersRequirements only with at least one (non-empty) requirement', () => {
    expect(formToOptions(form({ strict: true })).options.settings.strictSignersRequirements).toBe(false);
    expect(formToOptions(form({ strict: true, requirements: [row({})] })).options.settings.strictSignersRequirements).toBe(false);
    expect(formToOptions(form({ strict: true, requirements: [row({ ca: 'nca' })] })).options.settings.strictSignersRequirements).toBe(true);
  });

  it('validates the limit', () => {
    expect(formToOptions(form({ limit: '-1' })).errors[fieldKey.limit]).toEqual({ code: 'limitInvalid' });
    expect(formToOptions(form({ limit: '1.5' })).errors[fieldKey.limit]).toEqual({ code: 'limitInvalid' });
    expect(formToOptions(form({ limit: 'abc' })).valid).toBe(false);
    expect(formToOptions(form({ limit: '1001' })).errors[fieldKey.limit]).toEqual({ code: 'limitTooLarge', params: { max: 1000 } });
    expect(formToOptions(form({ limit: '1000' })).options.settings.signaturesLimit).toBe(1000);
  });

  it('rejects wrong check digits with the error on the right field', () => {
    const req = row({ id: 'req1', iin: IIN_A, bin: corrupt(BIN_A) });
    const r = formToOptions(
      form({
        requirements: [req],
        access: [
          { id: 'acc1', iin: corrupt(IIN_B) },
          { id: 'acc2', iin: IIN_A },
        ],
      }),
    );
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual({
      [fieldKey.requirementBin('req1')]: { code: 'binCheckDigit' },
      [fieldKey.accessIin('acc1')]: { code: 'iinCheckDigit' },
    });
  });

  it('normalises and de-duplicates archive access IINs, dropping empty rows', () => {
    const r = formToOptions(
      form({
        access: [
          { id: 'a', iin: `IIN${IIN_A}` },
          { id: 'b', iin: '' },
          { id: 'c', iin: IIN_A },
        ],
      }),
    );
    expect(r.options.settings.documentAccess).toEqual([{ iin: `IIN${IIN_A}` }]);
  });

  it('every valid result passes the contract schema', () => {
    const r = formToOptions(form({ limit: '5', uniqueBin: true, requirements: [row({ iin: IIN_SECOND_PASS })] }));
    expect(DocumentSettingsSchema.safeParse(r.options.settings).success).toBe(true);
  });
});

describe('e-mail recipients', () => {
  it('parses lists, including Outlook-style names', () => {
    expect(parseEmailList('a@b.kz, c@d.kz;e@f.kz\ng@h.kz  i@j.kz')).toEqual(['a@b.kz', 'c@d.kz', 'e@f.kz', 'g@h.kz', 'i@j.kz']);
    expect(parseEmailList('Иванов Иван <ivan@Firm.KZ>; Petrov <p@y.kz>')).toEqual(['ivan@Firm.KZ', 'p@y.kz']);
  });

  it('trims, lowercases the domain, removes duplicates and keeps invalid entries', () => {
    const r = addEmails(['Buh@firm.kz'], '  buh@FIRM.kz ; Director@Firm.KZ, not-an-address ');
    expect(r.emails).toEqual(['Buh@firm.kz', 'Director@firm.kz']);
    expect(r.rest).toBe('not-an-address');
    expect(r.error).toEqual({ code: 'emailInvalid', params: { value: 'not-an-address' } });
  });

  it(`stops at ${MAX_EMAIL_RECIPIENTS} recipients and leaves the rest`, () => {
    const many = Array.from({ length: 12 }, (_, i) => `user${i}@firm.kz`).join(';');
    const r = addEmails([], many);
    expect(r.emails).toHaveLength(MAX_EMAIL_RECIPIENTS);
    expect(r.rest).toBe('user10@firm.kz, user11@firm.kz');
    expect(r.error).toEqual({ code: 'emailsTooMany', params: { max: MAX_EMAIL_RECIPIENTS } });
  });

  it('sends valid text still in the input, and blocks on invalid text', () => {
    expect(formToOptions(form({ emails: ['a@b.kz'], emailDraft: 'c@D.kz' })).options.emails).toEqual(['a@b.kz', 'c@d.kz']);
    const bad = formToOptions(form({ emails: ['a@b.kz'], emailDraft: 'c@' }));
    expect(bad.valid).toBe(false);
    expect(bad.errors[fieldKey.emailDraft]).toEqual({ code: 'emailInvalid', params: { value: 'c@' } });
    expect(bad.options.emails).toEqual(['a@b.kz']);
  });

  it('re-checks stored chips (duplicates and too many)', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `u${i}@x.kz`);
    const r = formToOptions(form({ emails: [...eleven, 'U0@X.KZ'] }));
    expect(r.options.emails).toHaveLength(MAX_EMAIL_RECIPIENTS);
    expect(r.errors[fieldKey.emails]).toEqual({ code: 'emailsTooMany', params: { max: MAX_EMAIL_RECIPIENTS } });
  });

  it('merges recent recipients newest first, unique, bounded', () => {
    expect(mergeRecentEmails(['old@x.kz', 'a@b.kz'], ['A@B.KZ', 'new@x.kz'])).toEqual(['A@b.kz', 'new@x.kz', 'old@x.kz']);
    const recent = Array.from({ length: 30 }, (_, i) => `r${i}@x.kz`);
    const merged = mergeRecentEmails(recent, ['n@x.kz']);
    expect(merged).toHaveLength(30);
    expect(merged[0]).toBe('n@x.kz');
    expect(merged).not.toContain('r29@x.kz');
  });
});

describe('optionsToForm / formToOptions round trip', () => {
  const full: SignOptions = {
    emails: ['buh@firm.kz', 'dir@firm.kz'],
    settings: {
      private: true,
      signaturesLimit: 4,
      switchToPrivateAfterLimitReached: true,
      unique: ['iin', 'bin'],
      strictSignersRequirements: true,
      signersRequirements: [
        { iin: `IIN${IIN_A}` },
        { bin: `BIN${BIN_A}`, authorities: ['1.2.398.3.3.4.1.2.1', '1.2.398.3.3.4.1.2.3'], ca: 'nca' },
      ],
      documentAccess: [{ iin: `IIN${IIN_B}` }, { iin: `IIN${IIN_SECOND_PASS}` }],
    },
  };

  it('gives back the same options', () => {
    const f = optionsToForm(full);
    expect(f.limit).toBe('4');
    expect(f.requirements.map((r) => r.iin)).toEqual([IIN_A, '']);
    expect(f.access.map((a) => a.iin)).toEqual([IIN_B, IIN_SECOND_PASS]);
    const r = formToOptions(f);
    expect(r.valid).toBe(true);
    expect(r.options).toEqual(full);
  });

  it('compares options regardless of order where SIGEX does not care', () => {
    const swapped: SignOptions = {
      ...full,
      emails: ['dir@firm.kz', 'BUH@firm.kz'],
      settings: { ...full.settings, unique: ['bin', 'iin'] },
    };
    expect(sameOptions(full, swapped)).toBe(true);
    expect(sameOptions(full, { ...full, settings: { ...full.settings, private: false } })).toBe(false);
  });
});
