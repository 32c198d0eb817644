/**
 * Preload (sandboxed, context-isolated): exposes ONE named API object, window.sigex, built
 * from the contract's method table. No generic invoke is exposed. Dropped files' paths are
 * resolved here (webUtils) and never pass through renderer code.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { SigexApi } from './ipc/contract';
import { ADD_DROPPED_CHANNEL, apiMethods, JOB_UPDATE_EVENT, OUTBOX_UPDATE_EVENT, FILES_OPENED_EVENT } from '../src-shared/api-methods';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function invoke(channel: string, args: unknown[]): Promise<unknown> {
  const outcome = (await ipcRenderer.invoke(channel, ...args)) as Outcome;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

const methods = Object.fromEntries(
  Object.entries(apiMethods).map(([method, channel]) => [method, (...args: unknown[]) => invoke(channel, args)]),
) as Omit<SigexApi, 'addDroppedFiles' | 'onJobUpdate' | 'onOutboxUpdate' | 'onFilesOpened'>;

/** A named event from main -> the listener; returns the unsubscribe. */
function subscribe<T>(event: string, listener: (payload: T) => void): () => void {
  const wrapped = (_e: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => void ipcRenderer.removeListener(event, wrapped);
}

const api: SigexApi = {
  ...methods,
  addDroppedFiles: (files) => {
    const paths = (files as unknown as File[]).map((f) => webUtils.getPathForFile(f)).filter((p) => p !== '');
    return invoke(ADD_DROPPED_CHANNEL, [paths]) as ReturnType<SigexApi['addDroppedFiles']>;
  },
  onJobUpdate: (listener) => subscribe(JOB_UPDATE_EVENT, listener),
  onOutboxUpdate: (listener) => subscribe(OUTBOX_UPDATE_EVENT, listener),
  onFilesOpened: (listener) => subscribe(FILES_OPENED_EVENT, listener),
};

contextBridge.exposeInMainWorld('sigex', api);
