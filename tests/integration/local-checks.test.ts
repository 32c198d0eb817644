/**
 * The two checks the app makes between the PIN and SIGEX: the signature covers these exact
 * bytes, and the signing certificate meets the document's strict signer requirements. Each
 * test looks at SIGEX's request log: "stopped before SIGEX" means SIGEX got no request for
 * the document, not only that a message was shown.
 */
import { promises as fsp } from 'node:fs';
import { withCheckDigit } from '../../src-main/core/iin';
import { DEFAULT_DOCUMENT_SETTINGS, type SignOptions } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { loadPki } from '../simulators/fixtures';
import { startHarness, writeWorkFile, type Harness, type HarnessOptions } from '../support/harness';
import { signFiles } from '../support/sign-files';
import { noOptions as plain, startCore, stopCore } from '../support/core';

jest.setTimeout(30_000);

let h: Harness;
let core: CoreServices;

async function setup(o: HarnessOptions = {}): Promise<void> {
  h = await startHarness(o);
  core = await startCore(h);
}
afterEach(() => stopCore(core, h));

const sign = async (files: string[], options: SignOptions) => (await signFiles(core, files, options)).view;

/** Requests that would create or change a document in SIGEX. */
const documentRequests = () => h.sigex.requests.filter((r) => ['register', 'data', 'addSignature', 'exported'].includes(r.route));

const me = loadPki().signers.individual;
const otherIin = withCheckDigit('90010130012') ?? withCheckDigit('90010130013')!;
const strict = (iin: string): SignOptions => ({
  emails: [],
  settings: { ...DEFAULT_DOCUMENT_SETTINGS, strictSignersRequirements: true, signersRequirements: [{ iin: `IIN${iin}` }] },
});

test('NCALayer returns a signature over other bytes: stopped before SIGEX, nothing written, nothing queued', async () => {
  await setup({ ncalayer: { signOtherBytes: true } });
  const file = await writeWorkFile(h, 'contract.pdf', '%PDF-1.7 the real contract');
  const before = (await fsp.readdir(h.workDir)).sort();
  const view = await sign([file], plain);
  expect(h.ncalayer!.stats.documents).toBe(1);
  expect(view.files[0]).toMatchObject({ status: 'failed', error: { kind: 'signature-mismatch', params: { name: 'contract.pdf' } } });
  expect(view.files[0]!.copy).toBeUndefined();
  expect(documentRequests()).toEqual([]);
  expect(h.sigex.documents()).toHaveLength(0);
  expect((await fsp.readdir(h.workDir)).sort()).toEqual(before);
  expect(await fsp.readFile(file, 'utf8')).toBe('%PDF-1.7 the real contract');
  expect(await core.deliveries.list()).toEqual([]);
});

test('a batch whose signatures cover other bytes: no file reaches SIGEX', async () => {
  await setup({ ncalayer: { signOtherBytes: true } });
  const a = await writeWorkFile(h, 'a.pdf', 'one');
  const b = await writeWorkFile(h, 'b.pdf', 'two');
  const view = await sign([a, b], plain);
  expect(view.files.map((f) => f.error?.kind)).toEqual(['signature-mismatch', 'signature-mismatch']);
  expect(documentRequests()).toEqual([]);
});

test('strict signer requirements my certificate does not meet: stopped before SIGEX with the requirement error', async () => {
  await setup();
  const file = await writeWorkFile(h, 'a.pdf', 'strict');
  const view = await sign([file], strict(otherIin));
  expect(h.ncalayer!.stats.documents).toBe(1);
  // the error names what the document requires and what the certificate carries
  expect(view.files[0]).toMatchObject({
    status: 'failed',
    error: { kind: 'requirements-not-met', params: { required: otherIin, signer: me.iin } },
  });
  expect(documentRequests()).toEqual([]);
  expect(await core.deliveries.list()).toEqual([]);
});

test('strict signer requirements my certificate meets: registered (the check does not refuse everything)', async () => {
  await setup();
  const file = await writeWorkFile(h, 'a.pdf', 'strict ok');
  const view = await sign([file], strict(me.iin));
  expect(view.files[0]).toMatchObject({ status: 'registered' });
  expect(documentRequests().map((r) => r.route)).toEqual(['register', 'data']);
});
