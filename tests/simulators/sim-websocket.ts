/**
 * The server side of RFC 6455 for the simulators, small enough to read: the upgrade handshake,
 * masked client frames, text / binary / continuation, ping / pong, close, a per-message payload
 * limit; server frames are unmasked, no extensions are negotiated.
 *
 * Unlike `ws`, which hands a message over only once it has all of it, a message's payload is
 * handed over piece by piece as frames arrive (WsMessage.data), so a 1.5 GiB request never
 * exists whole in memory. Close codes follow `ws`'s server: 1002 for a protocol error, 1007 for
 * a text message that is not UTF-8, 1009 for a message over the limit.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { Server } from 'node:https';
import type { Duplex } from 'node:stream';

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** Receives one message's payload as it arrives; `data` pieces may be reused once it returns. */
export interface WsMessage {
  data(piece: Buffer): void;
  end(): void;
  /** the connection failed or closed before the message was complete */
  abort(): void;
}

export interface WsConnection {
  /** sends one text message (nothing once the connection is closing) */
  send(text: string): void;
  /** destroys the socket at once, without a close frame */
  terminate(): void;
}

export interface WsServerOptions {
  /** the largest message (sum of its frames' payloads); larger ones close with 1009 */
  maxPayload: number;
  /** a new connection; returns how its messages are received */
  connection(conn: WsConnection): { message(binary: boolean): WsMessage };
}

/** Serves WebSocket upgrades on `server`; the returned function destroys every connection. */
export function serveWebSocket(server: Server, o: WsServerOptions): () => void {
  const sockets = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // the http server has removed its own error listener from an upgraded socket
    socket.on('error', () => socket.destroy());
    const key = req.headers['sec-websocket-key'];
    if (
      req.method !== 'GET' ||
      req.headers.upgrade?.toLowerCase() !== 'websocket' ||
      typeof key !== 'string' ||
      !/^[+/0-9A-Za-z]{22}==$/.test(key) ||
      req.headers['sec-websocket-version'] !== '13'
    ) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const accept = createHash('sha1')
      .update(key + HANDSHAKE_GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    const reader = new FrameReader(socket, o);
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      sockets.delete(socket);
      reader.closed();
    });
    if (head.length > 0) reader.push(head);
  });
  return () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
}

