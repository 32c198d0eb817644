/**
 * The SIGEX transport: fetch with timeouts and cancellation, the service's error convention
 * (HTTP 200 + {"message": key} is an error; any other status is a server failure whose body
 * is not read), and uploads streamed from disk with an exact Content-Length.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { AppError } from '../errors.js';
import { isObject } from './responses.js';
import { errorTextFor, parseStrings, type SigexStrings } from './strings.js';

export interface SigexTransportOptions {
  /** https://sigex.kz (no trailing /api). */
  baseUrl: string;
  /** The JSON calls (Electron passes net.fetch: Chromium's proxy and certificate store). */
  fetch?: typeof fetch;
  /** The agent for a streamed upload (a proxy tunnel); Node's default when undefined. */
  agentFor?: (url: URL) => Promise<http.Agent | undefined> | http.Agent | undefined;
  /** Per request; for uploads, the longest pause in progress (and the wait for the answer). */
  timeoutMs?: number;
  userAgent?: string;
}

export interface ByteSource {
  size: number;
  /** A stream, or chunks that may reuse one buffer (each is written before the next is asked for). */
  open: () => NodeJS.ReadableStream | AsyncIterable<Buffer>;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Overrides the client's timeout; null = none (long polls bounded by the server). */
  timeoutMs?: number | null | undefined;
}

export interface UploadOptions extends CallOptions {
  onProgress?: (sent: number, total: number) => void;
}

type Json = Record<string, unknown>;

export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * An address SIGEX handed out (the QR data and sign URLs) must be on SIGEX's own origin: the
 * file's contents are posted there, so a foreign host (a tampered answer, or an address a
 * compromised renderer set) never receives them.
 */
export function sameOrigin(url: string, baseUrl: string): string {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new AppError('sigex-server', 'SIGEX handed out an address that is not a URL', { details: url.slice(0, 200) });
  }
  if (origin !== new URL(baseUrl).origin) {
    throw new AppError('sigex-server', `SIGEX handed out an address on another server: ${origin}`, { details: origin });
  }
  return url;
}
const STRINGS_TIMEOUT_MS = 10_000;

export class SigexTransport {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly userAgent: string | undefined;
  private readonly agentFor: SigexTransportOptions['agentFor'];
  private stringsCache: Promise<SigexStrings | null> | null = null;

  constructor(o: SigexTransportOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = o.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.userAgent = o.userAgent;
    this.agentFor = o.agentFor;
  }

