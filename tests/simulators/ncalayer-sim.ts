/**
 * NCALayer simulator: `wss` on 127.0.0.1 with a certificate from the TEST ONLY PKI, speaking
 * the protocol of PROTOCOLS.md §1 (greeting, heartbeat, kz.gov.pki.knca.basics sign with single
 * and array data, the legacy commonUtils module, MODULE_NOT_FOUND, optional KAZTOKEN probe),
 * signing real CMS with fixture keys. Scripted outcomes per request: sign, cancel, error, delay,
 * hang, drop; `tls: 'untrusted'` serves a certificate nobody trusts.
 *
 * Scripted outcomes are consumed only by "dialog" operations: basics.sign and every
 * commonUtils method. Heartbeats, the KAZTOKEN probe, unknown modules and malformed or invalid
 * requests are answered at once. Requests on one socket are handled one after another (a hung
 * request blocks its socket, as NCALayer's single dialog would).
 *
 * Large requests: one text message of 1.5 GiB+ in many fragments is accepted (maxPayload 4 GiB)
 * and read as its frames arrive (sim-websocket.ts): a message up to STREAM_ABOVE_BYTES is kept
 * whole and parsed at once, a longer one goes through RequestScanner, which decodes its big
 * strings while they stream (ncalayer-sim-scan.ts). Neither is ever held whole as a string.
 */
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { loadPki } from './cms';
import {
  cancelResponse,
  DEFAULT_MODE,
  errorResponse,
  planParsed,
  planRequest,
  signsWithStreebog,
  type LoggedRequest,
  type NcaLayerSimMode,
  type Operation,
  type Plan,
  type SimOutcome,
} from './ncalayer-sim-ops';
import { readingsFor } from './ncalayer-sim-readings';
import { RequestScanner } from './ncalayer-sim-scan';
import { serveWebSocket, type WsConnection, type WsMessage } from './sim-websocket';

export { DEFAULT_MODE, type LoggedRequest, type NcaLayerSimMode, type SimOutcome } from './ncalayer-sim-ops';

export const HEARTBEAT = '--heartbeat--';
/** The largest message: big enough for a 1.5 GiB+ single message. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024 * 1024;
/** A message longer than this is read as it streams instead of being kept whole. */
export const STREAM_ABOVE_BYTES = 1024 * 1024;

export interface NcaLayerSimOptions extends Partial<NcaLayerSimMode> {
  /** default 0 (any free port); the demo passes 13579 */
  port?: number;
  /** 'trusted' (default): issued by the test root CA; 'untrusted': by a CA nobody trusts */
  tls?: 'trusted' | 'untrusted';
}

export interface NcaLayerSimStats {
  /** WebSocket connections accepted so far */
  connections: number;
  /** JSON requests received (heartbeats not included) */
  requests: number;
  /** `data` items received and decoded */
  documents: number;
  /** bytes of all received messages, heartbeats included */
  bytesReceived: number;
  heartbeats: number;
  /** TLS handshakes that failed (e.g. the client did not trust the certificate) */
  tlsErrors: number;
  lastRequest?: LoggedRequest;
}

export interface NcaLayerSim {
  /** wss://127.0.0.1:<port>/ */
  url: string;
  port: number;
  /** the CA that issued the served certificate (the UNTRUSTED one with tls:'untrusted') */
  caPem: string;
  stats: NcaLayerSimStats;
  /** every request that reached a module, in order */
  requests: LoggedRequest[];
  setMode(o: Partial<NcaLayerSimMode>): void;
  /** queue outcomes for the next operations, consumed in order, then the mode's outcome applies */
  script(...outcomes: SimOutcome[]): void;
  /** closes every socket at once and the server */
  stop(): Promise<void>;
}

type Resolved =
  | { kind: 'sign' }
  | { kind: 'cancel' }
  | { kind: 'hang' }
  | { kind: 'drop' }
  | { kind: 'error'; code?: string; message?: string; details?: string }
  | { kind: 'delay'; ms: number; then?: SimOutcome };

function resolveOutcome(o: SimOutcome): Resolved {
  return typeof o === 'string' ? { kind: o } : o;
}

