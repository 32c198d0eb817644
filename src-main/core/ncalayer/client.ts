/**
 * NCALayer client on `ws` (PROTOCOLS.md §1). One socket, one request in flight (NCALayer has
 * no request ids), others queue. A signing request is streamed as a fragmented text message
 * and is never re-sent automatically: once bytes left, only the user can decide to retry.
 */
import WebSocket from 'ws';
import { AppError } from '../errors.js';
import { legacySign } from './legacy.js';
import { openSocket } from './open.js';
import {
  basicsSignTemplate,
  classifyBasicsReply,
  decodeCms,
  errorCode,
  HEARTBEAT,
  KAZTOKEN_PROBE,
  parseFrame,
  parseKaztokenVersion,
  protocolError,
  type BasicsSignParams,
} from './protocol.js';
import { DATA_MARK, streamRequest, type SignDocument } from './request-stream.js';
import { cancelled, rawText, sendMessage, untilAborted } from './ws-util.js';

export type { SignDocument } from './request-stream.js';
export type { Locale } from './protocol.js';

export interface NcaLayerClientOptions {
  /** wss://127.0.0.1:13579/ in production. */
  url: string;
  /** Extra roots (PEM) on top of the OS and bundled ones. */
  caPems?: readonly string[];
  connectTimeoutMs?: number;
  /** Also bounds short exchanges (KAZTOKEN probe, legacy getActiveTokens). */
  greetingTimeoutMs?: number;
  /** Reply timeout for signing; none by default: the user may sit at the PIN dialog. */
  replyTimeoutMs?: number;
  /** Sends `--heartbeat--` this often while no request is being streamed; 0 = off (default). */
  heartbeatMs?: number;
  /** connect() asks once whether the peer is KAZTOKEN desktop (default true). */
  detectKaztoken?: boolean;
}

export interface NcaLayerInfo {
  service: 'NCALayer' | 'KAZTOKEN desktop';
  /** The product's version (KAZTOKEN's own when known), else the greeting's. */
  version: string;
  /** Version from the greeting `{"result":{"version":...}}`. */
  protocolVersion: string;
}

export interface SignRequest extends BasicsSignParams {
  documents: readonly SignDocument[];
  signal?: AbortSignal;
  /** The legacy module's storage, once NCALayer named it (e.g. AKKaztokenStore). */
  onStorage?: (storage: string) => void;
}

type Json = Record<string, unknown>;

interface Waiter {
  ws: WebSocket;
  resolve(msg: Json): void;
  reject(e: AppError): void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_GREETING_TIMEOUT_MS = 5_000;
/** The request text comes from streamRequest in pieces this short, packed into frames here. */
const PIECE_CHARS = 64 * 1024;

export class NcaLayerClient {
  private readonly opts: Required<Omit<NcaLayerClientOptions, 'replyTimeoutMs'>> & { replyTimeoutMs?: number };
  private ws: WebSocket | null = null;
  private info: NcaLayerInfo | null = null;
  private waiter: Waiter | null = null;
  /** Replies still owed for exchanges we gave up on without closing (late probe answers). */
  private staleReplies = 0;
  private streaming = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private basicsMissing = false;
  private tail: Promise<void> = Promise.resolve();

  constructor(opts: NcaLayerClientOptions) {
    this.opts = {
      url: opts.url,
      caPems: opts.caPems ?? [],
      connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      greetingTimeoutMs: opts.greetingTimeoutMs ?? DEFAULT_GREETING_TIMEOUT_MS,
      heartbeatMs: opts.heartbeatMs ?? 0,
      detectKaztoken: opts.detectKaztoken ?? true,
      ...(opts.replyTimeoutMs === undefined ? {} : { replyTimeoutMs: opts.replyTimeoutMs }),
    };
  }

  get connected(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN && this.info !== null;
  }

  /** Opens the socket (if needed) and returns what answered the greeting. */
  async connect(signal?: AbortSignal): Promise<NcaLayerInfo> {
    if (this.connected && this.info) return this.info;
    return this.enqueue(() => this.ensureOpen(signal), signal);
  }

  /** Asks `kz.digiflow.mobile.extensions getVersion`: KAZTOKEN desktop answers, NCALayer doesn't. */
  async probeKaztoken(signal?: AbortSignal): Promise<{ name: string; version: string } | null> {
    return this.enqueue(async () => {
      await this.ensureOpen(signal, false);
      return this.probe(signal);
    }, signal);
  }

