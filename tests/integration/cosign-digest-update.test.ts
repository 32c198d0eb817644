/**
 * "Digests values update required": SIGEX asks for the document's bytes again to compute the
 * digest it lacks (a GOST co-signature on an RSA-registered document). Those bytes must be the
 * ones the document was signed over, checked as they go: a file changed after the check never
 * completes that upload (SIGEX would compute a digest of other bytes). Found by a second reader.
 */
import { promises as fsp } from 'node:fs';
import { cosignFiles } from '../../src-main/core/cosign/cosign';
import { HistoryJournal } from '../../src-main/core/history/journal';
import { OutboxStore } from '../../src-main/core/outbox/store';
import { Deliveries } from '../../src-main/core/signing/deliveries';
import { SigexClient, type ByteSource, type UploadOptions } from '../../src-main/core/sigex/client';
import { cosignContext, receivedFile } from '../support/cosign';
import { startCore } from '../support/core';
import { FAST_RETRY } from '../support/fast-retry';
import { startHarness, type Harness } from '../support/harness';

jest.setTimeout(30_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ ncalayer: { signer: 'employee' } });
});
afterAll(() => h.stop());

test.each([['through the outbox'], ['without an outbox']])(
  'the file rewritten (same size, same time) just before the bytes go up again: file-changed, the upload never completes (%s)',
  async (how) => {
    const content = 'акт сверки '.repeat(20_000);
    const { id, file } = await receivedFile(h, content, 'digest-update');
    const when = new Date('2026-11-30T09:00:00Z');
    await fsp.utimes(file, when, when);
    h.sigex.requireDigestUpdate(id);
    const registeredAt = h.sigex.requests.length;
    const core = await startCore(h);
    try {
      /** SIGEX, reached through a client that lets someone rewrite the file as the re-upload starts. */
      class RewrittenOnUpload extends SigexClient {
        override async uploadData(documentId: string, source: ByteSource, o?: UploadOptions) {
          await fsp.writeFile(file, content.toUpperCase()); // same length in bytes
          await fsp.utimes(file, when, when);
          return super.uploadData(documentId, source, o);
        }
      }
      const deliveries = new Deliveries({
        outbox: new OutboxStore(h.dataDir),
        history: new HistoryJournal(h.dataDir),
        settings: () => core.settings.effective(),
        locale: () => 'en',
        sigex: (s) => new RewrittenOnUpload({ baseUrl: s.sigexUrl }),
        callPolicy: FAST_RETRY.call,
        queuePolicy: FAST_RETRY.queue,
      });
      const [r] =
        how === 'through the outbox'
          ? await cosignFiles([file], { ...cosignContext(h, new SigexClient({ baseUrl: h.sigex.url })), deliveries })
          : await cosignFiles([file], cosignContext(h, new RewrittenOnUpload({ baseUrl: h.sigex.url })));
      expect(r).toMatchObject({ status: 'failed', error: { kind: 'file-changed' } });
      // Whatever reached SIGEX after the registration: never a whole body (the last chunk is held
      // back until the bytes are known to be the signed ones; here it is the only chunk).
      const reuploads = h.sigex.requests.slice(registeredAt).filter((q) => q.route === 'data');
      expect(reuploads.filter((q) => (q.bytes ?? 0) >= Buffer.byteLength(content))).toEqual([]);
      expect(h.sigex.document(id)!.signatures).toHaveLength(1);
    } finally {
      await core.close();
    }
  },
);
