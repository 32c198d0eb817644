/**
 * The SIGEX transport: fetch with timeouts and cancellation, the service's error convention
 * (HTTP 200 + {"message": key} is an error; any other status is a server failure whose body
 * is not read), and uploads streamed from disk with an exact Content-Length.
 */
import { AppError } from '../errors.js';
import { isObject } from './responses.js';
import { errorTextFor, parseStrings, type SigexStrings } from './strings.js';

export interface SigexTransportOptions {
  /** https://sigex.kz (no trailing /api). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per request; for uploads, the longest pause in progress (and the wait for the answer). */
  timeoutMs?: number;
  userAgent?: string;
}

export interface ByteSource {
  size: number;
  open: () => NodeJS.ReadableStream;
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
const STRINGS_TIMEOUT_MS = 10_000;

export class SigexTransport {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly userAgent: string | undefined;
  private stringsCache: Promise<SigexStrings | null> | null = null;

  constructor(o: SigexTransportOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = o.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.userAgent = o.userAgent;
  }

  /** A path under the service, or an absolute http(s) URL it handed out (QR data/sign URLs). */
  url(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
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

  /** POST raw bytes streamed from `source.open()`; Content-Length is `source.size`, exactly. */
  async postBytes(pathOrUrl: string, source: ByteSource, o: UploadOptions = {}): Promise<Json> {
    if (!Number.isSafeInteger(source.size) || source.size < 0) throw new AppError('invalid-input', 'Invalid data size');
    const body = new UploadBody(source, o.onProgress);
    const init = {
      method: 'POST',
      body: body.stream,
      duplex: 'half',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(source.size) },
    };
    try {
      return await this.call(pathOrUrl, init as RequestInit, o, true, body);
    } finally {
      body.dispose();
    }
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

  private async call(pathOrUrl: string, init: RequestInit, o: CallOptions, withTexts: boolean, body?: UploadBody): Promise<Json> {
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
    if (body) body.onActivity = arm;
    const failure = (e: unknown): AppError => {
      if (o.signal?.aborted) return new AppError('cancelled', 'Cancelled');
      if (timedOut) return new AppError('timeout', `SIGEX did not answer within ${timeoutMs} ms`, { cause: e });
      if (body?.error) return body.error;
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
        throw new AppError('sigex-server', `SIGEX answered HTTP ${res.status}`, { code: String(res.status) });
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        throw failure(e);
      }
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
    } finally {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    }
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

/** The request body: a pull-based web stream over the file, counting and checking bytes. */
class UploadBody {
  readonly stream: ReadableStream<Uint8Array>;
  error: AppError | null = null;
  onActivity: () => void = () => undefined;
  private file: NodeJS.ReadableStream | null = null;
  private disposed = false;
  private iterator: AsyncIterator<string | Buffer> | null = null;
  private sent = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly onProgress?: (sent: number, total: number) => void,
  ) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => this.pull(controller),
        cancel: () => this.dispose(),
      },
      { highWaterMark: 0 },
    );
  }

  private async pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    const total = this.source.size;
    if (this.disposed) throw new Error('the upload already ended');
    let step: IteratorResult<string | Buffer>;
    try {
      if (!this.iterator) {
        this.file = this.source.open();
        this.iterator = this.file[Symbol.asyncIterator]();
      }
      step = await this.iterator.next();
    } catch (e) {
      throw this.fail(new AppError('file-unreadable', 'The file could not be read', { cause: e, ...codeOf(e) }));
    }
    if (step.done) {
      if (this.sent !== total) throw this.fail(fileChanged(total, this.sent));
      controller.close();
      return;
    }
    const bytes = typeof step.value === 'string' ? Buffer.from(step.value) : step.value;
    this.sent += bytes.length;
    if (this.sent > total) throw this.fail(fileChanged(total, this.sent));
    controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.onActivity();
    this.onProgress?.(this.sent, total);
  }

  private fail(e: AppError): AppError {
    if (!this.disposed) this.error ??= e;
    return e;
  }

  /** Closes the file if the upload ended early (also unblocks a read that is still pending). */
  dispose(): void {
    this.disposed = true;
    const file = this.file;
    this.file = null;
    this.iterator = null;
    destroyStream(file);
  }
}

function fileChanged(expected: number, actual: number): AppError {
  return new AppError('file-changed', 'The file changed while it was being uploaded', { params: { expected, actual } });
}

function codeOf(e: unknown): { code?: string } {
  const code = errnoOf(e);
  return code === undefined ? {} : { code };
}

/** Node streams have destroy(); the ReadableStream interface type doesn't say so. */
export function destroyStream(stream: NodeJS.ReadableStream | null, error?: Error): void {
  const destroy = (stream as { destroy?: (e?: Error) => void } | null)?.destroy;
  if (typeof destroy === 'function') destroy.call(stream, error);
}
