/**
 * A compromised renderer must not be able to have SIGEX e-mail the signed documents to an
 * address of its choosing: a signing request (NCALayer or eGov QR) whose recipients include an
 * address the user never confirmed makes main ask once, natively; refused, nothing reaches
 * NCALayer or SIGEX. Confirmed addresses are remembered in main's settings (not writable by the
 * renderer) and survive a restart; refused questions are not repeated (dialog fatigue).
 * Driven through the guarded dispatcher with a stand-in for the native dialog.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { createCore, type CoreServices } from '../../src-main/core/compose';
import { appSenderCheck, createDispatcher } from '../../src-main/ipc/guard';
import { createHandlers, type HostPorts } from '../../src-main/ipc/handlers';
import { DEFAULT_DOCUMENT_SETTINGS, type ErrorView, type JobView } from '../../src-main/ipc/contract';
import { formatError } from '../../src-shared/i18n/format-error';
import { FAST_RETRY } from '../support/fast-retry';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';

jest.setTimeout(30_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ ncalayer: { signer: 'employee' } });
});
afterAll(() => h.stop());
beforeEach(() => {
  h.sigex.reset();
  h.sigex.setPhone({ action: 'sign', signer: 'employee' });
});

const APP = { url: 'app://sigex/index.html', isAppFrame: true };
let dirs = 0;
const freshDataDir = () => path.join(h.root, `data-recipients-${++dirs}`);

type Outcome = { ok: true; value: unknown } | { ok: false; error: ErrorView };

/** The app as the renderer sees it, with a stand-in for main's native dialogs. */
async function startApp(dataDir: string, answer: (emails: readonly string[]) => Promise<boolean>) {
  const core: CoreServices = await createCore({ dataDir, env: h.env, systemLanguage: 'en', retry: FAST_RETRY });
  const recipientQuestions: string[][] = [];
  const addressQuestions: unknown[] = [];
  const updates: JobView[] = [];
  const host = {
    kind: 'web',
    version: 'test',
    systemLanguage: 'en',
    log: () => undefined,
    confirmAddressChange: async (changes: unknown) => {
      addressQuestions.push(changes);
      return false;
    },
    confirmRecipients: async (emails: readonly string[]) => {
      recipientQuestions.push([...emails]);
      return answer(emails);
    },
  } as unknown as HostPorts;
  const handlers = createHandlers(core, host, (event, payload) => {
    if (event === 'job:update') updates.push(payload as JobView);
  });
  const dispatch = createDispatcher(handlers, appSenderCheck(['app://sigex']));
  const call = (channel: string, ...args: unknown[]) => dispatch(channel, APP, args) as Promise<Outcome>;

  /** sign:start as the renderer sends it; waits for the job to end when it started. */
  async function sign(name: string, emails: string[], method: 'ncalayer' | 'qr' = 'ncalayer'): Promise<Outcome> {
    const file = await writeWorkFile(h, name, `%PDF ${name}`);
    const { handle } = await core.files.add(file);
    const r = await call('sign:start', { handles: [handle], method, options: { emails, settings: { ...DEFAULT_DOCUMENT_SETTINGS } } });
    if (r.ok) {
      const { jobId } = r.value as { jobId: string };
      const ended = () => updates.find((u) => u.jobId === jobId && ['done', 'failed', 'cancelled'].includes(u.phase));
      for (let i = 0; i < 1000 && !ended(); i++) await new Promise((res) => setTimeout(res, 20));
      expect(ended()?.phase).toBe('done');
    }
    return r;
  }
  return { core, call, sign, recipientQuestions, addressQuestions };
}

const registrations = () => h.sigex.requests.filter((r) => r.route === 'register');

test('a new recipient: one native question; refused, the job stops before NCALayer and SIGEX (by QR too)', async () => {
  const app = await startApp(freshDataDir(), async () => false);
  const ncalayerBefore = h.ncalayer!.requests.length;

  const refused = await app.sign('Договор.pdf', ['attacker@evil.example']);
  expect(refused).toMatchObject({
    ok: false,
    error: { kind: 'recipients-not-confirmed', params: { emails: 'attacker@evil.example', reason: 'refused' } },
  });
  expect(app.recipientQuestions).toEqual([['attacker@evil.example']]);
  // A clear message in every language, naming the address.
  for (const lang of ['ru', 'kk', 'en'] as const) {
    const text = formatError((refused as { error: ErrorView }).error, lang);
    expect(text.message).toContain('attacker@evil.example');
    expect(text.description).toBeTruthy();
  }
  // The eGov QR path goes through the same check: no QR is even requested.
  expect(await app.sign('Акт.pdf', ['attacker@evil.example'], 'qr')).toMatchObject({
    ok: false,
    error: { kind: 'recipients-not-confirmed' },
  });

  expect(registrations()).toEqual([]);
  expect(h.sigex.requests.filter((r) => r.route !== 'control')).toEqual([]);
  expect(h.ncalayer!.requests.length).toBe(ncalayerBefore);
  expect(h.sigex.documents()).toEqual([]);
  await app.core.close();
});

