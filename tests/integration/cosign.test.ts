/**
 * Checking and co-signing `-SigexId` files against the simulators: real wss NCALayer, real
 * HTTP, real CMS. The first signature is registered directly in the SIGEX simulator (as a
 * counterparty would), the file arrives under its SIGEX name, and the app adds a signature.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp, promises as fsPromises, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createHandlers, type HostPorts } from '../../src-main/ipc/handlers';
import { checkFile } from '../../src-main/core/cosign/check';
import { cardName, saveDocumentCard } from '../../src-main/core/cosign/card';
import { cosignFiles } from '../../src-main/core/cosign/cosign';
import { formatError } from '../../src-shared/i18n/format-error';
import type { QrView } from '../../src-shared/model';
import { SigexClient } from '../../src-main/core/sigex/client';
import { registered } from '../simulators/sigex-test-client';
import { readPdf } from '../support/pdf';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';
import { startCore } from '../support/core';
import { cosignContext, receivedFile } from '../support/cosign';
import { opensslVerify as verifyWithOpenssl } from '../simulators/openssl';

jest.setTimeout(30_000);

let h: Harness;
let sigex: SigexClient;
beforeAll(async () => {
  h = await startHarness({ ncalayer: { signer: 'employee' } });
  sigex = new SigexClient({ baseUrl: h.sigex.url });
});
afterAll(() => h.stop());
beforeEach(() => {
  h.sigex.reset();
  h.ncalayer!.setMode({ signer: 'employee', outcome: 'sign' });
});

const ctx = () => cosignContext(h, sigex);

/** A document registered by the counterparty, and the file as it arrived: <name>-SigexId<id>.pdf */
const received = (content: string | Buffer, settings?: unknown, name = 'act') => receivedFile(h, content, name, settings);

const opensslVerify = (cms: Buffer, contentFile: string) => verifyWithOpenssl(cms, { contentFile });

describe('check', () => {
  test('the card lists the signatures, limit and restrictions; the bytes match', async () => {
    const { id, file } = await received('completed works', { signaturesLimit: 3, unique: ['iin'] });
    const card = await checkFile(file, ctx());
    expect(card).toMatchObject({
      documentId: id,
      title: 'act.pdf',
      signaturesTotal: 1,
      signaturesLimit: 3,
      restrictions: { unique: ['iin'], requirements: 0 },
      documentUrl: `${h.sigex.url}/en/show/?id=${id}`,
      matches: true,
    });
    expect(card.signatures).toEqual([
      expect.objectContaining({ iin: '850515300125', tsp: true, ocsp: true, time: expect.any(String), signer: expect.any(String) }),
    ]);
    expect(card.signatures[0]!.signer).not.toContain('CN=');
  });

  test('other bytes under the same name do not match; without a reported digest: not compared', async () => {
    const { id } = await received('the real content');
    const changed = await writeWorkFile(h, `copy-SigexId${id}.pdf`, 'the real contenT');
    expect((await checkFile(changed, ctx())).matches).toBe(false);
    h.sigex.setInfoDigests(false);
    expect((await checkFile(changed, ctx())).matches).toBeNull();
    const shorter = await writeWorkFile(h, `short-SigexId${id}.pdf`, 'short');
    expect((await checkFile(shorter, ctx())).matches).toBe(false); // the size alone tells
  });

  test('restricted, not found, no id in the name: clear errors', async () => {
    const { file } = await received('secret', { private: true });
    const restricted = await checkFile(file, ctx()).catch((e: unknown) => e);
    expect(restricted).toMatchObject({ kind: 'sigex-error', info: { sigexKey: 'Access denied' } });
    const text = formatError({ kind: 'sigex-error', message: '', sigexKey: 'Access denied' }, 'en');
    expect(text.description).toMatch(/sign in on sigex\.kz/);
    const missing = await writeWorkFile(h, 'x-SigexIdAAAAAAAAAAAAAAAA.pdf', 'x');
    expect(await checkFile(missing, ctx()).catch((e: unknown) => e)).toMatchObject({ info: { sigexKey: 'Document not found' } });
    const plain = await writeWorkFile(h, 'plain.pdf', 'x');
    const noId = (await checkFile(plain, ctx()).catch((e: unknown) => e)) as { kind: string; info: { params: Record<string, string> } };
    expect(noId.kind).toBe('no-sigex-id');
    expect(noId.info.params.verifyUrl).toBe(`${h.sigex.url}/en/verify/`);
    expect(h.sigex.requests.filter((r) => r.path.includes('plain'))).toHaveLength(0);
  });
});