  /** Signs every document in ONE request (one dialog, one PIN): DER CMS per document, in order. */
  async sign(req: SignRequest): Promise<Buffer[]> {
    const { documents, signal } = req;
    if (documents.length === 0) throw new AppError('invalid-input', 'Nothing to sign');
    if (!documents.every((d) => Number.isSafeInteger(d.size) && d.size >= 0)) {
      throw new AppError('invalid-input', 'Document size must be a non-negative integer');
    }
    return this.enqueue(async () => {
      await this.ensureOpen(signal);
      const replyTimeout = this.opts.replyTimeoutMs === undefined ? {} : { timeoutMs: this.opts.replyTimeoutMs };
      if (!this.basicsMissing) {
        const template = basicsSignTemplate(documents.length, DATA_MARK, req);
        const reply = await this.exchange(template, documents, { ...replyTimeout, signal });
        const outcome = classifyBasicsReply(reply, documents.length);
        switch (outcome.kind) {
          case 'signed':
            return outcome.signatures.map(decodeCms);
          case 'cancelled':
            throw new AppError('cancelled', 'Signing was cancelled in NCALayer');
          case 'error':
            throw new AppError('ncalayer-error', outcome.message || `NCALayer error ${outcome.code}`, {
              code: outcome.code,
              ...(outcome.details === undefined ? {} : { details: outcome.details }),
            });
          case 'module-missing':
            // Nothing was signed: the module itself is absent. Remember it for this client.
            this.basicsMissing = true;
        }
      }
      return legacySign((t, docs, o) => this.exchange(t, docs, { ...o, signal }), documents, {
        shortTimeoutMs: this.opts.greetingTimeoutMs,
        ...(this.opts.replyTimeoutMs === undefined ? {} : { replyTimeoutMs: this.opts.replyTimeoutMs }),
        ...(req.onStorage ? { onStorage: req.onStorage } : {}),
      });
    }, signal);
  }

  /** Closes the socket; a request in flight fails with `ncalayer-closed`. */
  close(): void {
    if (this.ws) this.drop(this.ws, new AppError('ncalayer-closed', 'The NCALayer connection was closed'));
  }

  // ------------------------------------------------------------------ queue

  private async enqueue<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    this.tail = previous.then(() => mine);
    try {
      await untilAborted(previous, signal);
      return await task();
    } finally {
      release();
    }
  }

  // ------------------------------------------------------------------ connection

  private async ensureOpen(signal?: AbortSignal, detect = this.opts.detectKaztoken): Promise<NcaLayerInfo> {
    if (this.connected && this.info) return this.info;
    const protocolVersion = await this.open(signal);
    let info: NcaLayerInfo = { service: 'NCALayer', version: protocolVersion, protocolVersion };
    if (detect) {
      const kaztoken = await this.probe(signal);
      if (kaztoken) info = { service: 'KAZTOKEN desktop', version: kaztoken.version || protocolVersion, protocolVersion };
    }
    this.info = info;
    return info;
  }

  private async probe(signal?: AbortSignal): Promise<{ name: string; version: string } | null> {
    try {
      const reply = await this.exchange(KAZTOKEN_PROBE, [], {
        timeoutMs: this.opts.greetingTimeoutMs,
        abandonOnTimeout: true,
        ...(signal ? { signal } : {}),
      });
      return parseKaztokenVersion(reply);
    } catch (e) {
      // A peer that stays silent on an unknown module is NCALayer-like, not broken.
      if (e instanceof AppError && e.kind === 'ncalayer-timeout') return null;
      throw e;
    }
  }

  /** Opens a socket and waits for the greeting; resolves with its version. */
  private open(signal?: AbortSignal): Promise<string> {
    return openSocket(this.opts, signal, {
      adopt: (ws) => this.adopt(ws),
      onMessage: (ws, data, isBinary) => this.onMessage(ws, data, isBinary),
      onClose: (ws, code, lastError) => this.onClose(ws, code, lastError),
    });
  }

