/**
 * A minimal test client for the NCALayer simulator (not the app's client): connect with a CA,
 * read the greeting, send requests and read replies with timeouts, and stream a huge
 * fragmented signing request (`sendLargeSignRequest`, `runLargeSignRequest` for benchmarks).
 */
import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { cmsFromBase64OrPem, inspectCms } from './cms';

export interface SimClient {
  ws: WebSocket;
  /** the first message (the greeting), parsed */
  greeting: unknown;
  /** next message as text; rejects on timeout or when the socket closes first */
  next(timeoutMs?: number): Promise<string>;
  /** sends a JSON request (or raw text) and resolves with the parsed reply */
  request(msg: object | string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** resolves with the close code */
  closed: Promise<number>;
  close(): void;
}

export class ClientTimeoutError extends Error {}
export class ClientClosedError extends Error {
  constructor(readonly code: number) {
    super(`socket closed (${code}) before a reply`);
  }
}

export async function connectSimClient(url: string, caPem: string, timeoutMs = 5000): Promise<SimClient> {
  const ws = new WebSocket(url, { ca: caPem, maxPayload: 1024 * 1024 * 1024 });
  const inbox: string[] = [];
  const waiters: { resolve: (s: string) => void; reject: (e: Error) => void }[] = [];
  let closeCode: number | undefined;
  const closed = new Promise<number>((resolve) => {
    ws.on('close', (code) => {
      closeCode = code;
      for (const w of waiters.splice(0)) w.reject(new ClientClosedError(code));
      resolve(code);
    });
  });
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? '' : data.toString();
    const w = waiters.shift();
    if (w) w.resolve(text);
    else inbox.push(text);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('error', () => undefined);

  const next = (t = timeoutMs) =>
    new Promise<string>((resolve, reject) => {
      const queued = inbox.shift();
      if (queued !== undefined) return resolve(queued);
      if (closeCode !== undefined) return reject(new ClientClosedError(closeCode));
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new ClientTimeoutError(`no reply within ${t} ms`));
      }, t);
      const waiter = {
        resolve: (s: string) => (clearTimeout(timer), resolve(s)),
        reject: (e: Error) => (clearTimeout(timer), reject(e)),
      };
      waiters.push(waiter);
    });

  const greeting: unknown = JSON.parse(await next());
  return {
    ws,
    greeting,
    next,
    closed,
    async request(msg, t) {
      ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
      return JSON.parse(await next(t)) as Record<string, unknown>;
    },
    close: () => ws.terminate(),
  };
}

/** Resolves with the error a failed connection attempt reports (e.g. code ECONNREFUSED or a TLS code). */
export function connectError(url: string, caPem: string): Promise<NodeJS.ErrnoException> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ca: caPem });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('connected unexpectedly'));
    });
    ws.once('error', (e: NodeJS.ErrnoException) => resolve(e));
  });
}

export interface LargeSignRequestOptions {
  /** decoded size of each document */
  contentBytes: number;
  /** base64 characters per WebSocket fragment (rounded down to a multiple of 4); default 1 MiB */
  fragmentBytes?: number;
  /** >1 sends `data` as an array */
  documents?: number;
  signingParams?: Record<string, unknown>;
}

export interface LargeSignRequestSent {
  /** SHA-256 of each generated document */
  sha256: Buffer[];
  /** total bytes of the WebSocket message */
  messageBytes: number;
  fragments: number;
}

function send(ws: WebSocket, data: string, fin: boolean): Promise<void> {
  return new Promise((resolve, reject) => ws.send(data, { fin, binary: false }, (e) => (e ? reject(e) : resolve())));
}

/**
 * Streams ONE text message `{"module":"kz.gov.pki.knca.basics","method":"sign","args":{...,"data":"<huge>"}}`
 * in many fragments, generating the document on the fly (memory stays flat on this side).
 */
export async function sendLargeSignRequest(ws: WebSocket, o: LargeSignRequestOptions): Promise<LargeSignRequestSent> {
  const fragmentChars = Math.max(16, Math.floor((o.fragmentBytes ?? 1024 * 1024) / 4) * 4);
  const chunkBytes = (fragmentChars / 4) * 3;
  const block = randomBytes(chunkBytes);
  const count = o.documents ?? 1;
  const many = count > 1;
  const signingParams = o.signingParams ?? { decode: true, encapsulate: false, digested: false };
  const head = `{"module":"kz.gov.pki.knca.basics","method":"sign","args":{"allowedStorages":null,"format":"cms","data":${many ? '[' : ''}"`;
  const tail = `"${many ? ']' : ''},"signingParams":${JSON.stringify(signingParams)},"signerParams":{"extKeyUsageOids":["1.3.6.1.5.5.7.3.4"]},"locale":"ru"}}`;
  let messageBytes = 0;
  let fragments = 0;
  const out = async (text: string, fin = false) => {
    messageBytes += Buffer.byteLength(text);
    fragments++;
    const sent = send(ws, text, fin);
    sent.catch(() => undefined); // a failed write also closes the socket; awaited below when it matters
    // backpressure: wait for the socket only when a lot is queued
    if (fin || ws.bufferedAmount > 32 * 1024 * 1024) await sent;
  };
  await out(head);
  const hashes: Buffer[] = [];
  for (let d = 0; d < count; d++) {
    if (d > 0) await out('","');
    const hash = createHash('sha256');
    for (let done = 0, i = 0; done < o.contentBytes; i++) {
      const n = Math.min(chunkBytes, o.contentBytes - done);
      block.writeUInt32BE(i, 0); // vary the content chunk by chunk
      block.writeUInt32BE(d, 4);
      const chunk = block.subarray(0, n);
      hash.update(chunk);
      await out(chunk.toString('base64'));
      done += n;
    }
    hashes.push(hash.digest());
  }
  await out(tail, true);
  return { sha256: hashes, messageBytes, fragments };
}

export interface LargeSignRunResult extends LargeSignRequestSent {
  sendMs: number;
  /** from the first fragment to the reply */
  totalMs: number;
  /** every returned CMS carries the generated document's digest and a valid signature */
  verified: boolean;
  reply: Record<string, unknown>;
}

/** Connects, streams a large request, waits for the reply and checks the CMS (for tests and benchmarks). */
export async function runLargeSignRequest(
  o: LargeSignRequestOptions & { url: string; caPem: string; timeoutMs?: number },
): Promise<LargeSignRunResult> {
  const client = await connectSimClient(o.url, o.caPem);
  try {
    const t0 = performance.now();
    const sent = await sendLargeSignRequest(client.ws, o);
    const sendMs = performance.now() - t0;
    const reply = JSON.parse(await client.next(o.timeoutMs ?? 600_000)) as Record<string, unknown>;
    const totalMs = performance.now() - t0;
    const result = (reply['body'] as { result?: unknown } | undefined)?.result;
    const texts = Array.isArray(result) ? result : [result];
    let verified = texts.length === sent.sha256.length;
    for (const [i, text] of texts.entries()) {
      if (typeof text !== 'string') {
        verified = false;
        continue;
      }
      const info = await inspectCms(cmsFromBase64OrPem(text));
      verified &&= info.signatureValid && info.messageDigest.equals(sent.sha256[i] as Buffer);
    }
    return { ...sent, sendMs, totalMs, verified, reply };
  } finally {
    client.close();
  }
}