describe('co-sign', () => {
  test('adds a second signature that openssl verifies against the file; the file is not renamed', async () => {
    const { id, file } = await received('Акт выполненных работ №7');
    const [r] = await cosignFiles([file], ctx());
    expect(r).toMatchObject({ status: 'cosigned', documentId: id });
    expect(r!.card?.signatures.map((s) => s.iin)).toEqual(['850515300125', '900101400231']);
    const doc = h.sigex.document(id)!;
    expect(doc.signatures).toHaveLength(2);
    expect(opensslVerify(doc.signatures[1]!.cms, file).status).toBe(0);
    const other = await writeWorkFile(h, 'other.bin', 'not the act');
    expect(opensslVerify(doc.signatures[1]!.cms, other).status).not.toBe(0);
    expect((await fsp.readdir(h.workDir)).filter((n) => n.includes(id))).toEqual([path.basename(file)]);
  });

  test('several files: ONE NCALayer request, each signature added to its own document', async () => {
    const a = await received('first act', undefined, 'a');
    const b = await received('second act', undefined, 'b');
    const before = h.ncalayer!.stats.requests;
    const results = await cosignFiles([a.file, b.file], ctx());
    expect(results.map((r) => r.status)).toEqual(['cosigned', 'cosigned']);
    expect(h.ncalayer!.stats.requests - before).toBe(1);
    expect(h.sigex.document(a.id)!.signatures).toHaveLength(2);
    expect(h.sigex.document(b.id)!.signatures).toHaveLength(2);
  });

  test('limit reached and requirement refused: clear messages in ru / kk / en, nothing added', async () => {
    const limited = await received('limited', { signaturesLimit: 1 }, 'limited');
    const strict = await received('strict', { signersRequirements: [{ iin: 'IIN850515300125' }] }, 'strict');
    const [l, s] = await cosignFiles([limited.file, strict.file], ctx());
    expect(l).toMatchObject({ status: 'failed', error: { kind: 'sigex-error', sigexKey: 'Document signatures limit reached' } });
    expect(s).toMatchObject({
      status: 'failed',
      error: { kind: 'sigex-error', sigexKey: 'Signature does not conform to document settings requirements' },
    });
    expect(formatError(l!.error!, 'en').message).toBe('The document has reached its limit of signatures.');
    expect(formatError(l!.error!, 'kk').message).not.toBe(formatError(l!.error!, 'en').message);
    expect(formatError(s!.error!, 'ru').message).toMatch(/требован/);
    expect(h.sigex.document(limited.id)!.signatures).toHaveLength(1);
    expect(h.sigex.document(strict.id)!.signatures).toHaveLength(1);
  });

  test('restricted and unknown documents fail; a file without an id never reaches NCALayer', async () => {
    const priv = await received('private', { private: true }, 'priv');
    const plain = await writeWorkFile(h, 'plain.pdf', 'x');
    const before = h.ncalayer!.stats.documents;
    const unknown = await writeWorkFile(h, 'gone-SigexIdAAAAAAAAAAAAAAAA.pdf', 'x');
    const [p, n, u] = await cosignFiles([priv.file, plain, unknown], ctx());
    expect(p).toMatchObject({ status: 'failed', error: { sigexKey: 'Access denied' } });
    expect(n).toMatchObject({ status: 'failed', error: { kind: 'no-sigex-id' } });
    expect(u).toMatchObject({ status: 'failed', error: { sigexKey: 'Document not found' } });
    expect(formatError(u!.error!, 'en').message).toBe('The document was not found in SIGEX.');
    expect(h.ncalayer!.stats.documents - before).toBe(2);
  });

  test('Digests values update required: the bytes are uploaded again and the add is retried once', async () => {
    const { id, file } = await received('needs new digests');
    h.sigex.requireDigestUpdate(id);
    const [r] = await cosignFiles([file], ctx());
    expect(r).toMatchObject({ status: 'cosigned' });
    const routes = h.sigex.requests.filter((q) => q.route !== 'strings').map((q) => `${q.route}${q.message ? `:${q.message}` : ''}`);
    expect(routes).toEqual(['register', 'data', 'addSignature:Digests values update required', 'data', 'addSignature', 'info']);
    expect(h.sigex.document(id)!.signatures).toHaveLength(2);
  });

  test('a file changed after signing is not sent', async () => {
    const { id, file } = await received('stable');
    h.ncalayer!.script({ kind: 'delay', ms: 400 });
    const p = cosignFiles([file], ctx());
    await new Promise((r) => setTimeout(r, 100));
    await fsp.writeFile(file, 'tampered');
    const [r] = await p;
    expect(r).toMatchObject({ status: 'failed' });
    expect(h.sigex.document(id)!.signatures).toHaveLength(1);
  });
});

