/**
 * SIGEX simulator: HTTP helpers (JSON bodies, answers in the service's style).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomInt } from 'node:crypto';

/** What a route handler produces; the dispatcher turns it into an answer (or drops the socket). */
export type Outcome = { json: unknown } | { error: string; noRequestId?: boolean };

export const ok = (json: unknown): Outcome => ({ json });
export const fail = (error: string): Outcome => ({ error });

/** JSON the way SIGEX writes it: '<', '>', '&', U+2028, U+2029 escaped (safe inside <script>). */
export function serviceJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sendJson(res: ServerResponse, value: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = serviceJson(value);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Access-Control-Allow-Origin': '*',
    ...extraHeaders,
  });
  res.end(body);
}

/** Error as the service sends it: HTTP 200 + {"message": key} (+ requestID). */
export function errorBody(key: string, withRequestId: boolean): { message: string; requestID?: number } {
  return withRequestId ? { message: key, requestID: randomInt(2 ** 47, 2 ** 48 - 1) } : { message: key };
}

/** A non-200 answer with an HTML body, like a proxy in front of the service. */
export function sendStatus(res: ServerResponse, status: number): void {
  if (res.headersSent || res.destroyed) return;
  const text =
    { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' }[status] ??
    'Error';
  const body = `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Reads and discards the request body. */
export function drain(req: IncomingMessage): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    if (req.readableEnded) return resolve(0);
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => resolve(n));
    req.on('close', () => resolve(n));
    req.resume();
  });
}

export type JsonBody = { value: unknown } | { error: string };

/** Reads a JSON body up to `max` bytes ('Request body is too large' beyond, 'Failed to parse JSON' when broken). */
export function readJson(req: IncomingMessage, max: number): Promise<JsonBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) tooLarge = true;
      else chunks.push(c);
    });
    req.on('error', () => resolve({ error: 'Failed to parse JSON' }));
    req.on('end', () => {
      if (tooLarge) return resolve({ error: 'Request body is too large' });
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve({ value: text.trim() === '' ? undefined : (JSON.parse(text) as unknown) });
      } catch {
        resolve({ error: 'Failed to parse JSON' });
      }
    });
  });
}

/** A copy for the request log: long strings (base64 signatures and files) shortened. */
export function forLog(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `<${value.length} chars>` : value;
  if (Array.isArray(value)) return value.map(forLog);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forLog(v)]));
  }
  return value;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
