/**
 * Browser side of the web host: installs a window.sigex with the same shape as the Electron
 * preload's, carried over a WebSocket to the host, which calls the same handlers. Files the
 * user drops or picks are uploaded to the host's work directory (the browser has no paths).
 */
import type { FileEntry, SigexApi } from '../src-main/ipc/contract';
import { apiMethods, JOB_UPDATE_EVENT, OUTBOX_UPDATE_EVENT, FILES_OPENED_EVENT } from '../src-shared/api-methods';

type Outcome = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

function connect(): Promise<WebSocket> {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/ipc`);
  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => resolve(ws), { once: true });
    ws.addEventListener('error', () => reject(new Error('web host unreachable')), { once: true });
  });
}

async function upload(file: File): Promise<FileEntry> {
  const res = await fetch(`./upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  const outcome = (await res.json()) as Outcome;
  if (!outcome.ok) throw outcome.error;
  return outcome.value as FileEntry;
}

async function uploadAll(files: readonly File[]): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  for (const f of files) out.push(await upload(f));
  return out;
}

/** The browser's own picker stands in for the native dialog. */
function pickFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.hidden = true;
    input.addEventListener('change', () => {
      resolve(Array.from(input.files ?? []));
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

export async function installWebShim(): Promise<void> {
  const ws = await connect();
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const subscribe = <T>(event: string, listener: (payload: T) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  };
  let nextId = 1;

  ws.addEventListener('message', (ev: MessageEvent<string>) => {
    const msg = JSON.parse(ev.data) as { id?: number; outcome?: Outcome; event?: string; payload?: unknown };
    if (msg.event !== undefined) {
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload as never);
      return;
    }
    const p = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!p || !msg.outcome) return;
    pending.delete(msg.id as number);
    if (msg.outcome.ok) p.resolve(msg.outcome.value);
    else p.reject(msg.outcome.error);
  });
  ws.addEventListener('close', () => {
    for (const p of pending.values()) p.reject({ kind: 'network', message: 'web host connection closed' });
    pending.clear();
  });

  const invoke = (channel: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, channel, args }));
    });

  const methods = Object.fromEntries(
    Object.entries(apiMethods).map(([method, channel]) => [method, (...args: unknown[]) => invoke(channel, args)]),
  ) as Omit<SigexApi, 'addDroppedFiles' | 'onJobUpdate' | 'onOutboxUpdate' | 'onFilesOpened'>;

  const api: SigexApi = {
    ...methods,
    chooseFiles: async () => uploadAll(await pickFiles()),
    addDroppedFiles: (files) => uploadAll(files as readonly File[]),
    onJobUpdate: (listener) => subscribe(JOB_UPDATE_EVENT, listener),
    onOutboxUpdate: (listener) => subscribe(OUTBOX_UPDATE_EVENT, listener),
    onFilesOpened: (listener) => subscribe(FILES_OPENED_EVENT, listener),
  };
  Object.defineProperty(window, 'sigex', { value: Object.freeze(api), configurable: false, writable: false });
}