describe('co-sign by eGov QR', () => {
  const hooks = () => {
    const seen = { qr: [] as QrView[], spent: 0 };
    return { seen, qr: { onQr: (q: QrView) => void seen.qr.push(q), onSpent: () => void seen.spent++ } };
  };

  test('ONE QR for several files; the phone signatures are added to each document and verify; NCALayer is not asked', async () => {
    h.sigex.setPhone({ action: 'sign', signer: 'employee', fetchDelayMs: 20, signDelayMs: 20 });
    const a = await received('первый акт', undefined, 'qa');
    const b = await received('second act', undefined, 'qb');
    const { seen, qr } = hooks();
    const ncalayerBefore = h.ncalayer!.stats.requests;
    const results = await cosignFiles([a.file, b.file], { ...ctx(), qr });
    expect(results.map((r) => r.status)).toEqual(['cosigned', 'cosigned']);
    expect(results[0]!.card?.signatures.map((s) => s.iin)).toEqual(['850515300125', '900101400231']);
    expect(seen.qr).toHaveLength(1);
    expect(seen.qr[0]!.image).toMatch(/^data:image\/png;base64,/);
    expect(seen.spent).toBe(1);
    expect(h.ncalayer!.stats.requests).toBe(ncalayerBefore);
    expect(h.sigex.requests.filter((q) => q.route === 'egovQr')).toHaveLength(1);
    expect(h.sigex.requests.filter((q) => q.route === 'addSignature').map((q) => q.path)).toEqual([`/api/${a.id}`, `/api/${b.id}`]);
    for (const d of [a, b]) {
      const doc = h.sigex.document(d.id)!;
      expect(doc.signatures).toHaveLength(2);
      expect(opensslVerify(doc.signatures[1]!.cms, d.file).status).toBe(0);
    }
    expect((await fsp.readdir(h.workDir)).filter((n) => n.startsWith('qa-'))).toEqual([path.basename(a.file)]);
  });

  test('document rules apply to the phone signature; a refusal on the phone fails every file, nothing added', async () => {
    h.sigex.setPhone({ action: 'sign', signer: 'employee', fetchDelayMs: 10, signDelayMs: 10 });
    const limited = await received('limited by qr', { signaturesLimit: 1 }, 'ql');
    const [l] = await cosignFiles([limited.file], { ...ctx(), qr: hooks().qr });
    expect(l).toMatchObject({ status: 'failed', error: { sigexKey: 'Document signatures limit reached' } });
    h.sigex.setPhone({ action: 'decline', fetchDelayMs: 10, signDelayMs: 10 });
    const x = await received('declined', undefined, 'qd');
    const [d] = await cosignFiles([x.file], { ...ctx(), qr: hooks().qr });
    expect(d).toMatchObject({ status: 'failed', error: { kind: 'qr-declined' } });
    expect(h.sigex.document(x.id)!.signatures).toHaveLength(1);
    expect(h.sigex.document(limited.id)!.signatures).toHaveLength(1);
  });

  test('QR size limits: a file over 10 MiB fails alone before any QR; files over 20 MiB together fail before any QR', async () => {
    h.sigex.setPhone({ action: 'sign', signer: 'employee', fetchDelayMs: 10, signDelayMs: 10 });
    const big = await received(randomBytes(10 * 1024 * 1024 + 1), undefined, 'qbig');
    const small = await received('small enough', undefined, 'qsmall');
    const [b, s] = await cosignFiles([big.file, small.file], { ...ctx(), qr: hooks().qr });
    expect(b).toMatchObject({ status: 'failed', error: { kind: 'file-too-large' } });
    expect(s).toMatchObject({ status: 'cosigned' });
    expect(h.sigex.requests.filter((q) => q.route === 'qrData')).toHaveLength(1);
    expect(h.sigex.requests.find((q) => q.route === 'qrData')!.body).toMatchObject({
      documentsToSign: [{ nameEn: path.basename(small.file) }],
    });
    h.sigex.reset();
    const parts: Array<{ id: string; file: string }> = [];
    for (const n of ['q1', 'q2', 'q3']) parts.push(await received(randomBytes(7 * 1024 * 1024), undefined, n));
    const all = await cosignFiles(
      parts.map((x) => x.file),
      { ...ctx(), qr: hooks().qr },
    );
    expect(all.map((r) => r.error?.kind)).toEqual(['file-too-large', 'file-too-large', 'file-too-large']);
    expect(h.sigex.requests.filter((q) => q.route === 'egovQr')).toHaveLength(0);
  });

  test('a file changed while the phone signs is not sent to SIGEX', async () => {
    h.sigex.setPhone({ action: 'sign', signer: 'employee', fetchDelayMs: 10, signDelayMs: 50 });
    const { id, file } = await received('stable for qr', undefined, 'qc');
    const qr = { onQr: () => undefined, onSpent: () => writeFileSync(file, 'tampered while signing') };
    const [r] = await cosignFiles([file], { ...ctx(), qr });
    expect(r).toMatchObject({ status: 'failed', error: { kind: 'file-changed' } });
    expect(h.sigex.requests.filter((q) => q.route === 'addSignature')).toHaveLength(0);
    expect(h.sigex.document(id)!.signatures).toHaveLength(1);
  });
});

