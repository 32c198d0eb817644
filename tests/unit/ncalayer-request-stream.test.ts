import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { AppError } from '../../src-main/core/errors';
import { base64Of, DATA_MARK, streamRequest, type SignDocument } from '../../src-main/core/ncalayer/request-stream';
import { loadExtraCa, parseCaPems, trustContext, trustedRoots } from '../../src-main/core/ncalayer/trust';
import { readFileSync } from 'node:fs';
import { failure } from '../support/test-utils';

/** A document whose stream delivers `bytes` in the given chunk sizes. */
function docOf(bytes: Buffer, chunkSizes: number[] = [bytes.length], size = bytes.length): SignDocument {
  return {
    size,
    open: () => {
      const chunks: Buffer[] = [];
      let at = 0;
      for (let i = 0; at < bytes.length; i++) {
        const n = Math.max(1, chunkSizes[i % chunkSizes.length] ?? 1);
        chunks.push(bytes.subarray(at, at + n));
        at += n;
      }
      return Readable.from(chunks);
    },
  };
}

async function collect(gen: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const s of gen) out.push(s);
  return out;
}

const failureOf = (gen: AsyncIterable<string>): Promise<AppError> => failure(collect(gen));

describe('base64Of', () => {
  it('equals whole-buffer base64 for any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 6 }),
        async (bytes, chunkSizes) => {
          const buf = Buffer.from(bytes);
          const text = (await collect(base64Of(docOf(buf, chunkSizes)))).join('');
          expect(text).toBe(buf.toString('base64'));
        },
      ),
    );
  });

  it('equals whole-buffer base64 when every chunk is read into the same reused buffer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 6 }),
        async (bytes, chunkSizes) => {
          const buf = Buffer.from(bytes);
          const doc: SignDocument = {
            size: buf.length,
            open: async function* () {
              const reused = Buffer.alloc(17);
              for (let at = 0, i = 0; at < buf.length; i++) {
                const n = Math.min(chunkSizes[i % chunkSizes.length] as number, buf.length - at);
                buf.copy(reused, 0, at, at + n);
                at += n;
                yield reused.subarray(0, n);
                reused.fill(0xee); // the next read overwrites what was yielded
              }
            },
          };
          expect((await collect(base64Of(doc))).join('')).toBe(buf.toString('base64'));
        },
      ),
    );
  });

  it('a stream shorter or longer than the declared size is file-changed', async () => {
    const bytes = randomBytes(10);
    expect((await failureOf(base64Of(docOf(bytes, [3], 11)))).kind).toBe('file-changed');
    expect((await failureOf(base64Of(docOf(bytes, [3], 9)))).kind).toBe('file-changed');
  });

  it('a read error is file-unreadable with the errno', async () => {
    const doc: SignDocument = {
      size: 5,
      open: () =>
        new Readable({
          read() {
            this.destroy(Object.assign(new Error('EIO'), { code: 'EIO' }));
          },
        }),
    };
    const e = await failureOf(base64Of(doc));
    expect(e.kind).toBe('file-unreadable');
    expect(e.info.code).toBe('EIO');
  });
});

describe('streamRequest', () => {
  it('concatenates to the JSON request with the real base64, for one and several documents', async () => {
    const a = randomBytes(1000);
    const b = randomBytes(7);
    const one = (await collect(streamRequest({ x: 1, data: DATA_MARK, y: 'z' }, [docOf(a, [13])], 64))).join('');
    expect(JSON.parse(one)).toEqual({ x: 1, data: a.toString('base64'), y: 'z' });
    const two = (await collect(streamRequest({ data: [DATA_MARK, DATA_MARK] }, [docOf(a, [5]), docOf(b)], 64))).join('');
    expect(JSON.parse(two)).toEqual({ data: [a.toString('base64'), b.toString('base64')] });
  });

  it('pieces stay near the fragment size however big the file is', async () => {
    const big = randomBytes(300_000);
    const pieces = await collect(streamRequest({ data: DATA_MARK }, [docOf(big, [65536])], 16_384));
    expect(pieces.length).toBeGreaterThanOrEqual(5);
    // a piece is at most one fragment plus one chunk's base64
    for (const p of pieces) expect(p.length).toBeLessThan(16_384 + Math.ceil(65536 / 3) * 4 + 8);
    expect(JSON.parse(pieces.join('')).data).toBe(big.toString('base64'));
  });

  it('refuses a template whose marks do not match the documents', async () => {
    expect((await failureOf(streamRequest({ data: DATA_MARK }, [docOf(Buffer.from('a')), docOf(Buffer.from('b'))]))).kind).toBe('internal');
  });
});

describe('trust', () => {
  const caPath = join(__dirname, '..', 'simulators', 'pki', 'root-ca.pem');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ncalayer-ca-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a PEM CA file', async () => {
    const pems = await loadExtraCa(caPath);
    expect(pems).toHaveLength(1);
    expect(trustedRoots(pems)).toContain(pems[0]);
  });

  it('a missing file is invalid-input naming the file', async () => {
    const missing = join(dir, 'nope.pem');
    await expect(loadExtraCa(missing)).rejects.toMatchObject({
      kind: 'invalid-input',
      info: { code: 'ENOENT', params: { file: missing } },
    });
  });

  it('a file without certificates, or with a broken one, is invalid-input', async () => {
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'hello');
    await expect(loadExtraCa(junk)).rejects.toMatchObject({ kind: 'invalid-input' });
    const broken = readFileSync(caPath, 'utf8').replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    expect(() => parseCaPems(broken, 'broken.pem')).toThrow(AppError);
  });

  it('always includes Node bundled roots', () => {
    expect(trustedRoots().length).toBeGreaterThan(50);
  });

  it('the TLS context is built once per set of extra roots (NCALayer tests connect through it)', async () => {
    const pems = await loadExtraCa(caPath);
    const withCa = await trustContext(pems);
    expect(await trustContext(pems)).toBe(withCa);
    const plain = await trustContext();
    expect(plain).not.toBe(withCa);
    expect(await trustContext([])).toBe(plain);
  });
});
