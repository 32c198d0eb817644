/**
 * The web host: serves the built renderer on 127.0.0.1 and carries the SAME IPC contract over
 * a WebSocket, through the same guard and handlers as Electron's main process. Used by the
 * end-to-end tests and by `npm run demo:web`. Electron-only inputs are explicit here: files
 * arrive as uploads into `workDir`; folder / CA pickers return configured values.
 */
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError, toErrorView } from '../core/errors';
import { appSenderCheck, createDispatcher } from '../ipc/guard';
import type { AddressChange } from '../../src-shared/i18n/address-prompt';
import { createHandlers, forwardOutboxUpdates, type CoreServices, type Emit, type HostPorts } from '../ipc/handlers';
import { OpenedFilesInbox } from '../ipc/opened-files';

export interface WebHostOptions {
  core: CoreServices;
  rendererDir: string;
  /** Uploaded files are stored here (one sub-folder per upload, the original name kept). */
  workDir: string;
  port?: number;
  version: string;
  systemLanguage?: HostPorts['systemLanguage'];
  /** What the folder / CA "dialogs" answer in the browser. */
  pickFolder?: string | null;
  pickCaFile?: string | null;
  log?: (level: string, message: string) => void;
  /**
   * The answer to "change the SIGEX / NCALayer address?". The web host is a development and
   * test host bound to 127.0.0.1 with no native dialog: it accepts by default (and records
   * each question in `addressQuestions`); tests pass a refusal to check the rule.
   */
  confirmAddressChange?: (changes: AddressChange[]) => Promise<boolean>;
  /**
   * The answer to "e-mail the signed documents to these new addresses?" (a native dialog in
   * Electron). Accepted by default, each question recorded in `recipientQuestions`; tests pass
   * a refusal. The rules around it (remembered, not asked twice) are main's, shared with Electron.
   */
  confirmRecipients?: (emails: readonly string[], documents: number) => Promise<boolean>;
}

export interface WebHost {
  url: string;
  /** URLs the app asked the OS to open and copies it asked to show (tests read these). */
  opened: string[];
  shown: string[];
  /** Address changes the host was asked to confirm. */
  addressQuestions: AddressChange[][];
  /** New e-mail recipients the host was asked to confirm. */
  recipientQuestions: string[][];
  /**
   * Files given to the app the way Explorer's "Open with" / a second instance's argv gives
   * them (paths on this machine, no upload): the window takes them as the desktop app does.
   */
  openFiles(paths: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

const MAX_UPLOAD_NAME = 255;

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const opened: string[] = [];
  const shown: string[] = [];
  const addressQuestions: AddressChange[][] = [];
  const recipientQuestions: string[][] = [];
  const sockets = new Set<WebSocket>();
  const log = o.log ?? (() => undefined);
  let uploads = 0;

  const emit: Emit = (event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const s of sockets) s.send(text);
  };
  const openedFiles = new OpenedFilesInbox(
    (file) => o.core.files.add(file),
    () => emit('files:opened', null),
  );
  const host: HostPorts = {
    kind: 'web',
    openedFiles,
    droppedRoot: o.workDir,
    version: o.version,
    systemLanguage: o.systemLanguage ?? 'ru',
    chooseFiles: async () => [], // the browser shim uploads picked files instead
    chooseFolder: async () => o.pickFolder ?? null,
    chooseCaFile: async () => o.pickCaFile ?? null,
    openExternal: async (url) => void opened.push(url),
    showItemInFolder: (file) => void shown.push(file),
    log: (level, message) => log(level, message),
    confirmAddressChange: async (changes) => {
      addressQuestions.push(changes);
      return o.confirmAddressChange ? o.confirmAddressChange(changes) : true;
    },
    confirmRecipients: async (emails, documents) => {
      recipientQuestions.push([...emails]);
      return o.confirmRecipients ? o.confirmRecipients(emails, documents) : true;
    },
  };
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dispatch = createDispatcher(createHandlers(o.core, host, emit), appSenderCheck([origin]));
  const stopForwarding = forwardOutboxUpdates(o.core, emit);

  server.on('request', (req, res) => {
    handleHttp(req, res).catch((e: unknown) => {
      // A browser that goes away mid-response is not an error of ours.
      if ((e as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      log('error', `web host: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'POST' && url.pathname === '/upload') return upload(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(o.rendererDir, rel);
    if (!file.startsWith(path.resolve(o.rendererDir) + path.sep)) return void res.writeHead(404).end();
    const stat = await fsp.stat(file).catch(() => null);
    if (!stat?.isFile()) return void res.writeHead(404).end();
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(createReadStream(file), res);
  }

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const reply = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    try {
      if (req.headers.origin !== origin) throw new AppError('invalid-input', 'upload from a foreign origin');
      const name = url.searchParams.get('name') ?? '';
      if (!name || name !== path.basename(name) || name === '.' || name === '..' || /[\\/\0]/.test(name)) {
        throw new AppError('invalid-input', 'invalid file name');
      }
      if (Buffer.byteLength(name) > MAX_UPLOAD_NAME) throw new AppError('name-too-long', 'file name too long', { params: { name } });
      const dir = path.join(o.workDir, `upload-${Date.now()}-${++uploads}`);
      await fsp.mkdir(dir, { recursive: true });
      const target = path.join(dir, name);
      await pipeline(req, createWriteStream(target, { flags: 'wx' }));
      reply({ ok: true, value: await o.core.files.add(target) });
    } catch (e) {
      req.resume();
      reply({ ok: false, error: toErrorView(e) });
    }
  }

  const wss = new WebSocketServer({ server, path: '/ipc', maxPayload: 1024 * 1024 });
  wss.on('connection', (ws, req) => {
    const sender = { url: req.headers.origin ?? '', isAppFrame: req.headers.origin === origin };
    if (!sender.isAppFrame) return ws.close(1008, 'foreign origin');
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', async (data) => {
      let msg: { id?: unknown; channel?: unknown; args?: unknown };
      try {
        msg = JSON.parse(String(data)) as typeof msg;
      } catch (e) {
        log('warn', `web host: unparsable IPC message: ${(e as Error).message}`);
        return;
      }
      const outcome = await dispatch(msg.channel, sender, msg.args);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, outcome }));
    });
  });

  return {
    url: `${origin}/`,
    opened,
    shown,
    addressQuestions,
    recipientQuestions,
    openFiles: (paths) => openedFiles.add(paths),
    stop: async () => {
      stopForwarding();
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
