import { AppError } from '../../src-main/core/errors';
import {
  basicsSignTemplate,
  classifyBasicsReply,
  classifyConnectError,
  classifyLegacyReply,
  decodeCms,
  derLength,
  isModuleNotFound,
  parseFrame,
  parseGreeting,
  parseKaztokenVersion,
} from '../../src-main/core/ncalayer/protocol';

/** A small DER SEQUENCE standing in for a CMS (decodeCms checks the outer element only). */
const DER = Buffer.from([0x30, 0x06, 0x06, 0x01, 0x2a, 0x04, 0x01, 0x07]);
const B64 = DER.toString('base64');

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.kind : `not an AppError: ${String(e)}`;
  }
  return 'no error';
}

describe('decodeCms', () => {
  it('accepts bare base64', () => {
    expect(decodeCms(B64)).toEqual(DER);
  });

  it('strips PEM armour and line breaks', () => {
    const pem = `-----BEGIN CMS-----\r\n${B64.slice(0, 4)}\n${B64.slice(4)}\r\n-----END CMS-----\n`;
    expect(decodeCms(pem)).toEqual(DER);
  });

  it('accepts long-form DER lengths', () => {
    const content = Buffer.alloc(300, 0x05);
    const der = Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x2c]), content]);
    expect(decodeCms(der.toString('base64'))).toEqual(der);
  });

  it.each([
    ['empty', ''],
    ['not base64', 'this is not base64!'],
    ['bad length', B64.slice(0, -1)],
    ['not a SEQUENCE', Buffer.from([0x04, 0x01, 0x00]).toString('base64')],
    ['truncated', DER.subarray(0, 6).toString('base64')],
    ['trailing bytes', Buffer.concat([DER, Buffer.from([0])]).toString('base64')],
    ['indefinite length (BER) without its end', Buffer.from([0x30, 0x80, 0x02, 0x01, 0x05]).toString('base64')],
    ['indefinite length (BER) with trailing bytes', Buffer.from([0x30, 0x80, 0x00, 0x00, 0x00]).toString('base64')],
    ['indefinite length on a primitive', Buffer.from([0x30, 0x80, 0x04, 0x80, 0x00, 0x00, 0x00, 0x00]).toString('base64')],
  ])('rejects %s as ncalayer-protocol', (_name, text) => {
    expect(kindOf(() => decodeCms(text))).toBe('ncalayer-protocol');
  });

  it('accepts a SEQUENCE with BER indefinite lengths (RFC 5652 allows BER)', () => {
    const ber = Buffer.from([0x30, 0x80, 0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0x04, 0x01, 0x07, 0x00, 0x00]);
    expect(decodeCms(ber.toString('base64'))).toEqual(ber);
  });

  it('derLength reads short and long forms', () => {
    expect(derLength(DER)).toBe(8);
    expect(derLength(Buffer.from([0x30, 0x81, 0x80]))).toBe(3 + 128);
    expect(derLength(Buffer.from([0x30]))).toBe(-1);
  });
});

describe('greeting and KAZTOKEN probe', () => {
  it('reads the version from the greeting', () => {
    expect(parseGreeting(parseFrame('{"result":{"version":"1.4"}}'))).toBe('1.4');
  });

  it.each(['{"result":{}}', '{"status":true}', '{"result":"1.4"}'])('rejects greeting %s', (text) => {
    expect(kindOf(() => parseGreeting(parseFrame(text)))).toBe('ncalayer-protocol');
  });

  it('rejects non-JSON and non-object frames', () => {
    expect(kindOf(() => parseFrame('<html>'))).toBe('ncalayer-protocol');
    expect(kindOf(() => parseFrame('[1,2]'))).toBe('ncalayer-protocol');
  });

  it('recognises KAZTOKEN desktop and nothing else', () => {
    expect(parseKaztokenVersion({ code: '200', responseObject: { name: 'KAZTOKENdesktop', version: '2.3.1' } })).toEqual({
      name: 'KAZTOKENdesktop',
      version: '2.3.1',
    });
    expect(parseKaztokenVersion({ success: false, errorCode: 'MODULE_NOT_FOUND' })).toBeNull();
    expect(parseKaztokenVersion({ code: '200', responseObject: { name: 'Other' } })).toBeNull();
    expect(parseKaztokenVersion({ code: '500', message: 'x' })).toBeNull();
  });
});

