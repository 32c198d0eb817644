/**
 * The whole workflow against the simulators: real wss + TLS, real HTTP, real CMS.
 */
import { FAST_RETRY } from '../support/fast-retry';
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { SignOptions } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { inspectCms } from '../simulators/cms';
import { startHarness, writeWorkFile, type Harness, type HarnessOptions } from '../support/harness';
import { signFiles } from '../support/sign-files';
import { noOptions, startCore } from '../support/core';

jest.setTimeout(30_000);

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let h: Harness;
let core: CoreServices;

async function setup(o: HarnessOptions = {}): Promise<void> {
  h = await startHarness(o);
  core = await startCore(h);
}
afterEach(async () => {
  await h?.stop();
});

const sign = (files: string[], options: SignOptions = noOptions, method: 'ncalayer' | 'qr' = 'ncalayer') =>
  signFiles(core, files, options, method);

describe('signing a local file end to end', () => {
  test('success: registered, data hash equals the file, copy saved next to the original', async () => {
    await setup();
    const file = await writeWorkFile(h, 'Договор №5 от 01.11.2026.pdf', '%PDF-1.7 test document');
    const { view, updates } = await sign([file]);
    expect(view.phase).toBe('done');
    const f = view.files[0]!;
    expect(f.status).toBe('registered');
    const doc = h.sigex.document(f.documentId!)!;
    expect(doc.title).toBe('Договор №5 от 01.11.2026.pdf');
    expect(doc.dataSha256).toBe(sha('%PDF-1.7 test document'));
    expect(f.documentUrl).toBe(`${h.sigex.url}/en/show/?id=${f.documentId}`);
    expect(f.copy).toMatchObject({ saved: true, name: `Договор №5 от 01.11.2026-SigexId${f.documentId}.pdf` });
    const copy = await fsp.readFile(path.join(h.workDir, f.copy!.name), 'utf8');
    expect(copy).toBe('%PDF-1.7 test document');
    expect(f.suggestedNames).toEqual({ withExtension: f.copy!.name, withoutExtension: `Договор №5 от 01.11.2026-SigexId${f.documentId}` });
    expect(f.emailOutcome).toBe('not-sent');
    expect(f.certificateEmail).toBeTruthy();
    // phases went in order
    const phases = [...new Set(updates.map((u) => u.phase))];
    expect(phases).toEqual(['connecting', 'signing', 'registering', 'saving', 'done']);
    // NCALayer got one request with the document, locale en, detached CMS
    expect(h.ncalayer!.stats.documents).toBe(1);
  });

  test('several files are signed in ONE NCALayer request, each registered separately', async () => {
    await setup();
    const a = await writeWorkFile(h, 'a.txt', 'first');
    const b = await writeWorkFile(h, 'b.docx', 'second');
    const c = await writeWorkFile(h, 'empty', '');
    const { view } = await sign([a, b, c]);
    expect(view.files.map((f) => f.status)).toEqual(['registered', 'registered', 'registered']);
    expect(h.ncalayer!.requests.filter((r) => r.method === 'sign')).toHaveLength(1);
    expect(h.sigex.documents()).toHaveLength(3);
    const byTitle = Object.fromEntries(h.sigex.documents().map((d) => [d.title, d.dataSha256]));
    expect(byTitle).toEqual({ 'a.txt': sha('first'), 'b.docx': sha('second'), empty: sha('') });
  });

  test('e-mail recipients: attached for a small file, certificate e-mail reported', async () => {
    await setup();
    const file = await writeWorkFile(h, 'small.pdf', 'x'.repeat(1000));
    const { view } = await sign([file], { ...noOptions, emails: ['buh@example.kz'] });
    expect(view.files[0]!.emailOutcome).toBe('attached');
    expect(h.sigex.document(view.files[0]!.documentId!)!.emailRecipients).toEqual(['buh@example.kz']);
  });

  test('e-mail recipients: not attached when the file is too large for e-mail', async () => {
    await setup({ sigex: { emailAttachLimitBytes: 100 } });
    const file = await writeWorkFile(h, 'big.pdf', 'x'.repeat(1000));
    const { view } = await sign([file], { ...noOptions, emails: ['buh@example.kz'] });
    expect(view.files[0]!.emailOutcome).toBe('not-attached');
  });

  test('cancel in NCALayer: nothing registered, no copy', async () => {
    await setup({ ncalayer: { outcome: 'cancel' } });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await sign([file]);
    expect(view.phase).toBe('cancelled');
    expect(view.error?.kind).toBe('cancelled');
    expect(h.sigex.documents()).toHaveLength(0);
    expect(await fsp.readdir(h.workDir)).toEqual(['a.pdf']);
  });

  test('user cancels while NCALayer waits for the PIN', async () => {
    await setup({ ncalayer: { outcome: 'hang' } });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { handle } = await core.files.add(file);
    const { jobId, done } = core.signing.start({ handles: [handle], method: 'ncalayer', options: noOptions }, (v) => {
      if (v.phase === 'signing') core.signing.cancel(jobId);
    });
    const job = await done;
    expect(job.phase).toBe('cancelled');
    expect(h.sigex.documents()).toHaveLength(0);
  });

  test('NCALayer not running vs certificate not trusted are told apart', async () => {
    await setup({ ncalayer: false });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    expect((await sign([file])).view.error?.kind).toBe('ncalayer-not-running');
    await h.stop();
    await setup({ ncalayer: { tls: 'untrusted' } });
    const file2 = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await sign([file2]);
    expect(view.error?.kind).toBe('ncalayer-untrusted');
    expect(h.sigex.documents()).toHaveLength(0);
  });

  test('NCALayer drops the socket mid-request: clear error, request not re-sent', async () => {
    await setup({ ncalayer: { outcome: 'drop' } });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await sign([file]);
    expect(view.error?.kind).toBe('ncalayer-closed');
    expect(h.ncalayer!.requests.filter((r) => r.method === 'sign')).toHaveLength(1);
    expect(h.sigex.documents()).toHaveLength(0);
  });

  test('OCSP problem at registration that outlasts the quick retries: queued with the key, signature kept, no copy', async () => {
    await setup();
    for (let i = 0; i <= FAST_RETRY.call.retries; i++) h.sigex.fault('register', { sigexError: 'OCSP server problem' });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await sign([file]);
    const f = view.files[0]!;
    expect(f.status).toBe('queued');
    expect(f.queue?.reason).toMatchObject({ kind: 'sigex-error', sigexKey: 'OCSP server problem' });
    expect(view.phase).toBe('done');
    expect(h.sigex.documents()).toHaveLength(0);
    expect(await fsp.readdir(h.workDir)).toEqual(['a.pdf']);
    expect((await core.deliveries.list()).map((i) => i.id)).toEqual([f.outboxId]);
  });

  test('a TSP problem for one attempt is retried at once and registers', async () => {
    await setup();
    h.sigex.fault('register', { sigexError: 'TSP server problem' });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    expect((await sign([file])).view.files[0]!.status).toBe('registered');
    expect(h.sigex.requests.filter((r) => r.route === 'register').map((r) => r.message ?? 'ok')).toEqual(['TSP server problem', 'ok']);
    expect(h.sigex.documents()).toHaveLength(1);
  });

  test('SIGEX refuses the data as another document: error shown, no copy saved', async () => {
    await setup();
    h.sigex.fault('data', { sigexError: 'Signature does not correspond to the document' });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await sign([file]);
    expect(view.files[0]!.error).toMatchObject({ kind: 'sigex-error', sigexKey: 'Signature does not correspond to the document' });
    expect(view.files[0]!.copy).toBeUndefined();
  });

  test('a server error during upload is retried; the document is registered once', async () => {
    await setup();
    h.sigex.fault('data', { status: 503 });
    const file = await writeWorkFile(h, 'a.pdf', 'retry me');
    const { view } = await sign([file]);
    expect(view.files[0]!.status).toBe('registered');
    expect(h.sigex.documents()).toHaveLength(1);
    expect(h.sigex.documents()[0]!.dataSha256).toBe(sha('retry me'));
  });

  test('file changed between signing and upload: refused before anything is registered', async () => {
    await setup({ ncalayer: { outcome: { kind: 'delay', ms: 300 } } });
    const file = await writeWorkFile(h, 'a.pdf', 'original');
    const { handle } = await core.files.add(file);
    let changed = false;
    const { done } = core.signing.start({ handles: [handle], method: 'ncalayer', options: noOptions }, (v) => {
      if (v.phase === 'signing' && !changed) {
        changed = true;
        void fsp.writeFile(file, 'tampered after the signature was requested');
      }
    });
    const job = await done;
    expect(job.view()).toMatchObject({ files: [{ error: { kind: 'file-changed' } }] });
    expect(h.sigex.documents()).toHaveLength(0);
    expect(await fsp.readFile(file, 'utf8')).toBe('tampered after the signature was requested');
  });

  test('a name that already carries a SIGEX id is not signed or registered', async () => {
    await setup();
    const file = await writeWorkFile(h, 'act-SigexIdlQsqLBaS4nQAIIMm.pdf', 'x');
    const { view } = await sign([file]);
    expect(view.files[0]).toMatchObject({ status: 'already-signed', sigexIdInName: 'lQsqLBaS4nQAIIMm' });
    expect(h.ncalayer!.stats.requests).toBe(0);
    expect(h.sigex.documents()).toHaveLength(0);
  });

  test('a copy name too long for this system is refused before NCALayer and SIGEX; the rest of the batch goes on', async () => {
    await setup();
    // 115 Cyrillic letters: 234 bytes here; the copy would need 259 (ext4 and NTFS-in-bytes refuse it).
    const long = await writeWorkFile(h, `${'Ж'.repeat(115)}.pdf`, 'long');
    const ok = await writeWorkFile(h, 'short.pdf', 'short');
    const { view } = await sign([long, ok]);
    expect(view.files[0]).toMatchObject({ status: 'failed', error: { kind: 'name-too-long' } });
    expect(view.files[1]).toMatchObject({ status: 'registered' });
    // one document registered, and NCALayer was given only the short file
    expect(h.sigex.requests.filter((r) => r.route === 'register')).toHaveLength(1);
    expect(h.ncalayer!.stats.documents).toBe(1);
    expect(h.sigex.documents().map((d) => d.title)).toEqual(['short.pdf']);
  });

  test('an existing copy is never overwritten', async () => {
    await setup();
    const file = await writeWorkFile(h, 'report.pdf', 'x');
    const { view } = await sign([file]);
    const id = view.files[0]!.documentId!;
    // Simulate a second signing that lands on the same id by saving again.
    const again = await core.signing.saveCopy(view.jobId, view.files[0]!.handle);
    expect(again.copy!.name).toBe(`report (2)-SigexId${id}.pdf`);
    expect(await fsp.readFile(path.join(h.workDir, `report-SigexId${id}.pdf`), 'utf8')).toBe('x');
  });

  test('names with spaces, many dots, no extension, and a 0-byte file', async () => {
    await setup();
    const names = ['годовой отчёт  2026.final.v3.pdf', 'NOEXT', 'zero.bin'];
    const files = [await writeWorkFile(h, names[0]!, 'a'), await writeWorkFile(h, names[1]!, 'b'), await writeWorkFile(h, names[2]!, '')];
    const { view } = await sign(files);
    const copies = view.files.map((f) => f.copy?.name);
    expect(copies).toEqual([
      `годовой отчёт  2026.final.v3-SigexId${view.files[0]!.documentId}.pdf`,
      `NOEXT-SigexId${view.files[1]!.documentId}`,
      `zero-SigexId${view.files[2]!.documentId}.bin`,
    ]);
  });

  test('auto-save off: the copy is offered, not written, and can be saved on request', async () => {
    await setup();
    await core.settings.update({ autoSaveCopy: false });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await sign([file]);
    expect(view.files[0]!.copy).toMatchObject({ saved: false });
    expect(await fsp.readdir(h.workDir)).toEqual(['a.pdf']);
    const saved = await core.signing.saveCopy(view.jobId, view.files[0]!.handle);
    expect(saved.copy?.saved).toBe(true);
  });

  test('the registered CMS is the detached signature of the exact bytes', async () => {
    await setup({ ncalayer: { resultFormat: 'base64', signer: 'employee' } });
    const file = await writeWorkFile(h, 'a.pdf', 'exact bytes');
    const { view } = await sign([file]);
    const doc = h.sigex.document(view.files[0]!.documentId!)!;
    const info = await inspectCms(doc.signatures[0]!.cms);
    expect(info.signatureValid).toBe(true);
    expect(info.messageDigest.toString('hex')).toBe(sha('exact bytes'));
    expect(info.encapsulatedContent).toBeUndefined();
    expect(view.signer).toMatchObject({ bin: expect.stringMatching(/^\d{12}$/) });
  });
});
