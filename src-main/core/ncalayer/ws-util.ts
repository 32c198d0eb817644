/** Small helpers around a `ws` socket for the NCALayer client. */
import WebSocket from 'ws';
import { AppError } from '../errors.js';
import { FRAGMENT_CHARS } from './request-stream.js';

const ENCODER = new TextEncoder();

export function cancelled(): AppError {
  return new AppError('cancelled', 'Cancelled');
}

/** One frame of a text message; `text` may be its UTF-8 bytes (sent as they are, not copied). */
export function sendFrame(ws: WebSocket, text: string | Buffer, fin: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.send(text, { fin, binary: false, compress: false }, (err) => {
      if (err) reject(new AppError('ncalayer-closed', 'NCALayer connection closed while sending', { cause: err }));
      else resolve();
    });
  });
}

export function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Waits for `p`, failing with `cancelled` as soon as `signal` aborts. */
export function untilAborted<T = void>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Sends the pieces as one text message: fragments of FRAGMENT_CHARS with fin:false, the last
 * with fin:true. The text is encoded into two frame buffers in turn (one on the wire, one
 * filling): the socket never gets a string to copy, and no large string is made. Stops (without
 * fin) once `stillWanted()` turns false between frames: the exchange was settled meanwhile.
 */
export async function sendMessage(
  ws: WebSocket,
  pieces: AsyncIterable<string>,
  progress: { complete: boolean },
  stillWanted: () => boolean,
): Promise<void> {
  const frames = [Buffer.allocUnsafeSlow(FRAGMENT_CHARS), Buffer.allocUnsafeSlow(FRAGMENT_CHARS)];
  let filling = 0;
  let used = 0;
  let full: Buffer | null = null;
  for await (const piece of pieces) {
    let text = piece;
    while (text.length > 0) {
      if (used === FRAGMENT_CHARS) {
        // The frame before this one goes out first; its buffer is then filled again.
        if (full !== null) await sendFrame(ws, full, false);
        if (!stillWanted()) return; // settled meanwhile (abort, close, early reply)
        full = frames[filling] as Buffer;
        filling ^= 1;
        used = 0;
      }
      const { read, written } = ENCODER.encodeInto(text, (frames[filling] as Buffer).subarray(used));
      used += written;
      text = text.slice(read);
    }
  }
  // The last frame carries fin (a full one when nothing followed it: no empty frame).
  let last = (frames[filling] as Buffer).subarray(0, used);
  if (full !== null && used === 0) last = full;
  else if (full !== null) {
    await sendFrame(ws, full, false);
    if (!stillWanted()) return;
  }
  progress.complete = true; // from here on a reply is a reply to this whole message
  await sendFrame(ws, last, true);
}
