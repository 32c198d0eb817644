/**
 * The simulators' own WebSocket server (sim-websocket.ts), driven frame by frame over raw TLS:
 * a request longer than STREAM_ABOVE_BYTES (read as it streams) cut at awkward places, in
 * frames and in TCP writes; control frames between fragments; protocol errors and their close codes.
 */
import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import * as tls from 'node:tls';
import { loadPki } from './cms';
import { startNcaLayerSimulator, STREAM_ABOVE_BYTES, type NcaLayerSim } from './ncalayer-sim';
import { unmask } from './sim-websocket';

interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** A client over raw TLS: writes whatever bytes it is given, reads server frames. */
class RawClient {
  private buffered: Buffer;
  private readonly frames: Frame[] = [];
  private wake: (() => void) | null = null;
  ended = false;

  private constructor(
    readonly socket: tls.TLSSocket,
    leftover: Buffer,
  ) {
    this.buffered = leftover;
    socket.on('data', (b: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, b]);
      this.parse();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  static async connect(sim: NcaLayerSim, key = randomBytes(16).toString('base64')): Promise<{ client: RawClient; head: string }> {
    const socket = tls.connect({ host: '127.0.0.1', port: sim.port, ca: loadPki().caCertPem });
    await once(socket, 'secureConnect');
    socket.write(
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    let head = Buffer.alloc(0);
    while (head.indexOf('\r\n\r\n') < 0) head = Buffer.concat([head, (await once(socket, 'data'))[0] as Buffer]);
    const end = head.indexOf('\r\n\r\n') + 4;
    const client = new RawClient(socket, head.subarray(end));
    client.parse();
    return { client, head: head.subarray(0, end).toString('latin1') };
  }

  /** Writes bytes in TCP writes of the given sizes (cycled). */
  async write(bytes: Buffer, sizes: number[] = [bytes.length]): Promise<void> {
    for (let at = 0, i = 0; at < bytes.length; i++) {
      const n = Math.max(1, sizes[i % sizes.length] as number);
      if (this.ended) throw new Error('socket closed');
      if (!this.socket.write(bytes.subarray(at, at + n))) await this.drainOrClose();
      at += n;
    }
  }

  /** (Not once() raced twice: the loser's listeners stayed, one pair per wait, and would reject on an error.) */
  private drainOrClose(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done).off('close', done);
        resolve();
      };
      this.socket.on('drain', done).on('close', done);
    });
  }

  async next(): Promise<Frame> {
    while (this.frames.length === 0) {
      if (this.ended) throw new Error('socket closed');
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.frames.shift() as Frame;
  }

  parse(): void {
    for (;;) {
      const b = this.buffered;
      if (b.length < 2) break;
      const len7 = (b[1] as number) & 0x7f;
      const at = len7 === 126 ? 4 : len7 === 127 ? 10 : 2;
      if (b.length < at) break;
      const length = len7 === 126 ? b.readUInt16BE(2) : len7 === 127 ? Number(b.readBigUInt64BE(2)) : len7;
      if (b.length < at + length) break;
      expect((b[1] as number) & 0x80).toBe(0); // server frames are never masked
      this.frames.push({ fin: ((b[0] as number) & 0x80) !== 0, opcode: (b[0] as number) & 0x0f, payload: b.subarray(at, at + length) });
      this.buffered = b.subarray(at + length);
    }
    this.wake?.();
  }
}

/** A masked client frame. */
function frame(opcode: number, payload: Buffer, fin = true, o: { masked?: boolean; declaredLength?: number } = {}): Buffer {
  const n = o.declaredLength ?? payload.length;
  const head = Buffer.alloc(n < 126 ? 2 : n < 65536 ? 4 : 10);
  head[0] = (fin ? 0x80 : 0) | opcode;
  if (n < 126) head[1] = n;
  else if (n < 65536) {
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  if (o.masked === false) return Buffer.concat([head, payload]);
  head[1] = (head[1] as number) | 0x80;
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((x, i) => x ^ (mask[i & 3] as number)));
  return Buffer.concat([head, mask, body]);
}

