/**
 * Where a KAZTOKEN signature is expected from (JobView.kaztoken, PROTOCOLS.md §1). NCALayer's
 * legacy module naming the AKKaztokenStore storage can be a USB KAZTOKEN token on this computer
 * (PIN dialog on the desktop) or KAZTOKEN desktop passing the request on to the phone: the job
 * says 'mobile' only when the KAZTOKEN desktop probe answered, else 'token'.
 */
import type { JobView } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';
import { signFiles } from '../support/sign-files';
import { noOptions, startCore } from '../support/core';

jest.setTimeout(30_000);

const PROBE = 'kz.digiflow.mobile.extensions';

let h: Harness;
let core: CoreServices;

async function setup(kaztokenDesktop: boolean): Promise<void> {
  h = await startHarness({ ncalayer: { kaztoken: kaztokenDesktop, activeTokens: ['AKKaztokenStore'] } });
  core = await startCore(h);
  // An old build: basics is missing -> getActiveTokens -> the legacy dialog, which takes its time.
  h.ncalayer!.script({ kind: 'error', code: 'MODULE_NOT_FOUND', message: 'module not found' }, 'sign', {
    kind: 'delay',
    ms: 1500,
    then: 'sign',
  });
}
afterEach(async () => {
  await h?.stop();
});

const whileSigning = (updates: JobView[]) => new Set(updates.filter((u) => u.phase === 'signing').map((u) => u.kaztoken ?? 'none'));

test('NCALayer names AKKaztokenStore: a KAZTOKEN token (PIN on this computer or the app), never "KAZTOKEN mobile"', async () => {
  await setup(false);
  const { view, updates } = await signFiles(core, [await writeWorkFile(h, 'a.pdf', '%PDF token')], noOptions);
  expect(view.files[0]!.status).toBe('registered');
  expect(h.ncalayer!.requests.map((r) => r.method)).toContain('createCAdESFromBase64');
  // the probe was asked (and NCALayer did not know the module)
  expect(h.ncalayer!.requests.filter((r) => r.module === PROBE)).toHaveLength(1);
  expect(whileSigning(updates)).toEqual(new Set(['none', 'token']));
  expect(view.kaztoken).toBe('token');
});

test('KAZTOKEN desktop names AKKaztokenStore: its probe answers, the job waits for KAZTOKEN mobile', async () => {
  await setup(true);
  const { view, updates } = await signFiles(core, [await writeWorkFile(h, 'a.pdf', '%PDF mobile')], noOptions);
  expect(view.files[0]!.status).toBe('registered');
  expect(h.ncalayer!.requests.filter((r) => r.module === PROBE)).toHaveLength(1);
  // 'token' (true of both) until the probe answers, then 'mobile' before the dialog is over
  const signing = updates.filter((u) => u.phase === 'signing').map((u) => u.kaztoken ?? 'none');
  expect(signing.at(-1)).toBe('mobile');
  expect(signing.indexOf('mobile')).toBeGreaterThan(signing.indexOf('token'));
  expect(view.kaztoken).toBe('mobile');
});

test('plain NCALayer with the current module: no KAZTOKEN state, no probe', async () => {
  h = await startHarness({ ncalayer: { activeTokens: ['AKKaztokenStore'] } });
  core = await startCore(h);
  const { view, updates } = await signFiles(core, [await writeWorkFile(h, 'a.pdf', '%PDF plain')], noOptions);
  expect(view.files[0]!.status).toBe('registered');
  expect(updates.some((u) => u.kaztoken !== undefined)).toBe(false);
  expect(h.ncalayer!.requests.filter((r) => r.module === PROBE)).toHaveLength(0);
});
