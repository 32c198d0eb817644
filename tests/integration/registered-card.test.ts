/**
 * "Save document card" right after registering: SIGEX gets the bytes that were signed (the
 * saved -SigexId copy, or the original while it is unchanged), never a file edited since;
 * when neither holds the signed bytes any more, a clear error and no request to SIGEX.
 * Against the simulators, through the app's handlers.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { createCore, type CoreServices } from '../../src-main/core/compose';
import { toErrorView } from '../../src-main/core/errors';
import { createHandlers, type HostPorts } from '../../src-main/ipc/handlers';
import { DEFAULT_DOCUMENT_SETTINGS, type JobView } from '../../src-main/ipc/contract';
import { formatError } from '../../src-shared/i18n/format-error';
import { FAST_RETRY } from '../support/fast-retry';
import { readPdf } from '../support/pdf';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';

jest.setTimeout(30_000);

let h: Harness;
let core: CoreServices;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());
beforeEach(async () => {
  h.sigex.reset();
  core = await createCore({ dataDir: h.dataDir, env: h.env, systemLanguage: 'en', retry: FAST_RETRY });
});
afterEach(() => core.close());

const handlers = () => createHandlers(core, { systemLanguage: 'en', log: () => undefined } as unknown as HostPorts, () => undefined);

async function register(file: string): Promise<{ jobId: string; handle: string; documentId: string; copy: string }> {
  const { handle } = await core.files.add(file);
  const { done } = core.signing.start(
    { handles: [handle], method: 'ncalayer', options: { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } } },
    () => undefined,
  );
  const view: JobView = (await done).view();
  const f = view.files[0]!;
  expect(f.status).toBe('registered');
  expect(f.copy?.saved).toBe(true);
  return { jobId: view.jobId, handle, documentId: f.documentId!, copy: path.join(path.dirname(file), f.copy!.name) };
}

const ddcRequests = () => h.sigex.requests.filter((r) => r.route === 'buildDDC');

test('the original edited after registering: the card is made from the signed copy, named after the original', async () => {
  const signed = '%PDF the bytes that were signed';
  const file = await writeWorkFile(h, 'edited.pdf', signed);
  const { jobId, handle, documentId } = await register(file);
  await fsp.writeFile(file, '%PDF edited after signing, longer than before');
  const card = await handlers()['sign:saveCard']({ jobId, handle });
  expect(card.name).toBe(`edited-SigexId${documentId}.card.pdf`);
  expect(readPdf(await fsp.readFile(card.path)).embedded[0]!.toString()).toBe(signed);
  expect(ddcRequests()).toEqual([expect.objectContaining({ contentLength: Buffer.byteLength(signed) })]);
});

test('the copy gone or edited too, the original edited: a clear error, no request to SIGEX, no card', async () => {
  const file = await writeWorkFile(h, 'both.pdf', '%PDF signed once');
  const { jobId, handle, copy } = await register(file);
  await fsp.writeFile(file, '%PDF edited');
  await fsp.writeFile(copy, '%PDF copy edited too');
  const save = Promise.resolve(handlers()['sign:saveCard']({ jobId, handle }));
  await expect(save).rejects.toMatchObject({ kind: 'file-changed', info: { params: { name: 'both.pdf' } } });
  const error = toErrorView(await save.catch((e: unknown) => e));
  expect(formatError(error, 'en').message).toBe('The file was changed after it had been selected or signed.');
  expect(ddcRequests()).toHaveLength(0);
  expect((await fsp.readdir(h.workDir)).filter((n) => n.startsWith('both') && n.includes('.card'))).toEqual([]);
  // The copy deleted: the same refusal.
  await fsp.rm(copy);
  await expect(handlers()['sign:saveCard']({ jobId, handle })).rejects.toMatchObject({ kind: 'file-changed' });
  expect(ddcRequests()).toHaveLength(0);
});

test('the copy deleted but the original unchanged: the card is made from the original', async () => {
  const signed = '%PDF still as signed';
  const file = await writeWorkFile(h, 'kept.pdf', signed);
  const { jobId, handle, copy, documentId } = await register(file);
  await fsp.rm(copy);
  const card = await handlers()['sign:saveCard']({ jobId, handle });
  expect(card.name).toBe(`kept-SigexId${documentId}.card.pdf`);
  expect(readPdf(await fsp.readFile(card.path)).embedded[0]!.toString()).toBe(signed);
  expect(ddcRequests()).toHaveLength(1);
});
