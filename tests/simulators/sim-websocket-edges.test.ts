/**
 * sim-websocket.ts edge cases driven in process (no TLS, no port): serveWebSocket on a bare
 * emitter standing for the https server, each connection an in-memory Duplex whose writes are
 * collected and parsed as server frames.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:https';
import { Duplex } from 'node:stream';
import { serveWebSocket, type WsMessage } from './sim-websocket';

interface Frame {
  opcode: number;
  payload: Buffer;
}

const KEY = randomBytes(16).toString('base64');
const UPGRADE = { method: 'GET', headers: { upgrade: 'websocket', 'sec-websocket-key': KEY, 'sec-websocket-version': '13' } };

/** A masked client frame (lengths under 126). */
function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((x, i) => x ^ (mask[i & 3] as number)));
  return Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | payload.length]), mask, body]);
}

/** Server frames in `written` after the HTTP response. */
function serverFrames(written: Buffer): Frame[] {
  let b = written.subarray(written.indexOf('\r\n\r\n') + 4);
  const frames: Frame[] = [];
  while (b.length >= 2) {
    const n = (b[1] as number) & 0x7f; // the frames here are short
    frames.push({ opcode: (b[0] as number) & 0x0f, payload: b.subarray(2, 2 + n) });
    b = b.subarray(2 + n);
  }
  return frames;
}

function connect(maxPayload: number, request: object = UPGRADE) {
  const server = new EventEmitter();
  const messages: { bytes: number; ended: boolean; aborted: boolean }[] = [];
  const out: Buffer[] = [];
  serveWebSocket(server as unknown as Server, {
    maxPayload,
    connection: () => ({
      message(): WsMessage {
        const m = { bytes: 0, ended: false, aborted: false };
        messages.push(m);
        return { data: (p) => void (m.bytes += p.length), end: () => void (m.ended = true), abort: () => void (m.aborted = true) };
      },
    }),
  });
  const socket = new Duplex({
    read: () => undefined,
    write(chunk: Buffer, _enc, cb) {
      out.push(chunk);
      cb();
    },
  });
  server.emit('upgrade', request, socket, Buffer.alloc(0));
  return { socket, messages, frames: () => serverFrames(Buffer.concat(out)), written: () => Buffer.concat(out).toString('latin1') };
}

test('a ping between the fragments of a message at the payload limit is answered and not counted in the message', () => {
  const c = connect(10);
  c.socket.emit(
    'data',
    Buffer.concat([frame(1, Buffer.from('0123456789'), false), frame(9, Buffer.from('ping!')), frame(0, Buffer.alloc(0))]),
  );
  expect(c.frames()).toEqual([{ opcode: 10, payload: Buffer.from('ping!') }]);
  expect(c.messages).toEqual([{ bytes: 10, ended: true, aborted: false }]);
});

test('a refused upgrade request whose socket then fails does not throw (no unhandled error event)', () => {
  const c = connect(10, { method: 'POST', headers: {} });
  expect(c.written()).toMatch(/^HTTP\/1\.1 400 /);
  expect(() => c.socket.emit('error', new Error('read ECONNRESET'))).not.toThrow();
});

test.each([
  ['a reserved close code (1005)', 1002, [0x03, 0xed]],
  ['a close code below 1000', 1002, [0x03, 0xe7]],
  ['a close reason that is not UTF-8', 1007, [0x03, 0xe8, 0xff]],
])('%s: the close is answered with %i, not echoed', (_name, code, payload) => {
  const c = connect(10);
  c.socket.emit('data', frame(8, Buffer.from(payload)));
  const [close] = c.frames();
  expect({ opcode: close?.opcode, code: close?.payload.readUInt16BE(0) }).toEqual({ opcode: 8, code });
});

test('a valid close code is echoed', () => {
  const c = connect(10);
  c.socket.emit('data', frame(8, Buffer.from([0x0f, 0xa0, 0x6f, 0x6b]))); // 4000 "ok"
  expect(c.frames()).toEqual([{ opcode: 8, payload: Buffer.from([0x0f, 0xa0]) }]);
});