  /** A path under the service, or an absolute http(s) URL it handed out (QR data/sign URLs). */
  url(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) return sameOrigin(pathOrUrl, this.baseUrl);
    if (!pathOrUrl.startsWith('/')) throw new AppError('invalid-input', `Not a SIGEX path: ${pathOrUrl}`);
    return this.baseUrl + pathOrUrl;
  }

  getJson(pathOrUrl: string, o: CallOptions = {}): Promise<Json> {
    return this.call(pathOrUrl, { method: 'GET' }, o, true);
  }

  postJson(pathOrUrl: string, body: unknown, o: CallOptions = {}): Promise<Json> {
    const init = { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
    return this.call(pathOrUrl, init, o, true);
  }

  /**
   * POST raw bytes streamed from `source.open()`; Content-Length is `source.size`, exactly.
   * Uses node:http(s) with stream back-pressure: memory stays flat whatever the size (Node's
   * fetch reads a streamed body ahead of the socket and held a 1 GiB upload in memory).
   */
  async postBytes(
    pathOrUrl: string,
    source: ByteSource,
    o: UploadOptions & { receive?: (res: http.IncomingMessage, arm: () => void) => Promise<string> } = {},
  ): Promise<Json> {
    if (!Number.isSafeInteger(source.size) || source.size < 0) throw new AppError('invalid-input', 'Invalid data size');
    const url = new URL(this.url(pathOrUrl));
    const timeoutMs = o.timeoutMs === undefined ? this.timeoutMs : o.timeoutMs;
    if (o.signal?.aborted) throw new AppError('cancelled', 'Cancelled');
    const agent = await this.agentFor?.(url);
    const { status, text } = await streamUpload(url, source, {
      agent,
      timeoutMs,
      signal: o.signal,
      onProgress: o.onProgress,
      receive: o.receive,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(source.size),
        Accept: 'application/json',
        ...(this.userAgent ? { 'User-Agent': this.userAgent } : {}),
      },
    });
    if (status !== 200) throw serverStatus(status);
    return this.interpret(text, true);
  }

  /** GET /api/strings, cached per client once it succeeded; null when unavailable. */
  strings(): Promise<SigexStrings | null> {
    if (!this.stringsCache) {
      this.stringsCache = this.call('/api/strings', { method: 'GET' }, { timeoutMs: STRINGS_TIMEOUT_MS }, false).then(
        (json) => parseStrings(json),
        (e: unknown) => {
          // Texts only enrich errors; their absence must not turn into another error.
          void e;
          return null;
        },
      );
      void this.stringsCache.then((s) => {
        if (s === null) this.stringsCache = null;
      });
    }
    return this.stringsCache;
  }

  private async call(pathOrUrl: string, init: RequestInit, o: CallOptions, withTexts: boolean): Promise<Json> {
    const url = this.url(pathOrUrl);
    const timeoutMs = o.timeoutMs === undefined ? this.timeoutMs : o.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      if (timeoutMs === null) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };
    const onAbort = (): void => controller.abort();
    if (o.signal?.aborted) throw new AppError('cancelled', 'Cancelled');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const failure = (e: unknown): AppError => {
      if (o.signal?.aborted) return new AppError('cancelled', 'Cancelled');
      if (timedOut) return new AppError('timeout', `SIGEX did not answer within ${timeoutMs} ms`, { cause: e });
      return networkError(e);
    };
    arm();
    try {
      const headers = new Headers(init.headers);
      headers.set('Accept', 'application/json');
      if (this.userAgent) headers.set('User-Agent', this.userAgent);
      let res: Response;
      try {
        res = await this.fetchImpl(url, { ...init, headers, signal: controller.signal });
      } catch (e) {
        throw failure(e);
      }
      if (res.status !== 200) {
        await res.body?.cancel().catch((e: unknown) => void e);
        throw serverStatus(res.status);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        throw failure(e);
      }
      return await this.interpret(text, withTexts);
    } finally {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A 200 answer: JSON object, unless it carries SIGEX's `message` (then it is an error). */
  private async interpret(text: string, withTexts: boolean): Promise<Json> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new AppError('sigex-server', 'SIGEX answered with invalid JSON', { cause: e, details: `${text.length} chars` });
    }
    if (!isObject(json)) throw new AppError('sigex-server', 'SIGEX answered with something other than a JSON object');
    const message = json['message'];
    if (typeof message === 'string' && message !== '') throw await this.sigexError(message, json, withTexts);
    return json;
  }

  private async sigexError(key: string, json: Json, withTexts: boolean): Promise<AppError> {
    const texts = withTexts ? errorTextFor(await this.strings(), key) : {};
    const requestId = json['requestID'];
    return new AppError('sigex-error', `SIGEX: ${key}`, {
      sigexKey: key,
      ...texts,
      ...(requestId === undefined ? {} : { details: `requestID ${String(requestId)}` }),
    });
  }
}

function errnoOf(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; isErrorLike(cur) && depth < 5; cur = cur.cause, depth++) {
    if (typeof cur.code === 'string' && cur.code !== '') return cur.code;
  }
  return undefined;
}

function isErrorLike(v: unknown): v is { code?: unknown; cause?: unknown; message?: unknown } {
  return typeof v === 'object' && v !== null;
}

export function networkError(e: unknown): AppError {
  const code = errnoOf(e);
  return new AppError('network', `Cannot reach SIGEX${code ? ` (${code})` : ''}`, {
    ...(code === undefined ? {} : { code }),
    cause: e,
  });
}

function serverStatus(status: number): AppError {
  return new AppError('sigex-server', `SIGEX answered HTTP ${status}`, { code: String(status) });
}

const MAX_ANSWER_BYTES = 1024 * 1024;
/** An upload is written in slices this large; each one that leaves restarts the timeout. */
const WRITE_SLICE = 256 * 1024; // 4.4 KB/s at 60 s; 64 KiB cost ~0.1 s more client CPU per GiB

/**
 * Streams `source` as the request body, counting bytes (a file that grows or shrinks fails
 * with file-changed), reporting progress, and timing out on the longest pause in progress or
 * in waiting for the answer. Resolves with the status and the (small) answer text.
 */
