/**
 * Issue 13 item 8: Settings' "Test connection" tests the addresses as typed (before Save)
 * through the `connection:test` channel. Nothing is saved, main asks no address question,
 * the status bar's check keeps using the saved addresses, and an environment variable still
 * decides where it is set.
 */
import { createCore } from '../../src-main/core/compose';
import { appSenderCheck, createDispatcher } from '../../src-main/ipc/guard';
import { createHandlers, type HostPorts } from '../../src-main/ipc/handlers';
import { startHarness, type Harness } from '../support/harness';
import { closedPort } from '../support/test-utils';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const APP = { url: 'app://sigex/index.html', isAppFrame: true };

async function setup(env: NodeJS.ProcessEnv) {
  const core = await createCore({ dataDir: `${h.root}/data-${Math.random().toString(36).slice(2)}`, env, systemLanguage: 'en' });
  const questions: unknown[] = [];
  const host = {
    systemLanguage: 'en',
    log: () => undefined,
    confirmAddressChange: async (c: unknown) => {
      questions.push(c);
      return true;
    },
  } as unknown as HostPorts;
  const dispatch = createDispatcher(
    createHandlers(core, host, () => undefined),
    appSenderCheck(['app://sigex']),
  );
  return { core, questions, call: (channel: string, ...args: unknown[]) => dispatch(channel, APP, args) };
}

test('the typed addresses are tested; the saved ones stay, and nothing is asked or saved', async () => {
  const { core, questions, call } = await setup({ NCALAYER_CA_FILE: h.caFile });
  const saved = core.settings.view();
  expect(saved.sigexUrl).not.toBe(h.sigex.url);
  const greetingsBefore = h.ncalayer!.stats.connections;
  const sigexBefore = h.sigex.requests.length;

  const typed = await call('connection:test', { sigexUrl: h.sigex.url, ncalayerUrl: h.ncalayer!.url });
  expect(typed).toMatchObject({ ok: true, value: { ncalayer: { state: 'ok', service: 'NCALayer' }, sigex: { state: 'ok' } } });
  expect(h.ncalayer!.stats.connections).toBeGreaterThan(greetingsBefore);
  expect(h.sigex.requests.length).toBeGreaterThan(sigexBefore);

  // Nothing changed: same settings, no address question.
  expect(core.settings.view()).toEqual(saved);
  expect(questions).toEqual([]);

  // A typed address where nothing answers is reported as such.
  const nowhere = await call('connection:test', { sigexUrl: h.sigex.url, ncalayerUrl: `wss://127.0.0.1:${await closedPort()}/` });
  expect(nowhere).toMatchObject({ ok: true, value: { ncalayer: { state: 'not-running' }, sigex: { state: 'ok' } } });
  await core.close();
});

test('only addresses the settings accept can be tested', async () => {
  const { core, call } = await setup({ NCALAYER_CA_FILE: h.caFile });
  const before = h.ncalayer!.stats.connections;
  for (const bad of [
    { sigexUrl: 'ftp://sigex.kz', ncalayerUrl: h.ncalayer!.url },
    { sigexUrl: h.sigex.url, ncalayerUrl: 'wss://192.168.1.10:13579/' },
    { sigexUrl: h.sigex.url, ncalayerUrl: h.ncalayer!.url, extra: 1 },
  ]) {
    expect(await call('connection:test', bad)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  }
  expect(h.ncalayer!.stats.connections).toBe(before);
  await core.close();
});

test('an environment variable decides over what is typed (as it would after Save)', async () => {
  const { core, call } = await setup(h.env);
  const before = h.ncalayer!.stats.connections;
  const closed = `wss://127.0.0.1:${await closedPort()}/`;
  const result = await call('connection:test', { sigexUrl: 'http://127.0.0.1:9', ncalayerUrl: closed });
  expect(result).toMatchObject({ ok: true, value: { ncalayer: { state: 'ok' }, sigex: { state: 'ok' } } });
  expect(h.ncalayer!.stats.connections).toBeGreaterThan(before);
  await core.close();
});