test('confirmed recipients are e-mailed and remembered across a restart: no question the second time', async () => {
  const dataDir = freshDataDir();
  const first = await startApp(dataDir, async () => true);
  // No recipients at all: nothing to ask.
  expect(await first.sign('без писем.pdf', [])).toMatchObject({ ok: true });
  expect(first.recipientQuestions).toEqual([]);
  expect(await first.sign('Счёт.pdf', ['Buh@Example.kz'])).toMatchObject({ ok: true });
  expect(first.recipientQuestions).toEqual([['Buh@Example.kz']]);
  expect(h.sigex.documents().map((d) => d.emailRecipients)).toEqual([[], ['Buh@Example.kz']]);
  // The renderer's view of the settings does not carry the list.
  const view = await first.call('settings:get');
  expect(view.ok && view.value).not.toHaveProperty('confirmedEmails');
  await first.core.close();

  // A new start of the core; this dialog would refuse anything it is asked.
  const second = await startApp(dataDir, async () => false);
  expect(await second.sign('Счёт 2.pdf', ['buh@example.kz'])).toMatchObject({ ok: true });
  expect(await second.sign('Счёт 3.pdf', ['buh@example.kz'], 'qr')).toMatchObject({ ok: true });
  expect(second.recipientQuestions).toEqual([]);
  expect(registrations().map((r) => (r.body as { emailNotifications?: unknown }).emailNotifications)).toEqual([
    undefined,
    { to: ['Buh@Example.kz'] },
    { to: ['buh@example.kz'] },
    { to: ['buh@example.kz'] },
  ]);
  // One confirmed, one new: asked about the new one only.
  expect(await second.sign('Счёт 4.pdf', ['buh@example.kz', 'director@example.kz'])).toMatchObject({
    ok: false,
    error: { params: { emails: 'director@example.kz' } },
  });
  expect(second.recipientQuestions).toEqual([['director@example.kz']]);
  expect(registrations()).toHaveLength(4);
  await second.core.close();
});

test('the renderer cannot confirm an address itself: not through the settings, not through its own lists', async () => {
  const app = await startApp(freshDataDir(), async () => false);
  expect(await app.call('settings:update', { confirmedEmails: ['attacker@evil.example'] })).toMatchObject({
    ok: false,
    error: { kind: 'invalid-input' },
  });
  const options = { emails: ['attacker@evil.example'], settings: { ...DEFAULT_DOCUMENT_SETTINGS } };
  expect(
    await app.call('settings:update', {
      recentEmails: ['attacker@evil.example'],
      defaultOptions: options,
      presets: [{ name: 'x', options }],
    }),
  ).toMatchObject({ ok: true });
  expect(await app.sign('Договор.pdf', ['attacker@evil.example'])).toMatchObject({
    ok: false,
    error: { kind: 'recipients-not-confirmed' },
  });
  expect(app.recipientQuestions).toEqual([['attacker@evil.example']]);
  expect(registrations()).toEqual([]);
  await app.core.close();
});

test('refused requests are not asked again; after 3 refusals in a row nothing is asked, address changes included', async () => {
  const app = await startApp(freshDataDir(), async () => false);
  expect(await app.sign('1.pdf', ['attacker@evil.example'])).toMatchObject({ ok: false, error: { params: { reason: 'refused' } } });
  // The same request again and again, alone or hidden among other addresses: no new dialog.
  for (let i = 0; i < 5; i++) {
    expect(await app.sign(`r${i}.pdf`, ['attacker@evil.example'])).toMatchObject({
      ok: false,
      error: { params: { reason: 'refused-before' } },
    });
  }
  expect(await app.sign('mix.pdf', ['new@example.kz', 'attacker@evil.example'])).toMatchObject({
    ok: false,
    error: { params: { reason: 'refused-before' } },
  });
  expect(app.recipientQuestions).toHaveLength(1);
  // The same for an address change.
  expect(await app.call('settings:update', { sigexUrl: 'https://sigex.evil.example' })).toMatchObject({
    ok: false,
    error: { kind: 'cancelled', params: { reason: 'refused' } },
  });
  expect(await app.call('settings:update', { sigexUrl: 'https://sigex.evil.example/' })).toMatchObject({
    ok: false,
    error: { kind: 'cancelled', params: { reason: 'refused-before' } },
  });
  expect(app.addressQuestions).toHaveLength(1);
  // A third refusal in a row (each question new); then nothing more is asked this session.
  expect(await app.sign('2.pdf', ['other@evil.example'])).toMatchObject({ ok: false, error: { params: { reason: 'refused' } } });
  expect(await app.sign('3.pdf', ['third@evil.example'])).toMatchObject({ ok: false, error: { params: { reason: 'too-many-refusals' } } });
  expect(await app.call('settings:update', { ncalayerUrl: 'wss://127.0.0.1:1/' })).toMatchObject({
    ok: false,
    error: { kind: 'cancelled', params: { reason: 'too-many-refusals' } },
  });
  expect(app.recipientQuestions).toHaveLength(2);
  expect(app.addressQuestions).toHaveLength(1);
  // Signing without new recipients still works.
  expect(await app.sign('4.pdf', [])).toMatchObject({ ok: true });
  expect(registrations()).toHaveLength(1);
  expect(app.core.settings.view().sigexUrl).not.toContain('evil');
  await app.core.close();
});