describe('classifyBasicsReply', () => {
  it('one signature', () => {
    expect(classifyBasicsReply({ status: true, body: { result: 'abc' } }, 1)).toEqual({ kind: 'signed', signatures: ['abc'] });
  });

  it('an array in document order', () => {
    expect(classifyBasicsReply({ status: true, body: { result: ['a', 'b', 'c'] } }, 3)).toEqual({
      kind: 'signed',
      signatures: ['a', 'b', 'c'],
    });
  });

  it('cancel = status true without result', () => {
    expect(classifyBasicsReply({ status: true, body: {} }, 1)).toEqual({ kind: 'cancelled' });
  });

  it('status false carries code, message and details', () => {
    expect(classifyBasicsReply({ status: false, code: 'SIGNING_FAILURE', message: 'failed', details: 'token removed' }, 1)).toEqual({
      kind: 'error',
      code: 'SIGNING_FAILURE',
      message: 'failed',
      details: 'token removed',
    });
  });

  it.each([
    [{ success: false, errorCode: 'MODULE_NOT_FOUND' }],
    [{ status: false, code: 'MODULE_NOT_FOUND', message: '' }],
    [{ code: '500', message: 'Module not found: kz.gov.pki.knca.basics' }],
  ])('module missing: %j', (msg) => {
    expect(classifyBasicsReply(msg, 1)).toEqual({ kind: 'module-missing' });
  });

  it.each([
    ['count mismatch', { status: true, body: { result: ['a'] } }, 2],
    ['non-string result', { status: true, body: { result: [1] } }, 1],
    ['empty result', { status: true, body: { result: '' } }, 1],
    ['no body', { status: true }, 1],
    ['no status', { result: 'x' }, 1],
  ])('%s is ncalayer-protocol', (_name, msg, count) => {
    expect(kindOf(() => classifyBasicsReply(msg as Record<string, unknown>, count))).toBe('ncalayer-protocol');
  });

  it('a successful reply is never mistaken for a missing module', () => {
    expect(isModuleNotFound({ status: true, body: { result: 'MODULE_NOT_FOUND' } })).toBe(false);
    expect(isModuleNotFound({ code: '200', responseObject: 'module not found' })).toBe(false);
  });
});

describe('classifyLegacyReply', () => {
  it('code 200 (string or number)', () => {
    expect(classifyLegacyReply({ code: '200', responseObject: ['PKCS12'] })).toEqual({ kind: 'ok', value: ['PKCS12'] });
    expect(classifyLegacyReply({ code: 200, responseObject: 'x' })).toEqual({ kind: 'ok', value: 'x' });
  });

  it('action.canceled = cancelled', () => {
    expect(classifyLegacyReply({ code: '500', message: 'action.canceled' })).toEqual({ kind: 'cancelled' });
  });

  it('other codes = error', () => {
    expect(classifyLegacyReply({ code: '500', message: 'storage.empty' })).toEqual({
      kind: 'error',
      code: '500',
      message: 'storage.empty',
    });
    expect(kindOf(() => classifyLegacyReply({ status: true }))).toBe('ncalayer-protocol');
  });
});

describe('classifyConnectError', () => {
  const err = (code: string, message = code) => Object.assign(new Error(message), { code });

  it.each(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH'])('%s = not running', (code) => {
    const e = classifyConnectError(err(code));
    expect(e.kind).toBe('ncalayer-not-running');
    expect(e.info.code).toBe(code);
  });

  it.each([
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  ])('%s = untrusted, with the TLS code', (code) => {
    const e = classifyConnectError(err(code));
    expect(e.kind).toBe('ncalayer-untrusted');
    expect(e.info.code).toBe(code);
  });

  it('an HTTP answer on the port is not NCALayer', () => {
    expect(classifyConnectError(new Error('Unexpected server response: 404')).kind).toBe('ncalayer-protocol');
  });
});

describe('basicsSignTemplate', () => {
  it('one document: data is a string; signing keys by default', () => {
    expect(basicsSignTemplate(1, 'M', { locale: 'kk' })).toEqual({
      module: 'kz.gov.pki.knca.basics',
      method: 'sign',
      args: {
        allowedStorages: null,
        format: 'cms',
        data: 'M',
        signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: {} },
        signerParams: { extKeyUsageOids: ['1.3.6.1.5.5.7.3.4'] },
        locale: 'kk',
      },
    });
  });

  it('data comes after every other argument (a reader that streams it knows signingParams first)', () => {
    const text = JSON.stringify(basicsSignTemplate(2, 'M', { locale: 'ru' }));
    const dataAt = text.indexOf('"data"');
    for (const key of ['"format"', '"signingParams"', '"signerParams"', '"locale"', '"allowedStorages"']) {
      expect(text.indexOf(key)).toBeGreaterThanOrEqual(0);
      expect(text.indexOf(key)).toBeLessThan(dataAt);
    }
  });

  it('several documents: data is an array; test keys add chain: []', () => {
    const t = basicsSignTemplate(3, 'M', { locale: 'en', allowTestKeys: true, extKeyUsageOids: [] }) as {
      args: { data: unknown; signerParams: unknown };
    };
    expect(t.args.data).toEqual(['M', 'M', 'M']);
    expect(t.args.signerParams).toEqual({ extKeyUsageOids: [], chain: [] });
  });
});
