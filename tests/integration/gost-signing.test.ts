/**
 * A GOST-2015 key (GOST 34.10-2015 512 bit, Streebog-512; what NCA RK issues now) through the
 * whole core against both simulators: the CMS is read, the signer's IIN / BIN / e-mail shown,
 * strict requirements checked, and "the signature covers these exact bytes" checked with
 * Streebog-512 before SIGEX. "Stopped before SIGEX" is read from SIGEX's request log.
 */
import { promises as fsp } from 'node:fs';
import { cosignFiles } from '../../src-main/core/cosign/cosign';
import { SigexClient } from '../../src-main/core/sigex/client';
import { streebog512 } from '../../src-main/core/crypto/streebog';
import { withCheckDigit } from '../../src-main/core/iin';
import { DEFAULT_DOCUMENT_SETTINGS, type SignOptions } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { inspectCms } from '../simulators/cms';
import { loadPki } from '../simulators/fixtures';
import { KZ_OID } from '../simulators/gost/kz-gost';
import { startHarness, writeWorkFile, type Harness, type HarnessOptions } from '../support/harness';
import { signFiles } from '../support/sign-files';
import { noOptions as plain, startCore, stopCore } from '../support/core';
import { cosignContext, receivedFile } from '../support/cosign';

jest.setTimeout(60_000);

let h: Harness;
let core: CoreServices;

async function setup(o: HarnessOptions = {}): Promise<void> {
  h = await startHarness(o);
  core = await startCore(h);
}
afterEach(() => stopCore(core, h));

const gost = loadPki().signers.gost;
const strict = (req: { iin?: string; bin?: string }): SignOptions => ({
  emails: [],
  settings: {
    ...DEFAULT_DOCUMENT_SETTINGS,
    strictSignersRequirements: true,
    signersRequirements: [{ ...(req.iin ? { iin: `IIN${req.iin}` } : {}), ...(req.bin ? { bin: `BIN${req.bin}` } : {}) }],
  },
});
/** Requests that would create or change a document in SIGEX. */
const documentRequests = () => h.sigex.requests.filter((r) => ['register', 'data', 'addSignature', 'exported'].includes(r.route));

test('NCALayer with a GOST-2015 key: registered, checked with Streebog-512, signer details shown', async () => {
  await setup({ ncalayer: { signer: 'gost' } });
  const content = Buffer.from('%PDF-1.7 договор, подписанный ключом ГОСТ\n'.repeat(2000));
  const file = await writeWorkFile(h, 'договор.pdf', content);
  const { view } = await signFiles(core, [file], plain);
  expect(view.files[0]).toMatchObject({ status: 'registered', bytesCheck: { checked: true, digest: 'streebog512' } });
  expect(view.signer).toEqual({ subject: 'ГОСТОВА ГУЛЬНАР', iin: gost.iin, bin: gost.bin, email: gost.email });

  const doc = h.sigex.documents()[0]!;
  expect(doc.signatures[0]).toMatchObject({ signAlgorithm: KZ_OID.gost2015Sign512, iin: gost.iin, bin: gost.bin });
  const info = await inspectCms(doc.signatures[0]!.cms);
  expect(info).toMatchObject({ digestAlgorithmOid: KZ_OID.gost2015Digest512, signatureValid: true });
  expect(info.messageDigest).toEqual(streebog512(content));
  expect(doc.dataStreebog512).toBe(streebog512(content).toString('hex'));
  expect(documentRequests().map((r) => r.route)).toEqual(['register', 'data']);
});

test('a GOST signature over other bytes: signature-mismatch, SIGEX got nothing, nothing written or queued', async () => {
  await setup({ ncalayer: { signer: 'gost', signOtherBytes: true } });
  const file = await writeWorkFile(h, 'contract.pdf', '%PDF-1.7 the real contract');
  const before = (await fsp.readdir(h.workDir)).sort();
  const { view } = await signFiles(core, [file], plain);
  expect(h.ncalayer!.stats.documents).toBe(1);
  expect(documentRequests()).toEqual([]); // SIGEX's own log: nothing was registered
  expect(view.files[0]).toMatchObject({ status: 'failed', error: { kind: 'signature-mismatch', params: { name: 'contract.pdf' } } });
  expect(h.sigex.documents()).toHaveLength(0);
  expect((await fsp.readdir(h.workDir)).sort()).toEqual(before);
  expect(await core.deliveries.list()).toEqual([]);
});

