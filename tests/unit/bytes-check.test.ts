import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIGEST_BY_OID, digestChunks, digestForOid } from '../../src-main/core/crypto/digests';
import { streebog256, streebog512 } from '../../src-main/core/crypto/streebog';
import { isAppError } from '../../src-main/core/errors';
import { checkSignedBytes } from '../../src-main/core/signing/bytes-check';

const SHA256 = '2.16.840.1.101.3.4.2.1';
const KZ_STREEBOG512 = '1.2.398.3.10.1.3.3';
const KZ_STREEBOG256 = '1.2.398.3.10.1.3.2';
const TC26_STREEBOG512 = '1.2.643.7.1.1.2.3';
const KZ_GOST_34311_95 = '1.2.398.3.10.1.3.1';

let dir: string;
let file: string;
const content = Buffer.from('%PDF-1.7 a document\n'.repeat(5000));
const sha = createHash('sha256').update(content).digest('hex');

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'bytes-check-'));
  file = path.join(dir, 'doc.pdf');
  await fsp.writeFile(file, content);
});
afterAll(() => fsp.rm(dir, { recursive: true, force: true }));

const check = (digestAlgorithm: string, messageDigest: Buffer, snapSha = sha) =>
  checkSignedBytes({ path: file, name: 'doc.pdf', snap: { sha256: snapSha }, digestAlgorithm, messageDigest });

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'passed';
  } catch (e) {
    return isAppError(e) ? e.kind : 'other';
  }
}

test('the OIDs a signature may name map to the hash they mean', () => {
  expect(digestForOid(SHA256)).toBe('sha256');
  expect(digestForOid(KZ_STREEBOG512)).toBe('streebog512');
  expect(digestForOid(TC26_STREEBOG512)).toBe('streebog512');
  expect(digestForOid(KZ_STREEBOG256)).toBe('streebog256');
  expect(digestForOid('1.2.643.7.1.1.2.2')).toBe('streebog256');
  expect(digestForOid(KZ_GOST_34311_95)).toBeUndefined();
  expect(digestForOid('toString')).toBeUndefined();
  expect(Object.keys(DIGEST_BY_OID)).toHaveLength(5);
});

test('SHA-256: compared with the snapshot; another digest is a mismatch', async () => {
  await expect(check(SHA256, Buffer.from(sha, 'hex'))).resolves.toEqual({ checked: true, digest: 'sha256' });
  await expect(kindOf(check(SHA256, Buffer.alloc(32)))).resolves.toBe('signature-mismatch');
});

test('Streebog-512 and -256 (NCA and TC26 OIDs): the file is read again and compared', async () => {
  await expect(check(KZ_STREEBOG512, streebog512(content))).resolves.toEqual({ checked: true, digest: 'streebog512' });
  await expect(check(TC26_STREEBOG512, streebog512(content))).resolves.toEqual({ checked: true, digest: 'streebog512' });
  await expect(check(KZ_STREEBOG256, streebog256(content))).resolves.toEqual({ checked: true, digest: 'streebog256' });
});

test('a GOST digest stored in the standard printed (reversed) order is accepted too', async () => {
  await expect(check(KZ_STREEBOG512, Buffer.from(streebog512(content)).reverse())).resolves.toEqual({
    checked: true,
    digest: 'streebog512',
  });
});

test('a Streebog digest of other bytes, or of the right bytes with the wrong algorithm, is a mismatch', async () => {
  await expect(kindOf(check(KZ_STREEBOG512, streebog512(Buffer.from('other'))))).resolves.toBe('signature-mismatch');
  await expect(kindOf(check(KZ_STREEBOG256, streebog512(content).subarray(0, 32)))).resolves.toBe('signature-mismatch');
  await expect(kindOf(check(KZ_STREEBOG512, Buffer.concat([streebog256(content), streebog256(content)])))).resolves.toBe(
    'signature-mismatch',
  );
});

test('the file changed since the snapshot: file-changed, not a verdict on the signature', async () => {
  await expect(kindOf(check(KZ_STREEBOG512, streebog512(content), 'ab'.repeat(32)))).resolves.toBe('file-changed');
});

test('an algorithm we cannot compute is reported as not checked, never as passed', async () => {
  await expect(check(KZ_GOST_34311_95, Buffer.alloc(32))).resolves.toEqual({ checked: false, digestOid: KZ_GOST_34311_95 });
});

test('a missing file is a file error', async () => {
  const r = checkSignedBytes({
    path: path.join(dir, 'gone.pdf'),
    name: 'gone.pdf',
    snap: { sha256: sha },
    digestAlgorithm: KZ_STREEBOG512,
    messageDigest: streebog512(content),
  });
  await expect(kindOf(r)).resolves.toBe('file-unreadable');
});

describe('hashing a large input with Streebog', () => {
  const big = Buffer.alloc(4 * 1024 * 1024, 0x5a);
  async function* oneChunk(): AsyncIterable<Uint8Array> {
    yield big; // one 4 MiB chunk, no I/O in between: only the hasher can give the event loop a turn
  }

  test('lets the event loop run between slices (the main process keeps answering)', async () => {
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const d = await digestChunks(oneChunk(), ['sha256', 'streebog512']);
    running = false;
    expect(d.streebog512).toEqual(streebog512(big));
    expect(d.sha256.toString('hex')).toBe(createHash('sha256').update(big).digest('hex'));
    expect(turns).toBeGreaterThanOrEqual(4 * 8 - 1); // 4 MiB in 128 KiB slices
  });

  test('stops on cancel with the cancel reason', async () => {
    const ac = new AbortController();
    const reason = new Error('cancelled by the user');
    setImmediate(() => ac.abort(reason));
    await expect(digestChunks(oneChunk(), ['streebog512'], ac.signal)).rejects.toBe(reason);
  });
});
