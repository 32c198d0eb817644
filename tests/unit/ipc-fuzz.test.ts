/**
 * IPC fuzzing: at least 10,000 random payloads per contract channel go through the same
 * dispatcher main uses. A handler runs only for a payload its channel's schema accepts, and
 * then receives exactly that payload; everything else is refused as invalid-input, and unknown
 * channel names never reach any handler.
 */
import fc from 'fast-check';
import { invokeChannels, type InvokeChannel } from '../../src-main/ipc/contract';
import { appSenderCheck, createDispatcher, type Handlers } from '../../src-main/ipc/guard';

const RUNS = 10_000;
const APP = { url: 'app://sigex/index.html', isAppFrame: true };
const channels = Object.keys(invokeChannels) as InvokeChannel[];

/** Field names the contract uses, so that random objects often come close to valid ones. */
const KEYS = [
  'jobId',
  'handle',
  'handles',
  'method',
  'options',
  'emails',
  'settings',
  'language',
  'sigexUrl',
  'ncalayerUrl',
  'copyFolder',
  'private',
  'signaturesLimit',
  'unique',
  'text',
  'since',
  'until',
  'limit',
  '__proto__',
  'constructor',
];
const value = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    'ru',
    'qr',
    'ncalayer',
    'https://sigex.kz',
    'wss://127.0.0.1:13579/',
    '\\\\host\\share\\a.pdf',
    '/etc/passwd',
    'x'.repeat(5000),
  ),
  fc.integer(),
);
const nearObject = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 });
const payload = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.array(fc.oneof(value, nearObject, fc.array(fc.oneof(value, nearObject), { maxLength: 3 })), { maxLength: 3 }),
);

function recordingHandlers(calls: Array<{ channel: string; args: unknown[] }>): Handlers {
  return new Proxy({} as Handlers, {
    get:
      (_t, channel: string) =>
      (...args: unknown[]) => {
        calls.push({ channel, args });
        return null;
      },
  });
}

test.each(channels)(`%s: ${RUNS} random payloads; a handler runs only with a payload its schema accepts`, async (channel) => {
  const schema = invokeChannels[channel].args;
  const calls: Array<{ channel: string; args: unknown[] }> = [];
  const dispatch = createDispatcher(recordingHandlers(calls), appSenderCheck(['app://sigex']));
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(payload, async (args) => {
      calls.length = 0;
      const r = await dispatch(channel, APP, args);
      const valid = schema.safeParse(args);
      // plain checks: expect() in a 10,000-run loop costs more than the dispatch itself
      if (!valid.success) {
        if (calls.length !== 0) throw new Error(`handler ran with an invalid payload: ${JSON.stringify(args)}`);
        if (r.ok || r.error.kind !== 'invalid-input') throw new Error(`not refused as invalid-input: ${JSON.stringify(r)}`);
      } else {
        accepted++;
        if (calls.length !== 1 || calls[0]!.channel !== channel) throw new Error('a valid payload did not reach its handler once');
        expect(calls[0]!.args).toEqual(valid.data);
      }
    }),
    { numRuns: RUNS, seed: 20261204 },
  );
  // the generator is not so wild that nothing could ever pass: argument-less channels accept []
  if (schema.safeParse([]).success) expect(accepted).toBeGreaterThan(0);
});

test(`unknown channels: ${RUNS} random names never reach a handler`, async () => {
  const calls: Array<{ channel: string; args: unknown[] }> = [];
  const dispatch = createDispatcher(recordingHandlers(calls), appSenderCheck(['app://sigex']));
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app:info ', 'APP:INFO')),
      payload,
      async (name, args) => {
        fc.pre(!Object.hasOwn(invokeChannels, name));
        const r = await dispatch(name, APP, args);
        if (r.ok || r.error.kind !== 'invalid-input') throw new Error(`unknown channel ${JSON.stringify(name)} not refused`);
      },
    ),
    { numRuns: RUNS, seed: 4 },
  );
  expect(calls).toEqual([]);
});

test('the same payloads from a frame that is not the app never reach a handler', async () => {
  const calls: Array<{ channel: string; args: unknown[] }> = [];
  const dispatch = createDispatcher(recordingHandlers(calls), appSenderCheck(['app://sigex']));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...channels), fc.webUrl(), fc.boolean(), async (channel, url, isAppFrame) => {
      fc.pre(!url.startsWith('app://sigex'));
      expect((await dispatch(channel, { url, isAppFrame }, [])).ok).toBe(false);
      expect((await dispatch(channel, { url: 'app://sigex/index.html', isAppFrame: false }, [])).ok).toBe(false);
    }),
    { numRuns: 2_000, seed: 7 },
  );
  expect(calls).toEqual([]);
});