/** One frame to send (server frames are never masked). */
function frame(opcode: number, payload: Buffer): Buffer[] {
  const n = payload.length;
  const header = Buffer.alloc(n < 126 ? 2 : n < 65536 ? 4 : 10);
  header[0] = 0x80 | opcode;
  if (n < 126) header[1] = n;
  else if (n < 65536) {
    header[1] = 126;
    header.writeUInt16BE(n, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  return [header, payload];
}

/**
 * XORs `b` with the mask, `phase` bytes into it: four bytes at a time over the aligned middle
 * (a byte-wise loop over 1.5 GiB was seconds of the simulator's CPU); nothing for a zero mask.
 */
export function unmask(b: Buffer, mask: Buffer, phase: number): void {
  // an all-zero mask (the app's, over TLS) changes nothing
  if (((mask[0] as number) | (mask[1] as number) | (mask[2] as number) | (mask[3] as number)) === 0) return;
  let i = 0;
  const byte = () => {
    b[i] = (b[i] as number) ^ (mask[(phase + i) & 3] as number);
    i++;
  };
  while (i < b.length && (b.byteOffset + i) % 4 !== 0) byte();
  const words = (b.length - i) >>> 2;
  if (words > 0) {
    const rotated = new Uint8Array(4).map((_, k) => mask[(phase + i + k) & 3] as number);
    const m = new Uint32Array(rotated.buffer)[0] as number;
    const u = new Uint32Array(b.buffer, b.byteOffset + i, words);
    for (let w = 0; w < words; w++) u[w] = (u[w] as number) ^ m;
    i += words * 4;
  }
  while (i < b.length) byte();
}

/** Codes a peer may send in a close frame (RFC 6455 §7.4: 1004-1006 and 1015 are reserved). */
function validCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
}

class FrameReader {
  private header = Buffer.alloc(0);
  /** the frame whose payload is being read */
  private current: { fin: boolean; opcode: number; mask: Buffer; length: number; read: number; control: Buffer[] } | null = null;
  private message: { sink: WsMessage; text: boolean; bytes: number; utf8Tail: Buffer } | null = null;
  private readonly receiver: { message(binary: boolean): WsMessage };
  private closing = false;

  constructor(
    private readonly socket: Duplex,
    private readonly o: WsServerOptions,
  ) {
    this.receiver = o.connection({
      send: (text) => {
        if (!this.closing && this.socket.writable) for (const b of frame(OP.text, Buffer.from(text))) this.socket.write(b);
      },
      terminate: () => this.socket.destroy(),
    });
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.closing) {
      if (!this.current) {
        const need = this.headerLength();
        const take = Math.min(need - this.header.length, chunk.length - at);
        this.header = Buffer.concat([this.header, chunk.subarray(at, at + take)]);
        at += take;
        if (this.header.length === this.headerLength()) this.startFrame();
        continue;
      }
      const f = this.current;
      const piece = chunk.subarray(at, at + Math.min(f.length - f.read, chunk.length - at));
      unmask(piece, f.mask, f.read);
      f.read += piece.length;
      at += piece.length;
      if (f.opcode >= OP.close) f.control.push(Buffer.from(piece));
      else this.messageData(piece);
      if (f.read === f.length) this.endFrame();
    }
  }

  closed(): void {
    this.closing = true;
    this.message?.sink.abort();
    this.message = null;
  }

  /** Header bytes needed, as far as the bytes so far tell. */
  private headerLength(): number {
    if (this.header.length < 2) return 2;
    const b1 = this.header[1] as number;
    const len7 = b1 & 0x7f;
    return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (b1 & 0x80 ? 4 : 0);
  }

  private startFrame(): void {
    const h = this.header;
    this.header = Buffer.alloc(0);
    const b0 = h[0] as number;
    const b1 = h[1] as number;
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    const len7 = b1 & 0x7f;
    const length = len7 === 126 ? h.readUInt16BE(2) : len7 === 127 ? Number(h.readBigUInt64BE(2)) : len7;
    if ((b0 & 0x70) !== 0) return this.fail(1002, 'RSV bits must be clear');
    if ((b1 & 0x80) === 0) return this.fail(1002, 'client frames must be masked');
    if (![0, 1, 2, 8, 9, 10].includes(opcode)) return this.fail(1002, `invalid opcode ${opcode}`);
    if (opcode >= OP.close && (!fin || length > 125)) return this.fail(1002, 'invalid control frame');
    if (opcode === OP.continuation && !this.message) return this.fail(1002, 'continuation without a message');
    if ((opcode === OP.text || opcode === OP.binary) && this.message) return this.fail(1002, 'a new message inside a fragmented one');
    // (a control frame between fragments is not part of the message)
    if (opcode < OP.close && (!Number.isSafeInteger(length) || (this.message?.bytes ?? 0) + length > this.o.maxPayload)) {
      return this.fail(1009, 'message too big');
    }
    if (opcode === OP.text || opcode === OP.binary) {
      this.message = { sink: this.receiver.message(opcode === OP.binary), text: opcode === OP.text, bytes: 0, utf8Tail: Buffer.alloc(0) };
    }
    this.current = { fin, opcode, mask: h.subarray(h.length - 4), length, read: 0, control: [] };
    if (length === 0) this.endFrame();
  }

  private messageData(piece: Buffer): void {
    const m = this.message as NonNullable<FrameReader['message']>;
    m.bytes += piece.length;
    if (m.text && !this.validUtf8(m, piece)) return;
    m.sink.data(piece);
  }

  /** Checks text up to the last whole character; the (at most 3) bytes after it wait for the next piece. */
  private validUtf8(m: NonNullable<FrameReader['message']>, piece: Buffer): boolean {
    const bytes = m.utf8Tail.length > 0 ? Buffer.concat([m.utf8Tail, piece]) : piece;
    let cut = bytes.length;
    for (let k = bytes.length - 1; k >= Math.max(0, bytes.length - 4); k--) {
      const lead = bytes[k] as number;
      if ((lead & 0xc0) === 0x80) continue;
      // the last character's first byte: it waits only if its sequence is not complete yet
      const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (k + length > bytes.length) cut = k;
      break;
    }
    m.utf8Tail = Buffer.from(bytes.subarray(cut));
    if (isUtf8(bytes.subarray(0, cut))) return true;
    this.fail(1007, 'invalid UTF-8');
    return false;
  }

  private endFrame(): void {
    const f = this.current as NonNullable<FrameReader['current']>;
    this.current = null;
    if (f.opcode >= OP.close) return this.control(f.opcode, Buffer.concat(f.control));
    if (!f.fin || this.closing) return;
    const m = this.message as NonNullable<FrameReader['message']>;
    this.message = null;
    if (m.text && m.utf8Tail.length > 0 && !isUtf8(m.utf8Tail)) return this.fail(1007, 'invalid UTF-8');
    m.sink.end();
  }

  private control(opcode: number, payload: Buffer): void {
    if (opcode === OP.ping) {
      for (const b of frame(OP.pong, payload)) this.socket.write(b);
    } else if (opcode === OP.close) {
      if (payload.length === 1) return this.fail(1002, 'invalid close frame');
      if (payload.length > 0 && !validCloseCode(payload.readUInt16BE(0))) return this.fail(1002, 'invalid close code');
      if (!isUtf8(payload.subarray(2))) return this.fail(1007, 'invalid UTF-8 in the close reason');
      this.sendClose(payload.subarray(0, 2));
    }
  }

  private fail(code: number, reason: string): void {
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    this.sendClose(payload);
  }

  /** Answers or starts the closing handshake, then ends the connection (the server closes TCP first). */
  private sendClose(payload: Buffer): void {
    if (this.closing) return;
    this.closing = true;
    this.message?.sink.abort();
    this.message = null;
    if (this.socket.writable) for (const b of frame(OP.close, payload)) this.socket.write(b);
    this.socket.end();
  }
}
