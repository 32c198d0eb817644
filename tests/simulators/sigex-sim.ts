/**
 * SIGEX simulator: HTTP on 127.0.0.1 with the real API shapes (PROTOCOLS.md §2). Errors are
 * HTTP 200 + {"message": key}; real CMS checks; /data hashed as a stream; settings rules;
 * e-mail outcomes; QR signing with a scripted phone; fault injection per route.
 *
 *   const sim = await startSigexSimulator();
 *   sim.fault('register', { sigexError: 'OCSP server problem' });
 *   ... SIGEX_URL=sim.url ...
 *   await sim.stop();
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DocStore } from './sigex-sim-docs';
import { drain, errorBody, forLog, readJson, sendJson, sendStatus, sleep, type Outcome } from './sigex-sim-http';
import { QrFlow } from './sigex-sim-qr';
import { stringsResponse } from './sigex-strings';
import type { PhoneScript, SigexFault, SigexRoute, SigexSim, SigexSimOptions, SimRequestLogEntry } from './sigex-sim-types';

export type {
  DocumentSettings,
  FixtureId,
  PhoneScript,
  SignerRequirement,
  SigexFault,
  SigexRoute,
  SigexSim,
  SigexSimOptions,
  SimDocument,
  SimRequestLogEntry,
  SimSignature,
} from './sigex-sim-types';

const MiB = 1024 * 1024;

interface Match {
  route: SigexRoute | 'unknown';
  /** the HTTP method this path expects; a different one answers 'Invalid HTTP request method' */
  method: string;
  id?: string;
}

function classify(method: string, pathname: string): Match {
  const p = pathname.replace(/\/+$/, '');
  const seg = p.split('/').slice(1); // ['api', ...]
  if (seg[0] !== 'api') return { route: 'unknown', method };
  const [, a, b, c] = seg;
  if (a === undefined) return { route: 'register', method: 'POST' };
  if (a === 'strings' && b === undefined) return { route: 'strings', method: 'GET' };
  if (a === 'version' && b === undefined) return { route: 'version', method: 'GET' };
  if (a === 'egovQr' && b === undefined) return { route: 'egovQr', method: 'POST' };
  if (a === 'exported' && b === undefined) return { route: 'exported', method: 'POST' };
  if (a === 'egovQr' && b !== undefined && c === undefined) {
    return method === 'GET' ? { route: 'qrSign', method: 'GET', id: b } : { route: 'qrData', method: 'POST', id: b };
  }
  if (b === undefined) {
    return method === 'GET' ? { route: 'info', method: 'GET', id: a } : { route: 'addSignature', method: 'POST', id: a };
  }
  if (b === 'data' && c === undefined) return { route: 'data', method: 'POST', id: a };
  if (b === 'buildFileName' && c === undefined) return { route: 'buildFileName', method: 'GET', id: a };
  if (b === 'buildDDC' && c === undefined) return { route: 'buildDDC', method: 'POST', id: a };
  return { route: 'unknown', method };
}

const JSON_ROUTES = new Set<SigexRoute | 'unknown'>(['register', 'addSignature', 'exported', 'egovQr', 'qrData']);
const QR_ROUTES = new Set<SigexRoute | 'unknown'>(['egovQr', 'qrData', 'qrSign']);

