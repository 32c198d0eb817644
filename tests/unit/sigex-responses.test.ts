import { epochMs, qrDataRequest } from '../../src-main/core/sigex/qr';
import { emailOutcomeOf, parseDataResult, parseDocumentInfo } from '../../src-main/core/sigex/responses';
import { errorTextFor, parseStrings } from '../../src-main/core/sigex/strings';

describe('e-mail outcome', () => {
  it.each([
    [{ attached: true }, 'attached'],
    [{ attached: false }, 'not-attached'],
    [undefined, 'not-sent'],
    [{}, 'not-sent'],
    [{ attached: false, message: 'Failed to send email' }, 'not-sent'],
    [{ attached: true, message: 'Failed to send email' }, 'not-sent'],
    ['garbage', 'not-sent'],
  ])('%j -> %s', (raw, outcome) => {
    expect(emailOutcomeOf(raw)).toBe(outcome);
  });
});

describe('parseDataResult', () => {
  const base = { documentId: 'lQsqLBaS4nQAIIMm', signedDataSize: 12345, digests: { '2.16.840.1.101.3.4.2.1': 'AAAA' } };

  it('keeps the raw notification answer and normalises it', () => {
    const r = parseDataResult({
      ...base,
      emailNotifications: { attached: false },
      automaticallyCreatedUserSettings: { userId: 'IIN850515300125', email: 'x@y.kz', emailNotificationsEnabled: true },
      dataArchived: true,
    });
    expect(r).toEqual({
      ...base,
      emailNotifications: { attached: false },
      emailOutcome: 'not-attached',
      certificateEmail: 'x@y.kz',
      dataArchived: true,
    });
  });

  it('without e-mail fields: not-sent, no certificate e-mail, not archived', () => {
    const r = parseDataResult(base);
    expect(r.emailOutcome).toBe('not-sent');
    expect(r).not.toHaveProperty('certificateEmail');
    expect(r).not.toHaveProperty('emailNotifications');
    expect(r.dataArchived).toBe(false);
  });

  it.each([
    [{ ...base, documentId: undefined }],
    [{ ...base, signedDataSize: '12' }],
    [{ ...base, digests: null }],
    [{ ...base, digests: { a: 1 } }],
  ])('an unexpected shape is sigex-server: %j', (o) => {
    expect(() => parseDataResult(o as Record<string, unknown>)).toThrow(expect.objectContaining({ kind: 'sigex-server' }));
  });
});

describe('parseDocumentInfo', () => {
  it('reads the document and its signatures', () => {
    const info = parseDocumentInfo({
      title: 't',
      description: 'd',
      signedDataSize: 5,
      signaturesTotal: 2,
      signatures: [{ signId: 1, userId: 'IIN1' }, { signId: 2 }],
      settings: { private: false },
      dataArchived: false,
    });
    expect(info).toMatchObject({ title: 't', signedDataSize: 5, signaturesTotal: 2, settings: { private: false } });
    expect(info.signatures.map((s) => s.signId)).toEqual([1, 2]);
  });

  it('rejects signatures without signId', () => {
    expect(() => parseDocumentInfo({ signatures: [{}] })).toThrow(expect.objectContaining({ kind: 'sigex-server' }));
  });
});

describe('strings', () => {
  it('extracts ru text and description (string or per-language object)', () => {
    // JSON.parse makes "__proto__" an own key, as a hostile server could send it
    const s = parseStrings(
      JSON.parse(
        JSON.stringify({
          errorMessages: {
            'OCSP server problem': { ru: 'проблема OCSP', description: 'описание' },
            Other: { ru: 'другое', description: { ru: 'описание ru', en: 'desc' } },
            Broken: 5,
          },
          consts: { a: 1 },
        }).replace('"Broken"', '"__proto__":{"ru":"x"},"Broken"'),
      ),
    );
    expect(Object.getPrototypeOf(s?.errorMessages)).toBe(Object.prototype);
    expect(errorTextFor(s, '__proto__')).toEqual({});
    expect(errorTextFor(s, 'OCSP server problem')).toEqual({ sigexText: 'проблема OCSP', sigexDescription: 'описание' });
    expect(errorTextFor(s, 'Other')).toEqual({ sigexText: 'другое', sigexDescription: 'описание ru' });
    expect(errorTextFor(s, 'Broken')).toEqual({});
    expect(errorTextFor(s, 'constructor')).toEqual({});
    expect(errorTextFor(null, 'OCSP server problem')).toEqual({});
    expect(s?.consts).toEqual({ a: 1 });
  });

  it('tolerates junk', () => {
    expect(parseStrings('x')).toBeNull();
    expect(parseStrings({})).toEqual({ errorMessages: {}, consts: {} });
  });
});

describe('QR helpers', () => {
  it('builds the dataURL request: names in three languages, file-name meta, PDF hint', () => {
    const body = qrDataRequest([
      { name: 'a.pdf', mime: 'application/pdf', base64: 'QQ==' },
      { name: 'b.txt', mime: 'text/plain', base64: 'Qg==' },
    ]) as { signMethod: string; documentsToSign: Array<Record<string, unknown>> };
    expect(body.signMethod).toBe('CMS_SIGN_ONLY');
    expect(body.documentsToSign[0]).toEqual({
      id: 1,
      nameRu: 'a.pdf',
      nameKz: 'a.pdf',
      nameEn: 'a.pdf',
      meta: [{ name: expect.any(String), value: 'a.pdf' }],
      document: { file: { mime: '@file/pdf', data: 'QQ==' } },
    });
    expect(body.documentsToSign[1]).toMatchObject({ id: 2, document: { file: { mime: '', data: 'Qg==' } } });
  });

  it('expireAt as epoch ms from ms, seconds, numeric strings and ISO dates', () => {
    expect(epochMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(epochMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(epochMs('1700000000000')).toBe(1_700_000_000_000);
    expect(epochMs('2023-11-14T22:13:20.000Z')).toBe(1_700_000_000_000);
    expect(epochMs(undefined)).toBe(0);
  });
});
