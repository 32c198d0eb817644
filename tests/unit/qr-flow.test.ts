/**
 * Pure pieces of the QR flow; the whole flow runs against the SIGEX simulator in
 * tests/integration/qr-signing.test.ts.
 */
import { mimeFor, qrImageDataUrl, QR_ASSUMED_TTL_MS, runQrSigning } from '../../src-main/core/signing/qr';
import { Job } from '../../src-main/core/signing/job';
import { FileJob } from '../../src-main/core/signing/file-job';
import type { SigexPort } from '../../src-main/core/signing/ports';
import type { JobView } from '../../src-main/ipc/contract';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

test('PDFs are announced to the phone as PDFs, other files without a type', () => {
  expect(mimeFor('Договор.PDF')).toBe('@file/pdf');
  expect(mimeFor('a.docx')).toBe('');
  expect(mimeFor('pdf')).toBe('');
});

test('the QR image keeps its real type (PNG or GIF)', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
  const gif = Buffer.from('GIF89a\0\0\0\0\0\0').toString('base64');
  expect(qrImageDataUrl(png)).toMatch(/^data:image\/png;base64,/);
  expect(qrImageDataUrl(gif)).toMatch(/^data:image\/gif;base64,/);
});

test('when SIGEX does not say when the QR expires, a lifetime is assumed (not "already expired")', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-qr-'));
  const file = path.join(dir, 'a.pdf');
  await fsp.writeFile(file, 'x');
  const views: JobView[] = [];
  const job = new Job('job_testtesttest', 'qr', (v) => views.push(v));
  const hooks = { changed: () => job.emit(), persist: async () => undefined, forget: async () => undefined };
  job.files = [
    new FileJob({ handle: 'h', path: file, name: 'a.pdf', size: 1 }, { handle: 'h', name: 'a.pdf', size: 1, status: 'pending' }, hooks),
  ];
  const before = Date.now();
  // A port whose phone never scans: the flow stops when the test cancels it.
  const port = {
    createQr: async () => ({ qrCode: '', dataURL: 'd', signURL: 's', eGovMobileLaunchLink: 'm', eGovBusinessLaunchLink: 'b', expireAt: 0 }),
    sendQrData: (_u: string, _d: unknown, o?: { signal?: AbortSignal }) =>
      new Promise<void>((_r, reject) => o?.signal?.addEventListener('abort', () => reject(o.signal?.reason))),
  } as unknown as SigexPort;
  const running = runQrSigning(job, port);
  await new Promise((r) => setTimeout(r, 50));
  const shown = views.find((v) => v.qr)!;
  expect(shown.qr!.expireAt).toBeGreaterThanOrEqual(before + QR_ASSUMED_TTL_MS);
  job.abort.abort(new Error('stop'));
  await expect(running).rejects.toThrow('stop');
  await fsp.rm(dir, { recursive: true, force: true });
});