describe('document card', () => {
  test('saved beside the file as <name>-SigexId<id>.card.pdf, a PDF embedding the file; never overwrites', async () => {
    const { id, file } = await received('card me');
    const first = await saveDocumentCard(file, id, sigex);
    expect(first.name).toBe(`act-SigexId${id}.card.pdf`);
    expect(path.dirname(first.path)).toBe(h.workDir);
    const pdf = await fsp.readFile(first.path);
    expect(readPdf(pdf).embedded[0]!.toString()).toBe('card me');
    expect(h.sigex.requests.find((r) => r.route === 'buildDDC')).toMatchObject({ contentLength: 7 });
    const second = await saveDocumentCard(file, id, sigex);
    expect(second.name).toBe(`act-SigexId${id} (2).card.pdf`);
    expect((await fsp.readFile(first.path)).equals(pdf)).toBe(true);
    expect(cardName('report.v2-SigexIdAB12.pdf', 'AB12')).toBe('report.v2-SigexIdAB12.card.pdf');
    expect((await fsp.readdir(h.workDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('document card where hard links are refused', () => {
  test('the copy that replaces the link does not overwrite either', async () => {
    const { id, file } = await received('no links here', undefined, 'nolink');
    const link = jest.spyOn(fsPromises, 'link').mockRejectedValue(Object.assign(new Error('EPERM'), { code: 'EPERM' }));
    try {
      const first = await saveDocumentCard(file, id, sigex);
      const before = await fsp.readFile(first.path);
      const second = await saveDocumentCard(file, id, sigex);
      expect([first.name, second.name]).toEqual([`nolink-SigexId${id}.card.pdf`, `nolink-SigexId${id} (2).card.pdf`]);
      expect((await fsp.readFile(first.path)).equals(before)).toBe(true);
      expect(link).toHaveBeenCalled();
    } finally {
      link.mockRestore();
    }
  });
});

describe('document card, large', () => {
  test('a card of several MiB is decoded into the file as it streams in, byte for byte; a refused card leaves nothing', async () => {
    const content = randomBytes(6 * 1024 * 1024);
    const id = await registered(h.sigex, { content, title: 'scan.pdf' });
    const file = await writeWorkFile(h, `scan-SigexId${id}.pdf`, content);
    const card = await saveDocumentCard(file, id, sigex);
    const pdf = await fsp.readFile(card.path);
    expect(pdf.length).toBeGreaterThan(6 * 1024 * 1024);
    expect(readPdf(pdf).embedded[0]!.equals(content)).toBe(true);
    // Refused by SIGEX (restricted): a clear error, no card, no temp file left behind.
    h.sigex.document(id)!.private = true;
    await expect(saveDocumentCard(file, id, sigex)).rejects.toMatchObject({ info: { sigexKey: 'Access denied' } });
    const names = await fsp.readdir(h.workDir);
    expect(names.filter((n) => n.startsWith('scan-') && n.includes('.card'))).toEqual([path.basename(card.path)]);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('co-sign through the outbox', () => {
  test('SIGEX unreachable: the co-signature is queued, delivered when back, and recorded in the history', async () => {
    const core = await startCore(h);
    const { id, file } = await received('offline co-sign', undefined, 'offline');
    await h.sigex.goOffline();
    try {
      const [r] = await cosignFiles([file], { ...ctx(), deliveries: core.deliveries });
      expect(r).toMatchObject({ status: 'queued', documentId: id, error: { kind: 'network' } });
      const items = await core.deliveries.list();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ id: r!.outboxId });
    } finally {
      await h.sigex.goOnline();
    }
    const delivered = await core.deliveries.deliverRecord(r0(await core.deliveries.list()));
    expect(typeof delivered === 'object' && delivered.view.status).toBe('registered');
    expect(h.sigex.document(id)!.signatures.map((s) => s.iin)).toEqual(['850515300125', '900101400231']);
    expect(await core.deliveries.list()).toHaveLength(0);
    const history = await core.history.all();
    expect(history).toEqual([expect.objectContaining({ kind: 'cosign', documentId: id, path: file })]);
    // Delivered once: the outbox does not send the same co-signature twice.
    expect(h.sigex.requests.filter((q) => q.route === 'addSignature' && !q.message)).toHaveLength(1);
    await core.close();
  });

  test('online with the outbox: cosigned at once, history entry of kind cosign; a refusal is not kept', async () => {
    const core = await startCore(h);
    const ok = await received('online co-sign', undefined, 'online');
    const full = await received('full', { signaturesLimit: 1 }, 'full');
    const [a, b] = await cosignFiles([ok.file, full.file], { ...ctx(), deliveries: core.deliveries });
    expect(a).toMatchObject({ status: 'cosigned', card: { signaturesTotal: 2 } });
    expect(b).toMatchObject({ status: 'failed', error: { sigexKey: 'Document signatures limit reached' } });
    expect(await core.deliveries.list()).toHaveLength(0);
    expect((await core.history.all()).filter((e) => e.documentId === ok.id)).toEqual([expect.objectContaining({ kind: 'cosign' })]);
    await core.close();
  });
});

describe('the app handlers: co-sign by QR', () => {
  test('qrStart answers with the QR, qrNext with the spent QR, then the outcomes; cancel ends a run with cancelled', async () => {
    const core = await startCore(h);
    const handlers = createHandlers(core, { systemLanguage: 'en', log: () => undefined } as unknown as HostPorts, () => undefined);
    h.sigex.setPhone({ action: 'sign', signer: 'employee', fetchDelayMs: 150, signDelayMs: 400 });
    const { id, file } = await received('handlers by qr', undefined, 'hq');
    const { handle } = await core.files.add(file);
    const first = await handlers['cosign:qrStart']([handle]);
    expect(first).toMatchObject({
      sessionId: expect.stringMatching(/^cq_/),
      qr: { spent: false, image: expect.stringMatching(/^data:image/) },
    });
    const spent = await handlers['cosign:qrNext'](first.sessionId, first.version);
    expect(spent.qr?.spent).toBe(true);
    const done = await handlers['cosign:qrNext'](spent.sessionId, spent.version);
    expect(done.outcomes).toEqual([
      expect.objectContaining({ status: 'cosigned', documentId: id, card: expect.objectContaining({ signaturesTotal: 2 }) }),
    ]);
    expect(done.outcomes![0]).not.toHaveProperty('cms');
    expect(h.sigex.document(id)!.signatures).toHaveLength(2);
    // A finished run is handed out once.
    await expect(handlers['cosign:qrNext'](done.sessionId, done.version)).rejects.toMatchObject({ kind: 'invalid-input' });

    h.sigex.setPhone({ action: 'noScan' });
    const second = await handlers['cosign:qrStart']([handle]);
    expect(second.qr).toBeDefined();
    await handlers['cosign:qrCancel'](second.sessionId);
    const cancelled = await handlers['cosign:qrNext'](second.sessionId, second.version);
    expect(cancelled.outcomes).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.objectContaining({ kind: 'cancelled' }) }),
    ]);
    expect(h.sigex.document(id)!.signatures).toHaveLength(2);
    await core.close();
  });
});

function r0(items: Array<{ id: string }>): string {
  return items[0]!.id;
}

describe('the app handlers', () => {
  test('cosign:sign with the autoSaveCard setting saves the card beside the file', async () => {
    const core = await startCore(h);
    const handlers = createHandlers(core, { systemLanguage: 'en', log: () => undefined } as unknown as HostPorts, () => undefined);
    const { id, file } = await received('auto card', undefined, 'auto');
    const { handle } = await core.files.add(file);
    const [first] = await handlers['cosign:sign']([handle]);
    expect(first).toMatchObject({ status: 'cosigned' });
    // The byte check reaches the renderer (the card says when it could not be made).
    expect(first!.bytesCheck).toEqual({ checked: true, digest: 'sha256' });
    expect(first!.cardSaved).toBeUndefined();
    await core.settings.update({ autoSaveCard: true });
    h.ncalayer!.setMode({ signer: 'individual' }); // a third signature, by the first signer
    const [second] = await handlers['cosign:sign']([handle]);
    expect(second).toMatchObject({ status: 'cosigned', cardSaved: { name: `auto-SigexId${id}.card.pdf` } });
    expect(readPdf(await fsp.readFile(second!.cardSaved!.path)).embedded[0]!.toString()).toBe('auto card');
    expect(second).not.toHaveProperty('cms');
    await core.close();
  });
});