export async function startSigexSimulator(opts: SigexSimOptions = {}): Promise<SigexSim> {
  const now = opts.now ?? Date.now;
  const maxJsonBytes = opts.maxJsonBytes ?? 16 * MiB;
  const version = opts.version ?? '3.0.0-sim';
  const store = new DocStore({
    maxDataBytes: opts.maxDataBytes ?? 1024 * MiB,
    maxEmailRecipients: opts.maxEmailRecipients ?? 10,
    emailAttachLimitBytes: opts.emailAttachLimitBytes ?? 10 * MiB,
    emailFailWith: null,
    bodyIdleTimeoutMs: opts.bodyIdleTimeoutMs ?? 30_000,
    infoDigests: true,
    now,
  });
  const initialAttachLimit = store.cfg.emailAttachLimitBytes;
  let baseUrl = '';
  const qrCfg = { qrTtlMs: opts.qrTtlMs ?? 120_000, now };
  const qr = new QrFlow(() => baseUrl, qrCfg);
  const initialPhone: PhoneScript | undefined = opts.phone;
  if (initialPhone) qr.phone = { ...qr.phone, ...initialPhone };
  const requests: SimRequestLogEntry[] = [];
  const faults = new Map<SigexRoute, SigexFault[]>();
  /** sockets with a /data body in progress -> ends that upload as cut short */
  const uploading = new WeakMap<object, () => void>();

  const takeFault = (route: SigexRoute): SigexFault | undefined => faults.get(route)?.shift() ?? faults.get('any')?.shift();

  const answer = (res: http.ServerResponse, entry: SimRequestLogEntry, o: Outcome, withRequestId: boolean) => {
    if ('error' in o) {
      entry.message = o.error;
      sendJson(res, errorBody(o.error, withRequestId && !o.noRequestId));
    } else {
      sendJson(res, o.json);
    }
  };

  async function run(
    m: Match,
    req: http.IncomingMessage,
    url: URL,
    entry: SimRequestLogEntry,
  ): Promise<Outcome & { closeAfter?: boolean }> {
    let body: unknown;
    if (JSON_ROUTES.has(m.route)) {
      const parsed = await readJson(req, maxJsonBytes);
      if ('error' in parsed) return { error: parsed.error };
      body = parsed.value;
      entry.body = forLog(body);
    } else if (m.route !== 'data' && m.route !== 'buildDDC') {
      await drain(req);
    }
    const id = m.id ?? '';
    switch (m.route) {
      case 'register':
        return store.register(body);
      case 'data':
        return store
          .uploadData(id, req, { onBytes: (n) => (entry.bytes = n), onCut: (fn) => uploading.set(req.socket, fn) })
          .finally(() => uploading.delete(req.socket));
      case 'info':
        return store.info(id, url.searchParams.get('lastSignId'));
      case 'addSignature':
        return store.addSignature(id, body);
      case 'buildFileName':
        return store.buildFileName(id, url.searchParams.get('name'));
      case 'buildDDC':
        return store.buildDdc(id, req);
      case 'exported':
        return store.exported(body);
      case 'strings':
        return { json: stringsResponse() };
      case 'version':
        return { json: { version } };
      case 'egovQr':
        return qr.register(body);
      case 'qrData':
        return qr.sendData(id, body);
      case 'qrSign':
        return qr.getSignatures(id);
      default:
        return { error: 'Invalid API route' };
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__sim/stats') {
      await drain(req);
      sendJson(res, { memory: process.memoryUsage(), pid: process.pid, documents: store.docs.size });
      return;
    }
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type',
      });
      res.end();
      return;
    }
    const m = classify(method, url.pathname);
    const cl = req.headers['content-length'];
    const entry: SimRequestLogEntry = {
      method,
      path: req.url ?? '/',
      route: m.route,
      time: new Date(),
      ...(cl !== undefined ? { contentLength: Number(cl) } : {}),
    };
    requests.push(entry);
    const withRequestId = !QR_ROUTES.has(m.route);
    if (m.route === 'unknown' || m.method !== method) {
      await drain(req);
      answer(res, entry, { error: m.route === 'unknown' ? 'Invalid API route' : 'Invalid HTTP request method' }, true);
      return;
    }
    const fault = takeFault(m.route);
    let drop = false;
    if (fault) {
      entry.fault = fault;
      if ('delayMs' in fault) await sleep(fault.delayMs);
      else if ('hang' in fault) return void req.pause();
      else if ('status' in fault) return void drain(req).then(() => sendStatus(res, fault.status));
      else if ('sigexError' in fault) return void drain(req).then(() => answer(res, entry, { error: fault.sigexError }, withRequestId));
      else if ('rateLimit' in fault)
        return void drain(req).then(() => answer(res, entry, { error: 'Request rate limit reached' }, withRequestId));
      else if ('dropAfterBody' in fault) drop = true;
    }
    const outcome = await run(m, req, url, entry);
    if (fault && 'foreignOrigin' in fault && 'json' in outcome) {
      const json = outcome.json as Record<string, unknown>;
      for (const k of ['dataURL', 'signURL']) {
        if (typeof json[k] === 'string') json[k] = (json[k] as string).replace(baseUrl, fault.foreignOrigin);
      }
    }
    if (drop) {
      if ('error' in outcome) entry.message = outcome.error;
      req.socket.destroy();
      return;
    }
    if (outcome.closeAfter) {
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.socket.destroySoon());
    }
    answer(res, entry, outcome, withRequestId);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in the simulator shows up as the service's generic error, and on stderr.
      console.error('sigex-sim: unexpected error', err);
      sendJson(res, errorBody('Unexpected error', true));
    });
  });
  server.requestTimeout = 0; // long uploads and long waits are the point
  // A body cut short by the client's FIN: the request in progress answers it (size mismatch).
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const cut = uploading.get(socket);
    if (err.code === 'HPE_INVALID_EOF_STATE' && cut) return cut();
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    port,
    requests,
    documents: () => [...store.docs.values()],
    document: (id) => store.docs.get(id),
    fault(route, fault) {
      const q = faults.get(route) ?? [];
      q.push(fault);
      faults.set(route, q);
    },
    setPhone(script) {
      qr.phone = { ...script };
    },
    setQrTtl(ms) {
      qrCfg.qrTtlMs = ms ?? opts.qrTtlMs ?? 120_000;
    },
    setEmail(o) {
      if (o.attachLimitBytes !== undefined) store.cfg.emailAttachLimitBytes = o.attachLimitBytes;
      if (o.failWith !== undefined) store.cfg.emailFailWith = o.failWith;
    },
    requireDigestUpdate(id) {
      const doc = store.docs.get(id);
      if (!doc) throw new Error(`sigex-sim: no document ${id}`);
      doc.digestUpdateRequired = true;
    },
    setInfoDigests(on) {
      store.cfg.infoDigests = on;
    },
    async goOffline() {
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async goOnline() {
      if (!server.listening) await listen(port);
    },
    reset() {
      store.reset();
      qr.reset();
      qrCfg.qrTtlMs = opts.qrTtlMs ?? 120_000;
      if (initialPhone) qr.phone = { ...qr.phone, ...initialPhone };
      faults.clear();
      requests.length = 0;
      store.cfg.emailAttachLimitBytes = initialAttachLimit;
      store.cfg.emailFailWith = null;
      store.cfg.infoDigests = true;
    },
    async stop() {
      qr.reset();
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