/** One message as fragments cut at the given offsets (text, then continuations). */
function fragments(message: Buffer, cuts: number[]): Buffer[] {
  const bounds = [0, ...cuts, message.length];
  return bounds.slice(1).map((end, i) => frame(i === 0 ? 1 : 0, message.subarray(bounds[i], end), i === bounds.length - 2));
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let sim: NcaLayerSim;
beforeEach(async () => {
  sim = await startNcaLayerSimulator();
});
afterEach(() => sim.stop());

test('handshake: Sec-WebSocket-Accept per RFC 6455 (its own example key), then the greeting as an unmasked text frame', async () => {
  const { client, head } = await RawClient.connect(sim, 'dGhlIHNhbXBsZSBub25jZQ==');
  expect(head).toMatch(/^HTTP\/1\.1 101 /);
  expect(head).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n');
  const greeting = await client.next();
  expect({ ...greeting, payload: JSON.parse(greeting.payload.toString()) as unknown }).toEqual({
    fin: true,
    opcode: 1,
    payload: { result: { version: '1.4' } },
  });
  client.socket.destroy();
});

test('a streamed request cut inside an escape, a UTF-8 sequence, a key and a base64 quantum, with a ping between fragments', async () => {
  const { client } = await RawClient.connect(sim);
  const closeListeners = client.socket.listenerCount('close');
  await client.next(); // greeting
  // decode:false text: escapes and Cyrillic are part of the document
  const text = 'ё"/\\ '.repeat(300_000);
  const data = JSON.stringify(text).slice(1, -1).replace(/\//g, '\\/');
  const message = Buffer.from(
    `{"module":"kz.gov.pki.knca.basics","method":"sign","args":{"format":"cms","data":"${data}",` +
      `"signingParams":{"decode":false,"encapsulate":false},"locale":"ru"}}`,
  );
  expect(message.length).toBeGreaterThan(STREAM_ABOVE_BYTES);
  const escape = message.indexOf('\\"', 1_200_000) + 1;
  const utf8 = message.indexOf('ё', 1_300_000) + 1;
  const key = message.indexOf('"signingParams"') + 5;
  const frames = fragments(message, [100, 700_000, escape, utf8, key]);
  const ping = frame(9, Buffer.from('are you there'));
  await client.write(Buffer.concat([...frames.slice(0, 3), ping, ...frames.slice(3)]), [1, 7, 65_536, 3, 100_001]);
  expect(client.socket.listenerCount('close')).toBe(closeListeners); // none left by the waits for 'drain'
  expect(await client.next()).toEqual({ fin: true, opcode: 10, payload: Buffer.from('are you there') });
  const reply = JSON.parse((await client.next()).payload.toString()) as { status: boolean };
  expect(reply.status).toBe(true);
  expect(sim.stats.lastRequest?.documents).toEqual([{ size: Buffer.byteLength(text), sha256: sha256(Buffer.from(text)) }]);
  expect(sim.stats.bytesReceived).toBe(message.length);

  // base64, cut inside quanta, two documents
  const docs = [randomBytes(700_001), randomBytes(500_000)];
  const b64 = Buffer.from(
    `{"module":"kz.gov.pki.knca.basics","method":"sign","args":{"data":["${docs.map((d) => d.toString('base64')).join('","')}"],` +
      `"signingParams":{"decode":true,"encapsulate":false}}}`,
  );
  const start = b64.indexOf('["') + 2;
  await client.write(Buffer.concat(fragments(b64, [start + 1, start + 6, start + 400_001, start + 933_335])), [13, 4093]);
  expect(JSON.parse((await client.next()).payload.toString())).toMatchObject({ status: true });
  expect(sim.stats.lastRequest?.documents).toEqual(docs.map((d) => ({ size: d.length, sha256: sha256(d) })));
  expect(sim.stats).toMatchObject({ requests: 2, documents: 3, bytesReceived: message.length + b64.length });
  client.socket.destroy();
}, 30_000);

test('heartbeat in three fragments and a binary request are answered; a close frame is echoed and the server ends', async () => {
  const { client } = await RawClient.connect(sim);
  await client.next();
  await client.write(Buffer.concat(fragments(Buffer.from('--heartbeat--'), [2, 9])), [1]);
  expect((await client.next()).payload.toString()).toBe('--heartbeat--');
  await client.write(frame(2, Buffer.from('{"module":"kz.nothing","method":"x"}')));
  expect(JSON.parse((await client.next()).payload.toString())).toEqual({ success: false, errorCode: 'MODULE_NOT_FOUND' });
  const close = Buffer.alloc(2);
  close.writeUInt16BE(1000);
  await client.write(frame(8, close));
  expect(await client.next()).toEqual({ fin: true, opcode: 8, payload: close });
  if (!client.ended) await once(client.socket, 'close');
  expect(sim.stats).toMatchObject({ heartbeats: 1, requests: 1 });
});

test.each([
  ['an unmasked client frame', 1002, () => frame(1, Buffer.from('{}'), true, { masked: false })],
  ['a continuation without a message', 1002, () => frame(0, Buffer.from('{}'))],
  ['a fragmented ping', 1002, () => frame(9, Buffer.from('x'), false)],
  [
    'text that is not UTF-8',
    1007,
    () => Buffer.concat([frame(1, Buffer.from([0x7b, 0xe2, 0x82]), false), frame(0, Buffer.from([0x28, 0x7d]))]),
  ],
  ['a message over the payload limit (declared)', 1009, () => frame(2, Buffer.alloc(0), false, { declaredLength: 2 ** 33 })],
])('%s: closed with %i, nothing handled', async (_name, code, bytes) => {
  const { client } = await RawClient.connect(sim);
  await client.next();
  await client.write(bytes(), [3]);
  const f = await client.next();
  expect({ opcode: f.opcode, code: f.payload.readUInt16BE(0) }).toEqual({ opcode: 8, code });
  if (!client.ended) await once(client.socket, 'close');
  expect(sim.stats.requests).toBe(0);
});

test('unmask: any offset, length and mask phase equals the byte-wise XOR', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 64 }),
      fc.nat({ max: 7 }),
      fc.nat({ max: 3 }),
      fc.uint8Array({ minLength: 4, maxLength: 4 }),
      (bytes, offset, phase, m) => {
        const mask = Buffer.from(m);
        const b = Buffer.alloc(bytes.length + offset);
        Buffer.from(bytes).copy(b, offset);
        const piece = b.subarray(offset);
        unmask(piece, mask, phase);
        expect([...piece]).toEqual([...bytes].map((x, i) => x ^ (mask[(phase + i) & 3] as number)));
      },
    ),
  );
});
