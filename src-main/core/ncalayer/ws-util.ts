/** Small helpers around a `ws` socket for the NCALayer client. */
import WebSocket from 'ws';
import { AppError } from '../errors.js';

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
