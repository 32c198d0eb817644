/**
 * Advanced settings and recipients reach SIGEX exactly, and SIGEX's refusals come back as
 * clear messages in every language (formatError), never as a bare key.
 */
import { FAST_RETRY } from '../support/fast-retry';
import { DEFAULT_DOCUMENT_SETTINGS, type SignOptions } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { formatError } from '../../src-shared/i18n/format-error';
import { validateArgs } from '../../src-main/ipc/guard';
import { loadPki } from '../simulators/fixtures';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';
import { withCheckDigit } from '../../src-main/core/iin';
import { startCore } from '../support/core';

jest.setTimeout(30_000);

let h: Harness;
let core: CoreServices;
beforeEach(async () => {
  h = await startHarness();
  core = await startCore(h);
});
afterEach(() => h.stop());

async function signOne(options: SignOptions) {
  const file = await writeWorkFile(h, `doc-${Math.random().toString(36).slice(2)}.pdf`, `content ${Math.random()}`);
  const { handle } = await core.files.add(file);
  const job = await core.signing.start({ handles: [handle], method: 'ncalayer', options }, () => undefined).done;
  return job.view().files[0]!;
}

const me = loadPki().signers.individual;
const other = withCheckDigit('77020230045') ?? withCheckDigit('77020230046')!;

test('every advanced setting and every recipient is sent exactly as chosen', async () => {
  const options: SignOptions = {
    emails: ['a@example.kz', 'b@example.kz'],
    settings: {
      private: true,
      signaturesLimit: 2,
      switchToPrivateAfterLimitReached: false,
      unique: ['bin'],
      strictSignersRequirements: false,
      signersRequirements: [{ bin: `BIN${other}`, authorities: ['1.2.398.3.3.4.1.2.1'] }, { ca: 'nca' }],
      documentAccess: [{ iin: `IIN${me.iin}` }],
    },
  };
  const f = await signOne(options);
  expect(f.status).toBe('registered');
  const register = h.sigex.requests.find((r) => r.route === 'register') as { body: Record<string, unknown> };
  expect(register.body).toMatchObject({ emailNotifications: { to: options.emails }, settings: options.settings });
  expect(h.sigex.document(f.documentId!)!.settings).toEqual(options.settings);
});

test('no recipients: no emailNotifications field at all', async () => {
  await signOne({ emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } });
  const register = h.sigex.requests.find((r) => r.route === 'register') as { body: Record<string, unknown> };
  expect(register.body).not.toHaveProperty('emailNotifications');
});

test.each([
  ['Document signatures limit reached', /limit/i],
  ['Signature does not conform to document settings requirements', /requirement/i],
  ['One of the provided notification email addresses is in invalid format', /e-?mail/i],
  ['Too many notification email addresses provided', /e-?mail/i],
])('SIGEX refuses with "%s": a clear message in en, ru and kk', async (key, enPattern) => {
  h.sigex.fault('register', { sigexError: key });
  const f = await signOne({ emails: ['a@example.kz'], settings: { ...DEFAULT_DOCUMENT_SETTINGS } });
  expect(f.status).toBe('failed');
  expect(f.error).toMatchObject({ kind: 'sigex-error', sigexKey: key });
  const en = formatError(f.error!, 'en');
  expect(en.message).toMatch(enPattern);
  for (const lang of ['ru', 'kk'] as const) {
    const text = formatError(f.error!, lang);
    expect(text.message).not.toBe(key);
    expect(text.message).toMatch(/[а-яәғқңөұүһі]/i);
  }
});

test('SIGEX rate limit that outlasts the quick retries: queued, with a clear reason in en, ru and kk', async () => {
  for (let i = 0; i <= FAST_RETRY.call.retries; i++) h.sigex.fault('register', { sigexError: 'Request rate limit reached' });
  const f = await signOne({ emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } });
  expect(f.status).toBe('queued');
  const reason = f.queue!.reason;
  expect(reason).toMatchObject({ kind: 'sigex-error', sigexKey: 'Request rate limit reached' });
  expect(formatError(reason, 'en').message).toMatch(/requests|rate|limit/i);
  for (const lang of ['ru', 'kk'] as const) expect(formatError(reason, lang).message).toMatch(/[а-яәғқңөұүһі]/i);
});

test('an address with a malformed domain: refused at the IPC boundary, and by SIGEX if it ever got there', async () => {
  const bad = 'a@-bad-.kz';
  expect(() =>
    validateArgs('sign:start', [
      { handles: [`fh_${'a'.repeat(32)}`], method: 'ncalayer', options: { emails: [bad], settings: DEFAULT_DOCUMENT_SETTINGS } },
    ]),
  ).toThrow(/emails/);
  const f = await signOne({ emails: [bad], settings: { ...DEFAULT_DOCUMENT_SETTINGS } });
  expect(f.error?.sigexKey).toBe('One of the provided notification email addresses is in invalid format');
  expect(formatError(f.error!, 'en').message).toMatch(/e-?mail/i);
});
