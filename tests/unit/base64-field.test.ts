/**
 * The streamed decoding of SIGEX's card answer `{"ddc":"<base64>"}`: the bytes come out
 * whatever the chunk boundaries (inside an escape, a base64 group, the key), JSON escapes in
 * the base64 are undone, the rest of the answer is kept for the error check, and malformed
 * text is refused.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { Base64FieldDecoder } from '../../src-main/core/sigex/base64-field';

async function run(text: string | Buffer, chunkSize: number): Promise<{ bytes: Buffer; rest: string; found: boolean }> {
  const src = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < src.length; i += chunkSize) chunks.push(src.subarray(i, i + chunkSize));
  const d = new Base64FieldDecoder('ddc');
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    d,
    new Writable({
      write(c: Buffer, _e, cb) {
        out.push(c);
        cb();
      },
    }),
  );
  return { bytes: Buffer.concat(out), rest: d.restText(), found: d.found };
}

describe('Base64FieldDecoder', () => {
  test('decodes the field at every chunk size, escaped slashes and line breaks included; keeps the rest', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]);
    const b64 = pdf.toString('base64');
    const escaped = b64.replace(/(.{76})/g, '$1\\n').replace(/\//g, '\\/');
    const text = `{ "title" : "Акт \\"ddc\\" №1", "nested": {"ddc": "not this"}, "ddc" : "${escaped}" , "tail":[1,{"a":"}"}]}`;
    for (const size of [1, 2, 3, 5, 7, 64, 4096, text.length]) {
      const r = await run(text, size);
      expect(r.found).toBe(true);
      expect(r.bytes.equals(pdf)).toBe(true);
      expect(JSON.parse(r.rest)).toEqual({ title: 'Акт "ddc" №1', nested: { ddc: 'not this' }, ddc: '', tail: [1, { a: '}' }] });
    }
  });

  test('\\u escapes and an unpadded end decode too', async () => {
    const bytes = Buffer.from('%PDF-ab');
    const b64 = bytes.toString('base64').replace(/=+$/, '');
    const text = `{"ddc":"${b64.slice(0, 2)}\\u00${b64.charCodeAt(2).toString(16)}${b64.slice(3)}"}`;
    expect((await run(text, 3)).bytes.equals(bytes)).toBe(true);
  });

  test('an error answer has no field: nothing decoded, the message kept', async () => {
    const r = await run('{"message":"Document not found","requestID":7}', 4);
    expect(r).toEqual({ bytes: Buffer.alloc(0), rest: '{"message":"Document not found","requestID":7}', found: false });
  });

  test('malformed base64 or a string that never ends is refused', async () => {
    await expect(run('{"ddc":"AB*D"}', 2)).rejects.toMatchObject({ kind: 'sigex-server' });
    await expect(run('{"ddc":"AAAA', 2)).rejects.toMatchObject({ kind: 'sigex-server' });
    await expect(run('{"ddc":"AA=A"}', 2)).rejects.toMatchObject({ kind: 'sigex-server' });
  });
});
