import { appSenderCheck, createDispatcher, type Handlers } from '../../src-main/ipc/guard';

function fakeHandlers(calls: string[]): Handlers {
  return new Proxy({} as Handlers, {
    get:
      (_t, channel: string) =>
      (...args: unknown[]) => {
        calls.push(`${channel}:${JSON.stringify(args)}`);
        return channel === 'app:info' ? { ok: 'info' } : undefined;
      },
  });
}

describe('IPC guard', () => {
  const check = appSenderCheck(['http://127.0.0.1:4000', 'file://']);

  test('accepts the app frame from an allowed origin', async () => {
    const calls: string[] = [];
    const dispatch = createDispatcher(fakeHandlers(calls), check);
    const r = await dispatch('app:info', { url: 'http://127.0.0.1:4000/index.html', isAppFrame: true }, []);
    expect(r).toEqual({ ok: true, value: { ok: 'info' } });
    expect(calls).toEqual(['app:info:[]']);
    const f = await dispatch('app:info', { url: 'file:///opt/app/resources/app.asar/dist/renderer/index.html', isAppFrame: true }, []);
    expect(f.ok).toBe(true);
  });

  test.each([
    ['a foreign origin', { url: 'https://evil.example/', isAppFrame: true }],
    ['a look-alike origin', { url: 'http://127.0.0.1:4001/', isAppFrame: true }],
    ['a sub-frame of our own page', { url: 'http://127.0.0.1:4000/', isAppFrame: false }],
    ['an unparsable URL', { url: 'not a url', isAppFrame: true }],
    ['an empty URL', { url: '', isAppFrame: true }],
  ])('refuses %s before any handler runs', async (_name, sender) => {
    const calls: string[] = [];
    const dispatch = createDispatcher(fakeHandlers(calls), check);
    const r = await dispatch('app:info', sender, []);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe('invalid-input');
    expect(calls).toEqual([]);
  });

  test('file:// frames are refused when file:// is not allowed (web host)', async () => {
    const calls: string[] = [];
    const dispatch = createDispatcher(fakeHandlers(calls), appSenderCheck(['http://127.0.0.1:4000']));
    const r = await dispatch('app:info', { url: 'file:///tmp/x.html', isAppFrame: true }, []);
    expect(r.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  test('invalid arguments and unknown channels never reach a handler', async () => {
    const calls: string[] = [];
    const dispatch = createDispatcher(fakeHandlers(calls), check);
    const sender = { url: 'http://127.0.0.1:4000/', isAppFrame: true };
    const bad = await dispatch('files:release', sender, [['/etc/passwd']]);
    const unknown = await dispatch('fs:readFile', sender, ['/etc/passwd']);
    const proto = await dispatch('__proto__', sender, []);
    expect([bad.ok, unknown.ok, proto.ok]).toEqual([false, false, false]);
    expect(calls).toEqual([]);
  });

  test('a handler failure comes back as an error value', async () => {
    const dispatch = createDispatcher(
      new Proxy({} as Handlers, {
        get: () => () => {
          throw new Error('boom');
        },
      }),
      check,
    );
    const r = await dispatch('settings:get', { url: 'http://127.0.0.1:4000/', isAppFrame: true }, []);
    expect(r).toEqual({ ok: false, error: { kind: 'internal', message: 'boom' } });
  });
});