test('strict requirements the GOST certificate does not meet: stopped before SIGEX; ones it meets (its BIN): registered', async () => {
  await setup({ ncalayer: { signer: 'gost' } });
  const otherBin = withCheckDigit('17010140012') ?? withCheckDigit('17010140013')!;
  const refused = await signFiles(core, [await writeWorkFile(h, 'a.pdf', 'strict')], strict({ bin: otherBin }));
  expect(refused.view.files[0]).toMatchObject({ status: 'failed', error: { kind: 'requirements-not-met' } });
  expect(documentRequests()).toEqual([]);

  const accepted = await signFiles(core, [await writeWorkFile(h, 'b.pdf', 'strict ok')], strict({ bin: gost.bin! }));
  expect(accepted.view.files[0]).toMatchObject({ status: 'registered', bytesCheck: { checked: true, digest: 'streebog512' } });
  expect(documentRequests().map((r) => r.route)).toEqual(['register', 'data']);
});

test('eGov mobile (QR) with a GOST-2015 key: the same check, registered', async () => {
  await setup({ ncalayer: false, sigex: { phone: { action: 'sign', signer: 'gost' } } });
  const file = await writeWorkFile(h, 'qr.pdf', '%PDF qr GOST');
  const { view } = await signFiles(core, [file], plain, 'qr');
  expect(view.files[0]).toMatchObject({ status: 'registered', bytesCheck: { checked: true, digest: 'streebog512' } });
  expect(view.signer?.bin).toBe(gost.bin);
});

test('an RSA key is checked with SHA-256 (the view says which digest was compared)', async () => {
  await setup();
  const { view } = await signFiles(core, [await writeWorkFile(h, 'rsa.pdf', 'rsa')], plain);
  expect(view.files[0]).toMatchObject({ status: 'registered', bytesCheck: { checked: true, digest: 'sha256' } });
});

describe('co-signing a -SigexId file with a GOST-2015 key', () => {
  const cosignCtx = () => cosignContext(h, new SigexClient({ baseUrl: h.sigex.url }));
  /** Registered by a counterparty with an RSA key; the file as it arrived. */
  const received = (content: string) => receivedFile(h, content, 'act');

  test('added after the Streebog-512 check (SIGEX first asks for the digest it lacks)', async () => {
    await setup({ ncalayer: { signer: 'gost' } });
    const { id, file } = await received('Акт сверки, ГОСТ');
    const [r] = await cosignFiles([file], cosignCtx());
    expect(r).toMatchObject({ status: 'cosigned', documentId: id, bytesCheck: { checked: true, digest: 'streebog512' } });
    const doc = h.sigex.document(id)!;
    expect(doc.signatures.map((s) => s.signAlgorithm)).toEqual(['1.2.840.113549.1.1.11', KZ_OID.gost2015Sign512]);
    expect(doc.dataStreebog512).toBe(streebog512(Buffer.from('Акт сверки, ГОСТ')).toString('hex'));
  });

  test('a GOST signature over other bytes is not sent: signature-mismatch, SIGEX got no addSignature', async () => {
    await setup({ ncalayer: { signer: 'gost', signOtherBytes: true } });
    const { id, file } = await received('Акт сверки');
    const before = h.sigex.requests.length;
    const [r] = await cosignFiles([file], cosignCtx());
    expect(h.sigex.requests.slice(before).filter((q) => q.route === 'addSignature' || q.route === 'data')).toEqual([]);
    expect(r).toMatchObject({ status: 'failed', error: { kind: 'signature-mismatch' } });
    expect(h.sigex.document(id)!.signatures).toHaveLength(1);
  });
});