function streamUpload(
  url: URL,
  source: ByteSource,
  o: {
    timeoutMs: number | null;
    signal: AbortSignal | undefined;
    onProgress: UploadOptions['onProgress'];
    headers: Record<string, string>;
    agent: http.Agent | undefined;
    /** Reads a 200 answer itself (streamed); resolves with the text to interpret. */
    receive?: ((res: http.IncomingMessage, arm: () => void) => Promise<string>) | undefined;
  },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    let file: NodeJS.ReadableStream | AsyncIterable<Buffer> | null = null;
    const request = url.protocol === 'https:' ? https.request : http.request;
    const req = request(url, { method: 'POST', headers: o.headers, ...(o.agent ? { agent: o.agent } : {}) });
    const finish = (e: unknown, value?: { status: number; text: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      // An early answer (e.g. "Request body is too large") ends the upload: stop reading.
      destroyStream(file);
      if (e) {
        req.destroy();
        reject(e);
      } else resolve(value as { status: number; text: string });
    };
    const arm = () => {
      if (o.timeoutMs === null) return;
      clearTimeout(timer);
      timer = setTimeout(() => finish(new AppError('timeout', `SIGEX did not answer within ${o.timeoutMs} ms`)), o.timeoutMs);
    };
    const onAbort = () => finish(new AppError('cancelled', 'Cancelled'));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => finish(networkError(e)));
    req.on('response', (res) => {
      arm();
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        return finish(null, { status, text: '' });
      }
      if (o.receive) {
        o.receive(res, arm).then(
          (text) => finish(null, { status, text }),
          // The reader's own errors pass as they are (a write error names the file it failed on).
          (e: unknown) => finish(e),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let length = 0;
      res.on('data', (c: Buffer) => {
        length += c.length;
        if (length > MAX_ANSWER_BYTES) return finish(new AppError('sigex-server', 'SIGEX answered with an oversized body'));
        chunks.push(c);
      });
      res.on('end', () => finish(null, { status, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => finish(networkError(e)));
    });
    arm();
    try {
      file = source.open();
    } catch (e) {
      return finish(new AppError('file-unreadable', 'The file could not be read', { cause: e, ...codeOf(e) }));
    }
    const chunks = file;
    // Counts bytes (a file that grows or shrinks is file-changed) and writes each chunk whole
    // before the next is read: the source may reuse one buffer, and memory stays flat. A chunk
    // goes out in slices, each a sign of progress: on a slow link a whole 1 MiB chunk takes
    // longer than the timeout to leave (17 KB/s at 60 s), and an upload that was moving all the
    // time timed out after every first chunk, retry after retry.
    const send = async (): Promise<void> => {
      for await (const chunk of chunks) {
        if (settled) return;
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (sent + bytes.length > source.size) throw fileChanged(source.size, sent + bytes.length);
        for (let at = 0; at < bytes.length; at += WRITE_SLICE) {
          if (settled) return;
          const slice = bytes.subarray(at, at + WRITE_SLICE);
          sent += slice.length;
          arm();
          o.onProgress?.(sent, source.size);
          await new Promise<void>((resolve, reject) => req.write(slice, (e) => (e ? reject(e) : resolve())));
        }
      }
      if (sent !== source.size) throw fileChanged(source.size, sent);
      await new Promise<void>((resolve) => req.end(resolve));
    };
    send().catch((e: unknown) => {
      if (e instanceof AppError) return finish(e);
      // A read error of the file, or the socket failing while sending.
      if ((e as { syscall?: string })?.syscall === 'read' || (e as { path?: string })?.path) {
        return finish(new AppError('file-unreadable', 'The file could not be read', { cause: e, ...codeOf(e) }));
      }
      // SIGEX may answer (e.g. "Request body is too large") and close before the body is sent.
      if (!settled) setTimeout(() => finish(networkError(e)), 200);
    });
  });
}

function fileChanged(expected: number, actual: number): AppError {
  return new AppError('file-changed', 'The file changed while it was being uploaded', { params: { expected, actual } });
}

function codeOf(e: unknown): { code?: string } {
  const code = errnoOf(e);
  return code === undefined ? {} : { code };
}

/** Node streams have destroy(); the ReadableStream interface type doesn't say so. A generator is ended. */
export function destroyStream(stream: NodeJS.ReadableStream | AsyncIterable<Buffer> | null, error?: Error): void {
  const destroy = (stream as { destroy?: (e?: Error) => void } | null)?.destroy;
  if (typeof destroy === 'function') return void destroy.call(stream, error);
  const end = (stream as { return?: () => Promise<unknown> } | null)?.return;
  if (typeof end === 'function') end.call(stream).catch((e: unknown) => void e);
}