  private adopt(ws: WebSocket): void {
    if (this.ws && this.ws !== ws) this.drop(this.ws, new AppError('ncalayer-closed', 'Replaced by a new connection'));
    this.ws = ws;
    this.info = null;
    this.staleReplies = 0;
    if (this.opts.heartbeatMs > 0) {
      this.heartbeat = setInterval(() => {
        if (this.ws === ws && ws.readyState === WebSocket.OPEN && !this.streaming) ws.send(HEARTBEAT);
      }, this.opts.heartbeatMs);
      this.heartbeat.unref();
    }
  }

  /** Forgets and kills a socket; the waiter on it (if any) fails with `error`. */
  private drop(ws: WebSocket, error: AppError): void {
    if (this.ws === ws) this.forget();
    if (this.waiter?.ws === ws) this.waiter.reject(error);
    ws.terminate();
  }

  private forget(): void {
    this.ws = null;
    this.info = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private onClose(ws: WebSocket, code: number, lastError: unknown): void {
    if (this.ws === ws) this.forget();
    if (this.waiter?.ws === ws) {
      const errno = errorCode(lastError);
      this.waiter.reject(
        new AppError('ncalayer-closed', 'NCALayer closed the connection before answering', { code: errno ?? String(code) }),
      );
    }
  }

  private onMessage(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (this.ws !== ws) return;
    const text = isBinary ? null : rawText(data);
    if (text === HEARTBEAT) return;
    if (this.staleReplies > 0) {
      this.staleReplies--;
      return;
    }
    const waiter = this.waiter;
    if (!waiter) return; // unsolicited: nothing to attribute it to
    if (text === null) return this.drop(ws, protocolError('NCALayer sent a binary frame'));
    let msg: Json;
    try {
      msg = parseFrame(text);
    } catch (e) {
      // After garbage we no longer know which reply belongs to which request.
      return this.drop(ws, e instanceof AppError ? e : protocolError(String(e)));
    }
    waiter.resolve(msg);
  }

  // ------------------------------------------------------------------ one exchange

  /** Streams one request and waits for the next reply. Runs inside the queue only. */
  private exchange(
    template: Json,
    documents: readonly SignDocument[],
    o: { timeoutMs?: number; signal?: AbortSignal | undefined; abandonOnTimeout?: boolean },
  ): Promise<Json> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new AppError('ncalayer-closed', 'Not connected to NCALayer'));
    }
    if (o.signal?.aborted) return Promise.reject(cancelled());
    return new Promise<Json>((resolve, reject) => {
      let settled = false;
      const progress = { complete: false };
      let timer: NodeJS.Timeout | undefined;
      const stopReading = new AbortController();
      const onAbort = (): void => this.drop(ws, cancelled());
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        stopReading.abort();
        o.signal?.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = null;
        return true;
      };
      const waiter: Waiter = {
        ws,
        resolve: (msg) => {
          if (!finish()) return;
          // A reply before our message ended leaves a half-sent message on the wire.
          if (!progress.complete) this.drop(ws, protocolError('NCALayer answered before the request was complete'));
          resolve(msg);
        },
        reject: (e) => {
          if (finish()) reject(e);
        },
      };
      this.waiter = waiter;
      o.signal?.addEventListener('abort', onAbort, { once: true });
      this.send(ws, streamRequest(template, documents, PIECE_CHARS, stopReading.signal), progress).then(
        () => {
          if (settled || o.timeoutMs === undefined) return;
          timer = setTimeout(() => {
            const e = new AppError('ncalayer-timeout', 'NCALayer did not answer in time');
            if (o.abandonOnTimeout) {
              this.staleReplies++;
              waiter.reject(e);
            } else {
              this.drop(ws, e);
            }
          }, o.timeoutMs);
        },
        (e: unknown) => {
          // Part of the message may be out: the socket can't carry another request.
          this.drop(ws, e instanceof AppError ? e : new AppError('ncalayer-closed', 'Sending to NCALayer failed', { cause: e }));
        },
      );
    });
  }

  /** Sends one request as one text message (heartbeats pause meanwhile). */
  private async send(ws: WebSocket, pieces: AsyncIterable<string>, progress: { complete: boolean }): Promise<void> {
    this.streaming = true;
    try {
      await sendMessage(ws, pieces, progress, () => this.waiter?.ws === ws);
    } finally {
      this.streaming = false;
    }
  }
}
