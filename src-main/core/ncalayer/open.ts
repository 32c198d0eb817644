/**
 * Opening the NCALayer socket (PROTOCOLS.md §1): TLS with our roots, then the greeting that
 * carries NCALayer's version. The client (client.ts) owns the socket once it is adopted.
 */
import type * as tls from 'node:tls';
import WebSocket from 'ws';
import { AppError } from '../errors.js';
import { classifyConnectError, parseFrame, parseGreeting, protocolError } from './protocol.js';
import { trustContext } from './trust.js';
import { cancelled, rawText, untilAborted } from './ws-util.js';

const MAX_REPLY_BYTES = 64 * 1024 * 1024;

export interface OpenOptions {
  url: string;
  caPems: readonly string[];
  connectTimeoutMs: number;
  greetingTimeoutMs: number;
}

/** Where an open socket's events go once its greeting is accepted. */
export interface SocketHooks {
  adopt(ws: WebSocket): void;
  onMessage(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean): void;
  onClose(ws: WebSocket, code: number, lastError: unknown): void;
}

/**
 * The frames we send carry an all-zero masking key, which `ws` recognises and then skips the
 * XOR pass over the payload (in JavaScript without the native addon: the largest single CPU
 * cost of streaming a big file, more than hashing it). Any key is valid to the receiver; the
 * mask only guards caching proxies against script-chosen bytes in a browser, and this
 * connection is our own TLS socket to NCALayer on the loopback, with no proxy in between.
 */
export function zeroMask(mask: Buffer): void {
  mask.fill(0);
}

/**
 * Opens a socket and waits for the greeting; resolves with its version. The socket is handed to
 * `hooks.adopt` as the greeting is accepted (before the promise settles), and every later
 * message and its close go to the hooks.
 */
export async function openSocket(opts: OpenOptions, signal: AbortSignal | undefined, hooks: SocketHooks): Promise<string> {
  if (signal?.aborted) throw cancelled();
  const { url, connectTimeoutMs, greetingTimeoutMs } = opts;
  const secureContext = await untilAborted(trustContext(opts.caPems), signal);
  // ws hands the TLS options (here the cached context with our roots) on to tls.connect.
  const options: WebSocket.ClientOptions & Pick<tls.ConnectionOptions, 'secureContext'> = {
    secureContext,
    rejectUnauthorized: true,
    perMessageDeflate: false,
    maxPayload: MAX_REPLY_BYTES,
    generateMask: zeroMask,
  };
  const ws = new WebSocket(url, options);
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    let lastError: unknown;
    let timer = setTimeout(
      () => fail(new AppError('ncalayer-timeout', 'NCALayer did not accept the connection in time')),
      connectTimeoutMs,
    );
    const onAbort = (): void => fail(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (e: AppError): void => {
      if (settled) return;
      settled = true; // later events belong to no one
      done();
      ws.terminate();
      reject(e);
    };
    ws.on('error', (e) => {
      lastError = e;
      if (!settled) fail(classifyConnectError(e));
    });
    ws.once('open', () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(new AppError('ncalayer-timeout', 'NCALayer did not send its greeting in time')), greetingTimeoutMs);
    });
    ws.on('message', (data, isBinary) => {
      if (settled) return hooks.onMessage(ws, data, isBinary);
      let version: string;
      try {
        if (isBinary) throw protocolError('NCALayer greeted with a binary frame');
        version = parseGreeting(parseFrame(rawText(data)));
      } catch (e) {
        return fail(e instanceof AppError ? e : protocolError(String(e)));
      }
      settled = true;
      done();
      hooks.adopt(ws);
      resolve(version);
    });
    ws.on('close', (code) => {
      if (!settled) return fail(new AppError('ncalayer-closed', 'NCALayer closed the connection before greeting', { code: String(code) }));
      hooks.onClose(ws, code, lastError);
    });
  });
}
