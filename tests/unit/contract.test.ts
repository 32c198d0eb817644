import { invokeChannels, DEFAULT_DOCUMENT_SETTINGS } from '../../src-main/ipc/contract';
import { validateArgs } from '../../src-main/ipc/guard';
import { isAppError } from '../../src-main/core/errors';

const handle = `fh_${'a'.repeat(32)}`;
const options = { emails: ['a@b.kz'], settings: { ...DEFAULT_DOCUMENT_SETTINGS } };

function rejects(channel: Parameters<typeof validateArgs>[0], args: unknown): string {
  try {
    validateArgs(channel, args);
  } catch (e) {
    expect(isAppError(e) && e.kind).toBe('invalid-input');
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(args)}`);
}

describe('IPC contract validation', () => {
  test('accepts a well-formed signing request', () => {
    const [req] = validateArgs('sign:start', [{ handles: [handle], method: 'ncalayer', options }]);
    expect(req.handles).toEqual([handle]);
  });

  test('rejects extra fields at every level', () => {
    rejects('sign:start', [{ handles: [handle], method: 'ncalayer', options, path: '/etc/passwd' }]);
    rejects('sign:start', [{ handles: [handle], method: 'ncalayer', options: { ...options, extra: 1 } }]);
    rejects('sign:start', [
      { handles: [handle], method: 'ncalayer', options: { ...options, settings: { ...options.settings, admin: true } } },
    ]);
    rejects('settings:update', [{ copyFolder: '/tmp' }]);
  });

  test('rejects wrong shapes, types and counts', () => {
    rejects('sign:start', []);
    rejects('sign:start', [{ handles: [], method: 'ncalayer', options }]);
    rejects('sign:start', [{ handles: ['../../etc/passwd'], method: 'ncalayer', options }]);
    rejects('sign:start', [{ handles: [handle], method: 'telepathy', options }]);
    rejects('sign:start', [{ handles: [handle], method: 'ncalayer', options: { ...options, emails: ['not-an-email'] } }]);
    rejects('sign:start', [
      { handles: [handle], method: 'ncalayer', options: { ...options, emails: Array.from({ length: 11 }, (_, i) => `u${i}@b.kz`) } },
    ]);
    rejects('sign:start', [
      { handles: [handle], method: 'ncalayer', options: { ...options, settings: { ...options.settings, signaturesLimit: -1 } } },
    ]);
    rejects('sign:start', [
      { handles: [handle], method: 'ncalayer', options: { ...options, settings: { ...options.settings, signaturesLimit: 1.5 } } },
    ]);
    rejects('sign:start', [
      { handles: [handle], method: 'ncalayer', options: { ...options, settings: { ...options.settings, unique: ['email'] } } },
    ]);
    rejects('sign:start', [
      {
        handles: [handle],
        method: 'ncalayer',
        options: { ...options, settings: { ...options.settings, documentAccess: [{ iin: '123' }] } },
      },
    ]);
    rejects('files:release', ['fh_x']);
    rejects('app:info', ['unexpected']);
    rejects('log:write', ['debug', 'x']);
  });

  test('settings URLs: https anywhere, http only on loopback, NCALayer only wss on loopback', () => {
    expect(() => validateArgs('settings:update', [{ sigexUrl: 'https://sigex.kz' }])).not.toThrow();
    expect(() => validateArgs('settings:update', [{ sigexUrl: 'http://127.0.0.1:8080' }])).not.toThrow();
    rejects('settings:update', [{ sigexUrl: 'http://evil.example' }]);
    rejects('settings:update', [{ sigexUrl: 'javascript:alert(1)' }]);
    rejects('settings:update', [{ ncalayerUrl: 'wss://evil.example:13579/' }]);
    rejects('settings:update', [{ ncalayerUrl: 'ws://127.0.0.1:13579/' }]);
  });

  test('every channel has a tuple schema', () => {
    for (const [name, spec] of Object.entries(invokeChannels)) {
      expect(spec.args.safeParse({}).success).toBe(false);
      expect(typeof name).toBe('string');
    }
  });
});