test('one dialog at a time: a request while a question is open is refused without a second dialog', async () => {
  let answer: (yes: boolean) => void = () => undefined;
  const app = await startApp(freshDataDir(), () => new Promise<boolean>((r) => (answer = r)));
  const first = app.sign('1.pdf', ['one@example.kz']);
  for (let i = 0; i < 100 && app.recipientQuestions.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(app.recipientQuestions).toHaveLength(1);
  expect(await app.sign('2.pdf', ['two@example.kz'])).toMatchObject({ ok: false, error: { params: { reason: 'busy' } } });
  expect(await app.call('settings:update', { sigexUrl: 'https://sigex.evil.example' })).toMatchObject({
    ok: false,
    error: { params: { reason: 'busy' } },
  });
  expect(app.recipientQuestions).toHaveLength(1);
  expect(app.addressQuestions).toHaveLength(0);
  answer(true);
  expect(await first).toMatchObject({ ok: true });
  expect(h.sigex.documents().map((d) => d.emailRecipients)).toEqual([['one@example.kz']]);
  await app.core.close();
});

test('the confirmed list is kept in the settings file; a damaged entry is dropped, the rest stays', async () => {
  const dataDir = freshDataDir();
  const app = await startApp(dataDir, async () => true);
  expect(await app.sign('1.pdf', ['a@example.kz', 'B@example.kz'])).toMatchObject({ ok: true });
  await app.core.close();
  const file = path.join(dataDir, 'settings.json');
  const stored = JSON.parse(await fsp.readFile(file, 'utf8')) as { confirmedEmails: unknown[] };
  expect(stored.confirmedEmails).toEqual(['a@example.kz', 'b@example.kz']);
  stored.confirmedEmails.push('not an address', 42);
  await fsp.writeFile(file, JSON.stringify(stored));
  const again = await startApp(dataDir, async () => false);
  expect(again.core.settings.confirmedEmails()).toEqual(['a@example.kz', 'b@example.kz']);
  expect(again.core.settings.notices).toEqual([]);
  await again.core.close();
});

test('a look-alike of a confirmed address is a new address: the Kelvin sign (lower-cases to k) is asked about', async () => {
  const app = await startApp(freshDataDir(), async (emails) => !emails.some((e) => e.includes('\u212A')));
  expect(await app.sign('1.pdf', ['kim@example.kz'])).toMatchObject({ ok: true });
  // '\u212Aim' is another mailbox than 'kim' (an SMTPUTF8 local part), shown as 'Kim' in the dialog.
  expect(await app.sign('2.pdf', ['\u212Aim@example.kz'])).toMatchObject({
    ok: false,
    error: { kind: 'recipients-not-confirmed', params: { reason: 'refused' } },
  });
  // Plain ASCII case is still the same address: not asked again.
  expect(await app.sign('3.pdf', ['KIM@example.kz'])).toMatchObject({ ok: true });
  expect(app.recipientQuestions).toEqual([['kim@example.kz'], ['\u212Aim@example.kz']]);
  expect(h.sigex.documents().map((d) => d.emailRecipients)).toEqual([['kim@example.kz'], ['KIM@example.kz']]);
  await app.core.close();
});

test('an address with an invisible or bidi control character is refused before any dialog (it would disguise the question)', async () => {
  const app = await startApp(freshDataDir(), async () => true);
  // U+202E turns what follows right to left: the native dialog would show another address.
  for (const email of ['\u202Ezk.proc@ssob.ma', 'boss\u200B@example.kz', 'a\u0007@example.kz', 'a\u{E0041}@example.kz']) {
    expect(await app.sign('1.pdf', [email])).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  }
  expect(app.recipientQuestions).toEqual([]);
  expect(registrations()).toEqual([]);
  await app.core.close();
});