export async function startNcaLayerSimulator(opts: NcaLayerSimOptions = {}): Promise<NcaLayerSim> {
  const { port: wantedPort = 0, tls = 'trusted', ...modeOpts } = opts;
  const pki = loadPki();
  const mode: NcaLayerSimMode = { ...DEFAULT_MODE, ...modeOpts };
  const queue: SimOutcome[] = [];
  const stats: NcaLayerSimStats = { connections: 0, requests: 0, documents: 0, bytesReceived: 0, heartbeats: 0, tlsErrors: 0 };
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const [certPem, keyPem, caPem] =
    tls === 'untrusted'
      ? [pki.untrustedServerCertPem, pki.untrustedServerKeyPem, pki.untrustedCaCertPem]
      : [pki.serverCertPem, pki.serverKeyPem, pki.caCertPem];
  // The chain (leaf + root) is served like a real server would, so an untrusted client sees
  // SELF_SIGNED_CERT_IN_CHAIN rather than a bare "unable to verify".
  const server = https.createServer({ cert: certPem + caPem, key: keyPem }, (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {
    stats.tlsErrors++;
  });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const send = (ws: WsConnection, response: unknown) => {
    if (!stopped) ws.send(JSON.stringify(response));
  };

  /** Applies one outcome; resolves when answered (never for hang). */
  async function apply(ws: WsConnection, op: Operation, outcome: SimOutcome): Promise<void> {
    const o = resolveOutcome(outcome);
    switch (o.kind) {
      case 'sign':
        try {
          send(ws, await op.sign(mode));
        } catch (e) {
          send(ws, errorResponse(op.flavor, 'SIGNING_FAILURE', 'Simulator failed to sign', String(e), op.uuid));
        }
        return;
      case 'cancel':
        send(ws, cancelResponse(op.flavor, op.uuid));
        return;
      case 'error':
        send(ws, errorResponse(op.flavor, o.code ?? 'INVOCATION_ERROR', o.message ?? 'Simulated error', o.details ?? '', op.uuid));
        return;
      case 'delay':
        await sleep(o.ms);
        return apply(ws, op, o.then ?? 'sign');
      case 'hang':
        return new Promise<void>(() => undefined);
      case 'drop':
        ws.terminate();
        return;
    }
  }

  async function handle(ws: WsConnection, planned: () => Plan): Promise<void> {
    stats.requests++;
    const plan = planned();
    const log = plan.kind === 'reply' ? plan.log : plan.op.log;
    if (log) {
      requests.push(log);
      stats.lastRequest = log;
      stats.documents += log.documentCount;
    }
    if (plan.kind === 'reply') return send(ws, plan.response);
    await apply(ws, plan.op, queue.shift() ?? mode.outcome);
  }

  /**
   * One message as it arrives: kept whole up to STREAM_ABOVE_BYTES, else scanned piece by
   * piece; `done` gets the heartbeat, or how to plan the request once its turn comes.
   */
  function receive(done: (m: { heartbeat: true } | { planned: () => Plan }) => void): WsMessage {
    const whole: Buffer[] = [];
    let bytes = 0;
    let scanner: RequestScanner | null = null;
    let failure: { error: unknown } | null = null;
    // the signer and the encapsulation limit as they are when the request starts
    const hints = readingsFor({ gost: signsWithStreebog(mode.signer), keepLimit: mode.maxEncapsulateBytes });
    return {
      data(piece) {
        bytes += piece.length;
        if (!scanner && bytes <= STREAM_ABOVE_BYTES) return void whole.push(Buffer.from(piece));
        if (failure) return;
        try {
          if (!scanner) {
            scanner = new RequestScanner(hints);
            for (const p of whole.splice(0)) scanner.push(p);
          }
          scanner.push(piece);
        } catch (error) {
          failure = { error };
        }
      },
      end() {
        stats.bytesReceived += bytes;
        if (scanner) {
          const streamed = scanner;
          const broken = failure;
          return done({
            planned: () => {
              if (broken) throw broken.error;
              return planParsed(() => streamed.parse(), mode);
            },
          });
        }
        const message = Buffer.concat(whole);
        if (message.length === HEARTBEAT.length && message.toString('latin1') === HEARTBEAT) return done({ heartbeat: true });
        done({ planned: () => planRequest(message, mode) });
      },
      abort() {
        whole.length = 0;
        scanner = null;
      },
    };
  }

  const closeSockets = serveWebSocket(server, {
    maxPayload: MAX_PAYLOAD_BYTES,
    connection(ws) {
      stats.connections++;
      let chain = Promise.resolve();
      send(ws, { result: { version: mode.version } });
      return {
        message: () =>
          receive((m) => {
            if ('heartbeat' in m) {
              stats.heartbeats++;
              return ws.send(HEARTBEAT);
            }
            chain = chain.then(() =>
              handle(ws, m.planned).catch((e: unknown) => send(ws, errorResponse('basics', 'GENERAL_ERROR', 'Simulator error', String(e)))),
            );
          }),
      };
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wantedPort, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `wss://127.0.0.1:${port}/`,
    port,
    caPem,
    stats,
    requests,
    setMode(o) {
      Object.assign(mode, o);
    },
    script(...outcomes) {
      queue.push(...outcomes);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      closeSockets();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
